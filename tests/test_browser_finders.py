"""Finding an entry on the longest pages (docs/assets/javascripts/finders.js; newcomer
review 2026-12, finding 11): a filter box on the glossary, an A–Z bar on the bibliography.

From disk (file://, as in the offline zip), on a phone (390 px, light) and a laptop
(1280 px, dark): typing in the glossary's box keeps the matching concepts and empty
letters go; the count is announced; Escape brings everything back; a letter of the
bibliography's bar leads to the first work under it. Neither control prints, and
without JavaScript neither is there.
Screenshots: test-artifacts/screenshots/offline-finders-*.png.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from browser_support import OpenPage, SiteUnderTest, parse, screenshot

pytestmark = pytest.mark.browser

PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 800}}
DEVICES = [(PHONE, "light"), (DESKTOP, "dark")]
IDS = ["390-light", "1280-dark"]
QUERY = "projective identif"


@pytest.mark.parametrize(("device", "scheme"), DEVICES, ids=IDS)
def test_the_glossary_filter_keeps_the_matching_concepts(
    offline: SiteUnderTest, open_page: OpenPage, device: dict[str, Any], scheme: str
) -> None:
    tree = parse(offline.root, "glossary.html")
    total = len(tree.css("dl.glossary-entries > dt"))
    # What the filter should keep for QUERY: each word in the name, other names or definition.
    expected = []
    for dt in tree.css("dl.glossary-entries > dt"):
        dd = dt.next
        while dd is not None and dd.tag != "dd":
            dd = dd.next
        text = " ".join(f"{dt.text()} {dd.text() if dd is not None else ''}".lower().split())
        if all(word in text for word in QUERY.split()):
            expected.append(" ".join(dt.text().split()))
    assert "Projective identification" in expected and len(expected) < 10, expected
    letters = sorted({term[0].upper() for term in expected})
    page = open_page(offline, color_scheme=scheme, **device)
    page.goto(offline.url("glossary.html"))
    box = page.get_by_label("Filter the glossary")
    expect(box).to_be_visible()
    assert box.evaluate("el => parseFloat(getComputedStyle(el).fontSize)") >= 16  # no zoom on a phone
    assert (box.bounding_box() or {"height": 0})["height"] >= 44
    box.fill(QUERY)
    expect(page.locator("#glossary-filter-count")).to_have_text(f"{len(expected)} of {total} concepts shown.")
    expect(page.locator("dl.glossary-entries > dt:visible")).to_have_text(expected)
    expect(page.locator("article h2:visible")).to_have_text([f"{letter}¶" for letter in letters])
    expect(page.locator("nav.glossary-letters li:visible")).to_have_text(letters)
    screenshot(page, f"offline-finders-glossary-{device['viewport']['width']}-{scheme}")
    box.fill("défense")  # accents and case are ignored; the definitions are searched too
    expect(page.locator("dl.glossary-entries > dt", has_text="Defense").first).to_be_visible()
    box.fill("zzzz")
    expect(page.locator("#glossary-filter-count")).to_have_text("No concept matches “zzzz”.")
    box.press("Escape")
    expect(box).to_have_value("")
    assert page.locator("dl.glossary-entries > dt:visible").count() == total
    page.emulate_media(media="print")
    expect(box).to_be_hidden()


@pytest.mark.parametrize(("device", "scheme"), DEVICES, ids=IDS)
def test_the_bibliography_letters_lead_to_the_first_work_under_each(
    offline: SiteUnderTest, open_page: OpenPage, device: dict[str, Any], scheme: str
) -> None:
    tree = parse(offline.root, "bibliography.html")
    entries = tree.css("ul.bibliography > li[id]")
    firsts: dict[str, str] = {}
    for entry in entries:
        firsts.setdefault(entry.text().strip()[0].upper(), entry.attributes["id"] or "")
    page = open_page(offline, color_scheme=scheme, **device)
    page.goto(offline.url("bibliography.html"))
    bar = page.get_by_role("navigation", name="Bibliography by first letter")
    expect(bar).to_be_visible()
    expect(bar.get_by_role("link")).to_have_text(list(firsts))
    for link in bar.get_by_role("link").all():
        box = link.bounding_box()
        assert box is not None and box["width"] >= 24 and box["height"] >= 24, (link.inner_text(), box)
    screenshot(page, f"offline-finders-bibliography-{device['viewport']['width']}-{scheme}")
    bar.get_by_role("link", name="W", exact=True).click()
    assert page.url.endswith("#" + firsts["W"])
    target = page.locator(f"li#{firsts['W']}")
    expect(target).to_be_in_viewport()
    top = target.evaluate("el => el.getBoundingClientRect().top")
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert top >= header, f"the first W entry is under the header ({top} < {header})"
    page.emulate_media(media="print")
    expect(bar).to_be_hidden()


def test_without_javascript_there_is_no_dead_control(offline: SiteUnderTest, open_page: OpenPage) -> None:
    page = open_page(offline, java_script_enabled=False, **PHONE)
    page.goto(offline.url("glossary.html"))
    assert page.locator("#glossary-filter").count() == 0
    expect(page.locator("nav.glossary-letters")).to_be_visible()
    page.goto(offline.url("bibliography.html"))
    assert page.locator(".bibliography-letters").count() == 0
