"""On a phone: a 390 px wide viewport (an iPhone 12 to 15), site read from disk.

The navigation drawer opens and leads to another chapter, and no chapter is wider than
the screen, so nobody has to scroll sideways to read a line.

The browser is found as described in tests/browser_support.py
($PLAYWRIGHT_CHROMIUM_EXECUTABLE, /usr/bin/chromium, Playwright's download).
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from browser_support import OpenPage, SiteUnderTest, chapter_paths, screenshot

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
