"""The book's own words, for "Did you mean" when a search finds nothing.

Material's search matches the start of a word, and spellings.yml lists the misspellings
people often type; anything else ("repressoin", "Kernburg") finds nothing at all. The
search box then offers the nearest of the book's own words (assets/javascripts/
search-suggestions.js computes the edit distance in the reader's browser, offline). This
module makes the list it compares against, at build time:

- each concept's term and aliases (glossary.json), which search finds through the
  concept pages' titles and alternates;
- the family name of every author or editor in the bibliography (bibliography.json),
  which search finds through the bibliography's entries.

It is written to search/vocabulary.js as a script (not JSON), so that a page read from
disk (file://), where a script may not fetch a file, can load it with a <script> element.
"""

from __future__ import annotations

import json
from typing import Any

GLOBAL = "__searchVocabulary"


def vocabulary(glossary: dict[str, Any], bibliography: dict[str, Any]) -> dict[str, list[str]]:
    """{"concepts": terms and aliases, "names": authors' family names}, each sorted and
    without case-insensitive duplicates (the first spelling met is kept)."""
    concepts: list[str] = []
    for concept in glossary.get("concepts", []):
        concepts += [concept.get("term", ""), *(concept.get("aliases") or [])]
    names: list[str] = []
    for entry in bibliography.get("entries", []):
        csl = entry.get("csl") or {}
        for person in [*(csl.get("author") or []), *(csl.get("editor") or [])]:
            if person.get("family"):  # a person, not an institution ("literal")
                particle = person.get("non-dropping-particle")
                names.append(f"{particle} {person['family']}" if particle else person["family"])
    return {"concepts": _unique(concepts), "names": _unique(names)}


def _unique(words: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for word in words:
        word = " ".join(str(word).split())
        if word and word.casefold() not in seen:
            seen[word.casefold()] = word
    return sorted(seen.values(), key=lambda w: (w.casefold(), w))


def script(words: dict[str, list[str]]) -> str:
    """search/vocabulary.js: the vocabulary as a global the suggestions script reads."""
    return f"var {GLOBAL} = {json.dumps(words, ensure_ascii=False, separators=(',', ':'))};\n"
