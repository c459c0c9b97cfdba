"""Chapter and figure numbers (hooks/conceptbook/numbering/), input and expected output written out.

Unit tests of the rules (core.py) and of the capability's events (capability.py) on
in-memory pages, so that `make mutants PACKAGE=numbering` judges each mutant in
milliseconds; tests/test_numbering.py builds the throw-away books.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pytest

from conceptbook.numbering.capability import Numbering
from conceptbook.numbering.core import HAND_NUMBER, REFERENCE, Figure, chapter_numbers, figures, label

# --- core.py --------------------------------------------------------------------------------


def test_figures_in_order_with_ids_lines_offsets_and_captions() -> None:
    text = (
        "Intro\n"
        '<figure markdown="span" id="fig-one">\n'
        "  <figcaption>First.</figcaption>\n"
        "</figure>\n"
        "<FIGURE id='fig-two' class=x><figcaption class=\"c\">Second.</figcaption></FIGURE >\n"
        "<figure id=fig-three>\n"
        "</figure>\n"
        "<figure>\n"
        "<figcaption>Fourth, no id.</figcaption>\n"
        "</figure>\n"
        "<figcaption>a caption outside any figure</figcaption>\n"
        "<figure/>\n"
    )
    assert figures(text) == [
        Figure(index=1, name="fig-one", line=2, start=6, end=43, caption=58),
        Figure(index=2, name="fig-two", line=5, start=88, end=117, caption=139),
        Figure(index=3, name="fig-three", line=6, start=170, end=191, caption=None),
        Figure(index=4, name="", line=8, start=202, end=210, caption=223),
        Figure(index=5, name="", line=12, start=315, end=324, caption=None),
    ]


def test_a_figure_caption_is_looked_for_only_inside_its_own_figure() -> None:
    text = "<figure id=fig-a>\n</figure>\n<figcaption>x</figcaption>\n"
    assert [f.caption for f in figures(text)] == [None]
    unclosed = "<figure id=fig-a>\n<figcaption>x</figcaption>\n"
    assert [f.caption for f in figures(unclosed)] == [30]


@pytest.mark.parametrize(
    "text",
    ["<figcaption>x</figcaption>", "<figures>", "<figured>", "figure", "<fig id=fig-a>", "< figure>"],
)
def test_what_is_not_a_figure(text: str) -> None:
    assert figures(text) == []


@pytest.mark.parametrize(
    ("attrs", "name"),
    [
        (' id="fig-a"', "fig-a"),
        (" id='fig-b'", "fig-b"),
        (" id=fig-c", "fig-c"),
        (' ID = "fig-d"', "fig-d"),
        (' data-id="x" id="fig-e"', "fig-e"),  # the id, not data-id (a fix of this issue)
        (' xml:id="x" id="fig-g"', "fig-g"),
        (' id=""', ""),
        (' class="wide"', ""),
        (' valid="fig-f"', ""),
    ],
)
def test_a_figures_id_in_each_quoting(attrs: str, name: str) -> None:
    assert [f.name for f in figures(f"<figure{attrs}></figure>")] == [name]


def test_chapters_are_numbered_in_reading_order_skipping_other_pages() -> None:
    order = ["index.md", "chapters/zeta.md", "about.md", "chapters/alpha.md", "glossary.md", "chapters/mid.md"]
    assert chapter_numbers(order, lambda src: src.startswith("chapters/")) == {
        "chapters/zeta.md": 1,
        "chapters/alpha.md": 2,
        "chapters/mid.md": 3,
    }
    assert chapter_numbers([], lambda src: True) == {}


def test_a_label_is_figure_chapter_dot_index() -> None:
    assert (label(7, 3), label(1, 1), label(12, 10)) == ("Figure 7.3", "Figure 1.1", "Figure 12.10")


@pytest.mark.parametrize(
    ("caption", "typed"),
    [
        ("Figure 5.1. A square", "Figure 5.1."),
        ("Fig. 2: A square", "Fig. 2:"),
        ("  figure 3 A square", "  figure 3 "),  # with the space after it, which the caption drops too
        ("FIGURE 1.2.3 A square", "FIGURE 1.2.3 "),
        ("Figure 4.1 A square", "Figure 4.1 "),
        ("Figures of speech", None),
        ("A square, Figure 2.", None),
        ("Fig 2 A square", None),
    ],
)
def test_a_number_typed_by_hand_at_the_start_of_a_caption(caption: str, typed: str | None) -> None:
    match = HAND_NUMBER.match(caption)
    assert (match.group() if match else None) == typed


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("as @fig-a shows", [(None, "fig-a", None)]),
        ("(@fig-a-b_c2)", [(None, "fig-a-b_c2", None)]),
        ("[@fig-a]", [("[", "fig-a", "]")]),
        ("[-@fig-a]", [("[-", "fig-a", "]")]),
        ("@fig-a.", [(None, "fig-a", None)]),
        ("@fig-a-", [(None, "fig-a", None)]),
        ("@fig-", []),
        ("@fig-_a", []),
        ("mail@fig-a.org", []),
        ("word@fig-a", []),
        ("`@fig-a", []),
        ("http://x/@fig-a", []),
        ("see:@fig-a", []),
        ("a.@fig-a", []),
        ("a=@fig-a", []),
        ("a?@fig-a", []),
        ("a&@fig-a", []),
        ("@@fig-a", []),
        ("@figure", []),
        ("@fig-a and @fig-b", [(None, "fig-a", None), (None, "fig-b", None)]),
    ],
)
def test_what_is_a_figure_reference(text: str, found: list) -> None:
    assert [m.group("bracket", "name", "close") for m in REFERENCE.finditer(text)] == found


# --- capability.py, on in-memory pages -------------------------------------------------------


@dataclass
class FakeFile:
    src_uri: str


@dataclass
class FakePage:
    file: FakeFile
    meta: dict = field(default_factory=dict)


class FakeFiles:
    def __init__(self, sources: dict[str, str]) -> None:
        self.sources = sources

    def get_file_from_path(self, src_uri: str) -> FakeFile | None:
        return FakeFile(src_uri) if src_uri in self.sources else None


ZETA = (
    "# Zeta\n\n"
    '<figure id="fig-square">\n<figcaption>A square.</figcaption>\n</figure>\n\n'
    "<figure>\n<figcaption>Unnamed.</figcaption>\n</figure>\n\n"
    '<figure id="fig-circle">\n<figcaption>A circle.</figcaption>\n</figure>\n'
)
ALPHA = '# Alpha\n\n<figure id="fig-line">\n<figcaption>A line.</figcaption>\n</figure>\n\nSee @fig-square.\n'
SOURCES = {"chapters/zeta.md": ZETA, "chapters/part/alpha.md": ALPHA, "about.md": "# About\n\n@fig-line\n"}
ORDER = ["index.md", "chapters/zeta.md", "about.md", "chapters/part/alpha.md"]


def numbering(sources: dict[str, str] = SOURCES, order: list[str] = ORDER) -> Numbering:
    n = Numbering(path=lambda f: f"docs/{f.src_uri}", source=lambda f: sources[f.src_uri])
    n.on_nav(order, FakeFiles(sources))  # type: ignore[arg-type]
    return n


def markdown_of(n: Numbering, src_uri: str, text: str, title: str | None = None) -> tuple[str, FakePage]:
    page = FakePage(FakeFile(src_uri), {"title": title} if title is not None else {})
    return n.on_page_markdown(text, page, f"docs/{src_uri}", text), page  # type: ignore[arg-type]


def test_on_nav_gives_each_chapter_its_number_and_each_named_figure_its_label() -> None:
    n = numbering()
    assert n.chapters == {"chapters/zeta.md": 1, "chapters/part/alpha.md": 2}
    assert n.targets == {
        "fig-square": ("chapters/zeta.md", "Figure 1.1"),
        "fig-circle": ("chapters/zeta.md", "Figure 1.3"),
        "fig-line": ("chapters/part/alpha.md", "Figure 2.1"),
    }
    assert (n.number("chapters/zeta.md"), n.number("about.md")) == (1, None)


def test_on_nav_starts_afresh_and_skips_a_chapter_with_no_file() -> None:
    n = numbering()
    n.on_nav(["chapters/gone.md", "chapters/part/alpha.md"], FakeFiles(SOURCES))  # type: ignore[arg-type]
    assert n.chapters == {"chapters/gone.md": 1, "chapters/part/alpha.md": 2}
    assert n.targets == {"fig-line": ("chapters/part/alpha.md", "Figure 2.1")}


def test_an_id_not_starting_with_fig_is_no_target_and_a_figure_in_code_is_no_figure() -> None:
    text = (
        '<figure id="square">\n<figcaption>x</figcaption>\n</figure>\n'
        '```\n<figure id="fig-code">\n```\n'
        '<figure id="fig-real">\n<figcaption>y</figcaption>\n</figure>\n'
    )
    n = numbering({"chapters/a.md": text}, ["chapters/a.md"])
    assert n.targets == {"fig-real": ("chapters/a.md", "Figure 1.2")}


def test_a_repeated_figure_id_is_reported_once_with_both_places(caplog: pytest.LogCaptureFixture) -> None:
    sources = {
        "chapters/a.md": '\n<figure id="fig-x">\n</figure>\n',
        "chapters/b.md": '<figure id="fig-y"></figure>\n\n<figure id="fig-x">\n</figure>\n<figure id="fig-z">\n',
    }
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        n = numbering(sources, ["chapters/a.md", "chapters/b.md"])
    assert [r.getMessage() for r in caplog.records] == [
        "docs/chapters/b.md:3: the figure id 'fig-x' is also used at docs/chapters/a.md:2 — give each figure its own id."
    ]
    assert n.targets == {  # and the figure after the repeated one is still numbered
        "fig-x": ("chapters/a.md", "Figure 1.1"),
        "fig-y": ("chapters/b.md", "Figure 2.1"),
        "fig-z": ("chapters/b.md", "Figure 2.3"),
    }


def test_a_chapter_title_and_its_captions_get_their_numbers(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        out, page = markdown_of(numbering(), "chapters/zeta.md", ZETA, title="Zeta comes first")
    assert page.meta == {"title": "1. Zeta comes first"}
    assert out == (
        "# Zeta\n\n"
        '<figure id="fig-square">\n<figcaption><span class="figure-number">Figure 1.1.</span> A square.</figcaption>\n'
        "</figure>\n\n"
        '<figure>\n<figcaption><span class="figure-number">Figure 1.2.</span> Unnamed.</figcaption>\n</figure>\n\n'
        '<figure id="fig-circle">\n<figcaption><span class="figure-number">Figure 1.3.</span> A circle.</figcaption>\n'
        "</figure>\n"
    )
    assert caplog.records == []


@pytest.mark.parametrize("title", [None, "", 7])
def test_a_missing_or_odd_title_is_left_alone(title: object) -> None:
    page = FakePage(FakeFile("chapters/zeta.md"), {} if title is None else {"title": title})
    Numbering(lambda f: "", lambda f: "").on_page_markdown("x", page, "p", "x")  # type: ignore[arg-type]
    n = numbering()
    n.on_page_markdown("x", page, "docs/chapters/zeta.md", "x")  # type: ignore[arg-type]
    assert page.meta == ({} if title is None else {"title": title})


def test_a_page_that_is_no_chapter_keeps_its_title_and_captions() -> None:
    text = "<figure>\n<figcaption>Free.</figcaption>\n</figure>\n"
    out, page = markdown_of(numbering(), "about.md", text, title="About")
    assert (out, page.meta) == (text, {"title": "About"})


def test_a_caption_typed_by_hand_is_reported_and_replaced(caplog: pytest.LogCaptureFixture) -> None:
    """Reported at the line of its <figcaption> tag (line 7 of the file)."""
    source = "---\ntitle: Zeta\n---\n"
    body = "Text.\n\n<figure>\n<figcaption>\n  Figure 5.1.  \tA square.</figcaption>\n</figure>\n"
    page = FakePage(FakeFile("chapters/zeta.md"), {})
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        out = numbering().on_page_markdown(body, page, "docs/chapters/zeta.md", source + body)  # type: ignore[arg-type]
    assert out == (
        "Text.\n\n<figure>\n"
        '<figcaption><span class="figure-number">Figure 1.1.</span> A square.</figcaption>\n</figure>\n'
    )
    assert [r.getMessage() for r in caplog.records] == [
        "docs/chapters/zeta.md:7: the caption starts with a number typed by hand ('Figure 5.1.') — delete it: "
        "the build numbers figures from the reading order, and @fig-name refers to one."
    ]


def test_a_figure_without_a_caption_is_reported_at_its_line(caplog: pytest.LogCaptureFixture) -> None:
    source = "---\ntitle: Zeta\n---\n"
    body = "Text.\n\n<figure>\n</figure>\n<figure><figcaption>B.</figcaption></figure>\n"
    page = FakePage(FakeFile("chapters/zeta.md"), {})
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        out = numbering().on_page_markdown(body, page, "docs/chapters/zeta.md", source + body)  # type: ignore[arg-type]
    assert out == (
        'Text.\n\n<figure>\n</figure>\n<figure><figcaption><span class="figure-number">Figure 1.2.</span> '
        "B.</figcaption></figure>\n"
    )
    assert [r.getMessage() for r in caplog.records] == [
        "docs/chapters/zeta.md:6: this figure has no caption — add <figcaption>What it shows. "
        "Source: ...</figcaption> inside it (the build puts its number in front)."
    ]


def test_references_link_to_the_figure_on_this_page_and_on_others(caplog: pytest.LogCaptureFixture) -> None:
    n = numbering()
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        here, _ = markdown_of(n, "chapters/zeta.md", "As @fig-square and @fig-circle show.")
        there, _ = markdown_of(n, "chapters/part/alpha.md", "See @fig-square, then @fig-line.")
        top, _ = markdown_of(n, "about.md", "See @fig-line.")
    assert here == "As [Figure 1.1](#fig-square) and [Figure 1.3](#fig-circle) show."
    assert there == "See [Figure 1.1](../zeta.md#fig-square), then [Figure 2.1](#fig-line)."
    assert top == "See [Figure 2.1](chapters/part/alpha.md#fig-line)."
    assert caplog.records == []


def test_a_reference_in_code_or_brackets_of_something_else_stays(caplog: pytest.LogCaptureFixture) -> None:
    n = numbering()
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        out, _ = markdown_of(n, "about.md", "`@fig-line` and [see @fig-line] and [@fig-line and more]")
    assert (
        out
        == "`@fig-line` and [see [Figure 2.1](chapters/part/alpha.md#fig-line)] and [[Figure 2.1](chapters/part/alpha.md#fig-line) and more]"
    )
    assert caplog.records == []


def test_a_bracketed_reference_is_reported_and_still_linked(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        out, _ = markdown_of(numbering(), "about.md", "Line one.\nAs shown [@fig-line].")
    assert out == "Line one.\nAs shown [Figure 2.1](chapters/part/alpha.md#fig-line)."
    assert [r.getMessage() for r in caplog.records] == [
        "docs/about.md:2: '[@fig-line]' — a figure reference takes no brackets: write @fig-line in the sentence "
        "('as @fig-line shows'), which the build writes as 'Figure 7.1'."
    ]


def test_an_unknown_reference_is_reported_with_a_suggestion_and_shown_as_written(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        out, _ = markdown_of(numbering(), "about.md", "See @fig-sqare and @fig-<b>.")
    assert out == "See &#64;fig-sqare and @fig-<b>."
    messages = [r.getMessage() for r in caplog.records]
    assert messages == [
        "docs/about.md:1: unknown figure '@fig-sqare' — did you mean 'fig-square'? Give the figure an id, "
        '<figure markdown="span" id="fig-name">, and write @fig-name in the text; the build writes it as '
        "'Figure 7.1' and numbers captions itself. Figures of the book: fig-circle, fig-line, fig-square."
    ]


def test_an_unknown_reference_in_a_book_without_figures(caplog: pytest.LogCaptureFixture) -> None:
    n = numbering({"chapters/a.md": "# A\n"}, ["chapters/a.md"])
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        out, _ = markdown_of(n, "chapters/a.md", "x\n\nSee @fig-a&b.", title="A")
    assert out == "x\n\nSee &#64;fig-a&b."
    assert [r.getMessage() for r in caplog.records] == [
        "docs/chapters/a.md:3: unknown figure '@fig-a'. Give the figure an id, "
        '<figure markdown="span" id="fig-name">, and write @fig-name in the text; the build writes it as '
        "'Figure 7.1' and numbers captions itself. Figures of the book: none yet."
    ]


def test_the_chapter_heading_shows_its_number() -> None:
    n = numbering()
    page = FakePage(FakeFile("chapters/part/alpha.md"))
    html = '<p>x</p><h1 id="alpha">Alpha</h1><h1>Second</h1>'
    assert n.on_page_content(html, page) == (  # type: ignore[arg-type]
        '<p>x</p><h1 id="alpha"><span class="chapter-number">2.</span> Alpha</h1><h1>Second</h1>'
    )
    assert n.on_page_content(html, FakePage(FakeFile("about.md"))) == html  # type: ignore[arg-type]
    assert n.on_page_content("<p>no heading</p>", page) == "<p>no heading</p>"  # type: ignore[arg-type]
    assert n.on_page_content("<p>x</p><h1", page) == "<p>x</p><h1"  # type: ignore[arg-type]


def test_a_references_line_counts_a_newline_at_the_very_start(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        markdown_of(numbering(), "about.md", "\nSee @fig-nothing-like-it.")
    assert [r.getMessage().split(": ")[0] for r in caplog.records] == ["docs/about.md:2"]


def test_a_hand_numbered_captions_line_counts_a_newline_at_the_very_start(caplog: pytest.LogCaptureFixture) -> None:
    body = "\n<figure><figcaption>Figure 9. A.</figcaption></figure>\n"
    page = FakePage(FakeFile("chapters/zeta.md"), {})
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        numbering().on_page_markdown(body, page, "docs/chapters/zeta.md", body)  # type: ignore[arg-type]
    assert [r.getMessage().split(": ")[0] for r in caplog.records] == ["docs/chapters/zeta.md:2"]


def test_after_an_unknown_reference_the_next_one_is_still_linked(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        out, _ = markdown_of(numbering(), "about.md", "@fig-nope, then @fig-line.")
    assert out == "&#64;fig-nope, then [Figure 2.1](chapters/part/alpha.md#fig-line)."
    assert len(caplog.records) == 1


def test_a_heading_at_the_very_start_of_the_content_gets_its_number() -> None:
    page = FakePage(FakeFile("chapters/zeta.md"))
    assert numbering().on_page_content("<h1>Zeta</h1>", page) == (  # type: ignore[arg-type]
        '<h1><span class="chapter-number">1.</span> Zeta</h1>'
    )


@pytest.mark.parametrize(
    ("source", "markdown", "line"),
    [
        ("---\ntitle: A\n---\nSee @fig-nope.", "See @fig-nope.", "docs/about.md:4"),  # after front matter
        ("\nSee @fig-nope.", "See @fig-nope.", "docs/about.md:2"),  # a newline at the very start
        ("\n\n\nSee @fig-nope. More.", "See @fig-nope.", "docs/about.md:1"),  # changed by an earlier hook
    ],
)
def test_a_reported_line_is_the_line_in_the_file(
    source: str, markdown: str, line: str, caplog: pytest.LogCaptureFixture
) -> None:
    page = FakePage(FakeFile("about.md"), {})
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        numbering().on_page_markdown(markdown, page, "docs/about.md", source)  # type: ignore[arg-type]
    assert [r.getMessage().split(": ")[0] for r in caplog.records] == [line]


def test_a_caption_tag_at_the_very_end_and_a_caption_starting_with_x() -> None:
    n = numbering()
    out, _ = markdown_of(n, "chapters/zeta.md", "<figure><figcaption>")
    assert out == '<figure><figcaption><span class="figure-number">Figure 1.1.</span> '
    out, _ = markdown_of(n, "chapters/zeta.md", "<figure><figcaption>XX marks it.</figcaption></figure>")
    assert (
        out == '<figure><figcaption><span class="figure-number">Figure 1.1.</span> XX marks it.</figcaption></figure>'
    )


def test_a_reference_before_the_nav_is_known_is_unknown(caplog: pytest.LogCaptureFixture) -> None:
    n = Numbering(path=lambda f: f"docs/{f.src_uri}", source=lambda f: "")
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        out, _ = markdown_of(n, "about.md", "@fig-a")
    assert (out, n.chapters) == ("&#64;fig-a", {})
    assert caplog.records[0].getMessage().endswith("Figures of the book: none yet.")
