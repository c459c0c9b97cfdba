"""Reading YAML front matter ourselves, because MkDocs drops broken YAML silently.

MkDocs' own reader returns an empty mapping when the YAML cannot be parsed, which would
turn an author's typo into a page with no title and no error. Here a problem becomes a
`FrontMatterError` that carries the line in the file where it was found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it (the wheels are): see _load.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The same delimiters MkDocs accepts: `---` to open, `---` or `...` to close.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL)


class FrontMatterError(ValueError):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class FrontMatter:
    data: dict[str, Any]
    yaml_text: str  # the YAML between the fences, to find the line of a key
    body: str
    body_line: int  # file line on which the body starts

    def line_of_key(self, key: str) -> int | None:
        match = re.search(rf"^{re.escape(key)}[ \t]*:", self.yaml_text, re.MULTILINE)
        if match is None:
            return None
        return 2 + self.yaml_text.count("\n", 0, match.start())


def _load(yaml_text: str) -> Any:
    """The front matter's data, parsed by libyaml when PyYAML has it.

    The engine reads every chapter's and concept's front matter a second time (MkDocs
    has parsed it, but drops errors), and the pure-Python parser was a third of the
    time spent in the engine's hooks (benchmarks/); libyaml is several times faster.
    Text libyaml rejects is parsed again by the pure-Python parser, so error messages
    (problem and line) stay exactly those authors and tests already know.
    """
    if _FAST_LOADER is not yaml.SafeLoader:
        try:
            return yaml.load(yaml_text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(yaml_text)


def parse(source: str) -> FrontMatter:
    """Split `source` into front matter and body; raise FrontMatterError if unusable."""
    if not source.startswith("---"):
        return FrontMatter({}, "", source, 1)
    match = _FRONT_MATTER.match(source)
    if match is None:
        raise FrontMatterError(1, "the front matter opened with '---' is never closed; add a line '---' after it")
    yaml_text = match.group(1) or ""
    try:
        data = _load(yaml_text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise FrontMatterError(
            line, f"the front matter is not valid YAML ({problem}); check quotes, colons and indentation"
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(2, "the front matter must be a set of 'key: value' lines")
    body_line = 1 + source.count("\n", 0, match.end())
    return FrontMatter({str(k): v for k, v in data.items()}, yaml_text, source[match.end() :], body_line)
