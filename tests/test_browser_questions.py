"""Check your understanding in a real browser: three chapters (the first, the middle and
the last), from disk and served, on a phone (390 px) and a laptop (1280 px).

By keyboard alone, a reader answers a multiple-choice question wrongly, then rightly: the
result region (role="status", so screen readers announce it) says so, with the feedback
for the option chosen and the link to where the chapter teaches it. Progress survives a
reload and "Clear my answers" removes it. No request leaves the site (the Journal of
`open_page`). Served, axe finds nothing serious with the feedback open, in both palettes.
Without JavaScript, every answer is in the page, folded.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect
from test_browser_accessibility import AUDITS, PALETTES, finish_audit, start_audit

from browser_support import OpenPage, SiteUnderTest, chapter_paths, screenshot

pytestmark = pytest.mark.browser

WIDTHS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 900}}


def three_chapters(site: SiteUnderTest) -> list[str]:
    chapters = chapter_paths(site.root)
    return list(dict.fromkeys([chapters[0], chapters[len(chapters) // 2], chapters[-1]]))


def first_choice_question(page: Page) -> Locator:
    item = page.locator('.quiz-item[data-type="multiple-choice"]').first
    expect(item).to_be_attached()
    return item


def choose_by_keyboard(page: Page, item: Locator, index: int) -> None:
    """Select option `index` of a radio group and press Check, with keys only: the group
    is one tab stop, arrows move the choice, Tab reaches the button."""
    radios = item.locator("input[type=radio]")
    checked = [radios.nth(i).is_checked() for i in range(radios.count())]
    if True not in checked:  # enter the group: Tab from the element before it
        item.locator("legend").evaluate("legend => { legend.tabIndex = -1; legend.focus(); }")
        page.keyboard.press("Tab")
        expect(radios.first).to_be_focused()
        page.keyboard.press("Space")
        current = 0
    else:
        item.locator(".quiz-item__check").focus()
        page.keyboard.press("Shift+Tab")
        current = checked.index(True)
    while current != index:
        page.keyboard.press("ArrowDown" if index > current else "ArrowUp")
        current += 1 if index > current else -1
    expect(radios.nth(index)).to_be_checked()
    page.keyboard.press("Tab")
    expect(item.locator(".quiz-item__check")).to_be_focused()
    page.keyboard.press("Enter")


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_a_question_answered_wrong_then_right_by_keyboard(
    site_under_test: SiteUnderTest, open_page: OpenPage, width: str
) -> None:
    page = open_page(site_under_test, viewport=WIDTHS[width])
    for chapter in three_chapters(site_under_test):
        page.goto(site_under_test.url(chapter))
        item = first_choice_question(page)
        radios = item.locator("input[type=radio]")
        key = next(i for i in range(radios.count()) if radios.nth(i).get_attribute("data-key") is not None)
        wrong = 0 if key != 0 else 1
        result = item.locator(".quiz-item__result")
        expect(result).to_have_attribute("role", "status")

        choose_by_keyboard(page, item, wrong)
        expect(result).to_be_visible()
        expect(result).to_contain_text("Not quite.")
        wrong_feedback = item.locator(f'.quiz-item__answer [data-option="{wrong}"]').text_content() or ""
        expect(result).to_contain_text(wrong_feedback.strip()[:60])
        expect(result.locator("a", has_text="Where the chapter teaches this")).to_be_visible()
        expect(item).to_have_class(re.compile(r"\bquiz-item--wrong\b"))
        screenshot(page, f"{site_under_test.mode}-questions-{width}-{chapter.split('/')[-1][:-5]}-wrong")

        choose_by_keyboard(page, item, key)
        expect(result).to_contain_text("Correct.")
        right_feedback = item.locator(f'.quiz-item__answer [data-option="{key}"]').text_content() or ""
        expect(result).to_contain_text(right_feedback.strip()[:60])
        fits = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
        assert fits[0] <= fits[1], f"{chapter}: {fits[0]} px wide on a {fits[1]} px screen"

        page.reload()
        item = first_choice_question(page)
        expect(item).to_have_class(re.compile(r"\bquiz-item--right\b"))
        progress = page.locator(".quiz__progress")
        expect(progress).to_contain_text("1 of them right")
        page.locator(".quiz__reset").click()
        expect(progress).to_have_text("Your answers for this chapter are cleared.")
        expect(first_choice_question(page)).not_to_have_class(re.compile(r"\bquiz-item--right\b"))
        assert page.evaluate("Object.keys(localStorage).filter(k => k.includes(':questions:'))") == []


def test_each_kind_of_question_gives_its_result(offline: SiteUnderTest, open_page: OpenPage) -> None:
    page = open_page(offline, viewport=WIDTHS["laptop"])
    page.goto(offline.url(three_chapters(offline)[0]))
    multiple = page.locator('.quiz-item[data-type="multiple-response"]').first
    boxes = multiple.locator("input[type=checkbox]")
    for i in range(boxes.count()):
        if boxes.nth(i).get_attribute("data-key") is not None:
            boxes.nth(i).check()
    multiple.locator(".quiz-item__check").click()
    expect(multiple.locator(".quiz-item__result")).to_contain_text("Correct.")

    true_false = page.locator('.quiz-item[data-type="true-false"]').first
    true_false.locator("input:not([data-key])").check()
    true_false.locator(".quiz-item__check").click()
    expect(true_false.locator(".quiz-item__result")).to_contain_text("The answer is")

    matching = page.locator('.quiz-item[data-type="matching"]').first
    selects = matching.locator("select")
    for i in range(selects.count()):
        selects.nth(i).select_option(selects.nth(i).get_attribute("data-key"))
    matching.locator(".quiz-item__check").click()
    expect(matching.locator(".quiz-item__result")).to_contain_text("Correct: every match is right.")

    short = page.locator('.quiz-item[data-type="short-answer"]').first
    short.locator("textarea").fill("My answer.")
    short.locator(".quiz-item__check").click()
    expect(short.locator(".quiz-item__result")).to_contain_text("Compare your answer with the model answer")
    expect(short.locator(".quiz-item__result .quiz-answer__model")).to_be_visible()


def test_without_javascript_every_answer_is_in_the_page_folded(offline: SiteUnderTest, open_page: OpenPage) -> None:
    page = open_page(offline, java_script_enabled=False)
    page.goto(offline.url(three_chapters(offline)[0]))
    items = page.locator(".quiz-item")
    assert items.count() >= 25
    expect(page.locator(".quiz-item__check").first).to_be_hidden()
    answers = page.locator("details.quiz-item__answer")
    assert answers.count() == items.count()
    first = answers.first
    expect(first.locator(".quiz-answer__key, .quiz-answer__model, .quiz-answer__pairs").first).to_be_hidden()
    first.locator("summary").click()
    expect(first.locator(".quiz-answer__where a")).to_be_visible()


def test_question_feedback_has_no_serious_axe_violations(hosted: SiteUnderTest, open_page: OpenPage) -> None:
    found: list[str] = []
    for preference, palette in PALETTES.items():
        page = open_page(hosted, color_scheme=preference, viewport=WIDTHS["laptop"])
        page.goto(hosted.url(three_chapters(hosted)[1]))
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palette)
        item = first_choice_question(page)
        item.locator("input:not([data-key])").first.check()
        item.locator(".quiz-item__check").click()
        expect(item.locator(".quiz-item__result")).to_contain_text("Not quite.")
        item.locator("details.quiz-item__answer summary").click()
        start_audit(page, AUDITS[preference], {"include": [[".quiz"]]})
        found += finish_audit(page, f"the questions ({preference})")
    assert not found, "\n".join(found)
