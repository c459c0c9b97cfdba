"""The concept maps in a real browser: from disk and served, on a phone and a desktop,
light and dark. The map's boxes are links that lead to their concept, nothing leaves the
disk (the `open_page` fixture fails the test if a request does), the page does not
scroll sideways on a phone, and axe finds no serious or critical problem on a concept
page with a map or on the book map.

The browser is found as described in tests/browser_support.py.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from test_browser_accessibility import AUDITS, finish_audit, start_audit

from browser_support import OpenPage, SiteUnderTest, screenshot

pytestmark = pytest.mark.browser

CONCEPT = "concepts/splitting.html"
BOOK_MAP = "book-map.html"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("size", SIZES)
def test_map_boxes_are_links_to_their_concepts(site_under_test: SiteUnderTest, open_page: OpenPage, size: str) -> None:
    # Dark is screenshotted from disk only; its colours are audited by axe below.
    for scheme in ("light", "dark") if site_under_test.mode == "offline" else ("light",):
        page = open_page(site_under_test, viewport=SIZES[size], color_scheme=scheme)
        page.goto(site_under_test.url(CONCEPT) + "#concept-map")
        node = page.locator("svg.concept-map__svg a.concept-map__node:not([aria-current])").first
        expect(node).to_be_visible()
        width, viewport = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
        assert width <= viewport, f"{CONCEPT} scrolls sideways at {viewport} px"
        screenshot(page, f"{site_under_test.mode}-map-concept-{size}-{scheme}")
        href = node.get_attribute("href") or ""
        node.click()
        page.wait_for_url("**/" + href.split("/")[-1])
        page.goto(site_under_test.url(BOOK_MAP) + "#map-defenses")
        expect(page.locator("svg.book-map__svg").first).to_be_visible()
        screenshot(page, f"{site_under_test.mode}-map-book-{size}-{scheme}")
        page.locator("label[for='book-map-fit']").click()
        expect(page.locator("#book-map-fit")).to_be_checked()
        box = page.locator("svg.book-map__svg").first.bounding_box()
        assert box is not None and box["width"] <= SIZES[size]["width"]


@pytest.mark.parametrize("path", [CONCEPT, BOOK_MAP])
def test_map_pages_have_no_serious_or_critical_axe_violations(
    hosted: SiteUnderTest, open_page: OpenPage, path: str
) -> None:
    # Each page in both palettes in their own contexts, audited side by side; dark runs the
    # colour rules only. One test per page, so that `make test`'s two processes share them.
    found: list[str] = []
    audits = []
    for scheme in ("light", "dark"):
        page = open_page(hosted, color_scheme=scheme)
        page.goto(hosted.url(path))
        start_audit(page, AUDITS[scheme])
        audits.append((page, f"{path} ({scheme})"))
    for page, where in audits:
        found += finish_audit(page, where)
    assert not found, "\n".join(found)
