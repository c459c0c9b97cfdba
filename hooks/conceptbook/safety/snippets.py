"""A snippet include that cannot be read is a message with file:line, not a traceback.

pymdownx.snippets (`--8<-- "path"`, with `check_paths: true` in mkdocs.yml) raises
SnippetMissingError for a path that is missing or lies outside the project folder
(`--8<-- "/etc/hostname"`), and MkDocs turns that into a traceback. This extension wraps
its preprocessor: the first such include of a page is reported with the line that
writes it, and the page is read again with missing snippets left out. What an include
brings in is checked like the rest of the page (safety/html.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from conceptbook.common.report import line_at, where

from .report import log

Page = Callable[[], tuple[str, str] | None]  # the page being rendered: (path in messages, source)
_PATH = re.compile(r"'(.*)'")


class _Guard(Preprocessor):
    def __init__(self, md: Markdown, snippets: Any, page: Page) -> None:
        super().__init__(md)
        self.snippets = snippets
        self.page = page

    def __getattr__(self, name: str) -> Any:
        """The wrapped preprocessor's own attributes (its extension's reset() clears its cache)."""
        if name == "snippets":
            raise AttributeError(name)
        return getattr(self.snippets, name)

    def run(self, lines: list[str]) -> list[str]:
        from pymdownx.snippets import SnippetMissingError

        try:
            return list(self.snippets.run(lines))
        except SnippetMissingError as error:
            self._report(str(error))
            self.snippets.check_paths = False
            try:
                return list(self.snippets.run(lines))
            finally:
                self.snippets.check_paths = True

    def _report(self, error: str) -> None:
        found = _PATH.search(error)
        name = found.group(1) if found else error
        path, source = self.page() or ("a page", "")
        index = source.find(name) if name else -1
        line = line_at(source, index) if index >= 0 else None
        log.error(
            f"{where(path, line)}: the snippet {name!r} cannot be included: it is missing or lies outside the "
            f"project folder; give the path of a file in the project from its top folder "
            f"(e.g. docs/assets/snippets/note.md), or delete the line."
        )


class SnippetGuard(Extension):
    """Registered after pymdownx.snippets (mkdocs.yml's extensions come first)."""

    def __init__(self, page: Page) -> None:
        super().__init__()
        self.page = page

    def extendMarkdown(self, md: Markdown) -> None:
        if "snippet" in md.preprocessors:
            snippets = md.preprocessors["snippet"]
            md.preprocessors.register(_Guard(md, snippets, self.page), "snippet", 32)
