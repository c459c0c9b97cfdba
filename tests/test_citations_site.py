"""The real site's citations: every one links to an existing Bibliography entry, every
page holds the tip sources its citations point at, no hand-typed reference list or
author–date citation remains in docs/, and the migration has nothing left to do."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from checks import COPIES
from conceptbook.authoring.prose import AUTHOR_DATE, hand_typed_citations
from sitebuild import ROOT

DOCS = ROOT / "docs"


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
    """The rules the build warns with (hooks/conceptbook/authoring/prose.py), held to every file in docs/,
    including pages outside the nav."""
    faults = [
        fault
        for path in sorted(DOCS.rglob("*.md"))
        for fault in hand_typed_citations(path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8"))
    ]
    if faults:  # the messages alone: file:line, what is wrong, the fix
        pytest.fail("\n".join(faults), pytrace=False)


@pytest.mark.parametrize("line", ["as shown (Bowlby, 1969).", "(e.g., Main & Solomon, 1990; Tronick, 1989)"])
def test_the_author_date_check_catches_hand_typed_citations(line: str) -> None:
    assert AUTHOR_DATE.search(line)


def test_a_hand_typed_citation_is_reported_with_its_line_and_the_key_to_write() -> None:
    source = "---\ntitle: T\n---\n\n# T\n\nAs shown (Bowlby, 1988).\n\n```text\n(Freud, 1900)\n```\n"
    assert hand_typed_citations("docs/chapters/t.md", source, {"bowlby1988"}.__contains__) == [
        "docs/chapters/t.md:7: '(Bowlby, 1988)' is a citation typed by hand; "
        "write [@bowlby1988] instead (its entry is in docs/references.bib)"
    ]
    assert hand_typed_citations("docs/chapters/t.md", "(Blos, 1967) ## Not a heading\n## References\n") == [
        "docs/chapters/t.md:1: '(Blos, 1967)' is a citation typed by hand; write [@blos1967] instead, after "
        "adding the work's entry with that key to docs/references.bib (CONTRIBUTING.md, Citations)",
        "docs/chapters/t.md:2: a hand-typed reference section; delete it: the build lists the works the page "
        "cites (CONTRIBUTING.md, Citations)",
    ]


def migration_faults(pages: dict[Path, str]) -> list[str]:
    """What scripts/migrate_citations.py would still convert in `pages` (path under docs/ ->
    text), as one message per line: the line, and what to write instead."""
    import difflib

    from scripts import migrate_citations as migration

    mapper = migration.Mapper(migration.load_works())
    faults = []
    for path, text in pages.items():
        page = migration.Page(path.resolve(), text, [], [])
        migration.migrate(page, mapper)
        name = path.relative_to(ROOT).as_posix()
        faults += page.problems
        old, new = text.splitlines(), page.text.splitlines()
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            for offset, line in enumerate(old[i1:i2]):
                if tag == "equal" or not line.strip():
                    continue
                rewritten = new[j1 + offset] if tag == "replace" and j1 + offset < j2 else None
                fix = f"write it as: {rewritten}" if rewritten is not None else "delete the line"
                faults.append(
                    f"{name}:{i1 + offset + 1}: hand-typed citation text that scripts/migrate_citations.py would "
                    f"convert; {fix} (or run .venv/bin/python scripts/migrate_citations.py {name})"
                )
    return faults


def test_the_migration_has_nothing_left_to_convert() -> None:
    faults = migration_faults({path: path.read_text(encoding="utf-8") for path in sorted(DOCS.rglob("*.md"))})
    if faults:
        pytest.fail("\n".join(faults), pytrace=False)


def test_the_migration_check_names_the_line_and_the_rewrite() -> None:
    page = DOCS / "chapters" / "zz-migration-probe.md"  # never written: the text is passed in
    assert migration_faults({page: "# Probe\n\nSecure children explore more (Bowlby, 1988).\n"}) == [
        "docs/chapters/zz-migration-probe.md:3: hand-typed citation text that scripts/migrate_citations.py would "
        "convert; write it as: Secure children explore more [@bowlby1988]. (or run .venv/bin/python "
        "scripts/migrate_citations.py docs/chapters/zz-migration-probe.md)"
    ]


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
