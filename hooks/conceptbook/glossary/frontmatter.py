"""Reading YAML front matter ourselves, because MkDocs drops broken YAML silently.

MkDocs' own reader returns an empty mapping when the YAML cannot be parsed, which would
turn an author's typo into a page with no title and no error. Here a problem becomes a
`FrontMatterError` that carries the line in the file where it was found.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import yaml

# The same delimiters MkDocs accepts: `---` to open, `---` or `...` to close, each on its own line.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL)
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class _Strict:
    """What front matter may not use, on top of PyYAML's safe subset.

    - Duplicate keys: YAML keeps the last silently; an author means one of them.
    - Aliases (`*name`): a few hundred bytes of nested aliases expand to megabytes
      wherever the value is printed (an "alias bomb"); front matter never needs them.
    - Tags that change a value's type (`!!set`, `!!binary`, `!!omap`, custom `!x`).
    - Impossible dates (`2026-02-30`): PyYAML raises a bare ValueError for them.
    Each becomes a YAML error with the node's position, so its line is reported.
    """

    constructed_objects: dict[Any, Any]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "it uses a YAML anchor and alias (&name, *name); write the value out in full",
                node.start_mark,
            )
        if isinstance(node, yaml.ScalarNode):
            # A plain scalar has no style: None from the pure-Python parser, "" from libyaml's.
            plain = not node.style
            implicit = (plain, not plain)
            if node.tag != self.resolve(yaml.ScalarNode, node.value, implicit):  # type: ignore[attr-defined]
                raise _tag_error(node)
        elif node.tag not in (_SEQ, _MAP):
            raise _tag_error(node)
        return super().construct_object(node, deep)  # type: ignore[misc]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key '{key}' appears twice; keep one of them", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep)  # type: ignore[misc]

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)  # type: ignore[misc]
        except ValueError:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"'{node.value}' is not a real date; write a date that exists as YYYY-MM-DD, or put text in quotes",
                node.start_mark,
            ) from None


# Problems found by _Strict end with their own fix.
_OWN_FIX = ("write the value out in full", "keep one of them", "or put text in quotes", "(put text in quotes instead)")


def _tag_error(node: yaml.Node) -> yaml.YAMLError:
    return yaml.constructor.ConstructorError(
        None,
        None,
        f"it uses the YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}'; remove the tag "
        f"(put text in quotes instead)",
        node.start_mark,
    )


class _SafeLoader(_Strict, yaml.SafeLoader):
    pass


_SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _Strict.construct_yaml_timestamp)  # type: ignore[type-var]
# libyaml's parser when PyYAML was built with it (the wheels are): see _load. Only the
# parser is C; the constructor (and so the checks above) is the same Python code.
if hasattr(yaml, "CSafeLoader"):

    class _FastLoader(_Strict, yaml.CSafeLoader):
        pass

    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _Strict.construct_yaml_timestamp)  # type: ignore[type-var]
    _FAST_LOADER: type | None = _FastLoader
else:  # pragma: no cover - PyYAML without libyaml
    _FAST_LOADER = None


def strict_yaml_loader(text: str, fast: bool = True) -> yaml.SafeLoader:
    """A loader for `text` with front matter's rules (no aliases, tags or repeated keys),
    for YAML files of the book that are not front matter (the question banks): call
    `get_single_node()` for the nodes and their lines, then `construct_document(node)`.
    libyaml parses when PyYAML has it (`fast`); its errors read differently, so a caller
    that reports a YAML error parses again with `fast=False` for the message."""
    if fast and _FAST_LOADER is not None:
        loader: yaml.SafeLoader = _FAST_LOADER(text)
        return loader
    return _SafeLoader(text)


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
    if _FAST_LOADER is not None:
        try:
            return yaml.load(yaml_text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.load(yaml_text, Loader=_SafeLoader)


def closed_front_matter(source: str) -> str | None:
    """`source` with a final newline when it ends on the front matter's closing `---`.

    MkDocs' reader needs a newline after the closing line, or it shows the front matter
    as text; this reader accepts the end of the file. None when nothing needs changing.
    """
    if source.startswith("---") and not source.endswith("\n") and _FRONT_MATTER.fullmatch(source):
        return source + "\n"
    return None


@functools.lru_cache(maxsize=4096)  # chapters and concepts are read by several checks
def parse(source: str) -> FrontMatter:
    """Split `source` into front matter and body; raise FrontMatterError if unusable."""
    if not source.startswith("---"):
        stripped = source.lstrip()
        if stripped.startswith("---") and _FRONT_MATTER.match(stripped):
            line = 1 + source.count("\n", 0, len(source) - len(stripped))
            raise FrontMatterError(
                line,
                f"the front matter must start on line 1, but blank lines come before its '---' (line {line}); "
                f"delete the blank lines above it",
            )
        return FrontMatter({}, "", source, 1)
    match = _FRONT_MATTER.match(source)
    if match is None:
        raise FrontMatterError(1, "the front matter opened with '---' is never closed; add a line '---' after it")
    yaml_text = match.group(1) or ""
    try:
        data = _load(yaml_text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        error_line = mark.line + 2 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        if isinstance(error, yaml.constructor.ConstructorError) and problem.endswith(_OWN_FIX):
            raise FrontMatterError(error_line, f"the front matter cannot be used: {problem}") from None
        raise FrontMatterError(
            error_line, f"the front matter is not valid YAML ({problem}); check quotes, colons and indentation"
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(2, "the front matter must be a set of 'key: value' lines")
    body_line = 1 + source.count("\n", 0, match.end())
    return FrontMatter({str(k): v for k, v in data.items()}, yaml_text, source[match.end() :], body_line)
