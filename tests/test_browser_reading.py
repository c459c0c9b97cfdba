"""Reading comfort in a chapter (issue 24, part 3: the newcomer review of 2026-12).

- A term's definition button (ⓘ, toggletip.js) sits close to the term, and punctuation
  follows the icon as it would follow the word: no button-wide gap before "," or "."
  (finding 6), while the button stays a 24 px target (WCAG 2.5.8).
- Printed from the browser, a chapter shows no screen-only control: no ⓘ button, no
  room kept for one, no question-bank buttons, and the questions without their answers.
- On a phone, boxed text (admonitions: objectives, vignettes, details) is at least 15 px
  (Material's default is 12.8 px; finding 9).

Checked from disk at 1280 and 390 px, light at one width and dark at the other.
Screenshots: test-artifacts/screenshots/offline-reading-*.png.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from browser_support import OpenPage, SiteUnderTest, screenshot

pytestmark = pytest.mark.browser

CHAPTER = "chapters/object-relations.html"
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
MAX_GAP_PX = 3  # between the icon and a following comma: a thin space at most
MIN_TARGET_PX = 24
MIN_BOXED_TEXT_PX = 15

# Every definition button directly followed by punctuation: the icon's and the
# punctuation's boxes, the button's box, and what a pointer over its right edge hits.
BUTTONS_BEFORE_PUNCTUATION = """() => {
  const found = [];
  for (const button of document.querySelectorAll('article .tip-button')) {
    const next = button.nextSibling;
    if (!next || next.nodeType !== Node.TEXT_NODE || !/^[,.;:)]/.test(next.textContent)) continue;
    const range = document.createRange();
    range.setStart(next, 0);
    range.setEnd(next, 1);
    const mark = range.getBoundingClientRect();
    const icon = button.querySelector('.tip-button__icon').getBoundingClientRect();
    const box = button.getBoundingClientRect();
    if (box.top < 60 || box.bottom > window.innerHeight) { button.scrollIntoView({block: 'center'}); }
    const again = button.getBoundingClientRect();
    const hit = document.elementFromPoint(again.right - 2, again.top + again.height / 2);
    found.push({
      term: button.previousElementSibling.textContent, mark: next.textContent[0],
      gap: mark.left - icon.right, sameLine: Math.abs(mark.top - icon.top) < icon.height,
      width: box.width, height: box.height,
      rightEdgeHitsButton: !!hit && button.contains(hit),
    });
  }
  return found;
}"""


def _check_buttons(page: Page, where: str) -> None:
    found = page.evaluate(BUTTONS_BEFORE_PUNCTUATION)
    assert len(found) >= 5, f"{where}: only {len(found)} definition buttons before punctuation"
    same_line = [f for f in found if f["sameLine"]]
    assert same_line, f"{where}: no button on the same line as its punctuation"
    gaps = [(f["term"], f["mark"], round(f["gap"], 1)) for f in same_line if f["gap"] > MAX_GAP_PX]
    assert not gaps, f"{where}: gap before the punctuation after the ⓘ (term, mark, px): {gaps}"
    small = [(f["term"], f["width"], f["height"]) for f in found if min(f["width"], f["height"]) < MIN_TARGET_PX]
    assert not small, f"{where}: definition buttons smaller than 24 px: {small}"
    missed = [f["term"] for f in found if not f["rightEdgeHitsButton"]]
    assert not missed, f"{where}: a tap on the right edge of the button misses it: {missed}"


@pytest.mark.parametrize(("device", "scheme"), [(DESKTOP, "light"), (PHONE, "dark")], ids=["1280-light", "390-dark"])
def test_punctuation_follows_the_definition_button_without_a_gap(
    offline: SiteUnderTest, open_page: OpenPage, device: dict[str, Any], scheme: str
) -> None:
    page = open_page(offline, color_scheme=scheme, **device)
    page.goto(offline.url(CHAPTER))
    page.wait_for_selector("article .tip-button")
    width = device["viewport"]["width"]
    _check_buttons(page, f"{CHAPTER} at {width} px")
    page.locator("article .tip-button").nth(0).scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -200)")
    screenshot(page, f"offline-reading-term-punctuation-{width}-{scheme}")


@pytest.mark.parametrize(("device", "scheme"), [(PHONE, "light"), (DESKTOP, "dark")], ids=["390-light", "1280-dark"])
def test_a_chapter_printed_from_the_browser_has_no_screen_controls(
    offline: SiteUnderTest, open_page: OpenPage, device: dict[str, Any], scheme: str
) -> None:
    page = open_page(offline, color_scheme=scheme, **device)
    page.goto(offline.url(CHAPTER))
    page.wait_for_selector("article .tip-button")
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => {
      const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
      const term = document.querySelector('article a[data-tip]');
      return {
        buttons: [...document.querySelectorAll('article .tip-button')].filter(visible).length,
        termRoom: parseFloat(getComputedStyle(term).marginRight),
        quizButtons: [...document.querySelectorAll('article .quiz button, article .quiz .md-button')]
          .filter(visible).map(el => el.textContent.trim()),
        answers: [...document.querySelectorAll('article .quiz details, article .quiz-item__feedback, article .quiz-item__answer')]
          .filter(visible).length,
        questions: [...document.querySelectorAll('article .quiz-item')].filter(visible).length,
      };
    }"""
    )
    where = f"{CHAPTER} printed at {device['viewport']['width']} px"
    assert shown["buttons"] == 0, f"{where}: {shown['buttons']} definition buttons print"
    assert shown["termRoom"] == 0, f"{where}: a term keeps {shown['termRoom']} px of room for its button"
    assert shown["questions"] > 0, f"{where}: the questions do not print"
    assert shown["quizButtons"] == [], f"{where}: buttons print: {shown['quizButtons']}"
    assert shown["answers"] == 0, f"{where}: {shown['answers']} answers print"
    page.locator("article .quiz").first.scroll_into_view_if_needed()
    screenshot(page, f"offline-reading-print-questions-{device['viewport']['width']}-{scheme}")


def test_boxed_text_is_at_least_15_px_on_a_phone(offline: SiteUnderTest, open_page: OpenPage) -> None:
    page = open_page(offline, color_scheme="light", **PHONE)
    page.goto(offline.url(CHAPTER))
    sizes = page.evaluate(
        """() => {
      const size = el => parseFloat(getComputedStyle(el).fontSize);
      const boxes = [...document.querySelectorAll('article .admonition, article details')];
      const texts = boxes.flatMap(box => [...box.querySelectorAll(':scope > p, :scope li')]).slice(0, 200);
      return {
        body: size(document.querySelector('article > p')),
        boxes: boxes.length,
        smallest: Math.min(...texts.map(size)),
        small: texts.filter(el => size(el) < 15).map(el => el.textContent.trim().slice(0, 40)),
      };
    }"""
    )
    assert sizes["boxes"] >= 5, f"{CHAPTER}: only {sizes['boxes']} boxes"
    assert sizes["small"] == [], f"{CHAPTER} at 390 px: boxed text under 15 px: {sizes['small'][:5]}"
    assert sizes["smallest"] >= MIN_BOXED_TEXT_PX
    assert sizes["body"] >= sizes["smallest"], sizes
    page.locator("article .admonition").first.scroll_into_view_if_needed()
    screenshot(page, "offline-reading-boxed-text-390-light")
