"""The book's editions (hooks/conceptbook/editions/): the whole-book print page, the PDF and the EPUB.

All of them are made here from a small throw-away book (two chapters in a non-alphabetical
reading order, a figure, a glossary), so the tests stay fast; `make pdf` and `make epub`
build the full editions. The print page of the real site is checked by the site's own
link checks (tests/test_site.py), since every build writes it.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from ebooklib import epub as ebooklib_epub
from pypdf import PdfReader
from pypdf.generic import Destination
from selectolax.lexbor import LexborHTMLParser

import browser_support
from checks import broken_internal_links
from conceptbook.editions import epub, epubcheck, pdf, printed
from conceptbook.editions.book import ONLINE, source_epoch
from sitebuild import ROOT, build_site, build_small_site, engine_env, write_small_site

CHAPTER = """---
title: {title}
description: A chapter of the small book.
---

# {title}

Opening words about {concept}.

## A section

More about {concept} and {other}. See [the other chapter's section]({link}) and
[the square as a file](../assets/figures/square.svg).

<figure markdown="span">
  ![A small square diagram.](../assets/figures/square.svg){{ width="200" }}
  <figcaption>A square.</figcaption>
</figure>

<!-- key-concepts -->
"""
FIGURE = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200">'
    '<title>A square</title><rect x="20" y="20" width="160" height="160" fill="none" stroke="#000"/></svg>'
)
CHAPTERS = [  # reading order, deliberately not alphabetical
    ("chapters/zeta.md", "Zeta comes first", "transference", "insight", "alpha.md#a-section"),
    ("chapters/alpha.md", "Alpha comes second", "insight", "transference", "zeta.md#a-section"),
]
# Chapters are numbered in reading order by the build (hooks/conceptbook/numbering/).
TITLES = [f"{number}. {title}" for number, (_path, title, *_) in enumerate(CHAPTERS, start=1)]


def small_book_files() -> dict[str, str]:
    files = {
        "index.md": "# Home\n\n## Editions\n\n<!-- downloads -->\n",
        "assets/figures/square.svg": FIGURE,
    }
    for path, title, concept, other, link in CHAPTERS:
        files[path] = CHAPTER.format(title=title, concept=concept, other=other, link=link)
    for slug in ("transference", "insight"):
        files[f"concepts/{slug}.md"] = (
            f"---\nterm: {slug.capitalize()}\nsummary: A concept of the small book called {slug}.\n---\n"
        )
    return files


def build_book(tmp_path: Path) -> Path:
    result = build_small_site(tmp_path, small_book_files(), nav=["index.md", *(p for p, *_ in CHAPTERS)])
    assert result.failed is None and result.problems == [], result.text()
    return result.site


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_book(tmp_path_factory.mktemp("small-book"))


def sections(site: Path) -> list[LexborHTMLParser]:
    tree = LexborHTMLParser((site / "print.html").read_text(encoding="utf-8"))
    return tree.css("section.print-section")


# --- Print page -------------------------------------------------------------------------


def test_print_page_holds_every_chapter_in_reading_order_then_the_glossary(small_site: Path) -> None:
    found = [(s.attributes.get("data-kind"), " ".join(s.css_first("h1").text().split())) for s in sections(small_site)]
    assert found == [("chapter", TITLES[0]), ("chapter", TITLES[1]), ("glossary", "Glossary")]


TAMPER_HOOK = """
from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(100)  # before the editions' on_post_build (0): the page on disk is changed first
def on_post_build(config):
    page = Path(config.site_dir) / "chapters" / "zeta.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Opening words", "Changed on disk"), encoding="utf-8")
"""


def test_print_page_is_rendered_from_the_build_not_read_from_the_site(tmp_path: Path) -> None:
    """The whole book holds what the build finished for each page, not what a file of
    site/ says: a hook that rewrites chapters/zeta.html after it was written (and before
    the editions' on_post_build) changes the file but not print.html. Its frame is the
    theme's, rendered for the page itself, not the home page's."""
    docs = write_small_site(tmp_path, small_book_files())
    (tmp_path / "tamper.py").write_text(TAMPER_HOOK, encoding="utf-8")
    # mkdocs.yml's hook files (under hooks/, or src/ in the mutation run's staged copy)
    hooks = re.findall(r"^  - (\w+/\w+_hooks\.py)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    result = build_site(
        tmp_path / "site",
        docs_dir=str(docs),
        nav=["index.md", *(p for p, *_ in CHAPTERS)],
        hooks=[str(ROOT / hook) for hook in hooks] + [str(tmp_path / "tamper.py")],
    )
    assert result.failed is None and result.problems == [], result.text()
    assert len(hooks) == 4 and "Changed on disk about" in (result.site / "chapters/zeta.html").read_text(
        encoding="utf-8"
    )
    tree = LexborHTMLParser((result.site / "print.html").read_text(encoding="utf-8"))
    zeta = " ".join((tree.css_first("section#zeta").text()).split())
    assert "Opening words about transference." in zeta and "Changed on disk" not in zeta
    assert (tree.css_first("title").text(), tree.css_first('link[rel="canonical"]').attributes.get("href")) == (
        "The whole book - Psychodynamic Theory",
        "https://psychodynamic-theory.github.io/textbook/print.html",
    )


def test_the_print_pages_frame_has_its_title_a_skip_link_to_the_title_page_and_no_contents_sidebar(
    small_site: Path,
) -> None:
    tree = LexborHTMLParser((small_site / "print.html").read_text(encoding="utf-8"))
    assert tree.css_first("title").text() == "The whole book - Psychodynamic Theory"
    assert tree.css_first("a.md-skip").attributes.get("href") == "#title-page"
    assert "hidden" in tree.css_first("div.md-sidebar--secondary").attributes  # hide: [toc]


def test_print_page_links_point_inside_it(small_site: Path) -> None:
    tree = LexborHTMLParser((small_site / "print.html").read_text(encoding="utf-8"))
    book = tree.css_first(".print-book")
    hrefs = [a.attributes.get("href") or "" for a in book.css("a[href]")]
    internal = [h for h in hrefs if not h.startswith(("http://", "https://"))]
    files = [h for h in internal if not h.startswith("#")]
    assert internal and files == ["assets/figures/square.svg"] * 2, internal  # a file, from each chapter
    assert "#alpha--a-section" in hrefs and "#zeta--a-section" in hrefs  # chapter to chapter
    assert "#glossary--transference" in hrefs  # a term link lands on its glossary entry
    assert [f for f in broken_internal_links(small_site, "/textbook/") if f.startswith("print.html")] == []


def test_the_real_print_page_links_files_beside_it_with_their_hosted_address(site: Path) -> None:
    """What the PDF and the EPUB are made from. A link to a file of the site (the
    bibliography's bibliography.json and references.bib) stays a path beside print.html,
    which works online and from the offline zip, and carries the file's hosted address,
    which the PDF and the EPUB link instead (neither can carry the file); images stay files."""
    book = LexborHTMLParser((site / "print.html").read_text(encoding="utf-8")).css_first(".print-book")
    links = book.css("a[href]")
    local = [
        a for a in links if not (a.attributes.get("href") or "").startswith(("#", "https://", "http://", "mailto:"))
    ]
    assert len(links) > 1000 and {a.attributes.get("href") for a in local} == {"bibliography.json", "references.bib"}
    site_url = printed.read(site).info.site_url
    for a in local:
        assert (site / (a.attributes.get("href") or "")).is_file()
        assert a.attributes.get(ONLINE) == site_url + (a.attributes.get("href") or "")
    sources = [img.attributes.get("src") or "" for img in book.css("img[src]")]
    assert sources and all((site / src).is_file() for src in sources), sources


def test_the_editions_say_nothing_about_hovering_or_tapping(site: Path) -> None:
    """The glossary's and bibliography's introductions tell a screen reader how to see a
    definition or a reference in place; paper and e-readers cannot hover or tap."""
    for page in ("glossary.html", "bibliography.html"):
        article = LexborHTMLParser((site / page).read_text(encoding="utf-8")).css_first("article")
        assert "hover over it" in article.text(), f"{page}: the screen's introduction lost its how-to"
    book = LexborHTMLParser((site / "print.html").read_text(encoding="utf-8")).css_first(".print-book")
    text = " ".join(book.text().split())
    assert "Every concept this book uses" in text and "Every work this book cites" in text
    assert "hover" not in text.lower() and " tap " not in text


def test_home_page_links_the_print_page_and_the_hosted_downloads(small_site: Path) -> None:
    home = LexborHTMLParser((small_site / "index.html").read_text(encoding="utf-8"))
    hrefs = [a.attributes.get("href") or "" for a in home.css(".downloads a")]
    assert hrefs[0] == "print.html"
    assert [h.rsplit("/", 1)[-1] for h in hrefs[1:]] == [
        "psychodynamic-theory.pdf",
        "psychodynamic-theory.epub",
        "psychodynamic-theory-offline.zip",
    ]
    assert all(h.startswith("https://") for h in hrefs[1:])  # no editions beside this build


def test_with_editions_beside_the_build_they_are_published_with_their_sizes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editions = tmp_path / "dist"
    editions.mkdir()
    (editions / "psychodynamic-theory.pdf").write_bytes(b"%PDF" + b"x" * 2_500_000)
    monkeypatch.setenv("EDITIONS_DIR", str(editions))
    site = build_book(tmp_path)
    assert (site / "downloads" / "psychodynamic-theory.pdf").stat().st_size == 2_500_004
    home = LexborHTMLParser((site / "index.html").read_text(encoding="utf-8"))
    pdf_item = home.css(".downloads li")[1]
    assert pdf_item.css_first("a").attributes.get("href") == "downloads/psychodynamic-theory.pdf"
    assert "(2.5 MB)" in pdf_item.text()


# --- PDF ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_builds(small_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two PDFs of the small book, each printed by `make pdf`'s command in its own process
    (the browser tests' session keeps a Playwright loop running in this one)."""
    import os
    import subprocess
    import sys

    if os.environ.get(browser_support.CHROMIUM_ENV) is None and not browser_support.SYSTEM_CHROMIUM.exists():
        if browser_support.running_in_ci():
            pytest.fail(pdf.NO_CHROMIUM + " (CI=true: the PDF must be tested)")
        pytest.skip(pdf.NO_CHROMIUM)
    out = tmp_path_factory.mktemp("pdf")
    made = []
    for name in ("a.pdf", "b.pdf"):
        result = subprocess.run(
            [sys.executable, "-m", "conceptbook.editions.pdf", str(small_site), str(out / name)],
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
            env=engine_env(),
        )
        assert result.returncode == 0, result.stderr
        made.append(out / name)
    return made[0], made[1]


def test_pdf_has_one_outline_entry_per_chapter_then_the_glossary(pdf_builds: tuple[Path, Path]) -> None:
    reader = PdfReader(pdf_builds[0])
    top = [item.title for item in reader.outline if isinstance(item, Destination)]
    assert top == [*TITLES, "Glossary"]


def test_pdf_text_holds_every_chapter_title_and_the_glossary(pdf_builds: tuple[Path, Path]) -> None:
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf_builds[0]).pages)
    for title in TITLES:
        assert title in text
    assert "Glossary" in text and "A concept of the small book called transference." in text


def test_pdf_internal_links_all_land_and_none_leads_to_a_local_file(pdf_builds: tuple[Path, Path]) -> None:
    reader = PdfReader(pdf_builds[0])
    names = set(reader.named_destinations)
    internal, faults = 0, []
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            destination = link.get("/Dest")
            uri = str((link.get("/A") or {}).get("/URI", ""))
            if destination is not None:
                internal += 1
                if isinstance(destination, str) and destination not in names and "/" + destination not in names:
                    faults.append(f"page {number}: no destination {destination}")
            elif uri and not uri.startswith(("https://", "http://", "mailto:")):
                faults.append(f"page {number}: link to {uri}")
    assert internal >= 5 and faults == []


def test_pdf_contents_give_each_section_its_page(pdf_builds: tuple[Path, Path]) -> None:
    reader = PdfReader(pdf_builds[0])
    contents = " ".join(reader.pages[1].extract_text().split())
    starts = pdf.section_pages(pdf_builds[0].read_bytes(), ["zeta", "alpha", "glossary"])
    for title, key in zip([*TITLES, "Glossary"], ["zeta", "alpha", "glossary"], strict=True):
        assert re.search(rf"{re.escape(title)} ?{starts[key]}\b", contents), contents


def test_pdf_metadata_and_dates_come_from_the_book_and_source_date_epoch(pdf_builds: tuple[Path, Path]) -> None:
    meta = PdfReader(pdf_builds[0]).metadata
    assert meta is not None and meta.title == "Psychodynamic Theory"
    assert meta["/CreationDate"] == pdf.pdf_date(source_epoch())


def test_two_pdf_builds_are_byte_identical(pdf_builds: tuple[Path, Path]) -> None:
    assert pdf_builds[0].read_bytes() == pdf_builds[1].read_bytes()


# --- EPUB ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def epub_builds(small_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("epub")
    return epub.build_epub(small_site, out / "a.epub"), epub.build_epub(small_site, out / "b.epub")


def test_epub_opens_with_every_chapter_then_the_glossary_in_the_spine(epub_builds: tuple[Path, Path]) -> None:
    book = ebooklib_epub.read_epub(str(epub_builds[0]), {"ignore_ncx": True})
    spine = [book.get_item_with_id(idref).file_name for idref, _linear in book.spine]
    assert spine == ["title.xhtml", "nav.xhtml", "zeta.xhtml", "alpha.xhtml", "glossary.xhtml"]
    alpha = book.get_item_with_href("alpha.xhtml").get_content().decode()
    assert 'href="zeta.xhtml#zeta--a-section"' in alpha  # rewritten to work inside the book
    assert 'href="glossary.xhtml#glossary--insight"' in alpha
    assert book.get_item_with_href("assets/figures/square.svg") is not None


def test_epub_is_a_valid_container_with_fixed_stamps(epub_builds: tuple[Path, Path]) -> None:
    with zipfile.ZipFile(epub_builds[0]) as book:
        infos = book.infolist()
        assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
        assert len({info.date_time for info in infos}) == 1
        opf = book.read("EPUB/content.opf").decode()
    assert re.search(r'<meta property="dcterms:modified">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ</meta>', opf)
    assert "urn:uuid:" in opf and "CC BY-SA 4.0" in opf


def test_two_epub_builds_are_byte_identical(epub_builds: tuple[Path, Path]) -> None:
    assert epub_builds[0].read_bytes() == epub_builds[1].read_bytes()


def test_epubcheck_reports_no_errors_on_the_whole_book(site: Path, tmp_path: Path) -> None:
    """EPUBCheck on the real book, which has every kind of content the small one has and
    more (its bibliography's links to data files were dead in the EPUB: found this way).
    Made from a copy: making the EPUB writes print.html, and the build is shared."""
    if epubcheck.command() is None:
        if browser_support.running_in_ci():
            pytest.fail(epubcheck.INSTALL_HELP + " (CI=true: the EPUB must be validated)")
        pytest.skip(epubcheck.INSTALL_HELP)
    copy = shutil.copytree(site, tmp_path / "site")
    result = epubcheck.check(epub.build_epub(copy, tmp_path / "book.epub"))
    assert (result.fatals, result.errors) == (0, 0), result.output


def test_the_epub_zip_keeps_the_order_and_puts_mimetype_first_and_stored() -> None:
    data = epub.write_zip([("b.txt", b"b"), ("mimetype", b"application/epub+zip"), ("a.txt", b"a")], 1767225600)
    with zipfile.ZipFile(io.BytesIO(data)) as made:
        assert made.namelist() == ["mimetype", "b.txt", "a.txt"]
        assert made.infolist()[0].compress_type == zipfile.ZIP_STORED
        assert {info.date_time for info in made.infolist()} == {(2026, 1, 1, 0, 0, 0)}
