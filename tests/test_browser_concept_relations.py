"""A concept page shows its relations once to each kind of reader (newcomer review 2026-12,
finding 11: the map, "the same relations as a list" and "Related concepts" said it three
times).

- A sighted reader sees the concept map, and no list of the same relations beside it.
- A screen reader gets the list (each relation in words: "Transference contrasts with
  Projection") and not the drawing: the accessibility tree names each related concept
  once in the section.
- The keyboard goes through the list, not the drawing's boxes, and the list comes into
  sight while one of its links has focus.

From disk, on Transference (typed relations and untyped `related` ones), at 390 px light
and 1280 px dark. Screenshots: test-artifacts/screenshots/offline-concept-relations-*.png.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from browser_support import OpenPage, SiteUnderTest, parse, screenshot

pytestmark = pytest.mark.browser

CONCEPT = "concepts/transference.html"
PHONE: dict[str, Any] = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 800}}


def related_terms(offline: SiteUnderTest) -> list[str]:
    """The concepts the page's map links, from the built HTML."""
    tree = parse(offline.root, CONCEPT)
    nodes = tree.css("svg.concept-map__svg a.concept-map__node:not([aria-current])")
    terms = [" ".join(" ".join(line.text() for line in a.css("tspan")).split()) for a in nodes]
    assert len(terms) >= 5, terms
    return terms


@pytest.mark.parametrize(("device", "scheme"), [(PHONE, "light"), (DESKTOP, "dark")], ids=["390-light", "1280-dark"])
def test_each_reader_meets_a_concepts_relations_once(
    offline: SiteUnderTest, open_page: OpenPage, device: dict[str, Any], scheme: str
) -> None:
    terms = related_terms(offline)
    page = open_page(offline, color_scheme=scheme, **device)
    page.goto(offline.url(CONCEPT) + "#concept-map")
    width = device["viewport"]["width"]
    article = page.locator("article")
    # Sighted: the drawing, and no second or third list of the same concepts.
    expect(page.locator("svg.concept-map__svg")).to_be_visible()
    seen = page.evaluate(
        """() => [...document.querySelectorAll('section.concept-map a')]
          .filter(a => !a.closest('svg'))
          .filter(a => {  // a box of its own, and no ancestor that clips it to a pixel
            for (let el = a; el && el.tagName !== 'SECTION'; el = el.parentElement) {
              const r = el.getBoundingClientRect();
              if (r.width <= 2 || r.height <= 2) return false;
            }
            return true;
          })
          .map(a => a.textContent.replace(/\\s+/g, ' ').trim())"""
    )
    twice = [term for term in terms if term in seen]
    assert twice == [], f"{CONCEPT} at {width} px: the map's concepts shown again beside it: {twice}"
    headings = article.locator("h2").all_inner_texts()
    assert not any(h.strip().startswith("Related concepts") for h in headings), headings
    screenshot(page, f"offline-concept-relations-{width}-{scheme}")
    # Screen readers: the list, once; the drawing is hidden from them.
    tree = page.locator("section.concept-map").aria_snapshot()
    for term in terms:
        assert tree.count(f'link "{term}"') == 1, f"{CONCEPT}: '{term}' in the accessibility tree:\n{tree}"
    assert "contrasts with" in tree, tree
    assert article.locator("svg.concept-map__svg a[tabindex='-1']").count() == len(terms) + 1
    # Keyboard: Tab from the section's heading goes into the list, which shows.
    page.locator("#concept-map .headerlink").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('.concept-map__list') !== null")
    assert focused, f"{CONCEPT}: Tab after the map's heading went elsewhere"
    box = page.locator(".concept-map__list").bounding_box()
    assert box is not None and box["height"] > 40 and box["width"] > 100, box
    expect(page.locator(".concept-map__list a").first).to_be_in_viewport()
    screenshot(page, f"offline-concept-relations-keyboard-{width}-{scheme}")
