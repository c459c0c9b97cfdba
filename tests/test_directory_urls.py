"""A book built with directory URLs (`use_directory_urls: true`, MkDocs' default).

This book publishes page.html URLs because Material's offline plugin switches to them; a
fork that drops the plugin (a hosted-only site) gets chapters/one/ instead. Every link
the engine writes is relative to the page it is on, so it must hold at either depth."""

from __future__ import annotations

from pathlib import Path

import pytest
import test_golden_outputs as golden
from mkdocs.utils import yaml_load
from selectolax.lexbor import LexborHTMLParser

import checks
from sitebuild import CONFIG, build_site, site_root_path, write_small_site


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with open(CONFIG, encoding="utf-8") as f:
        plugins = [p for p in yaml_load(f)["plugins"] if p != "offline"]
    root = tmp_path_factory.mktemp("directory-urls")
    docs = write_small_site(root, golden.book_files())
    result = build_site(root / "site", docs_dir=str(docs), nav=golden.NAV, plugins=plugins)
    assert (result.failed, result.problems) == (None, []), result.text()
    assert (result.site / "glossary" / "index.html").is_file()  # directory URLs, as meant
    return result.site


def hrefs(site: Path, page: str, selector: str) -> list[str]:
    tree = LexborHTMLParser((site / page).read_text(encoding="utf-8"))
    return [a.attributes.get("href") or "" for a in tree.css(selector)]


def test_every_link_of_a_book_with_directory_urls_resolves(book: Path) -> None:
    assert checks.broken_internal_links(book, site_root_path()) == []


def test_the_generated_pages_link_from_their_own_depth(book: Path) -> None:
    assert hrefs(book, "glossary/index.html", "a[aria-label$='concept page']")[:2] == [
        "../concepts/defense/",
        "../concepts/drive-theory/",
    ]
    assert hrefs(book, "bibliography/index.html", "p.cited-by a") == [
        "../chapters/zeta/",
        "../chapters/zeta/",
        "../chapters/alpha/",
    ]
    assert hrefs(book, "concepts/splitting/index.html", "a.concept-backlinks__section") == [
        "../../chapters/zeta/#splitting-and-projection",
        "../../chapters/alpha/#where-ideas-came-from",
    ]
