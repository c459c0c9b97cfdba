"""The editions' pure parts on small inputs (hooks/conceptbook/editions/), no MkDocs build."""

from __future__ import annotations

from conceptbook.editions.book import Book, BookInfo, Section, assemble


def info() -> BookInfo:
    return BookInfo("T", "", "", "https://b.example/book/", "", 0)


def test_a_link_to_another_site_written_with_two_slashes_is_not_taken_for_a_file() -> None:
    """`[x](//host/page)` is another site's page: the PDF and the EPUB link it as it is,
    not as a file of this site at https://b.example/book///host/page (data-online)."""
    section = Section("a", "chapters/a.html", "chapter", "1. A", '<p><a href="//cdn.example/x">cdn</a></p>')
    book = assemble(Book(info(), [section]), lambda path: True)
    assert book.sections[0].body == '<p><a href="//cdn.example/x">cdn</a></p>'
