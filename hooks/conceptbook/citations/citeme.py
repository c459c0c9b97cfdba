"""The "Cite this chapter" box: each chapter's APA 7 reference and BibTeX entry.

A chapter is cited as a chapter of an edited online book. Its CSL-JSON item is built
from the chapter's own front matter (title, authors, last_reviewed as the date) and the
book's metadata in mkdocs.yml (site_name is the book, site_author its authors and
editors, site_url + the page's URL the address); Pandoc formats it with the same APA CSL
style as every citation of the book (formatter.format_csl), once for all chapters.

Front matter is untrusted text. In the APA reference Pandoc escapes it, and the few
tags CSL-JSON reads as formatting (<i>, <b>, <sup>, <sc>, a nocase span) are broken with
a word joiner (U+2060) in both outputs, so that a title shows what the author typed.
In BibTeX, Pandoc escapes the text (a backslash becomes \\textbackslash, `$` \\$ ...);
a brace it writes as \\{ or \\}, which BibTeX still counts (it ignores the backslash), so a
lone brace would end the field early and let the rest of the title write fields of its
own: formatter.bibtex_safe turns each into \\textbraceleft{} / \\textbraceright{}. The
entry then says what the title says (E01/E04 of the hostile-input probe).
The box joins the finished HTML in on_post_page, so search never indexes it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from conceptbook.glossary.frontmatter import FrontMatterError, parse

# overrides/main.html puts this after the chapter's authors and review date.
MARKER = "<!-- cite-this-chapter -->"
_TAG = re.compile(r"<(?=/?[A-Za-z])")
_WORD_JOINER = "\u2060"


@dataclass(frozen=True)
class Book:
    title: str  # site_name
    author: str  # site_author: the contributors, who also edit the book

    @property
    def key_prefix(self) -> str:
        return re.sub(r"[^a-z0-9]", "", self.title.lower()) or "book"


@dataclass(frozen=True)
class Chapter:
    slug: str
    title: str
    authors: tuple[str, ...]
    reviewed: datetime.date | None
    url: str | None
    number: int | None = None  # its place in the reading order (hooks/conceptbook/numbering/)

    def key(self, book: Book) -> str:
        return f"{book.key_prefix}-{self.slug}"


def read_chapter(src_uri: str, source: str, url: str | None, number: int | None = None) -> Chapter | None:
    """The chapter's citable data, or None when it has no usable title (chapters.py reports that)."""
    try:
        data = parse(source).data
    except FrontMatterError:
        return None
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        return None
    authors = data.get("authors")
    names = [authors] if isinstance(authors, str) else authors if isinstance(authors, list) else []
    reviewed = data.get("last_reviewed")
    slug = re.sub(r"[^a-z0-9-]", "", src_uri.rsplit("/", 1)[-1].removesuffix(".md").lower())
    return Chapter(
        slug=slug or "chapter",
        title=" ".join(title.split()),
        authors=tuple(" ".join(n.split()) for n in names if isinstance(n, str) and n.strip()),
        reviewed=reviewed if isinstance(reviewed, datetime.date) else None,
        url=url,
        number=number,
    )


def _unformatted(value: str) -> str:
    """`value` with the tags CSL-JSON reads as formatting broken, so they print as typed."""
    return _TAG.sub("<" + _WORD_JOINER, value)


def _name(name: str, book: Book) -> dict[str, str]:
    """A CSL name: 'Lovelace, Ada' and 'Ada Lovelace' are a person; the book's own group
    author and a one-word name are printed as written."""
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        return {"family": family, "given": given}
    if name == book.author or " " not in name:
        return {"literal": name}
    given, family = name.rsplit(" ", 1)
    return {"family": family, "given": given}


def csl_item(chapter: Chapter, book: Book, clean: Any = None) -> dict[str, Any]:
    """The chapter as a CSL-JSON item; `clean` makes each text value safe for its output."""

    def text(value: str) -> str:
        return clean(value) if clean else value

    authors = list(chapter.authors) or [book.author]
    item: dict[str, Any] = {
        "id": chapter.key(book),
        "type": "chapter",
        "title": text(chapter.title),
        "author": [_name(text(a), book) for a in authors],
        "container-title": text(book.title),
    }
    if chapter.reviewed is not None:
        d = chapter.reviewed
        item["issued"] = {"date-parts": [[d.year, d.month, d.day]]}
    if chapter.number is not None:
        item["chapter-number"] = str(chapter.number)
    if chapter.url:
        item["URL"] = chapter.url
    return item


def apa_item(chapter: Chapter, book: Book) -> dict[str, Any]:
    """For the APA reference. No editor: when the editors are the authors, APA 7 names
    them once ("In Psychodynamic Theory."), not again as "(Ed.)"."""
    return csl_item(chapter, book, _unformatted)


def bibtex_item(chapter: Chapter, book: Book) -> dict[str, Any]:
    """For BibTeX: the book's contributors as editors make it an @incollection."""
    item = csl_item(chapter, book, lambda value: _unformatted(" ".join(value.split())))
    item["editor"] = [{"literal": " ".join(book.author.split())}]
    return item
