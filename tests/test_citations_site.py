"""The real site's citations: every one links to an existing Bibliography entry, every
page holds the tip sources its citations point at, no hand-typed reference list or
author–date citation remains in docs/, and the migration has nothing left to do."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from checks import COPIES
from sitebuild import ROOT

DOCS = ROOT / "docs"
# "(Bowlby, 1969)", "(Main & Solomon, 1990; Tronick, 1989)", "(e.g., Moelbak, 2020)".
AUTHOR_DATE = re.compile(
    r"\((?:[^()\n]*?\s)?[A-Z][A-Za-zÀ-ÿ'’-]+(?: et al\.)?,\s\d{4}[a-z]?(?:/\d{4}[a-z]?)?[^()\n]*\)"
)
REFERENCE_HEADING = re.compile(r"^#{1,6}\s+(?:References?|Bibliography)\s*$", re.IGNORECASE)
REFERENCE_LINE = re.compile(r"^(?:[-*]\s+)?[A-Z][\w'’ -]+,\s(?:[A-Z]\.\s?)+.*\(\d{4}[a-z]?(?:, [A-Z][a-z]+ \d+)?\)\.\s")


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html" and "assets" not in p.parts)


def test_every_citation_links_to_an_existing_bibliography_entry(site: Path) -> None:
    entries = {
        node.attributes["id"] for node in HTMLParser((site / "bibliography.html").read_text()).css("li.csl-entry")
    }
    faults, count = [], 0
    for page in pages(site):
        if page.name in COPIES:  # the whole-book page links its own bibliography section (link checker)
            continue
        for link in HTMLParser(page.read_text(encoding="utf-8")).css("a.citation"):
            count += 1
            href = link.attributes.get("href") or ""
            target, _, anchor = href.partition("#")
            if (page.parent / target).resolve() != (site / "bibliography.html").resolve() or anchor not in entries:
                faults.append(f"{page.relative_to(site)}: {link.text()} -> {href}")
    assert count > 150, "the book's citations were not rendered as links"
    assert not faults, "\n".join(faults)


def test_every_tip_a_page_points_at_exists_in_that_page(site: Path) -> None:
    faults = []
    for page in pages(site):
        tree = HTMLParser(page.read_text(encoding="utf-8"))
        sources = {node.attributes["id"]: node for node in tree.css("div.tip-source")}
        for link in tree.css("[data-tip]"):
            tip = link.attributes["data-tip"] or ""
            if link.attributes.get("aria-describedby") != tip:
                faults.append(f"{page.relative_to(site)}: data-tip and aria-describedby differ on {link.html}")
            source = sources.get(tip)
            if source is None or "hidden" not in source.attributes or not source.text().strip():
                faults.append(f"{page.relative_to(site)}: no hidden, filled tip source #{tip}")
    assert not faults, "\n".join(sorted(set(faults)))


def test_tip_sources_and_reference_lists_are_not_in_the_search_index(site: Path) -> None:
    index = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert "tip-source" not in index
    assert "Cited in:" not in index


def test_the_bibliography_page_is_in_the_nav_after_the_glossary_and_lists_backlinks(site: Path) -> None:
    tree = HTMLParser((site / "index.html").read_text(encoding="utf-8"))
    labels = [
        a.text().strip() for a in tree.css("nav.md-nav--primary > ul > li > a, nav.md-nav--primary > ul > li > label")
    ]
    assert "Bibliography" in labels and labels.index("Bibliography") == labels.index("Glossary") + 1, labels
    page = HTMLParser((site / "bibliography.html").read_text(encoding="utf-8"))
    entry = page.css_first("li#ref-bowlby1969")
    assert entry is not None and "Cited in:" in entry.text()
    assert page.css_first('li#ref-shedler2010 a[href="https://doi.org/10.1037/a0018378"]') is not None


def test_bibliography_json_is_published_beside_glossary_json(site: Path) -> None:
    data = json.loads((site / "bibliography.json").read_text(encoding="utf-8"))
    assert data["format"] == "psychodynamic-theory-bibliography" and data["version"] == 1
    by_key = {e["key"]: e for e in data["entries"]}
    assert by_key["bowlby1969"]["csl"]["type"] == "book"
    assert by_key["shedler2010"]["doi"] == "10.1037/a0018378"
    assert all(e["cited_by"] for e in data["entries"])


def test_no_hand_typed_reference_list_or_author_date_citation_remains_in_docs() -> None:
    faults = []
    for path in sorted(DOCS.rglob("*.md")):
        in_code = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.lstrip().startswith("```"):
                in_code = not in_code
            if in_code:
                continue
            where = f"{path.relative_to(ROOT)}:{number}"
            if REFERENCE_HEADING.match(line):
                faults.append(f"{where}: a hand-typed reference section; delete it (the engine generates it)")
            elif REFERENCE_LINE.match(line):
                faults.append(f"{where}: a hand-typed reference; cite the work with its key instead")
            for match in AUTHOR_DATE.finditer(re.sub(r"`[^`]*`", "", line)):
                faults.append(f"{where}: '{match.group(0)}' is typed by hand; cite it with a key, e.g. [@bowlby1969]")
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("line", ["as shown (Bowlby, 1969).", "(e.g., Main & Solomon, 1990; Tronick, 1989)"])
def test_the_author_date_check_catches_hand_typed_citations(line: str) -> None:
    assert AUTHOR_DATE.search(line)


def test_the_migration_has_nothing_left_to_convert() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "migrate_citations.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "would change" not in result.stdout, result.stdout


@pytest.mark.network
def test_every_doi_resolves() -> None:  # pragma: no cover - needs internet
    import urllib.request

    import bibtexparser

    faults = []
    for entry in bibtexparser.parse_file(str(DOCS / "references.bib")).entries:
        doi = entry.fields_dict.get("doi")
        if doi is None:
            continue
        request = urllib.request.Request(
            f"https://doi.org/{doi.value}", method="HEAD", headers={"User-Agent": "doi-check"}
        )
        try:
            with urllib.request.urlopen(request, timeout=20) as answer:
                if answer.status >= 400:
                    faults.append(f"{entry.key}: {doi.value} (HTTP {answer.status})")
        except Exception as error:
            faults.append(f"{entry.key}: {doi.value} ({error})")
    assert not faults, "\n".join(faults)


def test_citation_cff_is_valid_against_the_citation_file_format_schema() -> None:
    # tests/schemas/citation-file-format-1.2.0.json: the CFF project's schema.json (CC BY 4.0),
    # vendored so the check runs offline.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(ROOT / "tests" / "schemas" / "citation-file-format-1.2.0.json"),
            str(ROOT / "CITATION.cff"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
