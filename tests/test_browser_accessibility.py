"""Accessibility: axe-core, run in headless Chromium on the built site, served over HTTP.

Served rather than read from disk because axe reads the stylesheets itself (for its CSS
rules), which Chromium forbids to a file:// page: that would log errors of axe's making.

Pages checked: the home page, three chapters (the first, the middle and the last: all
chapters share one template), the glossary, the About page and three concept pages spread
over the alphabet (the first chapter with a definition toggletip open), with all of axe's
rules in the light palette; and the home page, the first chapter (its toggletip open), the
glossary (its first letter's entries: all entries share one template), the About page and
the first concept page again in the dark palette, with the rules about colour.
A violation of impact "serious" or "critical" fails; the report names the page, the axe
rule, its WCAG help text and the first offending elements.

Fixes for what stock Material fails live in overrides/partials/search.html (the search
dialog's name) and docs/assets/stylesheets/accessibility.css (contrast, link underlines);
each says which rule it answers. No rule is switched off here.

The browser is found as described in tests/browser_support.py
($PLAYWRIGHT_CHROMIUM_EXECUTABLE, /usr/bin/chromium, Playwright's download).
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page, expect

from browser_support import OpenPage, SiteUnderTest, chapter_paths, concept_sample

pytestmark = pytest.mark.browser

FAILING_IMPACTS = {"serious", "critical"}
# The browser's colour-scheme preference, and the Material palette it should select.
PALETTES = {"light": "default", "dark": "slate"}
# What axe checks in each. The page's structure (names, roles, landmarks) is the same in
# both palettes, so the dark run repeats only the rules about colour.
AUDITS: dict[str, dict[str, Any]] = {
    "light": {"resultTypes": ["violations"]},
    "dark": {
        "resultTypes": ["violations"],
        "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
    },
}


def pages_to_check(site: SiteUnderTest) -> list[tuple[str, tuple[str, ...]]]:
    """Each page to audit, with the palettes to audit it in.

    Pages made from one template (chapters, concept pages) share their colours, so after
    the first of each kind they are audited in light only: the colour rules are most of
    what axe's time goes on (make test < 3 min).
    """
    chapters = chapter_paths(site.root)
    assert chapters, "the navigation lists no chapters"
    # Chapters come from one template, with the same parts: a sample (the first, the
    # middle and the last) finds what all would, in a third of the time.
    first_chapter, *other_chapters = dict.fromkeys([chapters[0], chapters[len(chapters) // 2], chapters[-1]])
    first_concept, *other_concepts = concept_sample(site.root, 3)
    both = ["index.html", first_chapter, "glossary.html", "about.html", first_concept]
    light = [*other_chapters, *other_concepts]
    return [(path, tuple(PALETTES)) for path in both] + [(path, ("light",)) for path in light]


def start_audit(page: Page, options: dict[str, Any], context: dict[str, Any] | None = None) -> None:
    """Start axe on the page as it is now (or on the part `context` names, in axe's
    include/exclude form), without waiting for it.

    Each palette's page lives in its own browser context, so its own renderer process:
    started together, the light and the dark audit run side by side on separate cores.
    """
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    page.evaluate(
        "([options, context]) => { window.__audit = axe.run(context || document, options); }", [options, context]
    )


def finish_audit(page: Page, where: str) -> list[str]:
    """The serious and critical findings of the audit started on `page`, one block each."""
    violations: list[dict[str, Any]] = page.evaluate("() => window.__audit.then(result => result.violations)")
    return [describe(where, v) for v in violations if v["impact"] in FAILING_IMPACTS]


def describe(where: str, violation: dict[str, Any]) -> str:
    targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
    more = len(violation["nodes"]) - len(targets)
    return (
        f"{where}: {violation['id']} ({violation['impact']}): {violation['help']}\n"
        f"    at {'; '.join(targets)}{f' and {more} more' if more > 0 else ''}\n"
        f"    {violation['helpUrl']}"
    )


# In the dark palette (colour rules only), the glossary's entries after its first letter
# are left out: every entry is the same template with the same colours, and checking its
# 180 entries' links is most of that audit's time.
SAMPLED = {("glossary.html", "dark"): {"exclude": [["dl.glossary-entries ~ dl.glossary-entries"]]}}

PARTS = 3  # the audit is split so that `make test`'s two processes share it


@pytest.mark.parametrize("part", range(PARTS))
def test_pages_have_no_serious_or_critical_axe_violations(
    hosted: SiteUnderTest, open_page: OpenPage, part: int
) -> None:
    # One page per palette, each opened with the browser preferring that scheme: Material
    # starts in it, with no colour transition under way while axe measures contrast.
    pages = {preference: open_page(hosted, color_scheme=preference) for preference in PALETTES}
    found: list[str] = []
    with_tip = chapter_paths(hosted.root)[0]
    for path, palettes in pages_to_check(hosted)[part::PARTS]:
        for preference in palettes:
            page = pages[preference]
            page.goto(hosted.url(path))
            # Make sure the palette under test is the one showing, or dark goes untested.
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", PALETTES[preference])
            if path == with_tip:  # audited with a definition toggletip open (test_browser_toggletip.py)
                page.locator("article a.concept-link[data-tip] + button.tip-button").first.click()
                expect(page.locator("#toggletip")).to_be_visible()
            sample = SAMPLED.get((path, preference))
            if sample is not None:  # what is left out is more of the same
                assert page.locator("dl.glossary-entries").count() > 1
                assert page.locator("dl.glossary-entries ~ :not(dl.glossary-entries, h2)").count() == 0
            start_audit(page, AUDITS[preference], sample)
        for preference in palettes:
            found += finish_audit(
                pages[preference], f"{path} ({preference}{', a tip open' if path == with_tip else ''})"
            )
    assert not found, f"axe found {len(found)} serious or critical problems:\n" + "\n".join(found)
