"""Unit tests of the safety rules (hooks/conceptbook/safety/): golden pairs of HTML or SVG and what is found."""

from __future__ import annotations

import logging
from pathlib import Path

import jinja2
import pytest
from selectolax.lexbor import LexborHTMLParser

from conceptbook.safety.output import FinalCheck
from conceptbook.safety.rules import content_faults, frame_faults, is_external
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
    assert written.startswith("<!doctype html>") and "This page is not shown" in written
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
