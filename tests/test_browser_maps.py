"""The concept maps in a real browser: from disk on a phone (light and dark) and a desktop,
and served on a desktop. The map's boxes are links that lead to their concept, nothing leaves the
disk (the `open_page` fixture fails the test if a request does), the page does not
scroll sideways on a phone, and axe finds no serious or critical problem on a concept
page with a map or on the book map (its colours checked on the first chapter's panel and
the first entries of its A-Z list, which share their template and stylesheet with the rest).

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


# From disk at both widths, light, and dark on the phone; served, at desktop width (the
# same files: it shows the links work over HTTP). Each run loads three pages per scheme.
RUNS = [("offline", "phone", ("light", "dark")), ("offline", "desktop", ("light",)), ("hosted", "desktop", ("light",))]


@pytest.mark.parametrize(("mode", "size", "schemes"), RUNS, ids=["-".join((m, z, *c)) for m, z, c in RUNS])
def test_map_boxes_are_links_to_their_concepts(
    request: pytest.FixtureRequest, open_page: OpenPage, mode: str, size: str, schemes: tuple[str, ...]
) -> None:
    site_under_test: SiteUnderTest = request.getfixturevalue(mode)
    for scheme in schemes:
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


# The book map's panels (one per chapter) are drawn by one template with one stylesheet,
# and so are the entries of its A-Z list; axe's colour rules are most of its time on that
# page (4 of 7 s, nearly all of it on the list's 1,000 links). So they check the first
# panel, the first ten entries and the rest of the page; every other rule checks it all.
COLOUR_RULES = AUDITS["dark"]["runOnly"]["values"]
LATER_PANELS = ".book-map__panel ~ .book-map__panel"
LATER_ENTRIES = ".book-map__index > :nth-child(n+21)"  # a <dt> and a <dd> per concept
SAMPLE = {"exclude": [[LATER_PANELS], [LATER_ENTRIES]]}
AUDITS_BY_PAGE = {
    CONCEPT: {"light": [(AUDITS["light"], None)], "dark": [(AUDITS["dark"], None)]},
    BOOK_MAP: {
        "light": [
            ({**AUDITS["light"], "rules": {rule: {"enabled": False} for rule in COLOUR_RULES}}, None),
            (AUDITS["dark"], SAMPLE),
        ],
        "dark": [(AUDITS["dark"], SAMPLE)],
    },
}


@pytest.mark.parametrize("path", [CONCEPT, BOOK_MAP])
def test_map_pages_have_no_serious_or_critical_axe_violations(
    hosted: SiteUnderTest, open_page: OpenPage, path: str
) -> None:
    # Each page in both palettes in their own contexts; dark runs the colour rules only.
    # One test per page, so that `make test`'s two processes share them.
    found: list[str] = []
    for scheme, audits in AUDITS_BY_PAGE[path].items():
        page = open_page(hosted, color_scheme=scheme)
        page.goto(hosted.url(path))
        if path == BOOK_MAP:  # what the colour audit leaves out is only more of the same
            assert page.locator(LATER_PANELS).count() == page.locator(".book-map__panel").count() - 1 > 0
            assert page.locator(".book-map__index > *").count() > 20
            assert page.locator(".book-map__index > :not(dt, dd)").count() == 0
        for options, context in audits:
            start_audit(page, options, context)
            found += finish_audit(page, f"{path} ({scheme}{', colours sampled' if context else ''})")
    assert not found, "\n".join(found)
