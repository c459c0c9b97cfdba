"""A snippet include reads only files of docs/, and one that cannot be read is a message.

pymdownx.snippets (`--8<-- "path"`) reads any file under its base path, the folder the
build runs in: `--8<-- ".git/config"` would print into a page the token a CI checkout
keeps there, `--8<-- ".env"` the secrets beside it, a link (symlink) under docs/ any
file of the machine. So a path is followed only to a file whose real place is inside
docs/ and no part of whose path is hidden (starts with '.'); any other include is
refused with the line that writes it.

With `check_paths: true` in mkdocs.yml, pymdownx raises SnippetMissingError for a path
that is missing, lies outside the project folder (`--8<-- "/etc/hostname"`) or is
refused here, and MkDocs turns that into a traceback. This extension wraps its
preprocessor: the first such include of a page is reported with the line that writes it,
and the page is read again with those snippets left out. What an include brings in is
checked like the rest of the page (safety/html.py).
"""

from __future__ import annotations

import os
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
    def __init__(self, md: Markdown, snippets: Any, page: Page, docs_dir: str) -> None:
        super().__init__(md)
        self.snippets = snippets
        self.page = page
        self.docs = os.path.realpath(docs_dir)
        self.refused: set[str] = set()  # paths reported by `_allowed`, not again as missing
        find = snippets.get_snippet_path
        snippets.get_snippet_path = lambda path: self._allowed(path, find(path))

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

    def _allowed(self, name: str, found: str | None) -> str | None:
        """`found` (pymdownx's answer for the include `name`) if it is a file of docs/, else None."""
        if found is None:
            return None
        real = os.path.realpath(found)
        hidden = any(part.startswith(".") and part not in (".", "..") for part in name.replace("\\", "/").split("/"))
        if not hidden and os.path.commonpath([self.docs, real]) == self.docs:
            return found
        if name not in self.refused:
            self.refused.add(name)
            where_ = self._where(name)
            log.error(
                f"{where_}: the snippet {name!r} cannot be included: only files under docs/ whose names do not "
                f"start with '.' can be, and this one "
                f"{'is hidden' if hidden else f'lies at {real}'}; copy the text into docs/assets/snippets/ "
                f"and include it from there (e.g. docs/assets/snippets/note.md), or delete the line."
            )
        return None

    def _where(self, name: str) -> str:
        path, source = self.page() or ("a page", "")
        index = source.find(name) if name else -1
        return where(path, line_at(source, index) if index >= 0 else None)

    def _report(self, error: str) -> None:
        found = _PATH.search(error)
        name = found.group(1) if found else error
        if name in self.refused:
            return
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

    def __init__(self, page: Page, docs_dir: str) -> None:
        super().__init__()
        self.page = page
        self.docs_dir = docs_dir

    def extendMarkdown(self, md: Markdown) -> None:
        if "snippet" in md.preprocessors:
            snippets = md.preprocessors["snippet"]
            md.preprocessors.register(_Guard(md, snippets, self.page, self.docs_dir), "snippet", 32)
