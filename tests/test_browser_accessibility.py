"""Accessibility: axe-core, run in headless Chromium on the built site, served over HTTP.

Served rather than read from disk because axe reads the stylesheets itself (for its CSS
rules), which Chromium forbids to a file:// page: that would log errors of axe's making.

Pages checked: the home page, every chapter, the glossary, the About page and five concept
pages spread over the alphabet: all of axe's rules in the light palette, and the colour
rules again in the dark one.
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
from axe_playwright_python.sync_playwright import Axe
from browser_support import OpenPage, SiteUnderTest, chapter_paths, concept_sample
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

FAILING_IMPACTS = {"serious", "critical"}
# The browser's colour-scheme preference, and the Material palette it should select.
PALETTES = {"light": "default", "dark": "slate"}
# What axe checks in each. The page's structure (names, roles, landmarks) is the same in
# both palettes, so the dark run repeats only the rules about colour: half the time.
AUDITS: dict[str, dict[str, Any]] = {
    "light": {"resultTypes": ["violations"]},
    "dark": {
        "resultTypes": ["violations"],
        "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
    },
}


def pages_to_check(site: SiteUnderTest) -> list[str]:
    chapters = chapter_paths(site.root)
    assert chapters, "the navigation lists no chapters"
    return ["index.html", *chapters, "glossary.html", "about.html", *concept_sample(site.root)]


def serious(axe: Axe, page: Page, where: str, options: dict[str, Any]) -> list[str]:
    """axe's serious and critical findings on the page as it is now, one line block each."""
    violations = axe.run(page, options=options).response["violations"]
    return [describe(where, v) for v in violations if v["impact"] in FAILING_IMPACTS]


def describe(where: str, violation: dict[str, Any]) -> str:
    targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
    more = len(violation["nodes"]) - len(targets)
    return (
        f"{where}: {violation['id']} ({violation['impact']}): {violation['help']}\n"
        f"    at {'; '.join(targets)}{f' and {more} more' if more > 0 else ''}\n"
        f"    {violation['helpUrl']}"
    )


@pytest.mark.parametrize("preference", sorted(PALETTES))
def test_pages_have_no_serious_or_critical_axe_violations(
    preference: str, hosted: SiteUnderTest, open_page: OpenPage
) -> None:
    axe = Axe()
    # A fresh page in the preferred scheme: Material starts in that palette, with no
    # colour transition under way while axe measures contrast.
    page = open_page(hosted, color_scheme=preference)
    found: list[str] = []
    for path in pages_to_check(hosted):
        page.goto(hosted.url(path))
        # Make sure the palette under test is the one showing, or dark goes untested.
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", PALETTES[preference])
        found += serious(axe, page, f"{path} ({preference})", AUDITS[preference])
    assert not found, f"axe found {len(found)} serious or critical problems:\n" + "\n".join(found)
