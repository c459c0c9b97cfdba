"""The editions' pure parts on small inputs (hooks/conceptbook/editions/), no MkDocs build,
no Chromium: each section prepared for print (book.py), the whole-book page read back
(printed.py), the editions' safety check (safety.py), the EPUB's files (epub.py), the PDF's
finishing (pdf.py) and the tools' helpers. Expected values are written out in full, in
order; tests/test_editions.py builds a small book and prints it.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from conceptbook.common.templates import template_env
from conceptbook.editions import capability, chromium, epub, epubcheck, pdf, printed
from conceptbook.editions.book import (
    CONTENTS_ID,
    TITLE_PAGE_ID,
    Book,
    BookInfo,
    Links,
    Section,
    assemble,
    clean_id,
    source_epoch,
    unique_keys,
)
from conceptbook.editions.safety import active_parts, refuse_active

ROOT = Path(__file__).resolve().parent.parent
EPOCH = 1772668800  # 2026-03-05 00:00:00 UTC
SITE_URL = "https://b.example/book/"


def info(**changes: object) -> BookInfo:
    values: dict = {
        "title": "Tales & <Things>",
        "subtitle": "A small book",
        "author": "Ann Author",
        "site_url": SITE_URL,
        "licence_html": 'Text <a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>',
        "epoch": EPOCH,
        "language": "de",
    }
    return BookInfo(**{**values, **changes})


# --- book.py ----------------------------------------------------------------------------


def test_the_version_date_is_the_epochs_day_in_two_forms() -> None:
    assert (info().date, info().date_text) == ("2026-03-05", "5 March 2026")
    assert (info(epoch=1767225599).date, info(epoch=1767225599).date_text) == ("2025-12-31", "31 December 2025")


def test_an_id_keeps_letters_digits_and_the_marks_an_xml_name_allows() -> None:
    assert clean_id("Ab:c d/e_f.g-h9Z") == "Ab-c-d-e_f.g-h9Z"


def test_pages_with_one_stem_get_distinct_keys_in_reading_order() -> None:
    sections = [Section(key, f"{n}/{key}.html", "chapter", key, "") for n, key in enumerate(["a", "a", "b", "a"])]
    unique_keys(sections)
    assert [s.key for s in sections] == ["a", "a-2", "b", "a-2-2"]


CHAPTER = (
    '<h1 id="intro">Intro <a class="headerlink" href="#intro">¶</a></h1>'
    '<p id="p1">See <a href="#sec">below</a>, <a href="#nowhere">gone</a>, <a href="">self</a>, '
    '<a href="other.html#s-2">other</a>, <a href="other.html">other top</a>, '
    '<a href="../concepts/ego.html#x">Ego</a>, <a href="../concepts/none.html">None</a>, '
    '<a href="../assets/data.json">data</a>, <a href="../missing.png">missing</a>, <a href="../about/">about</a>, '
    '<a href="../extra.html#frag%20x">extra</a>, <a href="https://x.example/">ext</a>, <a href="mailto:a@b">mail</a>, '
    '<a href="//cdn.example/x">cdn</a>, <a href="data:x">d</a>, <a href="javascript:x">j</a></p>'
    '<h2 id="sec" aria-labelledby="p1">Sec</h2><span class="screen-only">Hover</span><script>x</script>'
    "<noscript>n</noscript><form><input><button>b</button><select></select><textarea></textarea></form>"
    '<div class="tip-source">tip</div><a class="term" data-tip="t" aria-describedby="t1" href="#sec">term</a>'
    '<a class="glightbox" href="../assets/f.svg"><img src="../assets/f.svg" '
    'srcset="../assets/f.svg 1x, ../assets/f2.svg 2x" loading="lazy" alt="f"></a>'
    '<details><summary>Ans</summary>A</details><label for="q1">Q</label><p id="x:y">colon</p>'
)
GLOSSARY = (
    '<h1 id="glossary">Glossary</h1><p>Intro about concept pages.</p><dl><dt id="ego">'
    '<a href="concepts/ego.html">Ego</a></dt><dd>The self. <span class="glossary-count">2 chapters</span></dd></dl>'
    "<p>Later paragraph</p>"
)


def small_book() -> Book:
    sections = [
        Section("intro", "chapters/intro.html", "chapter", "1. Intro", CHAPTER),
        Section("other", "chapters/other.html", "chapter", "2. Other", '<h1>Other</h1><h2 id="s-2">S2</h2>'),
        Section("glossary", "glossary.html", "glossary", "Glossary", GLOSSARY),
        Section("other", "x/other.html", "chapter", "3. Other again", "<p>no h1</p>"),
    ]
    published = {
        "assets/data.json",
        "assets/f.svg",
        "extra.html",
    }  # extra.html: a page outside the book; assets/f2.svg, in a srcset, is missing: it stays a path
    return assemble(Book(info(), sections), lambda path: path in published)


def test_each_section_is_prepared_for_print_with_its_links_pointing_inside_the_book() -> None:
    """Ids carry the section's key; a link to a chapter, its heading or a glossary entry is an
    anchor on the page (an id the page lacks: its start); a file of the site stays a path
    with its hosted address beside it; any other page, a missing file or a page of the site
    outside the book is its hosted address; a link to another site (also written `//host`)
    is kept as it is. What paper cannot use goes; answers are open."""
    book = small_book()
    intro, other, glossary, again = book.sections
    assert intro.body == (
        '<h1>Intro </h1><p id="intro--p1">See <a href="#intro--sec">below</a>, <a href="#intro">gone</a>, '
        '<a href="#intro">self</a>, <a href="#other--s-2">other</a>, <a href="#other">other top</a>, '
        '<a href="#glossary--ego">Ego</a>, <a href="https://b.example/book/concepts/none.html">None</a>, '
        '<a href="assets/data.json" data-online="https://b.example/book/assets/data.json">data</a>, '
        '<a href="https://b.example/book/missing.png">missing</a>, <a href="https://b.example/book/about/">about</a>, '
        '<a href="https://b.example/book/extra.html#frag%20x">extra</a>, <a href="https://x.example/">ext</a>, '
        '<a href="mailto:a@b">mail</a>, <a href="//cdn.example/x">cdn</a>, <a href="data:x">d</a>, '
        '<a href="javascript:x">j</a></p><h2 id="intro--sec" aria-labelledby="intro--p1">Sec</h2>'
        '<a class="term" href="#intro--sec">term</a><img src="assets/f.svg" srcset="assets/f.svg 1x, '
        'assets/f2.svg 2x" alt="f"><details open=""><summary>Ans</summary>A</details><label>Q</label>'
        '<p id="intro--x-y">colon</p>'
    )
    assert (intro.has_h1, intro.h1_id, sorted(intro.ids), intro.entries, intro.heading) == (
        True,
        "intro",
        ["intro", "p1", "sec", "x:y"],
        set(),
        "",
    )
    assert (other.body, other.has_h1, other.h1_id, other.ids) == (
        '<h1>Other</h1><h2 id="other--s-2">S2</h2>',
        True,
        "",
        {"s-2"},
    )
    assert (glossary.heading, glossary.body, glossary.entries) == (
        "<h1>Glossary</h1>",
        '<dl><dt id="glossary--ego">Ego</dt><dd>The self. </dd></dl>',
        {"ego"},
    )
    assert (again.key, again.body, again.has_h1, again.h1_id, again.ids) == (
        "other-2",
        "<p>no h1</p>",
        False,
        "",
        set(),
    )


def test_a_fragment_names_its_element_unless_it_is_the_heading_or_missing() -> None:
    from conceptbook.editions.book import Links

    section = Section("a", "chapters/a.html", "chapter", "1. A", "", h1_id="top", ids={"top", "x:y"})
    links = Links(Book(info(), [section]), lambda path: False)
    assert [links.anchor(section, fragment) for fragment in ("top", "x:y", "", "gone")] == ["a", "a--x-y", "a", "a"]


def test_an_image_the_site_lacks_stays_a_path_and_an_empty_one_stays_empty() -> None:
    """The editions' check (safety.py) then names each as the page wrote it, not as an
    address on another site or an anchor of the page."""
    body = (
        '<h1 id="intro">Intro</h1><p><img src="../assets/gone.png" srcset="../assets/gone.png 1x, " alt="g">'
        '<img src="" srcset="" alt="e"><img src="../assets/f.svg" srcset=" , ../assets/f.svg 2x" alt="f"></p>'
    )
    book = assemble(
        Book(info(), [Section("intro", "chapters/intro.html", "chapter", "1. Intro", body)]), lambda p: False
    )
    assert book.sections[0].body == (  # an empty srcset candidate (a trailing comma) is dropped, not a crash
        '<h1>Intro</h1><p><img src="assets/gone.png" srcset="assets/gone.png 1x" alt="g">'
        '<img src="" srcset="" alt="e"><img src="assets/f.svg" srcset="assets/f.svg 2x" alt="f"></p>'
    )


def test_a_section_without_content_stays_empty() -> None:
    book = assemble(Book(info(), [Section("empty", "chapters/empty.html", "chapter", "1. Empty", "")]), lambda p: False)
    assert book.sections[0].body == ""


def test_without_a_glossary_or_a_site_address_a_concept_is_linked_beside_print_html() -> None:
    section = Section("a", "chapters/a.html", "chapter", "1. A", '<p><a href="../concepts/ego.html">Ego</a></p>')
    book = assemble(Book(info(site_url=""), [section]), lambda path: False)
    assert book.sections[0].body == '<p><a href="concepts/ego.html" data-online="concepts/ego.html">Ego</a></p>'


def test_the_version_is_read_from_source_date_epoch_and_a_bad_value_stops_with_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    assert source_epoch() == EPOCH
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(SystemExit) as stopped:
        source_epoch()
    assert str(stopped.value).startswith("error: SOURCE_DATE_EPOCH='soon': not a time in seconds since 1970; ")
    assert str(stopped.value).endswith(".")


# --- print.html as the build writes it, read back by the tools ------------------------------

ZETA = (
    '<h1 id="zeta">Zeta</h1><p>See <a href="alpha.html#a-sec">alpha</a> and <a href="#z-sec">here</a> and '
    '<a href="../glossary.html">the glossary</a>, <a href="../assets/data.json">data</a>.</p><h2 id="z-sec">Z sec</h2>'
    '<p><img src="../assets/f.svg" alt="f" loading="lazy" decoding="async"><img src="../assets/p.png" alt="p">'
    '<img src="../assets/f.svg" alt="again"><br></p><svg class="twemoji"><path/></svg><span class="twemoji">e</span>'
    "<p>A&nbsp;b &amp; c<!-- comment --></p>"
)
ALPHA = (
    '<p>No heading. Back to <a href="zeta.html">zeta</a>.</p><h2 id="a-sec">A sec</h2>'
    '<a download="x" data-md-component="y" href="#a-sec">self</a>'
)


def write_site(site: Path, frame: str = '<script src="assets/x.js"></script>', extra: str = "") -> Path:
    """site/print.html as the build renders it (overrides/editions/print-book.html), in a small frame."""
    (site / "assets").mkdir(parents=True)
    (site / "assets/f.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', encoding="utf-8")
    (site / "assets/p.png").write_bytes(b"png")
    (site / "index.html").write_text("<p>Home</p>", encoding="utf-8")
    sections = [
        Section("zeta", "chapters/zeta.html", "chapter", "1. Zeta", ZETA + extra),
        Section("alpha", "chapters/alpha.html", "chapter", "2. Alpha", ALPHA),
        Section("glossary", "glossary.html", "glossary", "Glossary", GLOSSARY),
    ]
    book = assemble(Book(info(), sections), lambda path: path in {"assets/data.json", "assets/f.svg", "assets/p.png"})
    body = (
        template_env(ROOT / "overrides")
        .get_template("editions/print-book.html")
        .render(info=book.info, sections=book.sections, title_page_id=TITLE_PAGE_ID, contents_id=CONTENTS_ID)
    )
    (site / "print.html").write_text(
        f"<!doctype html><html><head><title>x</title>{frame}</head><body>"
        f'<article class="md-content__inner md-typeset">{body}</article></body></html>',
        encoding="utf-8",
    )
    return site


def test_the_tools_read_the_books_data_and_sections_back_from_print_html(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    site = write_site(tmp_path / "site")
    book = printed.read(site)
    assert (book.path, book.info, book.licence_text, book.keys) == (
        site / "print.html",
        info(),
        "Text CC BY-SA 4.0",
        ["zeta", "alpha", "glossary"],
    )


def test_print_html_without_a_title_page_or_data_gives_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    (tmp_path / "print.html").write_text(
        '<section id="title-page" data-x="1"><p class="print-licence"></p></section>'
        '<section class="print-section" id="a"></section>',
        encoding="utf-8",
    )
    book = printed.read(tmp_path)
    assert (book.info, book.licence_text, book.keys) == (BookInfo("Book", "", "", "", "", EPOCH, "en"), "", ["a"])
    # attributes written without a value, and no licence at all
    (tmp_path / "print.html").write_text('<section id="title-page" data-author data-site-url></section>', "utf-8")
    book = printed.read(tmp_path)
    assert (book.info, book.licence_text, book.keys) == (BookInfo("Book", "", "", "", "", EPOCH, "en"), "", [])


def test_the_tools_stop_with_the_fix_when_print_html_is_missing_or_has_no_title_page(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as missing:
        printed.read(tmp_path)
    assert (
        str(missing.value) == f"error: {tmp_path / 'print.html'}: no whole-book page; build the site first (make build)"
    )
    (tmp_path / "print.html").write_text("<p>x</p>", encoding="utf-8")
    with pytest.raises(SystemExit) as untitled:
        printed.read(tmp_path)
    assert str(untitled.value) == f"error: {tmp_path / 'print.html'}: no title page; rebuild the site (make build)"


# --- safety.py: nothing active reaches an edition ---------------------------------------------

EVIL_SVG = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">\n<script>alert(2)</script></svg>'


def test_the_editions_read_the_content_as_content_the_frame_as_frame_and_each_svg_shown(tmp_path: Path) -> None:
    """The frame may load the site's own script (content may not hold one); each SVG the
    page shows is read once, whatever bytes it holds; a figure of another site (only the
    page's check reports it) or one that is not SVG is not read; a missing one is named."""
    extra = (
        '<p onclick="x">c</p><img src="assets/gone.png" alt="g">'
        '<img src="//e.example/far.png" alt="f"><img src="https:assets/missing.svg" alt="m">'
        '<img src="https:assets/other.svg" alt="o"><img src="data:image/png;base64,AAAA" alt="d">'
        '<img src="assets/p.png" alt="p0"><img src="assets/evil.svg" alt="e">'
        '<picture><source srcset="assets/gone2.png 2x"><img src="assets/p.png" srcset="assets/evil2.svg 2x, " '
        'alt="p1"></picture><img src="" srcset="" alt="z">'
        '<img src="assets/evil.svg#x" alt="e2"><img src="assets/broken.SVG" alt="b"><img src="assets/none.svg" alt="n">'
        '<img src="https:assets/evil.svg" alt="s">'
    )
    site = write_site(tmp_path / "site", frame='<script src="assets/x.js"></script><base href="https://e.example/">')
    page = site / "print.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace('<h2 id="zeta--z-sec">', extra + '<h2 id="zeta--z-sec">', 1), encoding="utf-8")
    (site / "assets/evil.svg").write_bytes(EVIL_SVG.encode().replace(b"<script>", b"<desc>\xff</desc><script>"))
    (site / "assets/broken.SVG").write_text("<svg", encoding="utf-8")
    (site / "assets/other.svg").write_text(EVIL_SVG, encoding="utf-8")  # shown only as if from another site
    (site / "assets/evil2.svg").write_text(EVIL_SVG, encoding="utf-8")  # shown only in a srcset
    other_site = (
        "on <img> would be loaded from another site, which tells that site who reads the book (and is missing "
        "from the offline copy); save the file under docs/assets/ and give its relative path"
    )
    assert active_parts(site) == [
        f"{page}: the attribute 'onclick' on <p> runs code, which the book does not allow; delete it",
        # only the page's check reports these: no file of the site is looked for, none is read
        f"{page}: the file '//e.example/far.png' {other_site}",
        f"{page}: the file 'https:assets/missing.svg' {other_site}",
        f"{page}: the file 'https:assets/other.svg' {other_site}",
        f"{page}: the link 'data:image/png;base64,AAAA' uses the scheme 'data:', which the book does not allow; "
        "link only to https://, mailto: or a relative path",
        f"{page}: the file 'https:assets/evil.svg' on <img> would be loaded from another site, which tells that site "
        "who reads the book (and is missing from the offline copy); save the file under docs/assets/ and give its "
        "relative path",
        f"{page}: the raw HTML element <base> is not allowed in the book, because it can run code or load another "
        "site; delete it (draw a figure as an SVG file without scripts)",
        f"{page}: the image 'assets/gone.png' is not a file of the site; correct its path in the page that shows it "
        "('make build' names its file and line)",  # and the images after it are still read
        f"{site / 'assets/evil.svg'}:1: the attribute 'onload' on <svg> runs code, which the book does not allow; "
        "delete it",
        f"{site / 'assets/evil.svg'}:2: the SVG element <script> runs code when the figure is opened; delete it "
        "(export the figure again without it)",
        f"{page}: the image '' is not a file of the site; correct its path in the page that shows it "
        "('make build' names its file and line)",  # an empty src, named as written; its empty srcset has none
        f"{site / 'assets/broken.SVG'}: the SVG is not well-formed XML (line 1: unclosed token)",
        f"{page}: the image 'assets/none.svg' is not a file of the site; correct its path in the page that shows it "
        "('make build' names its file and line)",
        # the candidates of each srcset, after every src: looked for and read as the others
        f"{page}: the image 'assets/gone2.png' is not a file of the site; correct its path in the page that shows it "
        "('make build' names its file and line)",
        f"{site / 'assets/evil2.svg'}:1: the attribute 'onload' on <svg> runs code, which the book does not allow; "
        "delete it",
        f"{site / 'assets/evil2.svg'}:2: the SVG element <script> runs code when the figure is opened; delete it "
        "(export the figure again without it)",
    ]
    with pytest.raises(SystemExit) as stopped:
        refuse_active(site)
    assert str(stopped.value) == (
        f"error: the site in {site} holds what no edition may hold (code, or an image it lacks):\n"
        + "\n".join(f"  {message}" for message in active_parts(site))
        + "\nRebuild the site with 'make build': its messages name the source file and line of each."
    )


def test_a_clean_site_passes_the_editions_check(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    assert active_parts(site) == []
    refuse_active(site)
    (site / "print.html").write_text("<html><body><p>no article</p></body></html>", encoding="utf-8")
    assert active_parts(site) == []


# --- epub.py --------------------------------------------------------------------------------

HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" '
    'xmlns:epub="http://www.idpf.org/2007/ops" lang="de" xml:lang="de">\n  <head>\n    <title>{title}</title>\n'
    '    <link href="style.css" rel="stylesheet" type="text/css"/>\n  </head>\n  <body>\n'
)


def test_the_epub_has_one_file_per_section_with_links_and_figures_inside_the_book(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    site = write_site(tmp_path / "site")
    entries, epoch = epub.make_book(site)
    files = dict(entries)
    assert epoch == EPOCH
    assert [name for name, _data in entries] == [
        "mimetype",
        "META-INF/container.xml",
        "EPUB/content.opf",
        "EPUB/style.css",
        "EPUB/title.xhtml",
        "EPUB/zeta.xhtml",
        "EPUB/alpha.xhtml",
        "EPUB/glossary.xhtml",
        "EPUB/assets/f.svg",
        "EPUB/assets/p.png",
        "EPUB/nav.xhtml",
        "EPUB/toc.ncx",
    ]
    assert files["mimetype"] == b"application/epub+zip"
    assert files["EPUB/style.css"] == Path(epub.__file__).with_name("epub.css").read_bytes()
    assert files["EPUB/assets/p.png"] == b"png"
    assert files["EPUB/zeta.xhtml"].decode() == HEAD.format(title="Zeta") + (
        '    <section class="chapter" id="zeta">\n<h1>Zeta</h1><p>See <a href="alpha.xhtml#alpha--a-sec">alpha</a> '
        'and <a href="#zeta--z-sec">here</a> and <a href="glossary.xhtml">the glossary</a>, '
        '<a href="https://b.example/book/assets/data.json">data</a>.</p><h2 id="zeta--z-sec">Z sec</h2><p>'
        '<img src="assets/f.svg" alt="f"/><img src="assets/p.png" alt="p"/><img src="assets/f.svg" alt="again"/>'
        "<br/></p><p>A\xa0b &amp; c</p>\n</section>\n  </body>\n</html>"
    )
    assert files["EPUB/alpha.xhtml"].decode() == HEAD.format(title="2. Alpha") + (
        '    <section class="chapter" id="alpha">\n<h1>2. Alpha</h1>\n<p>No heading. Back to '
        '<a href="zeta.xhtml">zeta</a>.</p><h2 id="alpha--a-sec">A sec</h2><a href="#alpha--a-sec">self</a>\n'
        "</section>\n  </body>\n</html>"
    )
    assert (
        files["EPUB/glossary.xhtml"]
        .decode()
        .endswith(
            '    <section class="glossary" id="glossary">\n<h1>Glossary</h1><p class="print-glossary-intro">Every concept '
            "this book uses, from A to Z. Linked terms in the chapters lead to these entries.</p><dl>"
            '<dt id="glossary--ego">Ego</dt><dd>The self. </dd></dl>\n</section>\n  </body>\n</html>'
        )
    )
    assert files["EPUB/title.xhtml"].decode() == HEAD.format(title="Title page") + (
        '    <section class="title-page" epub:type="titlepage">\n<h1 class="title">Tales &amp; &lt;Things&gt;</h1>\n'
        '<p class="subtitle">A small book</p>\n<p class="author">Ann Author</p>\n'
        '<p class="version">Version of 2026-03-05</p>\n'
        '<p class="url">Read it online: <a href="https://b.example/book/">https://b.example/book/</a></p>\n'
        '<p class="licence">Text <a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a></p>\n'
        "</section>\n  </body>\n</html>"
    )
    opf = files["EPUB/content.opf"].decode()
    for line in [
        '<meta property="dcterms:modified">2026-03-05T00:00:00Z</meta>',
        '<dc:identifier id="id">urn:uuid:d4edbae3-e67e-5cd4-8c23-a0f25e935724</dc:identifier>',
        "<dc:title>Tales &amp; &lt;Things&gt;</dc:title>",
        "<dc:language>de</dc:language>",
        "<dc:rights>Text CC BY-SA 4.0</dc:rights>",
        "<dc:date>2026-03-05</dc:date>",
        '<item href="zeta.xhtml" id="section-zeta" media-type="application/xhtml+xml"/>',
        '<item href="assets/f.svg" id="image-1" media-type="image/svg+xml"/>',
        '<item href="assets/p.png" id="image-2" media-type="image/png"/>',
    ]:
        assert f"    {line}\n" in opf, line
    nav = files["EPUB/nav.xhtml"].decode()
    assert (
        '      <ol>\n        <li><a href="zeta.xhtml">Zeta</a></li>\n        <li><a href="alpha.xhtml">2. Alpha</a></li>\n'
        '        <li><a href="glossary.xhtml">Glossary</a></li>\n      </ol>\n'
    ) in nav


def test_the_epubs_identifier_comes_from_the_title_when_the_book_has_no_address() -> None:
    book = printed.PrintedBook(Path("print.html"), info(site_url=""), "", [])
    assert book.keys == []
    env = template_env(epub.TEMPLATES)
    assert "urn:uuid:" in env.get_template("toc.ncx").render(
        info=book.info, parts=[], identifier="urn:uuid:x", images=[]
    )


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ('<p class="a">x &amp; y &lt; z<br>w</p>', '<p class="a">x &amp; y &lt; z<br/>w</p>'),
        ('<img src="a.png" alt="&quot;q&quot;"/>', '<img src="a.png" alt="&quot;q&quot;"/>'),
        ("<p>a<!-- gone -->b&nbsp;c</p>", "<p>ab\xa0c</p>"),
        ('<details open=""><summary>s</summary></details>', '<details open=""><summary>s</summary></details>'),
        ("<td></td><hr/><span/>", "<td></td><hr/><span></span>"),
        ("<p>a</br></p>", "<p>a</p>"),
        ("<p>a>b</p>", "<p>a&gt;b</p>"),
        ('<p>"q" it\'s</p>', '<p>"q" it\'s</p>'),
        ("<input disabled>", '<input disabled=""/>'),
    ],
)
def test_html_is_written_again_as_well_formed_xml(fragment: str, expected: str) -> None:
    assert epub.xhtml(fragment) == expected


def test_a_part_is_named_by_its_key_and_its_manifest_id_is_an_xml_name() -> None:
    part = epub.Part("1-intro", "chapter", "Intro", "")
    assert (part.file_name, part.item_id) == ("1-intro.xhtml", "section-1-intro")


def test_the_epub_tool_stops_with_its_usage_without_a_built_site(tmp_path: Path) -> None:
    for argv in ([], [str(tmp_path)], [str(tmp_path), "out.epub"]):
        with pytest.raises(SystemExit) as stopped:
            epub.main(argv)
        assert (
            str(stopped.value)
            == "usage: python -m conceptbook.editions.epub SITE_DIR OUT.epub (run 'make build' first)"
        )


def test_the_epub_tool_writes_the_book_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    site = write_site(tmp_path / "site")
    out = tmp_path / "dist" / "book.epub"
    epub.main([str(site), str(out)])
    with zipfile.ZipFile(out) as made:
        assert made.namelist()[:3] == ["mimetype", "META-INF/container.xml", "EPUB/content.opf"]
        assert {info.date_time for info in made.infolist()} == {(2026, 3, 5, 0, 0, 0)}
    assert capsys.readouterr().out.startswith(f"Wrote {out} (0.0 MB) in ")


def test_a_zip_before_1980_is_stamped_1980_and_every_entry_is_a_unix_file() -> None:
    data = epub.write_zip([("mimetype", b"m"), ("a", b"a" * 100)], 0)
    with zipfile.ZipFile(io.BytesIO(data)) as made:
        infos = made.infolist()
    assert [(i.filename, i.date_time, i.create_system, i.external_attr >> 16) for i in infos] == [
        ("mimetype", (1980, 1, 1, 0, 0, 0), 3, 0o644),
        ("a", (1980, 1, 1, 0, 0, 0), 3, 0o644),
    ]
    assert [i.compress_type for i in infos] == [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]
    assert infos[1].compress_size < 100


# --- pdf.py ---------------------------------------------------------------------------------


def blank_pdf(pages: int, outline: list[str] | None = None, names: dict[str, int] | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(100, 100)
    for title in outline or []:
        parent = writer.add_outline_item(title=title, page_number=0)
        writer.add_outline_item(title=title + " (child)", page_number=0, parent=parent)
    for name, page in (names or {}).items():
        writer.add_named_destination(name, page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_date_is_the_epoch_in_utc() -> None:
    assert pdf.pdf_date(EPOCH + 3723) == "D:20260305010203+00'00'"


def test_each_section_starts_on_the_page_of_its_named_destination() -> None:
    data = blank_pdf(3, names={"zeta": 0, "alpha": 2, "other": 1, "Xenia": 1})
    assert pdf.section_pages(data, ["zeta", "alpha", "glossary", "Xenia"]) == {"zeta": 1, "alpha": 3, "Xenia": 2}


def test_bookmarks_take_their_headings_words_in_order() -> None:
    writer = PdfWriter(clone_from=io.BytesIO(blank_pdf(1, outline=["sorting outthe labels", "Glossary", "Lost"])))
    headings = ["sorting out the labels", "sorting out the labels (child)", "Other", "Glossary", "Glossary (child)"]
    assert pdf.mend_outline(writer, headings) == 2  # the heading and its child
    out = io.BytesIO()
    writer.write(out)
    titles = []
    for item in PdfReader(out).outline:
        titles += [entry.title for entry in item] if isinstance(item, list) else [item.title]
    assert titles == [
        "sorting out the labels",
        "sorting out the labels (child)",
        "Glossary",
        "Glossary (child)",
        "Lost",
        "Lost (child)",
    ]
    assert pdf.mend_outline(PdfWriter(clone_from=io.BytesIO(blank_pdf(1))), headings) == 0


def test_the_finished_pdf_carries_the_books_data_and_opens_with_its_bookmarks() -> None:
    data = pdf.finish(blank_pdf(1, outline=["A  b"]), info(), ["A b"])
    reader = PdfReader(io.BytesIO(data))
    meta = reader.metadata
    assert meta is not None
    assert {key: str(value) for key, value in meta.items() if key != "/Producer"} == {
        "/Title": "Tales & <Things>",
        "/Author": "Ann Author",
        "/Subject": "A small book",
        "/Creator": "hooks/conceptbook/editions/pdf.py (Chromium)",
        "/CreationDate": "D:20260305000000+00'00'",
        "/ModDate": "D:20260305000000+00'00'",
    }
    root = reader.trailer["/Root"]
    assert (root["/PageMode"], root["/Lang"]) == ("/UseOutlines", "de")
    assert [item.title for item in reader.outline if not isinstance(item, list)] == ["A b"]
    unchanged = PdfReader(io.BytesIO(pdf.finish(blank_pdf(1, outline=["A  b"]), info())))
    assert [item.title for item in unchanged.outline if not isinstance(item, list)] == ["A  b"]


def test_the_pdf_tool_stops_with_its_usage_without_a_built_site(tmp_path: Path) -> None:
    for argv in ([], [str(tmp_path), "a.pdf"], [str(tmp_path), "a.pdf", "b"]):
        with pytest.raises(SystemExit) as stopped:
            pdf.main(argv)
        assert (
            str(stopped.value) == "usage: python -m conceptbook.editions.pdf SITE_DIR OUT.pdf (run 'make build' first)"
        )


# --- the tools' helpers ------------------------------------------------------------------------


def test_chromium_is_the_configured_binary_then_the_systems_then_playwrights(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Playwright:
        class chromium:  # Playwright's attribute
            executable_path = str(tmp_path / "bundled")

    binary = tmp_path / "chrome"
    binary.write_text("", encoding="utf-8")
    monkeypatch.setenv(chromium.CHROMIUM_ENV, str(binary))
    assert chromium.find_chromium(Playwright) == binary  # type: ignore[arg-type]
    monkeypatch.setenv(chromium.CHROMIUM_ENV, str(tmp_path / "missing"))
    assert chromium.find_chromium(Playwright) is None  # type: ignore[arg-type]
    monkeypatch.delenv(chromium.CHROMIUM_ENV)
    monkeypatch.setattr(chromium, "SYSTEM_CHROMIUM", tmp_path / "no-system-chromium")
    assert chromium.find_chromium(Playwright) is None  # type: ignore[arg-type]
    (tmp_path / "bundled").write_text("", encoding="utf-8")
    assert chromium.find_chromium(Playwright) == tmp_path / "bundled"  # type: ignore[arg-type]
    monkeypatch.setattr(chromium, "SYSTEM_CHROMIUM", binary)
    assert chromium.find_chromium(Playwright) == binary  # type: ignore[arg-type]


def test_epubcheck_counts_are_read_from_its_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tool = tmp_path / "epubcheck"
    tool.write_text(
        "#!/bin/sh\necho \"Checking $1\"\necho 'Messages: 1 fatal / 2 errors / 0 warnings / 0 infos' >&2\nexit 1\n",
        encoding="utf-8",
    )
    tool.chmod(0o755)
    monkeypatch.setattr(epubcheck, "command", lambda: [str(tool)])
    result = epubcheck.check(Path("book.epub"))
    assert (result.fatals, result.errors, result.output) == (
        1,
        2,
        "Checking book.epub\nMessages: 1 fatal / 2 errors / 0 warnings / 0 infos\n",
    )
    tool.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    assert epubcheck.check(Path("book.epub")) == epubcheck.Result(1, 0, "epubcheck exited 3 with no report")
    monkeypatch.setattr(epubcheck, "command", lambda: None)
    with pytest.raises(FileNotFoundError, match="EPUBCheck is not installed"):
        epubcheck.check(Path("book.epub"))
    with pytest.raises(SystemExit) as stopped:
        epubcheck.main(["book.epub"])
    assert str(stopped.value) == f"error: {epubcheck.INSTALL_HELP}"
    with pytest.raises(SystemExit) as usage:
        epubcheck.main([])
    assert str(usage.value) == "usage: python -m conceptbook.editions.epubcheck BOOK.epub"


def test_epubchecks_report_is_read_in_the_locales_encoding(tmp_path: Path) -> None:
    """The JVM writes in the locale's encoding, even when Python runs in UTF-8 mode: under an
    ASCII locale the UTF-8 bytes of "é" are two characters it cannot have written, replaced."""
    tool = tmp_path / "epubcheck"
    tool.write_text(
        "#!/bin/sh\nprintf 'caf\\303\\251\\n'\necho 'Messages: 0 fatals / 0 errors / 0 warnings / 0 infos'\n",
        encoding="utf-8",
    )
    tool.chmod(0o755)
    script = (
        "import sys; from pathlib import Path; from conceptbook.editions import epubcheck\n"
        f"epubcheck.command = lambda: [{str(tool)!r}]\n"
        "sys.stdout.buffer.write(epubcheck.check(Path('book.epub')).output.encode('unicode_escape'))\n"
    )
    env = {**os.environ, "LC_ALL": "C", "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "hooks")}
    run = subprocess.run(
        [sys.executable, "-X", "utf8", "-c", script], capture_output=True, env=env, check=True, cwd=tmp_path
    )
    assert run.stdout.decode("ascii") == "caf\\ufffd\\ufffd\\nMessages: 0 fatals / 0 errors / 0 warnings / 0 infos\\n"


def test_epubchecks_command_is_java_with_debians_jar_or_a_launcher_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jar = tmp_path / "epubcheck.jar"
    jar.write_bytes(b"PK\x03\x04")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    java = bin_dir / "java"
    java.write_text("#!/bin/sh\n", encoding="utf-8")
    java.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setattr(epubcheck, "DEBIAN_JAR", jar)
    assert epubcheck.command() == ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar)]
    monkeypatch.setattr(epubcheck, "DEBIAN_JAR", tmp_path / "none.jar")
    assert epubcheck.command() is None
    launcher = bin_dir / "epubcheck"
    launcher.write_bytes(b"PK\x03\x04")  # a bare jar on PATH: binfmt_misc may not run it
    launcher.chmod(0o755)
    assert epubcheck.command() is None
    launcher.write_text("#!/bin/sh\n", encoding="utf-8")
    assert epubcheck.command() == [str(launcher)]


def test_an_editions_size_is_in_kilobytes_or_megabytes(tmp_path: Path) -> None:
    sizes = {"tiny": 10, "kb": 2999, "half": 500_000, "just-under": 999_999, "mb": 1_000_000, "more": 1_050_000}
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
    assert [capability._size(tmp_path / name) for name in sizes] == [
        "1 kB",
        "2 kB",
        "500 kB",
        "999 kB",
        "1.0 MB",
        "1.1 MB",
    ]


def test_the_real_books_epub_templates_are_package_data() -> None:
    assert sorted(os.listdir(epub.TEMPLATES)) == [
        "container.xml",
        "content.opf",
        "nav.xhtml",
        "section.xhtml",
        "title.xhtml",
        "toc.ncx",
    ]


def test_a_link_to_another_site_written_with_two_slashes_is_not_taken_for_a_file() -> None:
    """`[x](//host/page)` is another site's page: the PDF and the EPUB link it as it is,
    not as a file of this site at https://b.example/book///host/page (data-online)."""
    section = Section("a", "chapters/a.html", "chapter", "1. A", '<p><a href="//cdn.example/x">cdn</a></p>')
    book = assemble(Book(info(), [section]), lambda path: True)
    assert book.sections[0].body == '<p><a href="//cdn.example/x">cdn</a></p>'


class FakePage:
    """What pdf.py asks of Playwright's page, recorded; `pdf` returns the prints given."""

    def __init__(self, prints: list[bytes], fail: Exception | None = None) -> None:
        self.prints = list(prints)
        self.fail = fail
        self.calls: list[tuple] = []

    def goto(self, url: str, wait_until: str) -> None:
        self.calls.append(("goto", url, wait_until))
        if self.fail is not None:
            raise self.fail

    def evaluate(self, script: str, arg: object = None) -> object:
        self.calls.append(("evaluate", script, arg))
        return ["Zeta", "2. Alpha", "Glossary"] if script == pdf.HEADINGS_JS else None

    def emulate_media(self, media: str) -> None:
        self.calls.append(("media", media))

    def pdf(self, footer_template: str, **options: object) -> bytes:
        self.calls.append(("pdf", footer_template, options))
        return self.prints.pop(0)


def fake_playwright(monkeypatch: pytest.MonkeyPatch, page: FakePage, chromium_path: Path | None) -> list[tuple]:
    """pdf.py's Playwright and Chromium replaced by recorders: what was launched and closed."""
    import contextlib

    events: list[tuple] = []

    class Browser:
        def new_page(self) -> FakePage:
            return page

        def close(self) -> None:
            events.append(("close",))

    class Chromium:
        def launch(self, executable_path: str, args: list[str]) -> Browser:
            events.append(("launch", executable_path, args))
            return Browser()

    class Playwright:
        chromium = Chromium()

    monkeypatch.setattr(pdf, "sync_playwright", lambda: contextlib.nullcontext(Playwright()))

    def find_chromium(playwright: object) -> Path | None:
        events.append(("find", type(playwright).__name__))
        return chromium_path

    monkeypatch.setattr(pdf, "find_chromium", find_chromium)
    return events


PAGES = {"zeta": 0, "alpha": 1, "glossary": 2}


def test_the_pdf_is_printed_twice_with_the_contents_filled_in_between(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    site = write_site(tmp_path / "site")
    page = FakePage([blank_pdf(3, names=PAGES), blank_pdf(3, outline=["Ze ta"], names=PAGES)])
    events = fake_playwright(monkeypatch, page, Path("/opt/chromium"))
    out = tmp_path / "dist" / "new" / "book.pdf"
    pdf.main([str(site), str(out)])
    assert capsys.readouterr().out.startswith(f"Wrote {out} (0.0 MB) in ")
    footer = (
        '<div style="font-size:8pt;width:100%;margin:0 17mm;display:flex;justify-content:space-between;'
        'font-family:system-ui,sans-serif;color:#555"><span>Tales &amp; &lt;Things></span>'
        '<span class="pageNumber"></span></div>'
    )
    assert events == [("find", "Playwright"), ("launch", "/opt/chromium", pdf.LAUNCH_ARGS), ("close",)]
    assert [call[0] for call in page.calls] == ["goto", "evaluate", "media", "pdf", "evaluate", "pdf", "evaluate"]
    assert page.calls[0] == ("goto", (site / "print.html").resolve().as_uri(), "load")
    assert page.calls[1] == (
        "evaluate",
        "name => { for (const a of document.querySelectorAll(`a[${name}]`)) a.href = a.getAttribute(name); }",
        "data-online",
    )
    assert page.calls[2] == ("media", "print")
    assert page.calls[3] == ("pdf", footer, pdf.PDF_OPTIONS) == page.calls[5]
    assert page.calls[4][2] == {"zeta": 1, "alpha": 2, "glossary": 3}
    assert ".print-toc__page[data-target]" in page.calls[4][1]
    assert page.calls[6] == (
        "evaluate",
        "() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]\n"
        "    .map(h => h.innerText.replace(/\\s+/g, ' ').trim()).filter(Boolean)",
        None,
    )
    reader = PdfReader(out)
    assert (len(reader.pages), reader.metadata.title if reader.metadata else None) == (3, "Tales & <Things>")
    assert [item.title for item in reader.outline if not isinstance(item, list)] == ["Zeta"]  # the heading's words
    page.prints = [blank_pdf(3, names=PAGES), blank_pdf(3, names=PAGES)]
    pdf.build_pdf(site, out)  # again, into the folder made the first time
    assert len(PdfReader(out).pages) == 3
    assert pdf.PDF_OPTIONS == {
        "format": "A4",
        "outline": True,
        "tagged": True,
        "print_background": True,
        "display_header_footer": True,
        "header_template": "<span></span>",
        "margin": {"top": "16mm", "bottom": "18mm", "left": "17mm", "right": "17mm"},
    }


def test_the_pdf_tool_stops_with_the_fix_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from playwright.sync_api import Error as PlaywrightError

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    site = write_site(tmp_path / "site")
    book_page = site / "print.html"
    out = tmp_path / "book.pdf"
    cases = [
        (FakePage([]), None, f"error: {pdf.NO_CHROMIUM}"),
        (
            FakePage([], fail=PlaywrightError("net::ERR_FILE_NOT_FOUND\nat goto")),
            Path("/c"),
            f"error: {book_page}: Chromium could not print the page (net::ERR_FILE_NOT_FOUND); rebuild the site "
            "with 'make build' and fix what it reports",
        ),
        (
            FakePage([], fail=PlaywrightError("")),
            Path("/c"),
            f"error: {book_page}: Chromium could not print the page (no message); rebuild the site with 'make build' "
            "and fix what it reports",
        ),
        (
            FakePage([blank_pdf(3, names=PAGES), blank_pdf(3, names={**PAGES, "glossary": 1})]),
            Path("/c"),
            "error: filling in the contents moved sections ({'alpha': 2, 'glossary': 3, 'zeta': 1} -> "
            "{'alpha': 2, 'glossary': 2, 'zeta': 1}); print.css must keep its length",
        ),
        (
            FakePage([blank_pdf(3, names={"zeta": 0}), blank_pdf(3, names={"zeta": 0})]),
            Path("/c"),
            f"error: {book_page}: no link target in the PDF for section(s) alpha, glossary",
        ),
    ]
    for page, chromium_path, message in cases:
        events = fake_playwright(monkeypatch, page, chromium_path)
        with pytest.raises(SystemExit) as stopped:
            pdf.build_pdf(site, out)
        assert str(stopped.value) == message
        assert events[-1:] == ([("find", "Playwright")] if chromium_path is None else [("close",)])
        assert not out.exists()


def test_the_tools_say_how_big_the_edition_is_and_how_long_it_took(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "index.html").write_text("x", encoding="utf-8")
    ticks = iter([100.0, 102.44, 200.0, 202.44])
    monkeypatch.setattr(epub.time, "monotonic", lambda: next(ticks))

    def build(site: Path, out: Path) -> Path:
        out.write_bytes(b"x" * 1_050_000)
        return out

    monkeypatch.setattr(epub, "build_epub", build)
    monkeypatch.setattr(pdf, "build_pdf", build)
    epub.main([str(tmp_path), str(tmp_path / "b.epub")])
    pdf.main([str(tmp_path), str(tmp_path / "b.pdf")])
    assert capsys.readouterr().out == (
        f"Wrote {tmp_path / 'b.epub'} (1.1 MB) in 2.4 s.\nWrote {tmp_path / 'b.pdf'} (1.1 MB) in 2 s.\n"
    )


def test_the_epub_is_written_into_a_new_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    site = write_site(tmp_path / "site")
    out = epub.build_epub(site, tmp_path / "a" / "b" / "book.epub")
    assert out == tmp_path / "a" / "b" / "book.epub" and zipfile.is_zipfile(out)


def test_an_epub_entry_is_compressed_at_the_highest_level() -> None:
    import random
    import zlib

    pick = random.Random(1)
    words = ["ego", "id", "superego", "drive", "object", "self", "defense", "anxiety", "the", "a", "of", "and"]
    data = " ".join(pick.choice(words) for _ in range(3000)).encode()
    best = zlib.compressobj(9, zlib.DEFLATED, -15)
    with zipfile.ZipFile(io.BytesIO(epub.write_zip([("a.txt", data)], EPOCH))) as made:
        assert made.infolist()[0].compress_size == len(best.compress(data) + best.flush())


def test_each_printed_section_becomes_a_part_with_defaults_for_what_it_lacks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    (tmp_path / "print.html").write_text(
        '<section id="title-page"></section>'
        '<section class="print-section" id="a" data-kind="glossary"><h1> A\n title </h1><p>x</p></section>'
        '<section class="print-section"><p>no heading, no id, no kind</p></section>'
        '<section class="print-section" id="c"></section>',
        encoding="utf-8",
    )
    parts = epub.read_parts(printed.read(tmp_path))
    assert parts == [
        epub.Part("a", "glossary", "A title", "<h1> A\n title </h1><p>x</p>"),
        epub.Part("", "chapter", "", "<p>no heading, no id, no kind</p>"),
        epub.Part("c", "chapter", "", ""),
    ]


def test_only_a_file_of_the_site_goes_into_the_epub_as_an_image(tmp_path: Path) -> None:
    (tmp_path / "https:" / "x.example").mkdir(parents=True)
    (tmp_path / "https:" / "x.example" / "i.png").write_bytes(b"png")  # a path that looks like an address
    (tmp_path / "data:x.png").write_bytes(b"png")  # a name that looks like inline data
    (tmp_path / "f.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "f.zzq").write_bytes(b"?")
    body = (
        '<img src="https://x.example/i.png"><img alt="f" src="f.svg"><img src="none.png"><img src="f.svg">'
        '<img src="data:x.png"><img src="f.zzq">'
    )
    assert epub._images(tmp_path, [epub.Part("a", "chapter", "A", body)]) == [
        epub.Image("f.svg", "image/svg+xml"),
        epub.Image("f.zzq", "application/octet-stream"),
    ]


def bookmarks_pdf(titles: list[str]) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    for title in titles:
        writer.add_outline_item(title=title, page_number=0)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_each_bookmark_matches_a_heading_after_the_one_before_it_matched() -> None:
    writer = PdfWriter(clone_from=io.BytesIO(bookmarks_pdf(["Intro", "Intro", "Glos sary"])))
    assert pdf.mend_outline(writer, ["In tro", "Intro", "X", "Glossary"]) == 2
    out = io.BytesIO()
    writer.write(out)
    assert [item.title for item in PdfReader(out).outline] == ["In tro", "Intro", "Glossary"]


def test_epubcheck_s_verdict_stops_the_tool_with_its_counts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    asked: list[Path] = []
    verdicts = iter(
        [
            epubcheck.Result(errors=0, fatals=1, output="  one fatal \n"),
            epubcheck.Result(errors=2, fatals=0, output="two errors"),
            epubcheck.Result(errors=0, fatals=0, output="No errors or warnings detected.\n"),
        ]
    )
    monkeypatch.setattr(epubcheck, "check", lambda book: (asked.append(book), next(verdicts))[1])
    for expected in ("1 fatal(s) and 0 error(s)", "0 fatal(s) and 2 error(s)"):
        with pytest.raises(SystemExit) as stopped:
            epubcheck.main(["book.epub"])
        assert str(stopped.value) == f"error: book.epub: EPUBCheck found {expected}; see above."
    epubcheck.main(["book.epub"])
    assert asked == [Path("book.epub")] * 3
    assert capsys.readouterr().out == "one fatal\ntwo errors\nNo errors or warnings detected.\n"


def test_the_editions_start_from_the_books_settings_and_a_fresh_token(tmp_path: Path) -> None:
    """Without a custom_dir in the theme, the templates are overrides/ beside mkdocs.yml."""
    import re
    from types import SimpleNamespace

    from conceptbook.settings import Settings

    (tmp_path / "overrides" / "editions").mkdir(parents=True)
    (tmp_path / "overrides" / "editions" / "downloads.html").write_text("the list", encoding="utf-8")
    config = SimpleNamespace(
        theme=SimpleNamespace(custom_dir=None),
        config_file_path=str(tmp_path / "mkdocs.yml"),
        site_description='A "small" <book>',
    )
    settings = Settings.read(tmp_path, {"SOURCE_DATE_EPOCH": str(EPOCH), "EDITIONS_DIR": "dist"})
    made = capability.Editions(config, settings)  # type: ignore[arg-type]
    assert (made.epoch, made.editions_dir, made.env_name, made.description) == (
        EPOCH,
        tmp_path / "dist",
        "EDITIONS_DIR",
        "A &quot;small&quot; &lt;book&gt;",
    )
    assert (made.order, made.sections, made.home, made.nav, made.theme, list(made.files)) == (
        {},
        {},
        {},
        None,
        None,
        [],
    )
    assert made.templates.get_template("editions/downloads.html").render() == "the list"
    token = re.fullmatch(r"<!--print-content-([0-9a-f]{32})-->", made.begin)
    assert token is not None and made.end == f"<!--/print-content-{token.group(1)}-->"
    again = capability.Editions(config, settings)  # type: ignore[arg-type]
    assert again.begin != made.begin
    config.site_description = None
    assert capability.Editions(config, settings).description == ""  # type: ignore[arg-type]


def editions(tmp_path: Path, site_url: str = "") -> capability.Editions:
    from types import SimpleNamespace

    from conceptbook.settings import Settings

    config = SimpleNamespace(
        theme=SimpleNamespace(custom_dir=str(ROOT / "overrides")),
        config_file_path=str(ROOT / "mkdocs.yml"),
        site_description="",
        site_url=site_url,
    )
    return capability.Editions(config, Settings.read(tmp_path, {}))  # type: ignore[arg-type]


def page(src_uri: str, url: str, source: str = "", **more: object) -> object:
    from types import SimpleNamespace

    return SimpleNamespace(url=url, file=SimpleNamespace(src_uri=src_uri, content_string=source), **more)


def test_only_the_first_downloads_marker_becomes_the_list_and_a_build_without_site_url_says_why(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    content = "<p>A</p>\n<!-- downloads -->\n<p>B</p>\n<!-- downloads -->"
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.editions"):
        out = editions(tmp_path).on_page_content(content, page("index.md", "index.html"))  # type: ignore[arg-type]
    assert out.startswith('<p>A</p>\n<div class="downloads">\n<ul class="downloads__list">\n')
    assert out.endswith("</div>\n<p>B</p>\n<!-- downloads -->")
    assert "  <li>PDF (not published with this copy of the book): for printing or reading on a tablet" in out
    assert caplog.messages == [
        "docs/index.md: <!-- downloads --> lists editions that this build does not publish, and mkdocs.yml has no "
        "site_url to link their hosted copies; set site_url, or build with EDITIONS_DIR=dist after 'make pdf epub "
        "offline'."
    ]


def test_a_hand_written_link_to_an_edition_is_reported_even_when_the_source_cannot_be_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import logging
    from types import SimpleNamespace

    class Unreadable:
        src_uri = "about.md"

        @property
        def content_string(self) -> str:
            raise OSError("gone")

    about = SimpleNamespace(url="about.html", file=Unreadable())
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.editions"):
        editions(tmp_path, "https://b.example/").on_page_content(
            '<p><a href="downloads/psychodynamic-theory.epub">EPUB</a></p>',
            about,  # type: ignore[arg-type]
        )
    assert caplog.messages == [
        "docs/about.md: a hand-written link to downloads/psychodynamic-theory.epub points online even in the offline "
        "zip, without saying so; write <!-- downloads --> on its own line instead (the list of editions: the EPUB "
        "this build publishes, with its size, or the online copy, marked as needing the network), and refer to it "
        "in the text."
    ]


def test_the_home_pages_description_becomes_the_books_and_a_chapter_is_marked_for_the_print_page(
    tmp_path: Path,
) -> None:
    made = editions(tmp_path)
    made.order = {"chapters/a.md": "chapter"}
    home = page("index.md", "index.html", is_homepage=True, meta={"description": "Home &amp; more"}, content="")
    made.on_page_context(home)  # type: ignore[arg-type]
    assert (made.description, made.home, made.sections) == ("Home &amp; more", {"index.md": "Home &amp; more"}, {})
    chapter = page(
        "chapters/a.md",
        "chapters/a.html",
        is_homepage=False,
        meta={"authors": ["Ann"], "description": "not the book's"},
        title="1. A &amp;\n B",
        content="<p>x</p>",
    )
    made.on_page_context(chapter)  # type: ignore[arg-type]
    assert made.description == "Home &amp; more"
    assert made.sections == {
        "chapters/a.md": Section(
            "a",
            "chapters/a.html",
            "chapter",
            "1. A & B",
            "",
            meta={"authors": ["Ann"], "reviewed_by": None, "last_reviewed": None},
        )
    }
    assert chapter.content == f"{made.begin}<p>x</p>{made.end}"  # type: ignore[attr-defined]


class Theme(dict):
    """MkDocs' theme as Editions reads it: its options by name, and its custom_dir."""

    custom_dir = str(ROOT / "overrides")


def test_the_book_takes_its_data_from_mkdocs_yml_and_its_sections_in_the_navs_order(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from conceptbook.settings import Settings

    config = SimpleNamespace(
        theme=Theme(language="de"),
        config_file_path=str(ROOT / "mkdocs.yml"),
        site_description="",
        site_url=SITE_URL,
        site_name="Tales & <Things>",
        site_author="Ann Author",
        copyright='Text  <a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA\n 4.0</a>',
    )
    made = capability.Editions(config, Settings.read(tmp_path, {"SOURCE_DATE_EPOCH": str(EPOCH)}))  # type: ignore[arg-type]
    made.description = "A &amp; small\n book"
    made.order = {"chapters/zeta.md": "chapter", "chapters/alpha.md": "chapter", "answer-key.md": "answers"}
    made.order["glossary.md"] = "glossary"
    made.sections = {
        "glossary.md": Section("glossary", "glossary.html", "glossary", "Glossary", GLOSSARY),
        "chapters/alpha.md": Section("alpha", "chapters/alpha.html", "chapter", "2. Alpha", ALPHA),
        "chapters/zeta.md": Section("zeta", "chapters/zeta.html", "chapter", "1. Zeta", ZETA),
    }
    made.files = [SimpleNamespace(dest_uri="assets/data.json")]  # type: ignore[assignment]
    book = made.book()
    assert book.info == BookInfo(
        "Tales & <Things>",
        "A & small book",
        "Ann Author",
        SITE_URL,
        'Text <a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>',
        EPOCH,
        "de",
    )
    assert [section.key for section in book.sections] == ["zeta", "alpha", "glossary"]
    assert 'data-online="https://b.example/book/assets/data.json"' in book.sections[0].body
    rendered = made.render(book)
    assert (
        '<section class="print-title-page" id="title-page" data-title="Tales &amp; &lt;Things&gt;" '
        'data-author="Ann Author" data-date="2026-03-05" data-site-url="https://b.example/book/" data-language="de">'
    ) in rendered
    assert '<nav class="print-toc" id="contents" aria-labelledby="contents-title">' in rendered
    bare = SimpleNamespace(**{**vars(config), "theme": Theme(), "site_author": None, "site_url": None})
    bare.copyright = None
    plain = capability.Editions(bare, Settings.read(tmp_path, {"SOURCE_DATE_EPOCH": str(EPOCH)}))  # type: ignore[arg-type]
    plain.description = ""
    assert plain.book().info == BookInfo("Tales & <Things>", "", "", "", "", EPOCH, "en")


def test_a_pages_finished_content_is_kept_between_the_marks_or_a_notice_when_they_are_gone(tmp_path: Path) -> None:
    made = editions(tmp_path)
    made.order = {"chapters/a.md": "chapter", "chapters/b.md": "chapter", "chapters/c.md": "chapter"}
    bare = page("chapters/b.md", "chapters/b.html", is_homepage=False, meta={}, title=None, content=None)
    made.on_page_context(bare)  # type: ignore[arg-type]
    assert made.sections["chapters/b.md"] == Section("b", "chapters/b.html", "chapter", "", "", meta={})
    assert bare.content == made.begin + made.end  # type: ignore[attr-defined]
    out = f"<html>{made.begin}<p>done</p>{made.end}</html>"
    assert made.on_post_page(out, page("chapters/b.md", "chapters/b.html")) == "<html><p>done</p></html>"  # type: ignore[arg-type]
    assert made.sections["chapters/b.md"].content == "<p>done</p>"
    made.on_page_context(page("chapters/c.md", "chapters/c.html", is_homepage=False, meta={}, title="C", content=""))  # type: ignore[arg-type]
    notice = "<html><p>This page is not shown</p></html>"
    assert made.on_post_page(notice, page("chapters/c.md", "chapters/c.html")) == notice  # type: ignore[arg-type]
    assert made.sections["chapters/c.md"].content == capability.NOT_SHOWN
    assert made.on_post_page("<p>other</p>", page("about.md", "about.html")) == "<p>other</p>"  # type: ignore[arg-type]


def test_a_link_to_a_folder_keeps_its_slash_and_the_sites_root_is_its_address() -> None:
    book = small_book()
    links, intro = Links(book, lambda path: False), book.sections[0]  # intro is chapters/intro.html
    assert [links.rewrite(href, intro) for href in ("../about/", "../", "./", "../about/#team", "../about")] == [
        "https://b.example/book/about/",
        "https://b.example/book/",
        "https://b.example/book/chapters/",
        "https://b.example/book/about/#team",
        "https://b.example/book/about",
    ]


def test_an_image_the_site_lacks_stays_a_path_for_the_editions_check_to_name() -> None:
    book = small_book()
    links, intro = Links(book, lambda path: False), book.sections[0]
    assert links.rewrite("../assets/none.png", intro, image=True) == "assets/none.png"
    assert links.rewrite("../assets/none.png", intro) == "https://b.example/book/assets/none.png"  # a link: online
    assert links.rewrite("https://x.example/a.png", intro, image=True) == "https://x.example/a.png"
