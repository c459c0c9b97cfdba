"""Finding the line of a page's source that a message is about.

Python-Markdown keeps no line numbers, so the engine searches the page's raw text. That
search skips fenced code and code spans, where `[[slug]]` is shown rather than used, and
counts occurrences: the third `[[x]]` the renderer sees is the third one in the prose.
"""

from __future__ import annotations

import bisect
import re

_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})", re.MULTILINE)
_NEWLINE = re.compile("\n")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def mask_code(source: str) -> str:
    """`source` with every character of fenced code and code spans turned into a space
    (line breaks kept, so offsets and line numbers stay as they were)."""
    parts: list[str] = []
    at = 0
    while True:
        opening = _FENCE.search(source, at)
        if opening is None:
            break
        fence = opening.group(1)
        closing = re.compile(rf"^[ \t>]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.MULTILINE)
        end_of_line = source.find("\n", opening.end())
        found = closing.search(source, end_of_line + 1) if end_of_line >= 0 else None
        end = found.end() if found else len(source)
        parts.append(_mask_spans(source[at : opening.start()]))
        parts.append(re.sub(r"[^\n]", " ", source[opening.start() : end]))
        at = end
    parts.append(_mask_spans(source[at:]))
    return "".join(parts)


def _mask_spans(text: str) -> str:
    def blank(match: re.Match[str]) -> str:
        return match.group() if "\n\n" in match.group() else _blank(match)

    return _CODE_SPAN.sub(blank, text)


class SourceLines:
    """Line numbers of the n-th occurrence of a text in a page's prose."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._masked: str | None = None
        self._line_starts: list[int] | None = None
        self._found: dict[str, list[int]] = {}
        self._seen: dict[str, int] = {}

    def _positions(self, needle: str) -> list[int]:
        if needle not in self._found:
            if self._masked is None:
                self._masked = mask_code(self.source)
            positions = []
            at = self._masked.find(needle)
            while at >= 0:
                positions.append(at)
                at = self._masked.find(needle, at + len(needle))
            self._found[needle] = positions
        return self._found[needle]

    def line_at(self, offset: int) -> int:
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in _NEWLINE.finditer(self.source))]
        return bisect.bisect_right(self._line_starts, offset)

    def first(self, needle: str) -> int | None:
        """Line of the first occurrence of `needle` outside code, or None."""
        positions = self._positions(needle)
        return self.line_at(positions[0]) if positions else None

    def claim(self, needle: str) -> tuple[str, int]:
        """Count one more occurrence of `needle` (the renderer met it): which one it is, for
        `line_of`. Nothing is searched until a message asks for the line."""
        index = self._seen.get(needle, 0)
        self._seen[needle] = index + 1
        return needle, index

    def line_of(self, claimed: tuple[str, int]) -> int | None:
        """Line of a claimed occurrence outside code (the last one if the source has fewer)."""
        needle, index = claimed
        positions = self._positions(needle)
        if not positions:
            return None
        return self.line_at(positions[min(index, len(positions) - 1)])

    def next(self, needle: str) -> int | None:
        """Line of the next occurrence of `needle` outside code: each call moves on by one."""
        return self.line_of(self.claim(needle))
