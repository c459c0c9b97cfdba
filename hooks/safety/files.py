"""Files that cannot be read as text are reported once, with the fix, and left out."""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.structure.files import File, Files

from common.report import where

from .report import log


def drop_unreadable(files: Files, path_of: Callable[[File], str], read: Callable[[File], str]) -> None:
    """Remove every Markdown page that is not UTF-8, after an error naming the byte.
    `read` gives a file's text (common.files.Sources: this is the build's first read)."""
    for file in list(files.documentation_pages()):
        try:
            read(file)
        except UnicodeDecodeError as error:
            raw = file.content_bytes
            line = raw.count(b"\n", 0, error.start) + 1
            log.error(
                f"{where(path_of(file), line)}: the file is not UTF-8 text (byte 0x{raw[error.start]:02x}); "
                f"save it as UTF-8 in your editor. The page was left out of the build."
            )
            files.remove(file)
