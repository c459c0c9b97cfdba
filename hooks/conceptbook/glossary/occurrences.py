"""What a page says about concepts: the order they first appear in and, per section,
the sentence around the first mention — the raw material of backlinks and key-concept boxes."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

CONTEXT_MAX_WORDS = 45
_PLACEHOLDER = re.compile("\x02[^\x03]*\x03")  # Python-Markdown's stash markers
_ESCAPED = re.compile("\x02([0-9]+)\x03")  # a backslash escape, until the `unescape` step
_STASHED = re.compile("\x02wzxhzdk:([0-9]+)\x03")  # raw HTML or an entity in the stash
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_MARK = "\x00"  # where the mention starts, carried through the cleaning
_MARK_END = "\x01"  # and where it ends
# A period that ends an abbreviation ends no sentence, though a capital or a number follows:
# "p. 12", "e.g. Klein", "Smith et al. (1990)". One look-behind per length (Python's
# look-behinds have a fixed width). Nor does a period inside parentheses (quote_at counts
# them): "(A. Freud, 1936/1937)", "(Kernberg, 1975, p. 12)". A single capital outside them
# may end a sentence ("This is Criterion A. It ..."), so initials there are not guessed at.
_ABBREVIATED = (
    r"(?<!\bp\.)(?<!\b(?:pp|ch|ed|Ed|cf|vs|al|Dr|Mr|Ms|St)\.)"
    r"(?<!\b(?:vol|Vol|eds|Eds|fig|Fig|Mrs|e\.g|i\.e)\.)(?<!\b(?:para|chap|vols)\.)(?<!\btrans\.)"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])" + _ABBREVIATED + r"[\"\u201d\u2019)\]]*\s+(?=[\"\u201c\u2018(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Occurrence:
    """The first mention of a concept in one section of one page."""

    src_uri: str  # the chapter's source file
    anchor: str  # id of the section heading ('' before the first heading)
    section: str  # the heading's text
    context: str  # the sentence around the mention, plain text
    mark: tuple[int, int] | None = None  # where in `context` the mention is: [start, end)
    defines: bool = False  # the mention is bold: the section defines the concept


@dataclass
class PageMentions:
    """Everything the linker saw on one page."""

    order: list[str] = field(default_factory=list)  # slugs in order of first mention
    occurrences: dict[str, list[Occurrence]] = field(default_factory=dict)
    defined: list[str] = field(default_factory=list)  # slugs in order of first bold mention
    tips: dict[str, None] = field(default_factory=dict)  # slugs linked on the page, in order

    def add(self, slug: str) -> None:
        if slug not in self.occurrences:
            self.order.append(slug)
            self.occurrences[slug] = []

    def define(self, slug: str) -> None:
        if slug not in self.defined:
            self.defined.append(slug)


def clean_text(text: str, raw_html: Callable[[int], str] | None = None) -> str:
    """Plain text of a rendered block: stash markers resolved or dropped, white space folded.

    A backslash-escaped character comes back as itself; a stashed entity (`&amp;`,
    `&eacute;`) as the character it names, through `raw_html` (the page's stash, by
    index); any other stashed HTML is left out.
    """

    def stashed(match: re.Match[str]) -> str:
        raw = raw_html(int(match.group(1))) if raw_html is not None else ""
        return html.unescape(raw) if _ENTITY.fullmatch(raw) else ""

    if "\x02" in text:  # every stash marker starts with it; most blocks have none
        text = _ESCAPED.sub(lambda m: chr(int(m.group(1))), text)
        text = _STASHED.sub(stashed, text)
        text = _PLACEHOLDER.sub("", text)
    return " ".join(text.split())


def sentence_at(text: str, at: int, raw_html: Callable[[int], str] | None = None) -> str:
    """The sentence of `text` around offset `at` (where the mention starts)."""
    return quote_at(text, at, 0, raw_html)[0]


def quote_at(
    text: str, at: int, length: int, raw_html: Callable[[int], str] | None = None
) -> tuple[str, tuple[int, int] | None]:
    """The sentence of `text` around the mention at `at` (`length` characters long),
    shortened around it if long, and where the mention is in it (None if it was cut).
    The offset, not a search for the mention's words, says which sentence: a name can
    occur earlier inside another word or sentence."""
    end_at = min(len(text), at + length)

    def unmarked(part: str) -> str:  # the marks' characters, if the text has any, are not marks
        return part.replace(_MARK, "").replace(_MARK_END, "") if has_marks else part

    has_marks = _MARK in text or _MARK_END in text

    marked = clean_text(
        unmarked(text[:at]) + _MARK + unmarked(text[at:end_at]) + _MARK_END + unmarked(text[end_at:]), raw_html
    )
    at = marked.find(_MARK)
    stop = marked.find(_MARK_END)
    text = marked.replace(_MARK, "")
    if stop > at >= 0:
        stop -= 1  # the start mark came before it
    text = text.replace(_MARK_END, "")
    if at < 0:
        at = 0
    start = 0
    end = len(text)
    depth, counted = 0, 0  # open parentheses before the boundary (its closing ")" included)
    for boundary in _SENTENCE_END.finditer(text):
        depth = max(0, depth + text.count("(", counted, boundary.end()) - text.count(")", counted, boundary.end()))
        counted = boundary.end()
        if depth or at < boundary.start() < stop:  # in parentheses, or inside the mention ("W. R. D. Fairbairn")
            continue
        if boundary.end() <= at:
            start = boundary.end()
        elif boundary.start() >= at:
            end = boundary.start()
            break
    raw_sentence = text[start:end]
    sentence = raw_sentence.strip()
    lead = start + len(raw_sentence) - len(raw_sentence.lstrip())
    mark = (at - lead, stop - lead) if length and stop > at else None
    words = sentence.split()
    if len(words) <= CONTEXT_MAX_WORDS:
        return sentence, _inside(mark, sentence)
    # Keep a window of words around the mention, marked as cut with ellipses.
    before = len(text[start:at].split())
    first = max(0, min(before - CONTEXT_MAX_WORDS // 3, len(words) - CONTEXT_MAX_WORDS))
    window = " ".join(words[first : first + CONTEXT_MAX_WORDS])
    prefix = "… " if first > 0 else ""
    quoted = prefix + window + (" …" if first + CONTEXT_MAX_WORDS < len(words) else "")
    if mark is not None:
        # Words are separated by single spaces (clean_text folded them): count characters.
        dropped = len(" ".join(words[:first])) + (1 if first else 0)
        mark = (mark[0] - dropped + len(prefix), mark[1] - dropped + len(prefix))
    return quoted, _inside(mark, quoted)


def _inside(mark: tuple[int, int] | None, text: str) -> tuple[int, int] | None:
    if mark is None or mark[0] < 0 or mark[1] > len(text) or mark[0] >= mark[1]:
        return None
    return mark
