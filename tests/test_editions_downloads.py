"""The list of editions (<!-- downloads -->, hooks/editions_hooks.py) in a copy of the book
that does not hold them: a local build, and so the offline zip (newcomer review 2026-12,
finding 13). Each edition that is not published with the build links its hosted copy
and says, beside the link, that it needs an internet connection; one that is published
(EDITIONS_DIR) is a local link with its size and no such words. With no site_url there
is no hosted copy to link: the edition is named without a link and the build warns once.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from sitebuild import build_site, build_small_site, small_site_nav, write_small_site

NEEDS_NETWORK = "(online copy, needs an internet connection)"
FILES = {"index.md": "# Home\n\n## Editions\n\n<!-- downloads -->\n"}


def items(site: Path) -> list[str]:
    home = LexborHTMLParser((site / "index.html").read_text(encoding="utf-8"))
    return [" ".join(li.text().split()) for li in home.css(".downloads li")]


def note(site: Path) -> str:
    home = LexborHTMLParser((site / "index.html").read_text(encoding="utf-8"))
    found = home.css_first(".downloads__note")
    return " ".join(found.text().split()) if found is not None else ""


def test_without_the_editions_each_download_says_it_needs_the_network(tmp_path: Path) -> None:
    result = build_small_site(tmp_path, FILES)
    assert result.failed is None and result.problems == [], result.text()
    listed = items(result.site)
    assert listed[0].startswith("Whole book on one page:")
    assert [item.split(" (")[0] for item in listed[1:]] == ["PDF", "EPUB", "Offline website"]
    assert all(NEEDS_NETWORK in item for item in listed[1:]), listed
    assert "need an internet connection" in note(result.site)


def test_a_published_edition_is_local_and_the_others_still_say_they_need_the_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editions = tmp_path / "dist"
    editions.mkdir()
    (editions / "psychodynamic-theory.pdf").write_bytes(b"%PDF" + b"x" * 1_500_000)
    monkeypatch.setenv("EDITIONS_DIR", str(editions))
    result = build_small_site(tmp_path, FILES)
    assert result.failed is None and result.problems == [], result.text()
    pdf, epub, zip_ = items(result.site)[1:]
    assert pdf.startswith("PDF (1.5 MB):") and NEEDS_NETWORK not in pdf
    assert NEEDS_NETWORK in epub and NEEDS_NETWORK in zip_
    assert note(result.site)


def test_with_every_edition_published_nothing_mentions_the_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editions = tmp_path / "dist"
    editions.mkdir()
    for name in ("psychodynamic-theory.pdf", "psychodynamic-theory.epub", "psychodynamic-theory-offline.zip"):
        (editions / name).write_bytes(b"x" * 2000)
    monkeypatch.setenv("EDITIONS_DIR", str(editions))
    result = build_small_site(tmp_path, FILES)
    assert result.failed is None and result.problems == [], result.text()
    assert not any("internet" in item for item in items(result.site))
    assert note(result.site) == ""


def test_with_no_site_url_an_unpublished_edition_has_no_link_and_the_build_says_why(tmp_path: Path) -> None:
    docs = write_small_site(tmp_path, FILES)
    result = build_site(tmp_path / "site", docs_dir=str(docs), nav=small_site_nav(FILES), site_url="", strict=False)
    home = LexborHTMLParser((result.site / "index.html").read_text(encoding="utf-8"))
    assert [a.attributes.get("href") for a in home.css(".downloads a")] == ["print.html"]
    assert items(result.site)[1].startswith("PDF (not published with this copy of the book):")
    warnings = [m for m in result.messages if "site_url" in m]
    assert len(warnings) == 1, result.messages
    assert "docs/index.md: <!-- downloads --> lists editions" in warnings[0]
    assert "set site_url" in warnings[0]


def test_a_hand_written_link_to_an_edition_is_reported_with_its_line_and_the_marker_to_use(tmp_path: Path) -> None:
    files = {
        "index.md": "# Home\n\n"
        "[Download the offline edition](https://example.org/downloads/psychodynamic-theory-offline.zip)\n\n"
        "<!-- downloads -->\n"
    }
    result = build_small_site(tmp_path, files)
    assert result.problems == [
        "WARNING: docs/index.md:3: a hand-written link to downloads/psychodynamic-theory-offline.zip points online even in "
        "the offline zip, without saying so; write <!-- downloads --> on its own line instead (the list of "
        "editions: the Offline website (zip) this build publishes, with its size, or the online copy, marked as "
        "needing the network), and refer to it in the text."
    ], result.text()
