"""What a page says about concepts: the order they first appear in and, per section,
the sentence around the first mention — the raw material of backlinks and key-concept boxes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CONTEXT_MAX_WORDS = 45
_PLACEHOLDER = re.compile("\x02[^\x03]*\x03")  # Python-Markdown's stash markers
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201d\u2019)\]]*\s+(?=[\"\u201c\u2018(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Occurrence:
    """The first mention of a concept in one section of one page."""

    src_uri: str  # the chapter's source file
    anchor: str  # id of the section heading ('' before the first heading)
    section: str  # the heading's text
    context: str  # the sentence around the mention, plain text


@dataclass
class PageMentions:
    """Everything the linker saw on one page."""

    order: list[str] = field(default_factory=list)  # slugs in order of first mention
    occurrences: dict[str, list[Occurrence]] = field(default_factory=dict)

    def add(self, slug: str) -> None:
        if slug not in self.occurrences:
            self.order.append(slug)
            self.occurrences[slug] = []


def clean_text(text: str) -> str:
    return " ".join(_PLACEHOLDER.sub("", text).split())


def sentence_around(text: str, mention: str) -> str:
    """The sentence of `text` that contains `mention`, shortened around it if long."""
    text = clean_text(text)
    at = text.casefold().find(" ".join(mention.split()).casefold())
    if at < 0:
        at = 0
    start = 0
    end = len(text)
    for boundary in _SENTENCE_END.finditer(text):
        if boundary.end() <= at:
            start = boundary.end()
        elif boundary.start() >= at:
            end = boundary.start()
            break
    sentence = text[start:end].strip()
    words = sentence.split()
    if len(words) <= CONTEXT_MAX_WORDS:
        return sentence
    # Keep a window of words around the mention, marked as cut with ellipses.
    before = len(text[start:at].split())
    first = max(0, min(before - CONTEXT_MAX_WORDS // 3, len(words) - CONTEXT_MAX_WORDS))
    window = " ".join(words[first : first + CONTEXT_MAX_WORDS])
    return ("… " if first > 0 else "") + window + (" …" if first + CONTEXT_MAX_WORDS < len(words) else "")
