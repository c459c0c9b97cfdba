"""Paths a capability generates: an author's file there is left out, with a message."""

from __future__ import annotations

import logging
import os
import posixpath
from collections.abc import Callable, Iterable

from mkdocs.structure.files import File, Files


def message_path(file: File, docs_dir: str) -> str:
    """A file as named in messages, from the docs folder's parent: docs/chapters/x.md
    (its src_uri for a file the build generated)."""
    if not file.abs_src_path:
        return file.src_uri
    return os.path.relpath(file.abs_src_path, os.path.dirname(docs_dir)).replace(os.sep, "/")


class Sources:
    """Each file's text, read from disk once per build.

    MkDocs' `File.content_string` opens and decodes the file on every call, and a page
    is read by several capabilities (citations found in on_files, concepts, chapters'
    cite data, the page itself, the HTML check's line numbers): six reads of every page.
    Kept per File object, not per path: a generated page can replace an author's file of
    the same path. Create one per build (`mkdocs serve` sees edits on the next build).
    """

    def __init__(self) -> None:
        self._texts: dict[int, tuple[File, str]] = {}

    def __call__(self, file: File) -> str:
        """The file's text (UnicodeDecodeError and OSError as File.content_string raises them)."""
        known = self._texts.get(id(file))
        if known is None or known[0] is not file:
            known = self._texts[id(file)] = (file, file.content_string)
        return known[1]


_OTHER_MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd")  # MkDocs reads these as Markdown too


def drop_generated(
    files: Files, names: Iterable[str], path_of: Callable[[File], str], made: str, log: logging.Logger, note: str = ""
) -> None:
    """Remove every file of `files` at one of the generated paths `names`, logging an
    error that names it: "<path>: this path is generated <made>, so the file is ignored;
    rename or delete it<note>."."""
    for name in names:
        # A page written as glossary.markdown (or .mdown ...) becomes the same glossary.html
        # as the generated glossary.md (probe C08): it is the same path for the reader.
        stem, suffix = posixpath.splitext(name)
        same = [name] + ([stem + other for other in _OTHER_MARKDOWN_SUFFIXES] if suffix == ".md" else [])
        for candidate in same:
            existing = files.get_file_from_path(candidate)
            if existing is not None:
                log.error(
                    f"{path_of(existing)}: this path is generated {made}, so the file is ignored; "
                    f"rename or delete it{note}."
                )
                files.remove(existing)
