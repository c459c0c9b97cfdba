"""The checkers are tested too: on a small site with one fault planted, each reports
exactly that fault — and nothing on the same site without it. A checker that cannot
fail would be a defect."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import checks
from sitebuild import BuildResult, build_small_site, site_root_path
from test_content_lint import pymarkdown

SLUGS = ["transference", "countertransference", "resistance", "insight", "enactment"]

CHAPTER = """---
title: One
description: A chapter for checker tests.
---

# One

Opening words about transference.

## Middle

We meet countertransference, resistance, insight and enactment. **Transference** is bold.

<!-- key-concepts -->
{extra}
"""


def files(extra: str = "", concepts: list[str] = SLUGS) -> dict[str, str]:
    site = {
        "index.md": "# Home\n",
        "chapters/one.md": CHAPTER.format(extra=extra),
        "assets/figure.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
    }
    for slug in concepts:
        site[f"concepts/{slug}.md"] = f"---\nterm: {slug.capitalize()}\nsummary: About {slug}.\n---\n"
    return site


def build(tmp_path: Path, site_files: dict[str, str]) -> tuple[BuildResult, dict]:
    result = build_small_site(tmp_path, site_files)
    glossary = json.loads((result.site / "glossary.json").read_text(encoding="utf-8"))
    return result, glossary


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    tmp = tmp_path_factory.mktemp("clean")
    result, glossary = build(tmp, files())
    assert result.problems == [], result.text()
    return result.site, glossary


def test_the_clean_site_has_no_faults(clean: tuple[Path, dict]) -> None:
    site, glossary = clean
    docs = site.parent / "docs"
    assert checks.broken_internal_links(site, site_root_path()) == []
    assert checks.external_assets(site) == []
    assert checks.insecure_links(site) == []
    assert checks.images_without_alt(site) == []
    assert checks.orphan_concepts(glossary) == []
    assert checks.chapters_with_few_concepts(site, docs) == []
    assert checks.undefined_bold_terms(docs) == []
    assert checks.backlink_faults(site, glossary) == []
    assert checks.related_on_pages_faults(site, glossary) == []
    assert checks.glossary_page_faults(site, glossary) == []
    assert checks.glossary_json_faults(site, docs, glossary, glossary["version"]) == []


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ('<a href="../missing.html">gone</a>', "chapters/one.html -> ../missing.html (no such file)"),
        ('<a href="#nowhere">here</a>', "chapters/one.html -> #nowhere (no element with id 'nowhere')"),
        (
            '<a href="../concepts/insight.html#nope">x</a>',
            "chapters/one.html -> ../concepts/insight.html#nope (no element with id 'nope')",
        ),
        (  # print.html shows the same image, a path the editions' check names too (not a hosted address)
            '<img src="../assets/missing.png" alt="A missing picture">',
            [
                "chapters/one.html -> ../assets/missing.png (no such file)",
                "print.html -> assets/missing.png (no such file)",
            ],
        ),
        (
            '<img src="../assets/figure.svg" srcset="../assets/missing-2x.png 2x" alt="A figure">',
            [
                "chapters/one.html -> ../assets/missing-2x.png (no such file)",
                "print.html -> assets/missing-2x.png (no such file)",
            ],
        ),
        ('<a href="../../outside.html">out</a>', "chapters/one.html -> ../../outside.html (points outside the site)"),
        (
            '<a href="/elsewhere/page.html">abs</a>',
            "chapters/one.html -> /elsewhere/page.html (absolute path outside the site's root /textbook/)",
        ),
    ],
)
def test_link_checker_reports_the_planted_dead_link(tmp_path: Path, extra: str, expected: str | list[str]) -> None:
    result, _ = build(tmp_path, files(extra))
    assert checks.broken_internal_links(result.site, site_root_path()) == (
        expected if isinstance(expected, list) else [expected]
    )


def test_asset_checker_reports_an_image_from_another_host(tmp_path: Path) -> None:
    # Neither a <script> nor an image from another host reaches the built site any more
    # (hooks/conceptbook/safety replaces the page), so the image is planted in the written page.
    result, _ = build(tmp_path, files(""))
    page = result.site / "chapters" / "one.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(
        html.replace("</article>", '<img src="https://cdn.example.org/x.png" alt="A picture"></article>', 1)
    )
    assert checks.external_assets(result.site) == [
        'chapters/one.html -> <img src="https://cdn.example.org/x.png"> (loads from another host)',
    ]


def test_http_checker_reports_a_plain_http_link(tmp_path: Path) -> None:
    result, _ = build(tmp_path, files("[old site](http://example.org/)"))
    assert checks.insecure_links(result.site) == ["chapters/one.html -> http://example.org/ (use https://)"]


def test_alt_checker_reports_an_image_without_alt_text(tmp_path: Path) -> None:
    result, _ = build(tmp_path, files("![](../assets/figure.svg)"))
    faults = checks.images_without_alt(result.site)
    assert faults == [
        "chapters/one.html -> ../assets/figure.svg (image without alt text; describe what it shows in ![...](...))"
    ]


def test_markdown_lint_reports_an_image_without_alt_text(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: T\n---\n\n# T\n\n![](figure.svg)\n", encoding="utf-8")
    faults = pymarkdown(page)
    assert len(faults) == 1 and ":7:1: MD045:" in faults[0]


def test_orphan_checker_reports_a_concept_no_chapter_discusses(tmp_path: Path) -> None:
    site_files = files(concepts=[*SLUGS, "sublimation"])
    _, glossary = build(tmp_path, site_files)
    assert checks.orphan_concepts(glossary) == [
        "docs/concepts/sublimation.md: no chapter discusses 'Sublimation'; mention it in a chapter by its term or an alias"
    ]


def test_concept_count_checker_reports_a_chapter_with_too_few(tmp_path: Path) -> None:
    site_files = files()
    site_files["chapters/two.md"] = "---\ntitle: Two\ndescription: Thin.\n---\n\n# Two\n\nOnly transference here.\n"
    result, _ = build(tmp_path, site_files)
    assert checks.chapters_with_few_concepts(result.site, tmp_path / "docs") == [
        "docs/chapters/two.md: links 1 concepts; a chapter should link at least 5 (use their terms, or [[slug]])"
    ]


def test_bold_checker_reports_an_undefined_bold_term(tmp_path: Path) -> None:
    build(tmp_path, files("A **hidden feeling** is bold too."))
    faults = checks.undefined_bold_terms(tmp_path / "docs")
    assert len(faults) == 1
    assert faults[0].startswith(
        "docs/chapters/one.md:15: **hidden feeling** is bold but is not a concept term or alias"
    )


def test_backlink_checker_reports_a_backlink_to_a_missing_section(clean: tuple[Path, dict], tmp_path: Path) -> None:
    site, glossary = clean
    broken = tmp_path / "site"
    shutil.copytree(site, broken)
    chapter = broken / "chapters" / "one.html"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace('id="middle"', 'id="renamed"'), encoding="utf-8")
    faults = checks.backlink_faults(broken, glossary)
    assert "concepts/enactment.html -> ../chapters/one.html#middle (no section with id 'middle')" in faults
    assert all("#middle (no section" in f for f in faults)


def test_backlink_checker_reports_a_section_that_does_not_mention_the_concept(
    clean: tuple[Path, dict], tmp_path: Path
) -> None:
    site, glossary = clean
    broken = tmp_path / "site"
    shutil.copytree(site, broken)
    chapter = broken / "chapters" / "one.html"
    html = chapter.read_text(encoding="utf-8")
    chapter.write_text(
        html.replace("enactment</a>", "something else</a>").replace('data-concept="enactment"', ""), encoding="utf-8"
    )
    assert checks.backlink_faults(broken, glossary) == [
        "concepts/enactment.html -> ../chapters/one.html#middle (that section does not mention 'Enactment')"
    ]


def test_related_checker_reports_a_relation_missing_from_a_page(tmp_path: Path) -> None:
    site_files = files()
    site_files["concepts/insight.md"] = "---\nterm: Insight\nsummary: About insight.\nrelated: [enactment]\n---\n"
    result, glossary = build(tmp_path, site_files)
    assert checks.related_on_pages_faults(result.site, glossary) == []
    page = result.site / "concepts" / "enactment.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace('href="insight.html"', 'href="other.html"'), encoding="utf-8"
    )
    assert checks.related_on_pages_faults(result.site, glossary) == [
        "concepts/enactment.html: related concepts ['insight'] in glossary.json are missing from "
        "the concept map's list (it links ['other'])"
    ]


def test_related_checker_reports_a_relation_glossary_json_lost_in_either_direction(clean: tuple[Path, dict]) -> None:
    site, glossary = clean
    docs = site.parent / "docs"
    (docs / "concepts" / "insight.md").write_text(
        "---\nterm: Insight\nsummary: About insight.\nrelated: [enactment]\n---\n", encoding="utf-8"
    )
    try:
        symmetric = json.loads(json.dumps(glossary))
        records = {c["slug"]: c for c in symmetric["concepts"]}
        records["insight"]["related"], records["enactment"]["related"] = ["enactment"], ["insight"]
        assert checks.related_faults(docs, symmetric) == []
        records["enactment"]["related"] = []  # the reverse half is missing
        assert checks.related_faults(docs, symmetric) == [
            "docs/concepts/insight.md: relation with 'enactment' is not symmetric in glossary.json"
        ]
        records["enactment"]["related"], records["insight"]["related"] = ["insight"], []  # the forward half
        assert checks.related_faults(docs, symmetric) == [
            "docs/concepts/insight.md: relation with 'enactment' is not symmetric in glossary.json"
        ]
        (docs / "concepts" / "insight.md").write_text(
            "---\nterm: Insight\nsummary: About insight.\nrelated: [enactmnet]\n---\n", encoding="utf-8"
        )
        assert checks.related_faults(docs, symmetric) == [
            "docs/concepts/insight.md: related concept 'enactmnet' does not exist; fix the slug or remove it"
        ]
    finally:
        (docs / "concepts" / "insight.md").write_text(
            "---\nterm: Insight\nsummary: About insight.\n---\n", encoding="utf-8"
        )


def test_definition_checker_reports_a_concept_without_summary_or_term_or_glossary_entry(
    clean: tuple[Path, dict], tmp_path: Path
) -> None:
    _, glossary = clean
    docs = tmp_path / "docs"
    (docs / "concepts").mkdir(parents=True)
    for slug in SLUGS:
        (docs / "concepts" / f"{slug}.md").write_text(f"---\nterm: {slug.capitalize()}\nsummary: About {slug}.\n---\n")
    assert checks.concept_definition_faults(docs, glossary) == []
    (docs / "concepts" / "insight.md").write_text("---\nterm: Insight\n---\n")
    (docs / "concepts" / "resistance.md").write_text("---\nsummary: About resistance.\n---\n")
    (docs / "concepts" / "wordy.md").write_text("---\nterm: Wordy\nsummary: " + "word " * 80 + "\n---\n")
    assert checks.concept_definition_faults(docs, glossary) == [
        "docs/concepts/insight.md: no 'summary'; add one or two plain sentences",
        "docs/concepts/resistance.md: no 'term'; add the display name, e.g. term: Transference",
        f"docs/concepts/wordy.md: summary has 80 words; shorten to {checks.SUMMARY_MAX_WORDS}",
        "docs/concepts/wordy.md: missing from glossary.json; fix the errors the build reports for it",
    ]


def test_glossary_json_checker_reports_each_wrong_field(clean: tuple[Path, dict]) -> None:
    site, glossary = clean
    docs = site.parent / "docs"
    assert checks.glossary_json_faults(site, docs, glossary, glossary["version"]) == []
    broken = json.loads(json.dumps(glossary))
    broken["version"] = 99
    record = next(c for c in broken["concepts"] if c["slug"] == "enactment")
    occurrence = record["occurrences"][0]
    occurrence["chapter"], occurrence["section"], occurrence["context"] = "chapters/one.md", "middle", ""
    record["summary"] = "Something else."
    faults = checks.glossary_json_faults(site, docs, broken, glossary["version"])
    where = f"docs/concepts/enactment.md: occurrence {occurrence['url']!r} in glossary.json"
    assert faults == [
        f"glossary.json: format/version are 'psychodynamic-theory-glossary'/99, expected "
        f"'psychodynamic-theory-glossary'/{glossary['version']}; update docs/about.md and the test together",
        "docs/concepts/enactment.md: summary in glossary.json 'Something else.' differs from the file 'About enactment.'",
        f"{where}: chapter 'chapters/one.md' is not the chapter's title '1. One'",
        f"{where}: section 'middle' is not the heading at #middle: 'Middle'",
        f"{where}: context is empty; it should quote the sentence that names the concept",
    ]


def test_glossary_page_checker_reports_a_wrong_summary_alias_or_chapter_count(
    clean: tuple[Path, dict], tmp_path: Path
) -> None:
    site, glossary = clean
    broken = tmp_path / "site"
    shutil.copytree(site, broken)
    page = broken / "glossary.html"
    page.write_text(
        page.read_text(encoding="utf-8")
        .replace("About insight.", "About nothing.")
        .replace("1 chapter", "3 chapters", 1),
        encoding="utf-8",
    )
    faults = checks.glossary_page_faults(broken, glossary)
    first = glossary["concepts"][0]["slug"]
    assert faults == sorted(
        [
            f"glossary.html#{first}: says 3 chapters, but 1 chapter(s) discuss it",
            "glossary.html#insight: the entry does not show the summary of docs/concepts/insight.md",
        ],
        key=lambda f: [c["slug"] for c in glossary["concepts"]].index(f.split("#")[1].split(":")[0]),
    )


def test_glossary_page_checker_reports_a_missing_entry(clean: tuple[Path, dict], tmp_path: Path) -> None:
    site, glossary = clean
    broken = tmp_path / "site"
    shutil.copytree(site, broken)
    page = broken / "glossary.html"
    page.write_text(page.read_text(encoding="utf-8").replace('id="insight"', 'id="x"'), encoding="utf-8")
    assert checks.glossary_page_faults(broken, glossary) == [
        "glossary.html: no entry with id 'insight' for docs/concepts/insight.md"
    ]


# -- teaching text, recaps, marked quotes and key terms (issue 14) ----------------------


def _planted(clean: tuple[Path, dict], tmp_path: Path, page: str, old: str, new: str) -> Path:
    site = tmp_path / "site"
    shutil.copytree(clean[0], site)
    path = site / page
    html = path.read_text(encoding="utf-8")
    assert old in html, f"{page}: nothing to plant the fault in"
    path.write_text(html.replace(old, new), encoding="utf-8")
    return site


def test_the_clean_site_passes_the_teaching_checks(clean: tuple[Path, dict]) -> None:
    site, glossary = clean
    docs = site.parent / "docs"
    assert checks.links_in_recaps(site, docs) == []
    assert checks.backlinks_into_recaps(site, glossary) == []
    assert checks.unhighlighted_backlinks(site, glossary) == []
    assert checks.key_terms_faults(site, docs, glossary) == []


def test_recap_checkers_report_a_link_and_a_backlink_in_a_recap_section(
    clean: tuple[Path, dict], tmp_path: Path
) -> None:
    site = _planted(clean, tmp_path, "chapters/one.html", '<h2 id="middle">Middle', '<h2 id="middle">Summary')
    docs, glossary = clean[0].parent / "docs", clean[1]
    assert "chapters/one.html#middle: 'insight' is linked in a recap section; link it in the teaching text" in (
        checks.links_in_recaps(site, docs)
    )
    assert "concepts/insight.html: backlink chapters/one.html#middle points into the recap section 'Middle'" in (
        checks.backlinks_into_recaps(site, glossary)
    )


def test_the_highlight_checker_reports_a_quote_without_mark(clean: tuple[Path, dict], tmp_path: Path) -> None:
    site = _planted(clean, tmp_path, "concepts/insight.html", "<mark>insight</mark>", "insight")
    [fault] = checks.unhighlighted_backlinks(site, clean[1])
    assert fault.startswith("concepts/insight.html: the quote ") and "does not mark 'Insight' once" in fault


def test_the_key_terms_checker_reports_a_term_without_its_summary(clean: tuple[Path, dict], tmp_path: Path) -> None:
    site = _planted(clean, tmp_path, "chapters/one.html", "<dd>About transference.</dd>", "")
    docs = clean[0].parent / "docs"
    assert checks.key_terms_faults(site, docs, clean[1]) == [
        "chapters/one.html: key term 'transference' is not followed by its summary"
    ]
