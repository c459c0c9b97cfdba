"""On a phone: a 390 px wide viewport (an iPhone 12 to 15), site read from disk.

The navigation drawer opens and leads to another chapter, no chapter is wider than the
screen, so nobody has to scroll sideways to read a line, and every figure opens in a
lightbox as wide as the screen that a pinch zooms until its smallest label is >= 11 px.

The browser is found as described in tests/browser_support.py
($PLAYWRIGHT_CHROMIUM_EXECUTABLE, /usr/bin/chromium, Playwright's download).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from browser_support import OpenPage, SiteUnderTest, chapter_paths, screenshot, wait_for_animations

pytestmark = pytest.mark.browser

PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}

# Elements whose right edge passes the viewport's, to say what made a page too wide.
TOO_WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 5)
  .map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim()
    .split(/\\s+/).join('.') : ''))"""

DRAWER_OPEN = """() => {
  const box = document.querySelector('.md-sidebar--primary').getBoundingClientRect();
  return box.left >= 0 && box.width > 0;
}"""


def test_navigation_drawer_opens_and_leads_to_another_chapter(offline: SiteUnderTest, open_page: OpenPage) -> None:
    chapters = chapter_paths(offline.root)
    page = open_page(offline, **PHONE)
    page.goto(offline.url(chapters[0]))
    drawer = page.locator(".md-sidebar--primary")
    assert not page.evaluate(DRAWER_OPEN), "the drawer should start closed on a phone"
    page.locator("label.md-header__button[for='__drawer']").tap()
    expect(page.locator("#__drawer")).to_be_checked()
    page.wait_for_function(DRAWER_OPEN)  # it slides in
    target = drawer.locator(f"a.md-nav__link[href$='{chapters[-1].split('/')[-1]}']").first
    expect(target).to_be_visible()
    screenshot(page, "offline-mobile-drawer")
    target.tap()
    page.wait_for_url(offline.url(chapters[-1]))


def test_chapters_fit_a_phone_screen_without_sideways_scrolling(offline: SiteUnderTest, open_page: OpenPage) -> None:
    page = open_page(offline, **PHONE)
    too_wide: list[str] = []
    for chapter in chapter_paths(offline.root):
        page.goto(offline.url(chapter))
        width, viewport = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
        if width > viewport:
            culprits = ", ".join(page.evaluate(TOO_WIDE))
            too_wide.append(f"{chapter}: {width} px wide on a {viewport} px screen ({culprits})")
    page.goto(offline.url(chapter_paths(offline.root)[0]))
    screenshot(page, "offline-mobile-chapter")
    assert not too_wide, "chapters scroll sideways on a phone:\n" + "\n".join(too_wide)


# A two-finger spread over the middle of the screen, as Chromium's touch events: each
# step moves the two fingers further apart. GLightbox scales the image as they move.
SPREAD = [(150, 240), (110, 280), (60, 330), (20, 370)]
LIGHTBOX_IMAGE = ".glightbox-container .gslide.current .gslide-image img"
SMALLEST_LABEL = """sel => {
  const img = document.querySelector(sel);
  const box = img.getBoundingClientRect();
  return {width: box.width, natural: img.naturalWidth, viewport: window.innerWidth};
}"""
MIN_LABEL_PX = 11


def smallest_font_size(svg: Path) -> float:
    """The smallest font-size in a figure's SVG, in its own units (= px at natural size)."""
    import re

    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg.read_text(encoding="utf-8"))]
    assert sizes, f"{svg}: no font-size on its labels"
    return min(sizes)


def test_figures_open_full_width_on_a_phone_and_zoom_to_readable_labels(
    offline: SiteUnderTest, open_page: OpenPage
) -> None:
    from browser_support import parse

    page = open_page(offline, **PHONE)
    cdp = page.context.new_cdp_session(page)
    checked = 0
    for chapter in chapter_paths(offline.root):
        for link in parse(offline.root, chapter).css("article a.glightbox[href$='.svg']")[:1]:
            svg = (offline.root / chapter).parent.joinpath(link.attributes["href"] or "").resolve()
            smallest = smallest_font_size(svg)
            page.goto(offline.url(chapter))
            page.locator(f'article a.glightbox[href="{link.attributes["href"]}"]').first.tap()
            page.wait_for_function(
                f"() => {{ const i = document.querySelector('{LIGHTBOX_IMAGE}'); return i && i.complete && i.naturalWidth > 0; }}"
            )
            wait_for_animations(page)
            opened = page.evaluate(SMALLEST_LABEL, LIGHTBOX_IMAGE)
            assert opened["width"] >= 0.95 * opened["viewport"], f"{chapter}: the lightbox shows {svg.name} {opened}"
            y = page.locator(LIGHTBOX_IMAGE).bounding_box()["y"] + 100
            for i, fingers in enumerate(SPREAD):
                points = [{"x": x, "y": y, "id": n} for n, x in enumerate(fingers)]
                cdp.send(
                    "Input.dispatchTouchEvent", {"type": "touchStart" if i == 0 else "touchMove", "touchPoints": points}
                )
            cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
            zoomed = page.evaluate(SMALLEST_LABEL, LIGHTBOX_IMAGE)
            label = smallest * zoomed["width"] / zoomed["natural"]
            assert label >= MIN_LABEL_PX, (
                f"{chapter}: {svg.name}'s smallest label is {label:.1f} px after a pinch ({zoomed})"
            )
            if checked == 0:
                screenshot(page, "offline-mobile-figure-zoomed")
            checked += 1
            page.keyboard.press("Escape")
    assert checked >= 3, f"only {checked} chapters have an SVG figure in the lightbox"


def test_the_key_terms_box_is_folded_on_a_phone_open_on_a_laptop_and_without_javascript(
    offline: SiteUnderTest, open_page: OpenPage
) -> None:
    """The box runs to several screens on a phone (newcomer review, finding 11): there it
    starts closed under its title, which opens it; elsewhere, and with no script, it is open."""
    chapter = offline.url(chapter_paths(offline.root)[0])
    fold = ".key-concepts > details.key-concepts__fold"
    phone = open_page(offline, **PHONE)
    phone.goto(chapter)
    box = phone.locator(fold)
    expect(box).not_to_have_attribute("open", "")
    expect(phone.locator(".key-concepts dl.key-terms")).to_be_hidden()
    title = box.locator("summary")
    expect(title).to_have_text("Key terms")
    assert (box.bounding_box() or {}).get("height", 1000) < 100
    title.tap()
    expect(box).to_have_attribute("open", "")
    expect(phone.locator(".key-concepts dl.key-terms")).to_be_visible()
    phone.evaluate("() => document.querySelector('.key-concepts details').open = false")
    phone.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    expect(box).to_have_attribute("open", "")  # printed from the phone: the list is on paper
    laptop = open_page(offline, viewport={"width": 1280, "height": 900})
    laptop.goto(chapter)
    expect(laptop.locator(fold)).to_have_attribute("open", "")
    no_script = open_page(offline, java_script_enabled=False, **PHONE)
    no_script.goto(chapter)
    expect(no_script.locator(fold)).to_have_attribute("open", "")
    expect(no_script.locator(".key-concepts dl.key-terms")).to_be_visible()
