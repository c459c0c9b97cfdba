"""Pandoc's citation syntax, as authors write it in Markdown.

- parenthetical: `[@bowlby1969]`, `[@bowlby1969; @ainsworth1978, p. 23]`,
  with prefixes: `[see @shedler2010]`, `[e.g., @moelbak2020]`;
- author suppressed: `[-@levy2006]` ("Levy and colleagues [-@levy2006]" reads "... (2006)");
- narrative: `@shedler2010 found ...` ("Shedler (2010) found ..."), with an optional
  locator in brackets right after it: `@freud1912 [p. 99]`.

One regular expression finds every citation, both for the pre-scan of all pages (Pandoc
formats every citation of the book in one run) and for the Markdown extension, so the two
always agree on what a citation is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Pandoc's key: starts with a letter, digit or _, and may hold internal punctuation.
KEY = r"[A-Za-z0-9_](?:\w|[:.#$%&+?<>~/-](?=\w))*"
_ITEM_KEY = re.compile(rf"(-?)@({KEY})")
# A bracketed group holding an @, not a Markdown link ([text](url), [text][ref]).
_BRACKETED = r"\[(?P<body>[^\[\]\n]*?(?<![\w.])-?@[^\[\]\n]*)\](?![(\[:])"
# A narrative citation: @key not preceded by a word character (e-mail addresses), `@`, or
# a bracket (those are bracketed), optionally followed by ` [locator]`.
_NARRATIVE = rf"(?<![\w@\[\-`/:.=?&])@(?P<key>{KEY})(?:[ ](?P<locator>\[[^\[\]@\n]+\])(?![(\[:]))?"
CITATION = re.compile(rf"{_BRACKETED}|{_NARRATIVE}")
# Looks like a citation written with parentheses instead of brackets: (@key ...).
PARENTHESES = re.compile(rf"\((?:[^()\n]*?;\s*)?-?@{KEY}[^()\n]*\)")


@dataclass(frozen=True)
class Item:
    key: str
    prefix: str = ""
    suffix: str = ""  # ", p. 23"
    suppress_author: bool = False


@dataclass(frozen=True)
class Citation:
    text: str  # exactly as written: the key Pandoc's output is looked up by
    items: tuple[Item, ...]
    narrative: bool


class MalformedCitation(ValueError):
    """A bracketed group that holds an @ but is not a valid citation; the message says why."""


def parse(match: re.Match[str]) -> Citation:
    """The citation a CITATION match found; raises MalformedCitation with the reason."""
    if match.group("key") is not None:
        locator = match.group("locator")
        suffix = locator[1:-1].strip() if locator else ""
        return Citation(match.group(0), (Item(match.group("key"), suffix=suffix),), narrative=True)
    items = []
    for part in match.group("body").split(";"):
        found = list(_ITEM_KEY.finditer(part))
        if not found:
            raise MalformedCitation(f"'{part.strip() or '(empty)'}' has no @key; separate items with ';'")
        if len(found) > 1:
            raise MalformedCitation(f"'{part.strip()}' holds two keys; separate them with ';'")
        key = found[0]
        prefix, suffix = part[: key.start()].strip(), part[key.end() :].strip()
        if suffix and not suffix.startswith(","):
            raise MalformedCitation(
                f"'{part.strip()}': put a comma between the key and the locator, e.g. '@key, p. 23'"
            )
        if suffix.strip(", ") == "" and suffix:
            raise MalformedCitation(f"'{part.strip()}' ends with a comma but has no locator after it")
        items.append(Item(key.group(2), prefix, suffix, suppress_author=key.group(1) == "-"))
    return Citation(match.group(0), tuple(items), narrative=False)


def find_all(text: str) -> list[Citation]:
    """Every well-formed citation in `text` (the pre-scan; code is not excluded here)."""
    if "@" not in text:
        return []
    found = []
    for match in CITATION.finditer(text):
        try:
            found.append(parse(match))
        except MalformedCitation:
            continue
    return found
