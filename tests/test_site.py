"""The real site, built once per session: it builds cleanly, and its links, glossary,
concept pages and images are all sound. Each failure lists every fault with where it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import checks
from sitebuild import DOCS, BuildResult, site_root_path


def test_the_site_builds_strictly_with_zero_warnings(real_build: BuildResult) -> None:
    assert real_build.failed is None, real_build.text()
    assert real_build.problems == []


@pytest.fixture(scope="session")
def glossary(site: Path) -> dict:
    return json.loads((site / "glossary.json").read_text(encoding="utf-8"))


def report(faults: list[str]) -> str:
    return f"{len(faults)} problem(s):\n" + "\n".join(faults)


# -- links --------------------------------------------------------------------------


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    faults = checks.broken_internal_links(site, site_root_path(), DOCS)
    assert not faults, report(faults) + "\nfix each link (or the heading it points to) at the file and line shown"


def test_no_external_link_uses_plain_http(site: Path) -> None:
    faults = checks.insecure_links(site)
    assert not faults, report(faults)


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    faults = checks.external_assets(site)
    assert not faults, report(faults)


def test_every_image_has_alt_text(site: Path) -> None:
    faults = checks.images_without_alt(site)
    assert not faults, report(faults)


@pytest.mark.network
def test_external_links_answer(site: Path) -> None:  # pragma: no cover - needs internet
    import urllib.request

    faults = []
    for url, where in sorted(checks.external_links(site).items()):
        request = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "link-check"})
        try:
            with urllib.request.urlopen(request, timeout=15) as answer:
                if answer.status >= 400:
                    faults.append(f"{where[0]} -> {url} (HTTP {answer.status})")
        except Exception as error:
            faults.append(f"{where[0]} -> {url} ({error})")
    assert not faults, report(faults)


# -- glossary coverage --------------------------------------------------------------


def test_every_concept_has_a_valid_definition_and_is_in_the_glossary(glossary: dict) -> None:
    faults = checks.concept_definition_faults(DOCS, glossary)
    assert not faults, report(faults)


def test_every_concept_has_an_entry_on_the_glossary_page(site: Path, glossary: dict) -> None:
    faults = checks.glossary_page_faults(site, glossary)
    assert not faults, report(faults)


def test_every_concept_is_discussed_in_a_chapter(glossary: dict) -> None:
    faults = checks.orphan_concepts(glossary)
    assert not faults, report(faults)


def test_every_chapter_links_at_least_five_concepts(site: Path) -> None:
    faults = checks.chapters_with_few_concepts(site, DOCS)
    assert not faults, report(faults)


def test_related_concepts_exist_and_are_symmetric(glossary: dict) -> None:
    faults = checks.related_faults(DOCS, glossary)
    assert not faults, report(faults)


def test_concept_pages_show_the_symmetric_related_concepts(site: Path, glossary: dict) -> None:
    faults = checks.related_on_pages_faults(site, glossary)
    assert not faults, report(faults)


def test_every_bold_term_in_a_chapter_is_defined(site: Path) -> None:
    faults = checks.undefined_bold_terms(DOCS)
    assert not faults, report(faults)


def test_every_backlink_lands_on_a_section_that_mentions_the_concept(site: Path, glossary: dict) -> None:
    faults = checks.backlink_faults(site, glossary)
    assert not faults, report(faults)


# -- the engine's output agrees with itself and with the concept files ---------------


def test_glossary_json_matches_the_concept_files(glossary: dict) -> None:
    files = {c.slug: c for c in checks.concept_files(DOCS)}
    records = {c["slug"]: c for c in glossary["concepts"]}
    assert records.keys() == files.keys()
    for slug, record in records.items():
        data = files[slug].data
        assert record["term"] == " ".join(data["term"].split())
        assert record["summary"] == " ".join(data["summary"].split())
        assert record["aliases"] == list(data.get("aliases") or [])
        assert record["link"] == data.get("link", "auto")
        assert record["url"] == f"concepts/{slug}.html"
        declared = set(data.get("related") or [])
        assert declared <= set(record["related"])


def test_concept_pages_show_term_summary_and_backlinks_from_glossary_json(site: Path, glossary: dict) -> None:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    for record in glossary["concepts"]:
        tree = HTMLParser((site / record["url"]).read_text(encoding="utf-8"))
        assert tree.css_first("article h1").text(strip=True).rstrip("¶") == record["term"]
        assert tree.css_first("p.concept-summary").text(strip=True) == record["summary"]
        backlinks = [a.attributes["href"] for a in tree.css("a.concept-backlinks__section")]
        expected = ["../" + o["url"] for o in record["occurrences"]]
        assert backlinks == expected, record["slug"]


def test_chapters_link_terms_with_their_summary_as_tooltip(site: Path, glossary: dict) -> None:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    summaries = {c["slug"]: c["summary"] for c in glossary["concepts"]}
    for chapter in checks.chapter_files(DOCS):
        tree = HTMLParser((site / "chapters" / f"{chapter.stem}.html").read_text(encoding="utf-8"))
        links = tree.css("article a.concept-link")
        assert links, chapter.name
        for link in links:
            assert link.attributes["title"] == summaries[link.attributes["data-concept"]]
        assert tree.css_first("aside.key-concepts") is not None, f"{chapter.name}: no key-concepts box"
        assert "<!-- key-concepts -->" not in tree.html


def test_concept_pages_rank_first_in_search(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    boosted = {d["location"] for d in index["docs"] if d.get("boost")}
    assert "concepts/transference.html" in boosted


def test_home_page_lists_every_chapter_in_reading_order(site: Path) -> None:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser((site / "index.html").read_text(encoding="utf-8"))
    cards = [a.attributes["href"] for a in tree.css(".chapter-cards a")]
    nav_chapters = [a.attributes["href"] for a in tree.css("nav.md-nav--primary a.md-nav__link[href^='chapters/']")]
    assert cards and cards == list(dict.fromkeys(nav_chapters))


def test_chapters_and_concepts_have_an_edit_link_to_their_own_file(site: Path) -> None:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    pages = [
        *(f"chapters/{p.stem}" for p in checks.chapter_files(DOCS)),
        *(f"concepts/{c.slug}" for c in checks.concept_files(DOCS)),
    ]
    faults = []
    for page in pages:
        tree = HTMLParser((site / f"{page}.html").read_text(encoding="utf-8"))
        edit = tree.css_first("a.md-content__button[href*='/edit/']")
        if edit is None or not edit.attributes["href"].endswith(f"/docs/{page}.md"):
            faults.append(f"{page}.html: edit link {edit.attributes['href'] if edit else 'missing'}")
    assert not faults, report(faults)


def test_chapters_show_their_last_review_date(site: Path) -> None:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    for chapter in checks.chapter_files(DOCS):
        reviewed = checks.parse(chapter.read_text(encoding="utf-8")).data.get("last_reviewed")
        meta = HTMLParser((site / "chapters" / f"{chapter.stem}.html").read_text(encoding="utf-8")).css_first(
            "aside.chapter-meta time"
        )
        if reviewed:
            assert meta is not None and meta.attributes["datetime"] == str(reviewed), chapter.name


def test_every_page_carries_the_licence_and_the_crisis_notice(site: Path) -> None:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    faults = []
    for page in checks.pages(site):
        footer = HTMLParser(page.path.read_text(encoding="utf-8")).css_first("footer .md-copyright")
        text = footer.text() if footer else ""
        for needed in ("not medical advice", "988", "116 123", "CC BY-SA 4.0"):
            if needed not in text:
                faults.append(f"{page.url}: footer lacks '{needed}'")
    assert not faults, report(faults)
