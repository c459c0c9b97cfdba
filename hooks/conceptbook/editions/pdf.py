"""The PDF edition: Chromium prints the whole-book page the build wrote (site/print.html).

Chromium, driven by Playwright, rather than WeasyPrint: the browser tests already need
it (no new system libraries), it lays out the page with the site's own CSS exactly as a
reader's browser prints it, keeps SVG figures as vectors, turns every `#anchor` link
into a link inside the PDF, and, with `outline=True` and `tagged=True`, writes bookmarks
from the headings (one top-level entry per <h1>: each chapter, the glossary, the
bibliography) and a tagged, accessible structure.

Two passes give the contents page its page numbers: the first print says on which page
each section's named destination lies, the numbers go into the contents, and the second
print is the edition (the contents keep their length, so nothing moves; checked).

Reproducible: Chromium stamps the clock into /CreationDate and /ModDate and its own
version into /Creator; pypdf rewrites them from SOURCE_DATE_EPOCH and the book's data.
What still varies: a different Chromium version (layout, /Producer "Skia/PDF mNNN") or
different system fonts give a different file; the same machine gives the same bytes.

Usage: python -m conceptbook.editions.pdf SITE_DIR OUT.pdf
"""

from __future__ import annotations

import io
import re
import sys
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from conceptbook.editions import printed
from conceptbook.editions.book import ONLINE, BookInfo
from conceptbook.editions.chromium import LAUNCH_ARGS, NO_CHROMIUM, find_chromium
from conceptbook.editions.safety import refuse_active

FOOTER = (
    '<div style="font-size:8pt;width:100%;margin:0 17mm;display:flex;justify-content:space-between;'
    'font-family:system-ui,sans-serif;color:#555"><span>{title}</span><span class="pageNumber"></span></div>'
)
PDF_OPTIONS: dict[str, Any] = {
    "format": "A4",
    "outline": True,  # bookmarks from the headings
    "tagged": True,  # structure tags: reading order, headings, figures' alt text
    "print_background": True,
    "display_header_footer": True,
    "header_template": "<span></span>",
    "margin": {"top": "16mm", "bottom": "18mm", "left": "17mm", "right": "17mm"},
}


def pdf_date(epoch: int) -> str:
    return time.strftime("D:%Y%m%d%H%M%S+00'00'", time.gmtime(epoch))


def section_pages(data: bytes, keys: list[str]) -> dict[str, int]:
    """On which page (1-based) each section starts, from the PDF's named destinations."""
    reader = PdfReader(io.BytesIO(data))
    found: dict[str, int] = {}
    for name, destination in reader.named_destinations.items():
        key = name.lstrip("/")
        if key in keys:
            number = reader.get_destination_page_number(destination)
            if number is not None:
                found[key] = number + 1
    return found


def _print(page: Page, title: str) -> bytes:
    footer = FOOTER.format(title=title.replace("&", "&amp;").replace("<", "&lt;"))
    return page.pdf(footer_template=footer, **PDF_OPTIONS)


def _fill_contents(page: Page, numbers: dict[str, int]) -> None:
    page.evaluate(
        """numbers => {
            for (const span of document.querySelectorAll('.print-toc__page[data-target]')) {
                const number = numbers[span.dataset.target];
                if (number) span.textContent = String(number);
            }
        }""",
        numbers,
    )


# Every heading's text as the printed page shows it (innerText leaves out what print.css
# hides), with runs of white space made one space.
HEADINGS_JS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .map(h => h.innerText.replace(/\\s+/g, ' ').trim()).filter(Boolean)"""


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _outline_items(node: DictionaryObject) -> list[DictionaryObject]:
    """The bookmarks under `node` in reading order (depth first), each a /Title dictionary."""
    items: list[DictionaryObject] = []
    child = node.get("/First")
    while child is not None:
        item = child.get_object()
        items.append(item)
        items.extend(_outline_items(item))
        child = item.get("/Next")
    return items


def mend_outline(writer: PdfWriter, headings: list[str]) -> int:
    """Give each bookmark its heading's own words; returns how many were changed.

    Chromium names a bookmark after the heading's laid-out lines and drops the space where
    a long heading wraps ("sorting out / the labels" became "sorting outthe labels"). Each
    bookmark is matched, in order, to the next heading with the same characters once white
    space is ignored, and takes that heading's text; one that matches none is left as it is.
    """
    root = writer._root_object.get("/Outlines")
    if root is None:
        return 0
    changed = 0
    start = 0
    for item in _outline_items(root.get_object()):
        title = str(item.get("/Title", ""))
        key = _squeezed(title)
        for index in range(start, len(headings)):
            if _squeezed(headings[index]) == key:
                if headings[index] != title:
                    item[NameObject("/Title")] = TextStringObject(headings[index])
                    changed += 1
                start = index + 1
                break
    return changed


def finish(data: bytes, info: BookInfo, headings: list[str] | None = None) -> bytes:
    """Metadata from the book, dates from SOURCE_DATE_EPOCH, so two builds are identical;
    bookmarks named with the headings' own words (see mend_outline)."""
    writer = PdfWriter(clone_from=io.BytesIO(data))
    if headings:
        mend_outline(writer, headings)
    stamp = pdf_date(info.epoch)
    writer.add_metadata(
        {
            "/Title": info.title,
            "/Author": info.author,
            "/Subject": info.subtitle,
            "/Creator": "hooks/conceptbook/editions/pdf.py (Chromium)",
            "/CreationDate": stamp,
            "/ModDate": stamp,
        }
    )
    # Open on the first page with the bookmarks shown.
    writer._root_object[NameObject("/PageMode")] = NameObject("/UseOutlines")
    writer._root_object[NameObject("/Lang")] = TextStringObject(info.language)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build_pdf(site: Path, out: Path) -> Path:
    book = printed.read(site)  # as the build wrote it
    book_page, info, keys = book.path, book.info, book.keys
    refuse_active(site)  # nothing active reaches the PDF, and nothing navigates Chromium away (safety.py)
    with sync_playwright() as playwright:
        executable = find_chromium(playwright)
        if executable is None:
            sys.exit(f"error: {NO_CHROMIUM}")
        browser = playwright.chromium.launch(executable_path=str(executable), args=LAUNCH_ARGS)
        try:
            page = browser.new_page()
            page.goto(book_page.resolve().as_uri(), wait_until="load")
            # A link to a file of the site (bibliography.json) would lead to a file:// path
            # from the PDF: it links the file's hosted copy instead.
            page.evaluate(
                "name => { for (const a of document.querySelectorAll(`a[${name}]`)) a.href = a.getAttribute(name); }",
                ONLINE,
            )
            page.emulate_media(media="print")
            first = section_pages(_print(page, info.title), keys)
            _fill_contents(page, first)
            data = _print(page, info.title)
            headings = page.evaluate(HEADINGS_JS)
        except PlaywrightError as error:
            lines = (error.message or str(error)).splitlines()
            first_line = lines[0] if lines else "no message"
            sys.exit(
                f"error: {book_page}: Chromium could not print the page ({first_line}); rebuild the site with 'make build' and fix what it reports"
            )
        finally:
            browser.close()
    second = section_pages(data, keys)
    if second != first:
        sys.exit(f"error: filling in the contents moved sections ({first} -> {second}); print.css must keep its length")
    missing = [k for k in keys if k not in second]
    if missing:
        sys.exit(f"error: {book_page}: no link target in the PDF for section(s) {', '.join(missing)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(finish(data, info, headings))
    return out


def main(argv: list[str]) -> None:
    if len(argv) != 2 or not (Path(argv[0]) / "index.html").is_file():
        sys.exit("usage: python -m conceptbook.editions.pdf SITE_DIR OUT.pdf (run 'make build' first)")
    start = time.monotonic()
    out = build_pdf(Path(argv[0]), Path(argv[1]))
    print(f"Wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.monotonic() - start:.0f} s.")


if __name__ == "__main__":
    main(sys.argv[1:])
