"""The whole-book page as the build wrote it (site/print.html), read back by pdf.py and epub.py.

The build renders print.html from its own data (capability.py, book.py); the PDF and
EPUB tools run later, on a built site, and take everything they need from that page:
the book's data from the title page's `data-*` attributes, and its sections.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .book import PRINT_PAGE, TITLE_PAGE_ID, BookInfo, source_epoch


@dataclass
class PrintedBook:
    path: Path  # site/print.html
    info: BookInfo
    licence_text: str
    sections: list[LexborNode]  # each <section class="print-section">, in reading order

    @property
    def keys(self) -> list[str]:
        return [node.attributes.get("id") or "" for node in self.sections]


def _text(node: LexborNode | None) -> str:
    return " ".join((node.text() if node is not None else "").split())


def read(site: Path) -> PrintedBook:
    """The book in site/print.html; stops with the fix when the site has none."""
    path = site / PRINT_PAGE
    if not path.is_file():
        sys.exit(f"error: {path}: no whole-book page; build the site first (make build)")
    tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
    title = tree.css_first(f"#{TITLE_PAGE_ID}")
    if title is None:
        sys.exit(f"error: {path}: no title page; rebuild the site (make build)")
    data = {k.removeprefix("data-"): v or "" for k, v in title.attributes.items() if k.startswith("data-")}
    licence = title.css_first(".print-licence")
    info = BookInfo(
        title=data.get("title", "") or "Book",
        subtitle=_text(title.css_first(".print-subtitle")),
        author=data.get("author", ""),
        site_url=data.get("site-url", ""),
        licence_html=(licence.inner_html or "").strip() if licence is not None else "",
        epoch=source_epoch(),
        language=data.get("language", "") or "en",
    )
    return PrintedBook(path, info, _text(licence), tree.css("section.print-section"))
