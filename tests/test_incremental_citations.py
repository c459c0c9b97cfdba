"""Dirty rebuilds of a small book that cites works (fast enough for mutation runs): the
citations' records of the pages not built again (`Carry.keep`: which page cites what, and
the chapters' "Cite this chapter" data) give the bibliography's "Cited in" lists and the
pages the same as a full build of the edited book."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import test_incremental_small as small
from test_incremental import differences, edit

BIB = (
    "@book{bowlby1969,\n  author = {Bowlby, John},\n  title = {Attachment},\n  publisher = {Basic Books},\n"
    "  year = {1969},\n}\n\n"
    "@article{shedler2010,\n  author = {Shedler, Jonathan},\n  title = {The efficacy of psychodynamic psychotherapy},\n"
    "  journal = {American Psychologist},\n  volume = {65},\n  number = {2},\n  pages = {98--109},\n  year = {2010},\n}\n"
)
FILES = {
    **small.FILES,
    "references.bib": BIB,
    "chapters/one.md": small.FILES["chapters/one.md"].replace(
        "keeps a wish out of awareness;", "keeps a wish out of awareness [@bowlby1969];"
    ),
    "chapters/two.md": small.FILES["chapters/two.md"].replace(
        "Repression once more", "Repression once more [@bowlby1969; @shedler2010]"
    ),
}


def cited_in(site: Path) -> list[str]:
    """Each entry's "Cited in" links on the bibliography page, in the list's order."""
    return re.findall(
        r'<p class="cited-by">Cited in: (.*?)</p>', (site / "bibliography.html").read_text(encoding="utf-8")
    )


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[small.Book]:
    yield from small.served(tmp_path, monkeypatch, FILES)


def test_a_chapter_edit_keeps_what_the_other_chapter_cites(book: small.Book) -> None:
    assert cited_in(book.site) == [
        '<a href="chapters/one.html">1. One</a>, <a href="chapters/two.html">2. Two</a>',
        '<a href="chapters/two.html">2. Two</a>',
    ]
    edit(book.docs("chapters/two.md"), "## Again\n", "## Again\n\nA line with no citation.\n")
    book.serve()
    assert "chapters/one.md" not in book.built and "chapters/two.md" in book.built
    assert differences(book.site, book.full("full")) == []


def test_a_citation_taken_out_of_one_chapter_leaves_the_other_s(book: small.Book) -> None:
    edit(book.docs("chapters/two.md"), " [@bowlby1969; @shedler2010]", " [@shedler2010]")
    book.serve()
    assert "chapters/one.md" not in book.built
    assert cited_in(book.site) == ['<a href="chapters/one.html">1. One</a>', '<a href="chapters/two.html">2. Two</a>']
    assert differences(book.site, book.full("full")) == []
