"""The shape of every message: where (file and line) first, the fix last.

Each capability logs under `mkdocs.` (so `mkdocs build --strict` fails on its warnings)
and builds the prefix of its messages with `where`.
"""

from __future__ import annotations

import logging


def where(path: str, line: int | None = None) -> str:
    """`docs/x.md:12` — the prefix of every message about a file."""
    return f"{path}:{line}" if line else path


def line_at(text: str, index: int, start_line: int = 1) -> int:
    """The 1-based line of position `index` in `text`."""
    return start_line + text.count("\n", 0, index)


assembly_log = logging.getLogger("mkdocs.hooks.assembly")  # page assembly's messages (common/book.py)
