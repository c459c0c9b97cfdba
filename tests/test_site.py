"""The real site, built once per session: it builds cleanly, and its links, glossary,
concept pages and images are all sound. Each failure lists every fault with where it is."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import checks
from sitebuild import DOCS, BuildResult, site_root_path


def test_the_site_builds_strictly_with_zero_warnings(real_build: BuildResult) -> None:
    if real_build.failed is not None or real_build.problems:  # the build's own messages: file:line, what, fix
        pytest.fail("\n".join([*real_build.problems, real_build.failed or ""]).strip(), pytrace=False)


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


def documented_glossary_version() -> int:
    about = (DOCS / "about.md").read_text(encoding="utf-8")
    found = re.search(r"`version` \(currently (\d+)", about)
    assert found, "docs/about.md: the glossary data section must say `version` (currently N)"
    return int(found.group(1))


def test_glossary_json_has_every_documented_field_right(site: Path, glossary: dict) -> None:
    faults = checks.glossary_json_faults(site, DOCS, glossary, documented_glossary_version())
    assert not faults, report(faults)


def test_concept_pages_show_term_summary_and_their_backlinks(site: Path, glossary: dict) -> None:
    """Each concept page shows its term and summary, and a backlink to every chapter section
    that links the concept (read from the chapters, not from glossary.json), once each."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    linked: dict[str, set[str]] = {}
    for chapter in checks.chapter_files(DOCS):
        url = f"chapters/{chapter.stem}.html"
        tree = HTMLParser((site / url).read_text(encoding="utf-8"))
        for box in tree.css("aside.key-concepts"):
            box.decompose()
        anchor = ""
        for node in tree.css("article h2[id], article h3[id], article h4[id], article a.concept-link"):
            if node.tag != "a":
                anchor = node.attributes.get("id") or ""
            else:
                target = f"{url}#{anchor}" if anchor else url
                linked.setdefault(node.attributes.get("data-concept") or "", set()).add(target)
    faults = []
    for record in glossary["concepts"]:
        where = f"{record['url']} (docs/concepts/{record['slug']}.md)"
        tree = HTMLParser((site / record["url"]).read_text(encoding="utf-8"))
        h1 = tree.css_first("article h1")
        if h1 is None or h1.text(strip=True).rstrip("¶") != record["term"]:
            faults.append(f"{where}: the heading is not the term {record['term']!r}")
        summary = tree.css_first("p.concept-summary")
        if summary is None or summary.text(strip=True) != record["summary"]:
            faults.append(f"{where}: the lead paragraph is not the summary")
        backlinks = [a.attributes["href"].removeprefix("../") for a in tree.css("a.concept-backlinks__section")]
        if len(backlinks) != len(set(backlinks)):
            faults.append(f"{where}: a section is listed twice among the backlinks")
        for missing in sorted(linked.get(record["slug"], set()) - set(backlinks)):
            faults.append(f"{where}: no backlink to {missing}, where a chapter links the concept")
        if backlinks != [o["url"] for o in record["occurrences"]]:
            faults.append(f"{where}: backlinks differ from glossary.json's occurrences")
    assert not faults, report(faults)


def test_term_links_follow_the_tip_contract_with_one_hidden_definition_each(site: Path, glossary: dict) -> None:
    """data-tip and aria-describedby name a hidden div.tip-source, once per concept and page,
    holding the summary and a "Read more" link to the concept page; no title attribute."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    records = {c["slug"]: c for c in glossary["concepts"]}
    faults = []
    for page in checks.source_pages(site):
        tree = HTMLParser(page.path.read_text(encoding="utf-8"))
        links = tree.css("article a.concept-link[data-concept]:not(aside.key-concepts a)")
        sources = tree.css("div.tip-source[id^='tip-concept-']")
        ids = [s.attributes.get("id") for s in sources]
        if len(ids) != len(set(ids)):
            faults.append(f"{page.url}: a concept's tip source appears twice")
        for link in links:
            if link.parent is not None and link.parent.tag in ("dt",):
                continue  # the key-terms box shows the summary itself
            slug = link.attributes.get("data-concept") or ""
            tip = f"tip-concept-{slug}"
            if "title" in link.attributes:
                faults.append(f"{page.url}: the link to '{slug}' still has a title attribute")
            if link.attributes.get("data-tip") != tip or link.attributes.get("aria-describedby") != tip:
                faults.append(f"{page.url}: the link to '{slug}' lacks data-tip/aria-describedby={tip!r}")
            source = tree.css_first(f'div.tip-source[id="{tip}"]')
            if source is None or "hidden" not in source.attributes:
                faults.append(f"{page.url}: no hidden tip source #{tip}")
                continue
            summary = source.css_first("p")
            if summary is None or summary.text() != records[slug]["summary"]:
                faults.append(f"{page.url}: tip source #{tip} does not hold the summary")
            more = source.css("a[href]")
            if len(more) != 1 or (more[0].attributes.get("href") or "").rsplit("/", 1)[-1] != f"{slug}.html":
                faults.append(f"{page.url}: tip source #{tip} lacks its one link to the concept page")
    for chapter in checks.chapter_files(DOCS):
        html = (site / "chapters" / f"{chapter.stem}.html").read_text(encoding="utf-8")
        if "<!-- key-concepts -->" in html or "<!-- concept-tips -->" in html:
            faults.append(f"chapters/{chapter.stem}.html: a marker was left in the page")
    assert not faults, report(faults)


def test_no_term_link_sits_in_a_recap_section(site: Path) -> None:
    faults = checks.links_in_recaps(site, DOCS)
    assert not faults, report(faults)


def test_no_backlink_points_into_a_recap_section(site: Path, glossary: dict) -> None:
    faults = checks.backlinks_into_recaps(site, glossary)
    assert not faults, report(faults)


def test_backlinks_highlight_the_term(site: Path, glossary: dict) -> None:
    faults = checks.unhighlighted_backlinks(site, glossary)
    assert not faults, report(faults)


def test_backlinks_list_the_defining_sections_first(glossary: dict) -> None:
    faults = [
        f"{c['url']}: a defining section comes after another"
        for c in glossary["concepts"]
        if [o["defines"] for o in c["occurrences"]] != sorted((o["defines"] for o in c["occurrences"]), reverse=True)
    ]
    assert not faults, report(faults)


def test_every_key_terms_box_lists_defined_terms_with_their_summaries(site: Path, glossary: dict) -> None:
    faults = checks.key_terms_faults(site, DOCS, glossary)
    assert not faults, report(faults)


def test_every_concept_page_carries_the_search_boost(site: Path, glossary: dict) -> None:
    from conceptbook.glossary.capability import SEARCH_BOOST

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    boost = {d["location"]: d.get("boost") for d in index["docs"]}
    faults = [
        f"{c['url']}: boost {boost.get(c['url'])}" for c in glossary["concepts"] if boost.get(c["url"]) != SEARCH_BOOST
    ]
    assert not faults, report(faults)


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
        assert reviewed, f"{chapter.name}: no last_reviewed in its front matter (the scaffold writes one)"
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


def test_every_page_level_search_entry_has_text(site: Path) -> None:
    """mkdocs-glightbox's <html><body> wrapper used to leave these empty (hooks/conceptbook/searchindex/unwrap.py)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = [d for d in index["docs"] if "#" not in d["location"]]
    faults = [f"{d['location']}: no text" for d in pages if d["location"] != "404.html" and not d["text"].strip()]
    assert pages and not faults, report(faults)
