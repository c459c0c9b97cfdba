"""Text a contributor typed that the book does not accept: hand-typed citations and
reference lists, and `TODO:` placeholders from the templates.

The rules live here once: the build warns with them (authoring/__init__.py) and
tests/test_citations_site.py and tests/test_contributing.py hold the whole of docs/ to them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

# "(Bowlby, 1969)", "(Main & Solomon, 1990; Tronick, 1989)", "(e.g., Moelbak, 2020)".
AUTHOR_DATE = re.compile(
    r"\((?:[^()\n]*?\s)?(?P<surname>[A-Z][A-Za-zÀ-ÿ'’-]+)(?: et al\.)?,\s(?P<year>\d{4}[a-z]?)(?:/\d{4}[a-z]?)?[^()\n]*\)"
)
REFERENCE_HEADING = re.compile(r"^#{1,6}\s+(?:References?|Bibliography)\s*$", re.IGNORECASE)
REFERENCE_LINE = re.compile(r"^(?:[-*]\s+)?[A-Z][\w'’ -]+,\s(?:[A-Z]\.\s?)+.*\(\d{4}[a-z]?(?:, [A-Z][a-z]+ \d+)?\)\.\s")
PLACEHOLDER = "TODO:"
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def prose_lines(source: str, *, front_matter: bool = False) -> Iterator[tuple[int, str]]:
    """(line number, text) of every line outside fenced code (and outside front matter,
    unless `front_matter`), with inline code blanked out: what a reader sees."""
    lines = source.splitlines()
    start = 0
    if lines[:1] == ["---"] and not front_matter:
        start = next((i + 1 for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), 0)
    fence: str | None = None
    for number, line in enumerate(lines[start:], start + 1):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1) == fence:
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        yield number, _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line) if "`" in line else line


def guessed_key(surname: str, year: str) -> str:
    """The key CONTRIBUTING's rule gives a work: surname in lowercase ASCII, then the year."""
    ascii_name = unicodedata.normalize("NFKD", surname).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", ascii_name.lower()) + year


def hand_typed_citations(path: str, source: str, knows: Callable[[str], bool] | None = None) -> list[str]:
    """One message per hand-typed citation, reference line or reference section."""
    faults = []
    for number, line in prose_lines(source, front_matter=True):
        where = f"{path}:{number}"
        if REFERENCE_HEADING.match(line):
            faults.append(
                f"{where}: a hand-typed reference section; delete it: the build lists the works the page "
                f"cites (CONTRIBUTING.md, Citations)"
            )
        elif REFERENCE_LINE.match(line):
            faults.append(
                f"{where}: a hand-typed reference; delete it and cite the work in the text with its key, "
                f"e.g. [@bowlby1969] (CONTRIBUTING.md, Citations)"
            )
        for match in AUTHOR_DATE.finditer(line):
            key = guessed_key(match.group("surname"), match.group("year"))
            if knows is not None and knows(key):
                fix = f"write [@{key}] instead (its entry is in docs/references.bib)"
            else:
                fix = (
                    f"write [@{key}] instead, after adding the work's entry with that key to "
                    f"docs/references.bib (CONTRIBUTING.md, Citations)"
                )
            faults.append(f"{where}: '{match.group(0)}' is a citation typed by hand; {fix}")
    return faults


def placeholder_lines(source: str) -> list[int]:
    return [number for number, line in enumerate(source.splitlines(), 1) if PLACEHOLDER in line]


def placeholders(path: str, source: str) -> str | None:
    """One message for all of a page's `TODO:` lines, or None."""
    numbers = placeholder_lines(source)
    if not numbers:
        return None
    more = f" (and {len(numbers) - 1} more, on lines {', '.join(map(str, numbers[1:]))})" if len(numbers) > 1 else ""
    return (
        f"{path}:{numbers[0]}: '{PLACEHOLDER}' from the template is still here{more}; replace each with "
        f"your text (make test fails while any is left)"
    )
