"""A reader's journeys through the built site, in a real headless Chromium.

Every journey runs twice: offline, from disk over file:// URLs as in the downloadable
zip, and hosted, over http://127.0.0.1:<free port> from a server the session starts. In
both, any request that tries to leave the site is aborted and fails the test, and so does
any console error or uncaught exception (see `open_page` in tests/conftest.py).

The browser: $PLAYWRIGHT_CHROMIUM_EXECUTABLE if set, else /usr/bin/chromium, else
Playwright's own download. Without one these tests skip (`apt-get install chromium` to
run them), except under CI=true, where they fail. Definitions (toggletips) have their
own journeys in tests/test_browser_toggletip.py. Screenshots of each journey go to
test-artifacts/screenshots/<mode>-<journey>.png.

Run just these: pytest -m browser
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from browser_support import OpenPage, SiteUnderTest, chapter_paths, parse, screenshot

pytestmark = pytest.mark.browser

# A phrase a reader might remember from a chapter, and the chapter it should find. It is a
# fixed example rather than one picked by code so that a failure is easy to read; if the
# chapter is rewritten, pick another short phrase with an unusual word from its text.
PHRASE_SEARCH = ("impatient, busy other", "chapters/object-relations.html")
CONCEPT_SEARCH = ("transference", "concepts/transference.html")


# --- Reading the built site to decide what to click --------------------------------


def first_figure(site: Path) -> tuple[str, str]:
    """(chapter, href) of the first lightbox figure whose image is in the site."""
    for chapter in chapter_paths(site):
        for link in parse(site, chapter).css("article a.glightbox[href]"):
            href = link.attributes["href"] or ""
            if (site / chapter).parent.joinpath(href).resolve().is_file():
                return chapter, href
    pytest.fail("no chapter has a figure that opens in the lightbox (a.glightbox)")


# --- Small steps a reader takes ------------------------------------------------------


def search(page: Page, site: SiteUnderTest, query: str) -> list[str]:
    """Type `query` into the search box as a reader would; the result pages, best first."""
    page.keyboard.press("/")  # Material's shortcut; also proves the shortcut works
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    # Typed key by key: Material searches on keyboard events, not on a pasted value.
    box.press_sequentially(query)
    # Results come back for every keystroke. Those for the whole query are in once some
    # result links with ?h=<query>, Material's "highlight these terms" parameter, which
    # carries exactly the query terms a section matched.
    try:
        page.wait_for_function(
            """query => [...document.querySelectorAll('.md-search-result__link')]
                 .some(link => new URL(link.href).searchParams.get('h') === query)""",
            arg=query.lower(),
        )
    except PlaywrightError:
        shown = page.locator(".md-search-result").inner_text()
        pytest.fail(f"search for {query!r} found no page with every term; results:\n{shown}")
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    return [site.path_of(href) for href in links.evaluate_all("els => els.map(e => e.href)")]


IN_VIEW = """id => {
  const box = document.getElementById(id).getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect();
  return box.top >= header.bottom - 1 && box.top < window.innerHeight;
}"""


# --- The journeys --------------------------------------------------------------------


def test_home_page_loads_and_lists_every_chapter(site_under_test: SiteUnderTest, open_page: OpenPage) -> None:
    page = open_page(site_under_test)
    page.goto(site_under_test.url("index.html"))
    expect(page).to_have_title(re.compile("Psychodynamic Theory"))
    expect(page.locator("article h1")).to_be_visible()
    for chapter in chapter_paths(site_under_test.root):
        expect(page.locator(f'article a[href="{chapter}"]').first).to_be_visible()
    screenshot(page, f"{site_under_test.mode}-home")


def test_footer_next_link_walks_through_the_chapters_in_order(
    site_under_test: SiteUnderTest, open_page: OpenPage
) -> None:
    """From disk, click "Next" from the first chapter to the last. Served, the footer's
    links are the same relative hrefs in the same files, so one step proves they resolve
    under the site's path (the walk costs a page load per chapter: make test < 3 min)."""
    chapters = chapter_paths(site_under_test.root)
    assert len(chapters) >= 2, f"the navigation lists too few chapters to walk: {chapters}"
    walk = chapters if site_under_test.mode == "offline" else chapters[:2]
    page = open_page(site_under_test)
    page.goto(site_under_test.url(walk[0]))
    for expected in walk[1:]:
        page.locator("a.md-footer__link--next").click()
        page.wait_for_url(site_under_test.url(expected))
        expect(page.locator("article h1")).to_be_visible()
    page.locator(".md-footer").scroll_into_view_if_needed()
    screenshot(page, f"{site_under_test.mode}-{'last' if walk == chapters else 'second'}-chapter-footer")


def test_search_puts_the_concept_page_near_the_top(site_under_test: SiteUnderTest, open_page: OpenPage) -> None:
    query, concept = CONCEPT_SEARCH
    page = open_page(site_under_test)
    page.goto(site_under_test.url("index.html"))
    results = search(page, site_under_test, query)
    assert concept in results[:3], f"{concept} is not in the top 3 results for {query!r}: {results}"
    screenshot(page, f"{site_under_test.mode}-search-concept")


def test_search_for_a_phrase_from_a_chapter_finds_that_chapter(
    site_under_test: SiteUnderTest, open_page: OpenPage
) -> None:
    phrase, chapter = PHRASE_SEARCH
    text = parse(site_under_test.root, chapter).css_first("article").text(separator=" ")
    assert phrase in " ".join(text.split()), (
        f"{chapter} no longer contains {phrase!r}: update PHRASE_SEARCH in this file"
    )
    page = open_page(site_under_test)
    page.goto(site_under_test.url("index.html"))
    results = search(page, site_under_test, phrase)
    chapters = [r for r in results if r.startswith("chapters/")]
    assert chapters[:1] == [chapter], f"searching {phrase!r} should find {chapter} first: {results}"
    assert chapter in results[:3], f"{chapter} is not in the top 3 results for {phrase!r}: {results}"
    screenshot(page, f"{site_under_test.mode}-search-phrase")


def test_figure_opens_in_the_lightbox_and_closes_with_escape(
    site_under_test: SiteUnderTest, open_page: OpenPage
) -> None:
    chapter, href = first_figure(site_under_test.root)
    page = open_page(site_under_test)
    page.goto(site_under_test.url(chapter))
    page.locator(f'article a.glightbox[href="{href}"]').first.click()
    lightbox = page.locator(".glightbox-container")
    expect(lightbox).to_be_visible()
    # The image must have loaded, not just its frame.
    page.wait_for_function(
        """() => { const img = document.querySelector('.glightbox-container .gslide-image img');
                   return img !== null && img.complete && img.naturalWidth > 0; }"""
    )
    screenshot(page, f"{site_under_test.mode}-lightbox")
    page.keyboard.press("Escape")
    expect(lightbox).to_have_count(0)


def test_glossary_letter_links_jump_to_their_letter(site_under_test: SiteUnderTest, open_page: OpenPage) -> None:
    page = open_page(site_under_test)
    page.goto(site_under_test.url("glossary.html"))
    letters = page.locator(".glossary-letters a[href^='#glossary--letter-']")
    hrefs = [h or "" for h in letters.evaluate_all("els => els.map(e => e.getAttribute('href'))")]
    assert len(hrefs) >= 3, f"the glossary should have a row of letter links: {hrefs}"
    # The middle and the last letter: both need a real scroll, the last one the longest.
    for href in (hrefs[len(hrefs) // 2], hrefs[-1]):
        # Playwright scrolls the letter row back into view before each click.
        page.locator(f".glossary-letters a[href='{href}']").click()
        expect(page).to_have_url(re.compile(re.escape(href) + "$"))
        try:
            page.wait_for_function(IN_VIEW, arg=href.removeprefix("#"))
        except PlaywrightError:
            pytest.fail(f"after clicking {href} its heading is not in view below the header")
    screenshot(page, f"{site_under_test.mode}-glossary-jump")


def test_palette_toggle_switches_between_light_and_dark_and_remembers(
    site_under_test: SiteUnderTest, open_page: OpenPage
) -> None:
    page = open_page(site_under_test, color_scheme="light")
    page.goto(site_under_test.url("index.html"))
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator("label[for='__palette_1']").click()  # "Switch to dark mode"
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    # The choice holds on the next page, though the system still prefers light.
    page.goto(site_under_test.url(chapter_paths(site_under_test.root)[0]))
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    screenshot(page, f"{site_under_test.mode}-dark-chapter")
    page.locator("label[for='__palette_0']").click()  # "Switch to light mode"
    expect(body).to_have_attribute("data-md-color-scheme", "default")
