"""Boxes with wrapped labels, the shared geometry of both maps (all sizes in SVG px)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

FONT_SIZE = 13
LINE_HEIGHT = 16
PAD_Y = 6
CHAR_WIDTH = 7.4  # a generous average for a 13 px sans-serif, so labels never overflow


@dataclass(frozen=True)
class Node:
    slug: str
    term: str
    url: str  # relative to the page the map is on
    x: int  # left
    y: int  # top
    width: int
    lines: tuple[str, ...]
    current: bool = False  # the concept whose page this is

    @property
    def height(self) -> int:
        return box_height(len(self.lines))

    @property
    def cx(self) -> int:
        return self.x + self.width // 2

    @property
    def cy(self) -> int:
        return self.y + self.height // 2

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def text_top(self) -> int:
        """Baseline of the first line, so the lines sit centred in the box."""
        return self.y + PAD_Y + FONT_SIZE - 1


def wrap(term: str, width: int) -> tuple[str, ...]:
    """A term in lines that fit a box `width` px wide (at most three; a long word stays whole)."""
    chars = max(6, int((width - 12) / CHAR_WIDTH))
    lines = textwrap.wrap(term, chars, break_long_words=False, break_on_hyphens=False) or [term]
    if len(lines) > 3:
        lines = [*lines[:2], " ".join(lines[2:])]
    return tuple(lines)


def box_height(lines: int) -> int:
    return 2 * PAD_Y + LINE_HEIGHT * lines
