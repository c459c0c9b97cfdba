"""PDF bookmarks keep every space of their headings (hooks/conceptbook/editions/pdf.py, mend_outline).

Chromium names each bookmark after the heading's laid-out lines and drops the space where
a heading wraps: in the book, "Psychoanalytic, psychodynamic, object relations: sorting
out the labels" wraps on A4 and its bookmark read "…sorting outthe labels" (newcomer
review 2026-12, finding 20). These tests print a page whose headings wrap with the same
Chromium and options as `make pdf`, show that the raw outline loses the spaces, and that
the mended one has the headings' own words.
"""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Browser
from pypdf import PdfReader, PdfWriter
from pypdf.generic import Destination

from conceptbook.editions import pdf

pytestmark = pytest.mark.browser

LONG = "Psychoanalytic, psychodynamic, object relations: sorting out the labels"
PAGE = f"""<!doctype html><html lang="en"><head><title>t</title>
<style>h1, h2 {{ width: 9em; font: 20pt serif; }}</style></head><body>
<h1>A short title</h1><p>Words.</p>
<h2>{LONG}</h2><p>Words.</p>
<h2>Where <a href="#x">a <em>link</em></a> and   spaces sit in a long heading that wraps</h2><p id="x">Words.</p>
</body></html>"""
HEADINGS = [
    "A short title",
    LONG,
    "Where a link and spaces sit in a long heading that wraps",
]


def titles(data: bytes) -> list[str]:
    def walk(items: list) -> list[str]:  # type: ignore[type-arg]
        found: list[str] = []
        for item in items:
            if isinstance(item, Destination):
                found.append(str(item.title))
            else:
                found.extend(walk(item))
        return found

    return walk(PdfReader(io.BytesIO(data)).outline)


@pytest.fixture(scope="module")
def printed(chromium: Browser) -> bytes:
    page = chromium.new_page()
    try:
        page.set_content(PAGE)
        page.emulate_media(media="print")
        return page.pdf(**pdf.PDF_OPTIONS)
    finally:
        page.close()


def test_chromium_drops_the_space_where_a_heading_wraps(printed: bytes) -> None:
    """The cause, kept as a test: if Chromium stops doing this, mend_outline can go."""
    raw = titles(printed)
    assert raw[0] == "A short title"
    assert raw[1] != LONG and raw[1].replace(" ", "") == LONG.replace(" ", "")


def test_every_bookmark_reads_like_its_heading(printed: bytes) -> None:
    writer = PdfWriter(clone_from=io.BytesIO(printed))
    changed = pdf.mend_outline(writer, HEADINGS)
    out = io.BytesIO()
    writer.write(out)
    assert titles(out.getvalue()) == HEADINGS
    assert changed == 2


def test_a_bookmark_with_no_matching_heading_is_left_alone(printed: bytes) -> None:
    writer = PdfWriter(clone_from=io.BytesIO(printed))
    assert pdf.mend_outline(writer, ["Something else entirely"]) == 0
    out = io.BytesIO()
    writer.write(out)
    assert titles(out.getvalue()) == titles(printed)
