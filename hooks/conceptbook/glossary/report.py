"""How the engine talks to authors: one logger under `mkdocs.` and message helpers.

The logger lives under `mkdocs.` so that `mkdocs build --strict` fails on its warnings.
Every message starts with where (file and line) and ends with the fix.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Iterable

from conceptbook.common.report import where

__all__ = ["did_you_mean", "line_of", "log", "where"]

log = logging.getLogger("mkdocs.hooks.glossary")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' — did you mean 'x'?' for the nearest choice, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


def line_of(text: str, needle: str, start_line: int = 1) -> int | None:
    """1-based line of the first occurrence of `needle` in `text`, or None."""
    index = text.find(needle)
    if index < 0:
        return None
    return start_line + text.count("\n", 0, index)
