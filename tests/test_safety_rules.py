"""Unit tests of the safety rules (hooks/conceptbook/safety/): golden pairs of HTML or SVG and what is found."""

from __future__ import annotations

import logging
from pathlib import Path

import jinja2
import pytest
from selectolax.lexbor import LexborHTMLParser

from conceptbook.safety.html import locate, notice
from conceptbook.safety.output import FinalCheck
from conceptbook.safety.rules import Fault, brief, content_faults, frame_faults, is_external
from conceptbook.safety.svg import Result as SvgResult
from conceptbook.safety.svg import check_svg

ROOT = Path(__file__).resolve().parent.parent


def whats(html: str) -> list[str]:
    return [fault.what for fault in content_faults(html)]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p>A <a href="https://example.org">link</a> and <a href="#fn:1">a note</a>.</p>', []),
        ('<img src="../assets/figures/x.svg" alt="x">', []),
        (
            '<svg><a><set attributeName="xlink:href" to="javascript:alert(1)"/></a></svg>',
            ["the SVG animation <set> changes the attribute 'xlink:href', which can turn a link into code"],
        ),
        (
            '<svg><a><animate attributeName=" HREF " values="javascript:alert(1)"/></a></svg>',
            ["the SVG animation <animate> changes the attribute 'HREF', which can turn a link into code"],
        ),
        ('<svg><rect><animate attributeName="fill" values="red;blue"/></rect></svg>', []),
        (
            '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
            [
                "the raw HTML element <meta> is not allowed in the book, because it can send every reader to "
                'another site (http-equiv="refresh")'
            ],
        ),
        (
            '<button formaction="https://evil.example/">x</button>',
            [
                "the attribute 'formaction' on <button> sends what a reader types to an address, which the book "
                "does not allow"
            ],
        ),
        (
            '<video poster="//evil.example/p.png"></video>',
            [
                "the file '//evil.example/p.png' on <video> would be loaded from another site, which tells that "
                "site who reads the book (and is missing from the offline copy)"
            ],
        ),
        (
            '<svg><image href="https://evil.example/i.png"/></svg>',
            [
                "the file 'https://evil.example/i.png' on <image> would be loaded from another site, which tells "
                "that site who reads the book (and is missing from the offline copy)"
            ],
        ),
        (
            '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
            [
                "the raw HTML element <noscript> is not allowed in the book, because a browser reads its content "
                "differently from the book's check"
            ],
        ),
        (
            "<svg><foreignObject><div>x</div></foreignObject></svg>",
            [
                "the raw HTML element <foreignObject> is not allowed in the book, because it puts HTML inside an "
                "SVG, where it escapes the book's rules"
            ],
        ),
        ("<marquee>x</marquee>", ["the raw HTML element <marquee> is not one the book allows"]),
        (
            '<div id="__config">{"search": "data:text/javascript,x"}</div>',
            [
                "the id '__config' on <div> is one the theme uses for itself (its ids start with '__'), which "
                "could change its settings"
            ],
        ),
        ('<input id="__tabbed_1_1" name="__tabbed_1" type="radio"><span id="__span-0-1"></span>', []),
        (
            '<a href="&#x76;bscript:x">x</a>',
            ["the link 'vbscript:x' uses the scheme 'vbscript:', which the book does not allow"],
        ),
    ],
)
def test_content_rules(html: str, expected: list[str]) -> None:
    assert whats(html) == expected


def test_the_frame_may_load_the_sites_own_scripts_and_styles_but_nothing_that_runs_or_redirects() -> None:
    theme = (
        '<html><head><meta charset="utf-8"><link rel="canonical" href="https://book.example/x.html">'
        '<link rel="stylesheet" href="../assets/x.css"><script src="../assets/x.js"></script>'
        '<script>var x = 1</script><style>.a{}</style></head><body><form class="md-search__form"></form>'
        '<a href="https://github.com/o/r/edit/main/docs/x.md" class="md-content__button">edit</a></body></html>'
    )
    assert frame_faults(theme) == []
    bad = (
        '<html><head><meta http-equiv="refresh" content="0;url=https://evil.example/">'
        '<link rel="stylesheet" href="https://evil.example/x.css"><script src="//evil.example/x.js"></script>'
        '</head><body><a href="https://github.com/x" onmouseover="alert(1)">edit</a><base href="https://evil.example/">'
        "</body></html>"
    )
    assert [fault.message for fault in frame_faults(bad)] == [
        "the element <meta http-equiv='refresh'> can send every reader to another site; delete it",
        "the page's frame loads <link> 'https://evil.example/x.css' from another site, which the book does not "
        "allow; load only files of the site (put the file under docs/assets/)",
        "the page's frame loads <script> '//evil.example/x.js' from another site, which the book does not allow; "
        "load only files of the site (put the file under docs/assets/)",
        "the attribute 'onmouseover' on <a> runs code, which the book does not allow; delete it",
        "the raw HTML element <base> is not allowed in the book, because it can run code or load another site; "
        "delete it (draw a figure as an SVG file without scripts)",
    ]


@pytest.mark.parametrize(
    ("url", "external"),
    [
        ("x.png", False),
        ("../a/b.svg", False),
        ("#x", False),
        ("//evil", True),
        ("\\\\evil/x", True),
        ("HTTPS://e", True),
        (" \t//evil.example/x", True),  # what browsers drop before the two slashes
    ],
)
def test_what_counts_as_another_site(url: str, external: bool) -> None:
    assert is_external(url) is external


def test_the_final_check_reads_parts_inserted_after_the_content_was_marked(caplog: pytest.LogCaptureFixture) -> None:
    bib = "@book{evil2020,\n  title = {Read \\href{javascript:alert(1)}{click here}},\n}\n"
    check = FinalCheck(lambda: [("docs/references.bib", bib)])
    page = f"<html><body><article>{check.mark('<p>Text.</p><!-- references -->')}</article></body></html>"
    late = page.replace(
        "<!-- references -->", '<li class="csl-entry"><a href="javascript:alert(1)">click here</a></li>'
    )
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.safety"):
        first = check.check(late, "docs/chapters/a.md", lambda: "# A\n\nText [@evil2020].\n")
        second = check.check(late, "docs/chapters/b.md", lambda: None)
    message = (
        "docs/references.bib:2: the link 'javascript:alert(1)' uses the scheme 'javascript:', which the book does "
        "not allow (it reaches the finished page docs/chapters/a.md; every page it reaches shows a notice instead); "
        "link only to https://, mailto: or a relative path."
    )
    assert caplog.messages == [message]  # once per cause, though two pages show it
    for written in (first, second):
        assert written.startswith('<html><body><article><div class="admonition failure">')
        assert "javascript:alert(1)</a>" not in written and check.begin not in written


def test_the_final_check_removes_its_marks_and_nothing_else_from_a_clean_page() -> None:
    check = FinalCheck(lambda: [])
    page = f'<html><head><script src="a.js"></script></head><body>{check.mark("<p>x</p>")}</body></html>'
    assert check.check(page, "docs/a.md", lambda: "x") == (
        '<html><head><script src="a.js"></script></head><body><p>x</p></body></html>'
    )


def test_a_fault_in_the_frame_replaces_the_whole_page(caplog: pytest.LogCaptureFixture) -> None:
    check = FinalCheck(lambda: [])
    page = f'<html><body><a href="x" onfocus="alert(1)">edit</a>{check.mark("<p>x</p>")}</body></html>'
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.safety"):
        written = check.check(page, "docs/a.md", lambda: "x")
    assert not [n for n in LexborHTMLParser(written).root.traverse() if "onfocus" in n.attributes]
    assert written.startswith(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>This page is not shown</title></head>'
        '<body><article class="md-content__inner md-typeset"><div class="admonition failure">'
    )
    assert written.endswith("</article></body></html>\n")
    assert caplog.messages == [
        "docs/a.md: the attribute 'onfocus' on <a> runs code, which the book does not allow (in the finished page, "
        "put there by the build or the theme, not written in any file of docs/); delete it."
    ]


def test_a_clean_svg_has_no_findings_and_the_books_figures_are_clean() -> None:
    for figure in sorted((ROOT / "docs/assets/figures").glob("*.svg")):
        result = check_svg(figure.read_text(encoding="utf-8"))
        assert (result.findings, result.error) == ([], None), figure


def test_an_svg_keeps_its_drawing_and_loses_what_runs_or_loads() -> None:
    svg = (
        '<?xml-stylesheet href="x.xsl" type="text/xsl"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink" viewBox="0 0 9 9">\n'
        '<a l:href="javascript:alert(1)"><animate attributeName="href" values="javascript:alert(1)"/>'
        '<rect width="9" height="9" fill="#fff"/></a>\n'
        '<image href="https://evil.example/i.png"/><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p>'
        "</foreignObject>\n</svg>\n"
    )
    result = check_svg(svg)
    assert [(f.line, f.fault.what) for f in result.findings] == [
        (1, "the SVG names a stylesheet (<?xml-stylesheet?>), which can add code"),
        (3, "the link 'javascript:alert(1)' uses the scheme 'javascript:', which the book does not allow"),
        (3, "the SVG animation <animate> changes the attribute 'href', which can turn a link into code"),
        (4, "the SVG element <image> loads 'https://evil.example/i.png' from another site"),
        (4, "the SVG element <foreignObject> puts HTML inside the figure, which can run code"),
    ]
    assert result.clean == (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink" viewBox="0 0 9 9">\n'
        '<a><rect width="9" height="9" fill="#fff"></rect></a>\n<image></image>\n</svg>\n'
    )


def test_an_svg_entity_cannot_hide_a_script() -> None:
    result = check_svg(
        '<!DOCTYPE svg [<!ENTITY x "<script>alert(1)</script>">]>\n<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'
    )
    assert [f.fault.what for f in result.findings] == [
        "the SVG declares its own DTD, whose entities can hide markup from the book's check",
        "the SVG declares an entity, which can hide markup",
        "the SVG element <script> runs code when the figure is opened",
    ]
    assert "script" not in result.clean


def test_the_edit_button_escapes_the_pages_address() -> None:
    """Material prints page.edit_url unescaped; overrides/partials/actions.html escapes it."""
    import material

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([ROOT / "overrides", Path(material.__file__).parent / "templates"])
    )
    html = env.get_template("partials/actions.html").render(
        page={"edit_url": 'https://github.com/o/r/edit/main/docs/x" onmouseover="alert(1).md'},
        features=["content.action.edit"],
        lang={"t": lambda key: "Edit this page"},
        config={"theme": {"icon": {}}},
    )
    assert 'href="https://github.com/o/r/edit/main/docs/x&#34; onmouseover=&#34;alert(1).md"' in html
    assert frame_faults(html) == []


def test_a_fault_among_thousands_of_elements_judged_before_is_still_found() -> None:
    """Each distinct element is judged once per process (rules._frame_element): a bad link
    among a navigation seen on every page before must still be found, each time."""
    nav = "".join(f'<li><a href="../chapters/c{i}.html">Chapter {i}</a></li>' for i in range(2000))
    clean = f"<html><head></head><body><nav><ul>{nav}</ul></nav></body></html>"
    assert frame_faults(clean) == [] and frame_faults(clean) == []
    bad = clean.replace('<a href="../chapters/c1500.html">', '<a href="javascript:alert(1)">')
    for _ in range(2):
        faults = frame_faults(bad)
        assert [f.what for f in faults] == [
            "the link 'javascript:alert(1)' uses the scheme 'javascript:', which the book does not allow"
        ]


CSS_FAULT = "the SVG's CSS on <{}> loads a file from another site or another stylesheet"


def test_an_svgs_declarations_are_found_with_their_line_pattern_and_fix() -> None:
    """A stylesheet instruction in any case, an internal DTD and its entity; other
    instructions and a DTD named only by its public address are left alone."""
    result = check_svg(
        '<?XML-Stylesheet href="x.css"?>\n<?other data?>\n<!DOCTYPE svg [<!ENTITY x "y">]>\n'
        '<svg xmlns="http://www.w3.org/2000/svg"/>'
    )
    assert [(f.line, f.fault) for f in result.findings] == [
        (
            1,
            Fault(
                (r"<\?xml-stylesheet",),
                "the SVG names a stylesheet (<?xml-stylesheet?>), which can add code",
                "delete it",
            ),
        ),
        (
            3,
            Fault(
                (r"<!DOCTYPE",),
                "the SVG declares its own DTD, whose entities can hide markup from the book's check",
                "delete the part in [...] after <!DOCTYPE (or the whole line)",
            ),
        ),
        (3, Fault((r"<!ENTITY",), "the SVG declares an entity, which can hide markup", "delete it")),
    ]
    assert result.clean == '<svg xmlns="http://www.w3.org/2000/svg"></svg>\n'
    plain = check_svg(
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        '<?other data?>\n<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'
    )
    assert (plain.findings, plain.clean, plain.error) == ([], "", None)


def test_an_svg_is_read_by_its_namespaces_and_its_css_is_checked() -> None:
    """Elements are judged by namespace, not prefix: an SVG element under another prefix
    stays, an editor's own element (or one with an unknown prefix) goes silently with what
    it holds, HTML is a fault. The CSS of a <style> (read whole, though an entity splits it)
    and of a style attribute may not load another site's file; text outside <style> may
    say anything. Attribute values and text are escaped again in the clean copy."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg" '
        'xmlns:h="http://www.w3.org/1999/xhtml" xmlns:ink="urn:inkscape">\n'
        '<ink:meta a="1"><s:rect/></ink:meta><foo:rect/>\n'
        '<s:rect width="1" class=\'a"b&lt;\'/>\n'
        "<h:p>x</h:p><marquee/>\n"
        '<text>a &lt; b &amp; "c"</text>\n'
        '<style>rect { fill: url(#g) } .b{fill:url(g.svg#p)} @import "x.css";</style>\n'
        "<style>.a{background:url(ht&#116;ps://evil.example/i.png)}</style>\n"
        "<text>url(https://evil.example/) stays text</text>\n"
        "<rect style=\"fill:url('https://evil.example/p.png')\"/>\n"
        '<circle onclick="alert(1)" r="2"/>\n'
        "</svg>"
    )
    result = check_svg(svg)
    assert [(f.line, f.fault) for f in result.findings] == [
        (
            4,
            Fault((r"<\s*h:p\b",), "the SVG holds the HTML element <h:p>, which can run code in a figure", "delete it"),
        ),
        (
            4,
            Fault(
                (r"<\s*marquee\b",),
                "the SVG element <marquee> is not one a figure of the book needs",
                "delete it (export the figure again without it)",
            ),
        ),
        (6, Fault(("@import",), CSS_FAULT.format("style"), "delete the url(...) or @import")),
        (
            7,
            Fault((r"url\(https://evil\.example/i\.png",), CSS_FAULT.format("style"), "delete the url(...) or @import"),
        ),
        (
            9,
            Fault((r"url\('https://evil\.example/p\.png",), CSS_FAULT.format("rect"), "delete the url(...) or @import"),
        ),
        (
            10,
            Fault(
                (r"\bonclick\s*=", r"\bonclick\b"),
                "the attribute 'onclick' on <circle> runs code, which the book does not allow",
                "delete it",
            ),
        ),
    ]
    assert result.clean == (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg" '
        'xmlns:h="http://www.w3.org/1999/xhtml" xmlns:ink="urn:inkscape">\n\n'
        '<s:rect width="1" class="a&quot;b&lt;"></s:rect>\n\n'
        '<text>a &lt; b &amp; "c"</text>\n<style></style>\n<style></style>\n'
        "<text>url(https://evil.example/) stays text</text>\n"
        '<rect></rect>\n<circle r="2"></circle>\n</svg>\n'
    )


def test_an_svg_keeps_css_that_loads_its_own_parts_and_a_root_of_another_namespace() -> None:
    result = check_svg(
        '<svg xmlns="http://www.w3.org/2000/svg"><style>rect { fill: url(#g) }</style>'
        '<rect style="fill:url(#g)"/><script>x</script></svg>'
    )
    assert [(f.line, f.fault.what) for f in result.findings] == [
        (1, "the SVG element <script> runs code when the figure is opened")
    ]
    assert result.clean == (
        '<svg xmlns="http://www.w3.org/2000/svg"><style>rect { fill: url(#g) }</style>'
        '<rect style="fill:url(#g)"></rect></svg>\n'
    )
    other = check_svg('<x:svg xmlns:x="urn:other" width="3"><h:p xmlns:h="http://www.w3.org/1999/xhtml"/></x:svg>')
    assert [f.fault.what for f in other.findings] == [
        "the SVG holds the HTML element <h:p>, which can run code in a figure"
    ]
    assert other.clean == '<x:svg xmlns:x="urn:other" width="3"></x:svg>\n'


JS_LINK = "the link 'javascript:alert(1)' uses the scheme 'javascript:', which the book does not allow"


def test_the_final_check_reports_each_cause_once_at_the_file_and_line_that_write_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A cause is a fault at a file and line: the page that writes it reports it at its own
    line; another page it reaches finds it in that same file and line (not again); a third
    page that writes it too is a cause of its own."""
    a = "# A\n\nSee [x](javascript:alert(1)).\n"
    check = FinalCheck(lambda: [("docs/a.md", a)])
    page = "<html><body>" + check.mark('<p><a href="javascript:alert(1)">x</a></p>') + "</body></html>"
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.safety"):
        check.check(page, "docs/a.md", lambda: a)
        reached = check.check(page, "docs/b.md", lambda: None)
        check.check(page, "docs/c.md", lambda: a)
    fix = "link only to https://, mailto: or a relative path."
    assert caplog.messages == [
        f"docs/a.md:3: {JS_LINK} (in the finished page); {fix}",
        f"docs/c.md:3: {JS_LINK} (in the finished page); {fix}",
    ]
    assert reached == (
        '<html><body><div class="admonition failure"><p class="admonition-title">This page is not shown</p>'
        "<p>Its source contains code, which the book does not allow:</p><ul><li>docs/a.md:3: "
        f"{JS_LINK} (it reaches the finished page docs/b.md; every page it reaches shows "
        f"a notice instead); {fix}</li></ul></div></body></html>"
    )


def test_a_fault_is_located_whatever_the_case_it_is_written_in_and_the_notice_lists_each_message() -> None:
    script = Fault((r"<\s*script(?![\w-])",), "x", "y")
    assert locate(script, "# A\n\n<SCRIPT>alert(1)</SCRIPT>\n") == 3
    assert locate(script, "# A\n") is None
    assert notice(["a <b>", "c"]) == (
        '<div class="admonition failure"><p class="admonition-title">This page is not shown</p>'
        "<p>Its source contains code, which the book does not allow:</p><ul><li>a &lt;b&gt;</li><li>c</li></ul></div>"
    )


def test_a_long_url_is_cut_after_forty_characters_in_messages() -> None:
    assert brief("x" * 40) == "x" * 40
    assert brief("x" * 41) == "x" * 40 + "…"


def test_a_scheme_fault_is_found_by_the_url_its_scheme_or_the_start_of_what_follows() -> None:
    url = "vbscript:alert(1):and-more-than-twenty-characters"
    assert content_faults(f'<a href="{url}">x</a>') == [
        Fault(
            (r"vbscript:alert\(1\):and\-more\-than\-twenty\-characters", "vbsc", r"alert\(1\):and\-more\-th"),
            "the link 'vbscript:alert(1):and-more-than-twenty-c…' uses the scheme 'vbscript:', which the book does not allow",
            "link only to https://, mailto: or a relative path",
        )
    ]


@pytest.mark.parametrize(
    ("target", "refused"),
    [
        ("href", True),
        ("ONCLICK", True),
        ("onbegin", True),
        ("x:href", True),
        ("style", True),
        (" Style ", True),
        ("fill", False),
        ("opacity", False),
    ],
)
def test_an_svg_animation_may_not_change_a_link_a_handler_or_a_style(target: str, refused: bool) -> None:
    faults = content_faults(f'<svg><rect><animate attributeName="{target}" to="x"/></rect></svg>')
    expected = [
        f"the SVG animation <animate> changes the attribute '{target.strip()}', which can turn a link into code"
    ]
    assert [f.what for f in faults] == (expected if refused else [])


def test_the_frame_fault_of_another_sites_script_is_found_by_its_address() -> None:
    assert frame_faults('<html><head><script src="https://evil.example/x.js"></script></head></html>') == [
        Fault(
            (r"https://evil\.example/x\.js",),
            "the page's frame loads <script> 'https://evil.example/x.js' from another site, which the book does not "
            "allow",
            "load only files of the site (put the file under docs/assets/)",
        )
    ]


SNIPPET_HIDDEN = (
    "the snippet {!r} cannot be included: only files under docs/ whose names do not start with '.' can be, and "
    "this one is hidden; copy the text into docs/assets/snippets/ and include it from there (e.g. "
    "docs/assets/snippets/note.md), or delete the line."
)
SNIPPET_MISSING = (
    "the snippet {!r} cannot be included: it is missing or lies outside the project folder; give the path of a "
    "file in the project from its top folder (e.g. docs/assets/snippets/note.md), or delete the line."
)


def snippet_messages(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, pages: list[tuple[str, str] | None]
) -> list[str]:
    """Each page (path, source; None: no page known) rendered with pymdownx.snippets and the guard."""
    import markdown

    from conceptbook.safety.snippets import SnippetGuard

    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "note.md").write_text("Note text.\n", encoding="utf-8")
    (tmp_path / ".env").write_text("SECRET=1\n", encoding="utf-8")
    (tmp_path / "docs\\.secret").write_text("SECRET=2\n", encoding="utf-8")  # one name, with a backslash
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.safety"):
        for page in pages:
            md = markdown.Markdown(
                extensions=["pymdownx.snippets", SnippetGuard(lambda page=page: page, str(docs))],
                extension_configs={"pymdownx.snippets": {"base_path": [str(tmp_path)], "check_paths": True}},
            )
            md.convert(page[1] if page else '--8<-- ".env"\n')
    return caplog.messages


def test_a_snippet_is_included_only_from_docs_and_never_from_a_hidden_path(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`.` and `..` are not hidden parts; a backslash separates parts like a slash. Each
    refused include is reported at its line (a page not known: without one)."""
    ok = 'A.\n\n--8<-- "docs/./note.md"\n--8<-- "docs/sub/../note.md"\n'
    assert snippet_messages(tmp_path / "ok", caplog, [("docs/ok.md", ok)]) == []
    backslash = 'A.\n\n--8<-- "docs\\.secret"\n--8<-- ".env"\n'
    assert snippet_messages(tmp_path / "bs", caplog, [("docs/x.md", backslash), None]) == [
        "docs/x.md:3: " + SNIPPET_HIDDEN.format("docs\\.secret"),
        "docs/x.md:4: " + SNIPPET_HIDDEN.format(".env"),
        "a page: " + SNIPPET_HIDDEN.format(".env"),
    ]


def test_a_missing_snippet_is_reported_at_the_first_line_that_names_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    twice = 'A.\n--8<-- "missing.md"\n\n--8<-- "missing.md"\n'
    first = 'missing.md is named first.\n\n--8<-- "missing.md"\n'
    no_path = 'A.\n\n--8<-- ":3"\n'  # lines only: pymdownx names no path
    assert snippet_messages(tmp_path, caplog, [("docs/a.md", twice), ("docs/b.md", first), ("docs/c.md", no_path)]) == [
        "docs/a.md:2: " + SNIPPET_MISSING.format("missing.md"),
        "docs/b.md:1: " + SNIPPET_MISSING.format("missing.md"),
        "docs/c.md: " + SNIPPET_MISSING.format(""),
    ]


def test_a_snippet_of_a_page_not_known_is_reported_without_a_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import markdown

    from conceptbook.safety.snippets import SnippetGuard

    (tmp_path / "docs").mkdir()
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.safety"):
        markdown.Markdown(
            extensions=["pymdownx.snippets", SnippetGuard(lambda: None, str(tmp_path / "docs"))],
            extension_configs={"pymdownx.snippets": {"base_path": [str(tmp_path)], "check_paths": True}},
        ).convert('--8<-- "X"\n')
    assert caplog.messages == ["a page: " + SNIPPET_MISSING.format("X")]


def test_the_final_check_looks_for_a_fault_in_every_readable_source_file_of_docs(tmp_path: Path) -> None:
    """Markdown, .bib and YAML files (any case of suffix), in the order of the files; not
    images, not a page the build generated, and an unreadable file is passed over."""
    from types import SimpleNamespace

    from mkdocs.structure.files import File, Files

    from conceptbook.safety.capability import Safety

    docs = tmp_path / "docs"
    docs.mkdir()
    texts = {"bad.md": b"\xff\xfe", "a.md": b"# A\n", "refs.BIB": b"@book{x,}\n", "data.yml": b"x: 1\n", "i.png": b"x"}
    for name, data in texts.items():
        (docs / name).write_bytes(data)
    files = [File(name, str(docs), str(tmp_path / "site"), False) for name in [*texts, "made.md"]]
    (docs / "made.md").write_text("# Made\n", encoding="utf-8")
    files[-1].generated_by = "a plugin"
    safety = Safety(SimpleNamespace(markdown_extensions=[], docs_dir=str(docs)))  # type: ignore[arg-type]
    safety.files = Files(files)
    assert list(safety._sources()) == [
        ("docs/a.md", "# A\n"),
        ("docs/refs.BIB", "@book{x,}\n"),
        ("docs/data.yml", "x: 1\n"),
    ]
    assert safety._rendered_page() is None
    safety.page = files[0]  # a page whose source cannot be read: its path, no text
    assert safety._rendered_page() == ("docs/bad.md", "")
    safety.page = files[1]
    assert safety._rendered_page() == ("docs/a.md", "# A\n")


def test_an_svg_that_is_not_whole_xml_is_an_error_with_its_line() -> None:
    assert check_svg('<svg xmlns="http://www.w3.org/2000/svg"><rect>') == SvgResult(error="line 1: no element found")
    assert check_svg('<svg xmlns="http://www.w3.org/2000/svg">\n<rect></svg>') == SvgResult(
        error="line 2: mismatched tag"
    )


def test_an_svg_may_not_load_another_sites_file_under_any_xlink_prefix_nor_move_its_links() -> None:
    """Text after a <style> is text again, however it reads."""
    result = check_svg(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xl="http://www.w3.org/1999/xlink" '
        'xml:base="https://e.example/">\n<image xl:href="https://evil.example/i.png" width="2"/>'
        '<use href="//evil.example/u.svg#a"/>\n<g><style>a{}</style>url(https://evil.example/x) stays</g></svg>'
    )
    fix = "put the file under docs/assets/ and give its relative path"
    assert [(f.line, f.fault) for f in result.findings] == [
        (
            1,
            Fault(
                ("xml:base",),
                "the SVG sets xml:base on <svg>, which changes where every link of the figure points",
                "delete it",
            ),
        ),
        (
            2,
            Fault(
                (r"https://evil\.example/i\.png",),
                "the SVG element <image> loads 'https://evil.example/i.png' from another site",
                fix,
            ),
        ),
        (
            2,
            Fault(
                (r"//evil\.example/u\.svg\#a",),
                "the SVG element <use> loads '//evil.example/u.svg#a' from another site",
                fix,
            ),
        ),
    ]
    assert result.clean == (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xl="http://www.w3.org/1999/xlink">\n'
        '<image width="2"></image><use></use>\n<g><style>a{}</style>url(https://evil.example/x) stays</g></svg>\n'
    )


def test_front_matter_the_theme_prints_is_escaped_as_text_or_as_an_attribute_and_names_are_checked(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from conceptbook.safety.meta import protect_meta

    meta = {
        "title": 'A "q" & <b>',
        "subtitle": "x'y",
        "description": 'd "q" <i>',
        "author": "a'b",
        "status": "new",
        "icon": "bad icon",
        "template": "main.html",
        "other": "<x>",
    }
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.safety"):
        protect_meta(meta, "docs/x.md", {"icon": 4}.get)
    assert meta == {
        "title": 'A "q" &amp; &lt;b&gt;',
        "subtitle": "x'y",
        "description": "d &quot;q&quot; &lt;i&gt;",
        "author": "a&#x27;b",
        "status": "new",
        "template": "main.html",
        "other": "<x>",
    }
    assert caplog.messages == [
        "docs/x.md:4: 'icon' must be a plain name such as material/brain (lowercase letters, digits, hyphens); "
        "it was ignored: correct or delete it."
    ]


def test_a_refused_snippet_is_reported_at_the_first_line_that_names_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "X").write_text("outside docs\n", encoding="utf-8")
    first = '.env is never included.\n\n--8<-- ".env"\n'
    twice = 'A.\n--8<-- ".env"\n\n--8<-- ".env"\n'
    messages = snippet_messages(tmp_path / "s", caplog, [("docs/a.md", first), ("docs/b.md", twice)])
    assert messages == [
        "docs/a.md:1: " + SNIPPET_HIDDEN.format(".env"),
        "docs/b.md:2: " + SNIPPET_HIDDEN.format(".env"),
    ]
    import markdown

    from conceptbook.safety.snippets import SnippetGuard

    caplog.clear()
    (tmp_path / "docs").mkdir()
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.safety"):
        markdown.Markdown(
            extensions=["pymdownx.snippets", SnippetGuard(lambda: None, str(tmp_path / "docs"))],
            extension_configs={"pymdownx.snippets": {"base_path": [str(tmp_path)], "check_paths": True}},
        ).convert('--8<-- "X"\n')
    assert caplog.messages == [
        f"a page: the snippet 'X' cannot be included: only files under docs/ whose names do not start with '.' can "
        f"be, and this one lies at {tmp_path / 'X'}; copy the text into docs/assets/snippets/ and include it from "
        "there (e.g. docs/assets/snippets/note.md), or delete the line."
    ]


def test_an_id_or_name_the_theme_uses_is_refused_and_comments_are_not_elements() -> None:
    assert content_faults(
        '<p name="__x">a<!-- note -->b</p><div id="__config"></div><div id="__tabbed_1_1"></div>'
    ) == [
        Fault(
            (r"\b__x\b", r"\bname\s*=", r"\bname\b"),
            "the name '__x' on <p> is one the theme uses for itself (its ids start with '__'), which could change its "
            "settings",
            "choose a name that does not start with '__'",
        ),
        Fault(
            (r"\b__config\b", r"\bid\s*=", r"\bid\b"),
            "the id '__config' on <div> is one the theme uses for itself (its ids start with '__'), which could change "
            "its settings",
            "choose a name that does not start with '__'",
        ),
    ]


def test_the_final_check_reads_every_marked_part_of_a_page() -> None:
    check = FinalCheck(lambda: [])
    page = f"<html><body>{check.mark('<p>a</p>')}<aside>frame</aside>{check.mark('<p>b</p>')}</body></html>"
    assert (
        check.check(page, "docs/a.md", lambda: "a") == "<html><body><p>a</p><aside>frame</aside><p>b</p></body></html>"
    )


def test_the_frame_may_hold_the_themes_search_form_but_no_form_that_sends_elsewhere() -> None:
    html = (
        '<html><body><form action="https://evil.example/x"><input></form><form action=" "></form>'
        '<form class="md-search__form"></form></body></html>'
    )
    assert frame_faults(html) == [
        Fault(
            (r"<\s*form(?![\w-])",),
            "the raw HTML element <form> is not allowed in the book, because it can send what a reader types to "
            "another site",
            "delete it",
        )
    ]


def test_a_processing_instruction_is_named_as_one() -> None:
    from conceptbook.safety.html import locate
    from conceptbook.safety.rules import content_faults

    [fault] = content_faults("<p>Text.</p>\n<?php echo 1; ?>\n<p>More.</p>")
    assert (fault.what, fault.fix) == (
        "the processing instruction <?…?> is not HTML the book allows",
        "delete it, or write it in a code span if it is an example",
    )
    assert locate(fault, "# Title\n\nText.\n\n<?php echo 1; ?>\n") == 5
    assert content_faults("<p>A <code>&lt;?php ?&gt;</code> in a code span.</p>") == []


@pytest.mark.parametrize("reported_elsewhere", [False, True], ids=["another page", "a chapter or concept"])
def test_front_matter_our_reader_refuses_is_not_used_and_named_once_by_its_line(
    caplog: pytest.LogCaptureFixture, reported_elsewhere: bool
) -> None:
    """MkDocs' laxer reader would hand the theme a duplicated key; the page's meta is emptied, and on a page
    whose own checks do not name the fault (not a chapter or concept) the fault is an error at its line."""
    from types import SimpleNamespace

    from conceptbook.safety.meta import protect_page_meta

    page = SimpleNamespace(meta={"title": "b"})
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.safety"):
        protect_page_meta(page, "docs/about.md", "---\ntitle: a\ntitle: b\n---\n# About\n", reported_elsewhere)
    assert page.meta == {}
    assert caplog.messages == (
        []
        if reported_elsewhere
        else ["docs/about.md:3: the front matter cannot be used: the key 'title' appears twice; keep one of them."]
    )


def test_a_page_that_is_not_utf8_is_left_out_at_the_line_of_its_first_bad_byte(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Counted from the file's first byte, which may itself end a line."""
    from mkdocs.structure.files import File, Files

    from conceptbook.safety.files import drop_unreadable

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_bytes(b"\n\nCaf\xe9\n")
    (docs / "b.md").write_bytes(b"# B\n")
    files = Files([File(name, str(docs), str(tmp_path / "site"), True) for name in ("a.md", "b.md")])
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.safety"):
        drop_unreadable(files, lambda file: f"docs/{file.src_uri}", lambda file: file.content_bytes.decode("utf-8"))
    assert [file.src_uri for file in files] == ["b.md"]
    assert caplog.messages == [
        "docs/a.md:3: the file is not UTF-8 text (byte 0xe9); save it as UTF-8 in your editor. "
        "The page was left out of the build."
    ]


def test_a_name_with_an_invisible_character_that_has_no_unicode_name_is_named_by_its_code_alone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """U+0085 (a C1 control) has no name in Unicode's table: the message names its code point, with no
    trailing space or placeholder."""
    from mkdocs.structure.files import File, Files

    from conceptbook.safety.files import drop_unsafe_names

    docs = tmp_path / "docs"
    files = Files(
        [File(name, str(docs), str(tmp_path / "site"), True) for name in ("a\x85b.md", "c\u200bd.md", "ok.md")]
    )
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.safety"):
        drop_unsafe_names(files, lambda file: f"docs/{file.src_uri}")
    assert [file.src_uri for file in files] == ["ok.md"]
    fix = "; rename it with lowercase letters, digits and hyphens only. The file was left out of the build."
    assert caplog.messages == [
        "docs/a\x85b.md: the file or folder name contains the invisible character U+0085, which makes the name "
        "read as another one in the navigation and the address bar" + fix,
        "docs/c\u200bd.md: the file or folder name contains the invisible character U+200B ZERO WIDTH SPACE, "
        "which makes the name read as another one in the navigation and the address bar" + fix,
    ]


def test_a_link_out_of_docs_is_named_from_the_folder_that_holds_docs_wherever_python_runs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.structure.files import File, Files

    from conceptbook.safety.files import drop_outside_links

    book = tmp_path / "book"
    (book / "docs").mkdir(parents=True)
    (tmp_path / "secret.md").write_text("# Secret\n", encoding="utf-8")
    (book / "docs" / "linked.md").symlink_to(tmp_path / "secret.md")
    (book / "docs" / "ok.md").write_text("# Ok\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    docs = str(book / "docs")
    files = Files([File(name, docs, str(book / "site"), True) for name in ("linked.md", "ok.md")])
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.safety"):
        drop_outside_links(files, docs, lambda file: f"docs/{file.src_uri}")
    assert [file.src_uri for file in files] == ["ok.md"]
    assert caplog.messages == [
        f"docs/linked.md: this file is a link (symlink) to {tmp_path / 'secret.md'}, outside docs/, and MkDocs would "
        "publish what it points to as it is (a link can reach any file of the machine that builds the book); copy "
        "the file into docs/ instead of linking it. It was left out of the build."
    ]


def test_only_files_of_docs_are_judged_by_type_not_the_theme_s_own(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """MkDocs adds the theme's files (its 404.html, its templates' partials) before on_files: they are the
    theme's, not the author's, and stay; the same types in docs/ are left out."""
    from mkdocs.structure.files import File, Files

    from conceptbook.safety.files import drop_active_files

    docs, theme, site = tmp_path / "docs", tmp_path / "theme", str(tmp_path / "site")
    files = Files(
        [
            File("404.html", str(theme), site, True),
            File("page.html", str(docs), site, True),
            File("notes.md", str(docs), site, True),
        ]
    )
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.safety"):
        drop_active_files(files, str(docs), lambda file: f"docs/{file.src_uri}")
    assert [file.src_uri for file in files] == ["404.html", "notes.md"]
    assert [message.split(":")[0] for message in caplog.messages] == ["docs/page.html"]


def test_a_file_of_docs_without_a_type_or_of_a_type_not_published_is_named_by_what_it_is(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.structure.files import File, Files

    from conceptbook.safety.files import PUBLISHED_SUFFIXES, drop_active_files

    docs, site = tmp_path / "docs", str(tmp_path / "site")
    names = ("notes/data", "notes/LICENSE", "notes/v1.2/x.tar.RSS", "notes/a.b/README")
    files = Files([File(name, str(docs), site, True) for name in names])
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.safety"):
        drop_active_files(files, str(docs), lambda file: f"docs/{file.src_uri}")
    assert [file.src_uri for file in files] == ["notes/LICENSE", "notes/a.b/README"]
    rest = (
        " is not a type the book publishes, and a browser may open it as a document that runs scripts, which the "
        f"book's checks never read; delete it, or save it as one of {', '.join(sorted(PUBLISHED_SUFFIXES))}. "
        "The file was left out of the build."
    )
    assert caplog.messages == [
        "docs/notes/data: a file without a type (.png, .pdf ...)" + rest,
        "docs/notes/v1.2/x.tar.RSS: a .rss file" + rest,
    ]


def test_an_svg_that_is_not_utf8_or_not_well_formed_is_left_out_and_the_others_are_checked(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.structure.files import File, Files

    from conceptbook.safety.files import check_svg_files

    docs, site = tmp_path / "docs", str(tmp_path / "site")
    svg = '<svg xmlns="http://www.w3.org/2000/svg">{}</svg>'
    written = {
        "a-latin.svg": svg.format("Caf\xe9").encode("latin-1"),
        "b-broken.SVG": b"<svg><g></svg>",
        "c-script.svg": svg.format("<script>alert(1)</script><rect/>").encode(),
        "d-clean.svg": svg.format("<rect/>").encode(),
    }
    docs.mkdir()
    for name, data in written.items():
        (docs / name).write_bytes(data)
    files = Files([File(name, str(docs), site, True) for name in written])
    replaced: dict[str, str] = {}
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.safety"):
        check_svg_files(
            files, lambda file: f"docs/{file.src_uri}", lambda file, text: replaced.update({file.src_uri: text})
        )
    assert [file.src_uri for file in files] == ["c-script.svg", "d-clean.svg"]
    assert list(replaced) == ["c-script.svg"] and "<script" not in replaced["c-script.svg"]
    assert caplog.messages == [
        "docs/a-latin.svg: the SVG is not UTF-8 text (byte 43); save it as UTF-8. The file was left out of the build.",
        "docs/b-broken.SVG: the SVG is not well-formed XML (line 1: mismatched tag), so no browser can show it; "
        "export it again from your drawing program. The file was left out of the build.",
        "docs/c-script.svg:1: the SVG element <script> runs code when the figure is opened; delete it (export the "
        "figure again without it). The published copy leaves it out.",
    ]


def test_each_name_the_theme_reads_is_checked_with_its_own_example_and_without_lines_when_none_are_known(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from conceptbook.safety.meta import protect_meta

    meta = {"status": "New!", "icon": "bad icon", "template": "../main.html", "title": "T"}
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.safety"):
        protect_meta(meta, "docs/x.md")
    assert meta == {"title": "T"}
    rest = "(lowercase letters, digits, hyphens); it was ignored: correct or delete it."
    assert caplog.messages == [
        f"docs/x.md: 'status' must be a plain name such as new {rest}",
        f"docs/x.md: 'icon' must be a plain name such as material/brain {rest}",
        f"docs/x.md: 'template' must be a plain name such as main.html {rest}",
    ]


def test_only_the_faulty_part_of_a_page_gives_way_to_a_notice_and_no_two_builds_share_a_mark() -> None:
    """Each build's marks carry a fresh random token (a source file cannot write one); of a page's
    parts, the faulty one shows the notice and the clean one stays as written."""
    check = FinalCheck(lambda: [])
    assert check.begin != FinalCheck(lambda: []).begin and check.begin.startswith("<!--page-content-")
    assert len(check.begin) == len("<!--page-content--->") + 32
    bad = '<p><a href="javascript:alert(1)">x</a></p>'
    page = f"<html><body>{check.mark('<p>Kept.</p>')}<aside>frame</aside>{check.mark(bad)}</body></html>"
    written = check.check(page, "docs/a.md", lambda: None)
    assert written.startswith('<html><body><p>Kept.</p><aside>frame</aside><div class="admonition failure">')
    assert written.endswith("</div></body></html>") and "javascript" not in written.split("</aside>")[0]


ELSEWHERE = (
    "would be loaded from another site, which tells that site who reads the book (and is missing from the offline copy)"
)


@pytest.mark.parametrize(
    ("tag", "attrs", "expected"),
    [
        pytest.param(
            "button",
            [("formaction", None)],
            [
                Fault(
                    (r"\bformaction\s*=", r"\bformaction\b"),
                    "the attribute 'formaction' on <button> sends what a reader types to an address, which the book "
                    "does not allow",
                    "delete it",
                )
            ],
            id="formaction to any address",
        ),
        pytest.param(
            "button",
            [("formaction", "javascript:alert(1)")],
            [
                Fault(
                    (r"javascript:alert\(1\)", "java", r"alert\(1\)"),
                    "the link 'javascript:alert(1)' uses the scheme 'javascript:', which the book does not allow",
                    "link only to https://, mailto: or a relative path",
                )
            ],
            id="formaction to a script: named once, for its scheme",
        ),
        pytest.param(
            "image",
            [("xlink:href", "https://x.example/a.png")],
            [
                Fault(
                    (r"https://x\.example/a\.png", r"\bxlink:href\s*=", r"\bxlink:href\b"),
                    f"the file 'https://x.example/a.png' on <image> {ELSEWHERE}",
                    "save the file under docs/assets/ and give its relative path",
                )
            ],
            id="an SVG image by xlink:href",
        ),
        pytest.param(
            "img",
            [("srcset", "https://x.example/a.png 1x, b.png 2x")],
            [
                Fault(
                    (r"https://x\.example/a\.png", r"\bsrcset\s*=", r"\bsrcset\b"),
                    f"the file 'https://x.example/a.png' on <img> {ELSEWHERE}",
                    "save the file under docs/assets/ and give its relative path",
                )
            ],
            id="srcset: each candidate on its own",
        ),
    ],
)
def test_each_attribute_that_sends_or_loads_is_one_fault_with_its_patterns_and_fix(
    tag: str, attrs: list[tuple[str, str | None]], expected: list[Fault]
) -> None:
    from conceptbook.safety.rules import content_element_faults

    assert content_element_faults(tag, attrs) == expected


def test_a_meta_refresh_in_the_frame_is_found_at_its_line() -> None:
    from conceptbook.safety.rules import frame_element_faults

    [fault] = frame_element_faults("meta", [("http-equiv", "refresh"), ("content", "0;url=https://x.example/")])
    assert (fault.what, fault.fix) == (
        "the element <meta http-equiv='refresh'> can send every reader to another site",
        "delete it",
    )
    assert locate(fault, '# A\n\nText.\n<meta http-equiv="refresh" content="0">\n') == 4


def test_every_candidate_of_a_srcset_is_a_link_of_its_own_in_either_attribute() -> None:
    from conceptbook.safety.rules import common_faults

    for name in ("srcset", "imagesrcset"):
        for value in ("a.png 1x, javascript:alert(1) 2x", "a.png 1x,javascript:alert(1) 2x"):  # a comma alone separates
            faults = common_faults("link", [(name, value)])
            assert [fault.what for fault in faults] == [
                "the link 'javascript:alert(1)' uses the scheme 'javascript:', which the book does not allow"
            ], (name, value)


def test_only_an_svg_animation_s_attributename_is_read_as_the_attribute_it_changes() -> None:
    from conceptbook.safety.rules import common_faults

    assert common_faults("p", [("attributename", "href")]) == []  # not an animation: an inert attribute
    assert common_faults("animate", [("dur", "1s"), ("attributename", "opacity"), ("to", "1")]) == []
    [fault] = common_faults("set", [("attributeName", "href"), ("to", "javascript:alert(1)")])
    assert fault.what == "the SVG animation <set> changes the attribute 'href', which can turn a link into code"


def test_a_frame_link_without_rel_or_href_is_not_a_fault() -> None:
    from conceptbook.safety.rules import frame_element_faults

    assert frame_element_faults("link", [("href", "https://x.example/a.css")]) == []  # no rel: loads nothing
    assert frame_element_faults("link", [("rel", "stylesheet")]) == []  # nothing to load
    assert [
        f.what
        for f in frame_element_faults("link", [("rel", "Preload Stylesheet"), ("href", "https://x.example/a.css")])
    ]


def test_only_a_srcset_is_read_as_a_list_of_urls() -> None:
    """A comma inside another URL is part of it: 'page.html?q=1,javascript:x' is a relative
    link, not a list holding a javascript: URL; in a srcset the same text is two candidates."""
    assert content_faults('<a href="page.html?q=1,javascript:x">x</a>') == []
    assert [f.what for f in content_faults('<img src="a.png" srcset="a.png 1x,javascript:x 2x" alt="a">')] != []
