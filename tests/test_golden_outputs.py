"""Every output format the engine produces, compared with written-down expected values.

One small book (tests/golden/book/docs/: two chapters in a non-alphabetical reading order,
six concepts with each relation type, three references of three entry types, a figure) is
built once; each output is reduced to text and compared with a golden file under
tests/golden/expected/, which a person has read line by line. The expected values are
never computed by the code under test, and order is part of them.

When an output changes on purpose, rewrite the golden files and review the diff:

    GOLDEN_UPDATE=1 .venv/bin/python -m pytest -p no:xdist tests/test_golden_outputs.py
    git diff tests/golden/expected/

A few tests also state, in literal values, the facts the issue's faults broke (issue 27),
so that their failure message says what is wrong, not only that a file differs.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from selectolax.lexbor import LexborHTMLParser, LexborNode

import browser_support
from conceptbook.editions import epub, pdf
from sitebuild import ROOT, build_small_site, engine_env

BOOK = ROOT / "tests" / "golden" / "book" / "docs"
EXPECTED = ROOT / "tests" / "golden" / "expected"
NAV = ["index.md", "chapters/zeta.md", "chapters/alpha.md"]  # reading order, not alphabetical
CONCEPTS = ["defense", "drive-theory", "ego-psychology", "integration", "projection", "splitting"]
UPDATE = os.environ.get("GOLDEN_UPDATE") == "1"


def book_files() -> dict[str, str]:
    return {str(p.relative_to(BOOK)): p.read_text(encoding="utf-8") for p in sorted(BOOK.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = build_small_site(tmp_path_factory.mktemp("golden-book"), book_files(), nav=NAV)
    assert (result.failed, result.problems) == (None, []), result.text()
    return result.site


def golden(name: str, actual: str) -> None:
    """Compare `actual` with tests/golden/expected/<name> (or rewrite it with GOLDEN_UPDATE=1)."""
    path = EXPECTED / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8") if path.exists() else f"(no golden file {path})"
    assert actual == expected, f"{name} differs from tests/golden/expected/{name}"


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def article(html: str) -> str:
    """The page's own content, from its h1 to the end of the article, one tag line per line."""
    body = html[html.index("<h1") : html.index("</article>")]
    return "\n".join(line.rstrip() for line in body.splitlines() if line.strip()) + "\n"


def pretty(data: object) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def json_ld(html: str) -> str:
    tree = LexborHTMLParser(html)
    return "".join(pretty(json.loads(s.text())) for s in tree.css('script[type="application/ld+json"]'))


def links(node: LexborNode) -> str:
    """Every link under `node`, in document order: href, then its text."""
    rows = []
    for a in node.css("a[href]"):
        rows.append(f"{a.attributes.get('href')}\t{' '.join(a.text().split())}")
    return "\n".join(rows) + "\n"


# --- Reference lists, related concepts, the pages' content ------------------------------


@pytest.mark.parametrize("chapter", ["zeta", "alpha"])
def test_chapter_pages_with_citations_term_links_and_reference_lists(book: Path, chapter: str) -> None:
    golden(f"chapters/{chapter}.html.txt", article(read(book, f"chapters/{chapter}.html")))


def test_the_bibliography_page_lists_every_work_with_its_backlinks(book: Path) -> None:
    golden("bibliography.html.txt", article(read(book, "bibliography.html")))


def test_reference_lists_in_apa_order_and_an_edited_chapter_names_its_editor(book: Path) -> None:
    tree = LexborHTMLParser(read(book, "chapters/zeta.html"))
    entries = [" ".join(li.text().split()) for li in tree.css("ul.references li")]
    assert entries == [
        "Bowlby, J. (1969). Attachment and loss: Vol. 1. Attachment. Basic Books.",
        "Kernberg, O. F. (1975). Splitting and its limits. In A. Smith (Ed.), Borderline conditions. Jason Aronson.",
    ]


@pytest.mark.parametrize("slug", CONCEPTS)
def test_concept_pages_with_their_map_related_concepts_and_backlinks(book: Path, slug: str) -> None:
    golden(f"concepts/{slug}.html.txt", article(read(book, f"concepts/{slug}.html")))


def test_related_concepts_of_each_concept_in_order(book: Path) -> None:
    found = {}
    for slug in CONCEPTS:
        tree = LexborHTMLParser(read(book, f"concepts/{slug}.html"))
        found[slug] = [
            a.text()
            for li in tree.css("ul.concept-map__list li")
            if (li.css_first(".concept-map__phrase") or li).text().endswith("is related to")
            for a in li.css("a")
        ]
    # `related` is symmetric and listed by term (integration.md says [projection, defense]); the
    # concept map's list says it once, for every reader (the separate list is gone).
    assert found == {
        "defense": ["Integration"],
        "drive-theory": [],
        "ego-psychology": [],
        "integration": ["Defense", "Projection"],
        "projection": ["Integration", "Splitting"],
        "splitting": ["Projection"],
    }


def test_the_glossary_page(book: Path) -> None:
    golden("glossary.html.txt", article(read(book, "glossary.html")))


def contents(html: str) -> list[tuple[str, str]]:
    """The page's table of contents (Material's secondary nav): each entry's link and text."""
    nav = LexborHTMLParser(html).css_first("nav.md-nav--secondary")
    return [(a.attributes.get("href") or "", " ".join(a.text().split())) for a in nav.css("a.md-nav__link")]


def test_the_generated_pages_list_their_generated_sections_in_the_contents(book: Path) -> None:
    """ "Also called" only for a concept with other names; the backlinks on every concept page,
    whether or not a chapter discusses it; the glossary's letters, in order."""
    found = {page: contents(read(book, page)) for page in [f"concepts/{s}.html" for s in CONCEPTS] + ["glossary.html"]}
    plain = [("#concept-map", "Concept map"), ("#concept--where-this-appears", "Where this appears in the book")]
    assert found == {
        "concepts/defense.html": plain,
        "concepts/drive-theory.html": plain,
        "concepts/ego-psychology.html": plain,
        "concepts/integration.html": plain,
        "concepts/projection.html": [("#concept--also-called", "Also called"), *plain],
        "concepts/splitting.html": plain,
        "glossary.html": [(f"#glossary--letter-{c.lower()}", c) for c in "DEIPS"],
    }


# --- Data files and exports -------------------------------------------------------------


def test_glossary_json(book: Path) -> None:
    golden("glossary.json", pretty(json.loads(read(book, "glossary.json"))))


def test_bibliography_json(book: Path) -> None:
    golden("bibliography.json", pretty(json.loads(read(book, "bibliography.json"))))


def test_skos_export(book: Path) -> None:
    """The file as published, byte for byte (one space a level, a newline at the end)."""
    golden("glossary.skos.jsonld", read(book, "glossary.skos.jsonld"))


@pytest.mark.parametrize("page", ["glossary.html", "concepts/splitting.html", "concepts/ego-psychology.html"])
def test_schema_org_json_ld(book: Path, page: str) -> None:
    golden(f"jsonld/{page.replace('/', '-')}.json", json_ld(read(book, page)))


@pytest.mark.parametrize("page", ["glossary.html", "concepts/splitting.html", "concepts/ego-psychology.html"])
def test_the_structured_data_stands_in_the_head_which_is_closed_once(book: Path, page: str) -> None:
    html = read(book, page)
    head = html[: html.index("</head>")]
    assert html.count("</head>") == 1
    assert html.count('type="application/ld+json"') == head.count('type="application/ld+json"') == 1


# --- Maps -------------------------------------------------------------------------------


def boxes(svg_html: str, selector: str = "a") -> list[tuple[str, int, int, int, int]]:
    """(term, x, y, width, height) of every box in a map, in document order."""
    tree = LexborHTMLParser(svg_html)
    found = []
    for a in tree.css(selector):
        rect = a.css_first("rect")
        if rect is None:
            continue
        x, y, w, h = (int(rect.attributes[k] or 0) for k in ("x", "y", "width", "height"))
        found.append((" ".join(a.text().split()), x, y, w, h))
    return found


def test_the_concepts_own_box_is_centred_beside_its_neighbours(book: Path) -> None:
    """Defense has two narrower concepts and a related one: its own box sits halfway down
    their column, which runs from the map's top (4) to the last box's foot (150):
    (4 + 150 - 28) // 2 = 63. Pinned to the top it would be at 4."""
    svg = LexborHTMLParser(read(book, "concepts/defense.html")).css_first("svg.concept-map__svg").html or ""
    assert boxes(svg, "a.concept-map__node") == [
        ("Defense", 4, 63, 132, 28),
        ("Projection", 222, 24, 174, 28),
        ("Splitting", 222, 60, 174, 28),
        ("Integration", 222, 122, 174, 28),
    ]


def test_the_book_map(book: Path) -> None:
    """Boxes, line kinds and titles; the curves Graphviz routes between boxes are left out
    (they change with its version, and the boxes' places already show the layout)."""
    page = re.sub(
        r'(<path class="concept-map__(?:hit|line)") d="M[^"]*C[^"]*"', r'\1 d="(curve)"', read(book, "book-map.html")
    )
    golden("book-map.html.txt", article(page))


def test_on_the_book_map_broader_and_older_concepts_are_left_of_their_kinds(book: Path) -> None:
    tree = LexborHTMLParser(read(book, "book-map.html"))
    x = {term: left for term, left, *_ in boxes(tree.css_first("article").html or "")}
    assert x["Defense"] < x["Splitting"] and x["Defense"] < x["Projection"], x
    assert x["Drive theory"] < x["Ego psychology"], x


# --- Editions ---------------------------------------------------------------------------


def test_print_page_sections_and_every_link(book: Path) -> None:
    tree = LexborHTMLParser(read(book, "print.html"))
    sections = [
        f"{s.attributes.get('data-kind')}\t{s.attributes.get('id')}\t{' '.join(s.css_first('h1').text().split())}"
        for s in tree.css("section.print-section")
    ]
    golden("print.sections.txt", "\n".join(sections) + "\n")
    golden("print.links.txt", links(tree.css_first(".print-book")))


def test_print_page_frame_title_description_and_skip_link(book: Path) -> None:
    """The page's own title, the home page's description (not the site's), and the theme's
    "skip to content" link to the title page."""
    tree = LexborHTMLParser(read(book, "print.html"))
    assert tree.css_first("title").text() == "The whole book - Psychodynamic Theory"
    assert [m.attributes.get("content") for m in tree.css('meta[name="description"]')] == [
        "The golden book, a small book the tests build."
    ]
    assert [a.attributes.get("href") for a in tree.css("a.md-skip")] == ["#title-page"]
    assert tree.css("nav.md-nav--secondary a.md-nav__link") == []  # its contents are hidden


@pytest.fixture(scope="module")
def epub_file(book: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return epub.build_epub(book, tmp_path_factory.mktemp("epub") / "book.epub")


def test_epub_documents_and_their_links(epub_file: Path) -> None:
    rows = []
    with zipfile.ZipFile(epub_file) as z:
        for name in z.namelist():
            if not name.endswith(".xhtml"):
                continue
            tree = LexborHTMLParser(z.read(name).decode("utf-8"))
            rows.append(f"== {name}")
            rows += [f"{a.attributes.get('href')}\t{' '.join(a.text().split())}" for a in tree.css("a[href]")]
    golden("epub.links.txt", "\n".join(rows) + "\n")


@pytest.fixture(scope="module")
def pdf_file(book: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Printed by `make pdf`'s command in its own process, as tests/test_editions.py does."""
    if os.environ.get(browser_support.CHROMIUM_ENV) is None and not browser_support.SYSTEM_CHROMIUM.exists():
        if browser_support.running_in_ci():
            pytest.fail(pdf.NO_CHROMIUM + " (CI=true: the PDF must be tested)")
        pytest.skip(pdf.NO_CHROMIUM)
    out = tmp_path_factory.mktemp("pdf") / "book.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "conceptbook.editions.pdf", str(book), str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=engine_env(),
    )
    assert result.returncode == 0, result.stderr
    return out


def test_pdf_links_and_outline(pdf_file: Path) -> None:
    """Each link's target in reading order (pages and positions left out: they follow the fonts)."""
    reader = PdfReader(pdf_file)
    rows = [f"outline\t{item.title}" for item in reader.outline if not isinstance(item, list)]
    targets: list[str] = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            destination = link.get("/Dest")
            target = f"#{destination}" if destination is not None else str((link.get("/A") or {}).get("/URI", ""))
            targets.append(re.sub(r"^#/", "#", target))
    # A link broken over two lines is two annotations: count it once.
    rows += [f"link\t{target}" for i, target in enumerate(targets) if i == 0 or targets[i - 1] != target]
    golden("pdf.links.txt", "\n".join(rows) + "\n")
