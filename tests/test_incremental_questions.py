"""Dirty rebuilds of a small book with a question bank and a home page that names a concept
(fast enough for mutation runs): the concept pages a chapter edit builds again keep their
"Test yourself" questions, the pages not built again (their content never rendered in this
build) are left alone, and a summary given anew in place on the home page, which is not a
section of the whole-book page, leaves that page as it should be. Each site is compared,
file for file, with a full build of the edited book."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import test_incremental_small as small
from test_incremental import differences, edit

TWO = small.chapter(
    "Two",
    '!!! abstract "Learning objectives"\n\n    - Say what repression does.\n\n'
    "## Again\n\nRepression once more, and a defense.\n\nAs @fig-box shows.\n\n## Check your understanding\n",
)
BANK = (
    "items:\n"
    "  - {id: keeps-out, type: true-false, level: remember, concepts: [repression], objective: 1, section: again,\n"
    "     stem: Repression keeps a wish out of awareness., answer: true, explanation: As the chapter says.}\n"
)
FILES = {
    **small.FILES,
    "index.md": "# Home\n\nA small book about [[repression]].\n",
    "chapters/two.md": TWO,
    "questions/two.yml": BANK,
    "instructors.md": "# For instructors\n\n<!-- question-bank -->\n",
}


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[small.Book]:
    yield from small.served(tmp_path, monkeypatch, FILES)


def test_a_chapter_edit_keeps_test_yourself_on_the_concept_pages_it_builds_again(book: small.Book) -> None:
    edit(book.docs("chapters/one.md"), "keeps a wish out of awareness;", "keeps a wish out of mind;")
    book.serve()
    assert "concepts/repression.md" in book.built and "instructors.md" not in book.built
    page = (book.site / "concepts" / "repression.html").read_text(encoding="utf-8")
    assert 'id="concept--test-yourself"' in page and "../chapters/two.html#q-keeps-out" in page
    assert differences(book.site, book.full("full")) == []


def test_a_summary_given_anew_on_the_home_page_keeps_the_whole_book_page_right(book: small.Book) -> None:
    small.summary_of(book, "Repression", "A defense that holds a wish out of awareness.")
    book.serve()
    assert "index.md" in book.redefined
    printed = (book.site / "print.html").read_text(encoding="utf-8")
    assert "A defense that holds a wish out of awareness." in printed
    assert differences(book.site, book.full("full")) == []
