"""Paths a capability generates: an author's file there is left out, with a message."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from mkdocs.structure.files import File, Files


def drop_generated(
    files: Files, names: Iterable[str], path_of: Callable[[File], str], made: str, log: logging.Logger, note: str = ""
) -> None:
    """Remove every file of `files` at one of the generated paths `names`, logging an
    error that names it: "<path>: this path is generated <made>, so the file is ignored;
    rename or delete it<note>."."""
    for name in names:
        existing = files.get_file_from_path(name)
        if existing is not None:
            log.error(
                f"{path_of(existing)}: this path is generated {made}, so the file is ignored; rename or delete it{note}."
            )
            files.remove(existing)
