"""Which parts of a chapter teach, and which only list or repeat: the one place that says so.

Every chapter follows the template (CONTRIBUTING.md, "The parts of a chapter"). Its parts
fall into three kinds, found by their titles (compared without case):

- **Listing sections** (`UNINDEXED_SECTIONS`): headings over lists of works or chapters.
  Names there are neither linked nor counted; a `[[slug]]` there still links.
- **Recap sections** (`RECAP_SECTIONS`, `RECAP_BOXES`): the learning objectives box, and
  the headings that sum up or test what the teaching text said. Names there are not
  linked, do not count as a place that discusses a concept (no backlink), and a bold
  name there does not define it; a `[[slug]]` there shows its text without a link. So a
  concept's first link and its backlinks land where the chapter teaches it.
- Everything else is **teaching text**.

A heading's kind covers its subsections. CONTRIBUTING.md lists these titles; a test
checks that it names every one (tests/test_contributing.py).
"""

from __future__ import annotations

UNINDEXED_SECTIONS = frozenset({"references", "reference", "related chapters", "further reading", "sources"})
RECAP_SECTIONS = frozenset(
    {"key takeaways", "summary", "review questions", "check your understanding", "reflection questions"}
)
# Admonitions (`!!! abstract "Learning objectives"`), by their title.
RECAP_BOXES = frozenset({"learning objectives"})


def section_kind(title: str) -> str:
    """'listing', 'recap' or 'teaching' for a heading's text."""
    key = " ".join(title.split()).casefold()
    if key in UNINDEXED_SECTIONS:
        return "listing"
    if key in RECAP_SECTIONS:
        return "recap"
    return "teaching"


def is_recap_box(title: str) -> bool:
    return " ".join(title.split()).casefold() in RECAP_BOXES
