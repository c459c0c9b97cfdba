"""Page assembly (hooks/conceptbook/common/assembly.py): generated sections take their place in the
table of contents in the order the reader meets them, and no two elements of a page share
an id. Checked on every page of the real book, with the rules on their own, and on small
books whose authors took an id a generated section needs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser
from test_citations_bad_input import files

from conceptbook.common.assembly import Assembly
from sitebuild import build_small_site


@dataclass
class Entry:
    id: str


def ids(entries: list[Entry]) -> list[str]:
    return [e.id for e in entries]


def test_entries_sort_by_where_their_sections_stand() -> None:
    assembly = Assembly()
    assembly.declare("references", "<!-- refs -->")
    assembly.declare("map", "<!-- links -->", -1)
    assembly.declare("related", "<!-- links -->", 0)
    assembly.declare("tests", "<!-- links -->", 2)
    content = '<h2 id="a">A</h2> <!-- links --> <h2 id="b">B</h2> <!-- refs -->'
    entries = [Entry("references"), Entry("a"), Entry("tests"), Entry("b"), Entry("related"), Entry("map")]
    assert ids(assembly.order_toc(entries, content)) == ["a", "map", "related", "tests", "b", "references"]


def test_an_entry_nobody_declared_stays_after_its_neighbour() -> None:
    content = '<h2 id="a">A</h2><!-- letters --><h2 id="z">Z</h2>'
    entries = [Entry("a"), Entry("letter-b"), Entry("letter-c"), Entry("z")]
    assert ids(Assembly().order_toc(entries, content)) == ["a", "letter-b", "letter-c", "z"]
    assert ids(Assembly().order_toc([Entry("x"), Entry("y")], "")) == ["x", "y"]


def test_taken_names_the_declared_ids_a_page_already_uses_where_their_section_goes() -> None:
    assembly = Assembly()
    assembly.declare("references", "<!-- refs -->", what="the reference list")
    assembly.declare("concept-map", "<!-- links -->", -1)
    assembly.place("a.md", "<!-- refs -->", "<ol></ol>")
    assert assembly.taken("a.md", '<h2 id="references">R</h2><h2 id="concept-map">M</h2>') == [
        ("references", "the reference list")
    ]
    assert assembly.taken("a.md", "<h2 id=references>R</h2>") == [("references", "the reference list")]
    assert assembly.taken("a.md", '<h2 id="reference">R</h2><h2 id="references-2">R</h2>') == []
    assert assembly.taken("b.md", '<h2 id="references">R</h2>') == []  # nothing goes on b.md


def test_a_declared_section_without_an_offset_stands_before_one_at_offset_one() -> None:
    assembly = Assembly()
    assembly.declare("later", "<!-- m -->", 1)
    assembly.declare("first", "<!-- m -->")
    assert ids(assembly.order_toc([Entry("later"), Entry("first")], "<p>x</p><!-- m -->")) == ["first", "later"]


def test_the_marker_stands_before_a_part_that_shares_its_offset_without_replacing_it() -> None:
    assembly = Assembly()
    assembly.place("a.md", "<!-- m -->", "beside", 0, replaces=False)
    assert assembly.finish("a.md", "<!-- m -->") == "<!-- m -->\nbeside"


def headings_and_toc(html: str) -> tuple[list[str], list[str]]:
    tree = LexborHTMLParser(html)
    article = tree.css_first("article")
    assert article is not None
    headings = [h.attributes.get("id") or "" for h in article.css("h2[id], h3[id], h4[id], h5[id], h6[id]")]
    nav = tree.css_first("nav.md-nav--secondary")
    toc = [(a.attributes.get("href") or "")[1:] for a in (nav.css("a.md-nav__link") if nav else [])]
    return headings, toc


def test_every_page_lists_its_sections_in_page_order_and_has_unique_ids(site: Path) -> None:
    wrong_order, duplicated = [], []
    for path in sorted(site.rglob("*.html")):
        if path.name in ("404.html", "print.html"):
            continue
        html = path.read_text(encoding="utf-8")
        headings, toc = headings_and_toc(html)
        in_both = [h for h in headings if h in toc]
        listed = [t for t in toc if t in headings]
        if in_both != listed:
            wrong_order.append(f"{path.relative_to(site)}: page {in_both}, contents {listed}")
        counts = Counter(n.attributes.get("id") for n in LexborHTMLParser(html).css("[id]"))
        twice = sorted(i for i, n in counts.items() if n > 1 and i)
        if twice:
            duplicated.append(f"{path.relative_to(site)}: {twice}")
    assert wrong_order == [], "\n".join(wrong_order[:10])
    assert duplicated == [], "\n".join(duplicated[:10])


@pytest.mark.parametrize(
    ("name", "book", "expected"),
    [
        (
            "references",
            files(chapter=files()["chapters/one.md"] + "\n## References\n\nMy own list.\n"),
            "docs/chapters/one.md: a heading of the page has the id 'references', which the build gives the "
            "reference list it adds; rename the heading",
        ),
        (
            "concept-map",
            {
                "index.md": "# Home\n",
                "chapters/one.md": "---\ntitle: One\ndescription: A chapter.\n---\n\n# One\n\nBoth [[alpha]] and [[beta]].\n",
                "concepts/alpha.md": "---\nterm: Alpha\nsummary: The first.\nrelated: [beta]\n---\n\n## Concept map\n\nMy own.\n",
                "concepts/beta.md": "---\nterm: Beta\nsummary: The second.\n---\n",
            },
            "docs/concepts/alpha.md: a heading of the page has the id 'concept-map', which the build "
            "gives the concept map it adds; rename the heading",
        ),
    ],
    ids=["references", "concept-map"],
)
def test_a_heading_that_takes_a_generated_sections_id_is_reported(
    tmp_path: Path, name: str, book: dict[str, str], expected: str
) -> None:
    result = build_small_site(tmp_path, book)
    assert any(expected in message for message in result.problems), result.problems
    assert result.failed is not None


# -- placing the parts: one pass over the finished page -----------------------------


def test_parts_at_one_marker_stand_in_offset_order_and_the_owner_takes_its_place() -> None:
    assembly = Assembly()
    assembly.place("c.md", "<!-- links -->", "after\n", 1, replaces=False)
    assembly.place("c.md", "<!-- links -->", lambda: "owner\n")
    assembly.place("c.md", "<!-- links -->", "before", -1, replaces=False)
    assembly.place("c.md", "</head>", "<script>{}</script>", -1, replaces=False)
    page = "<head></head><p>x</p>\n<!-- links -->\n<!-- links -->"
    assert assembly.finish("c.md", page) == (
        "<head><script>{}</script>\n</head><p>x</p>\nbefore\nowner\nafter\n<!-- links -->"
    )


def test_a_marker_no_part_replaces_stays_unless_it_is_removed() -> None:
    assembly = Assembly()
    assembly.remove("<!-- cite -->")
    assembly.place("a.md", "<!-- map -->", "map", -1, replaces=False)
    page = "<!-- cite --><!-- map --><!-- an author's comment -->"
    assert assembly.finish("a.md", page) == "map\n<!-- map --><!-- an author's comment -->"
    assert assembly.finish("b.md", "<!-- cite -->x") == "x"


def test_a_page_is_finished_once_and_a_part_is_made_only_when_its_page_is() -> None:
    made: list[str] = []
    assembly = Assembly()
    assembly.place("a.md", "<!-- box -->", lambda: made.append("a") or "A")
    assembly.place("b.md", "<!-- box -->", lambda: made.append("b") or "B")
    assert assembly.finish("a.md", "<!-- box -->") == "A"
    assert made == ["a"]
    assert assembly.finish("a.md", "<!-- box -->") == "<!-- box -->"
    assert assembly.finish("c.md", "<!-- box -->") == "<!-- box -->"


def test_only_a_comment_or_the_end_of_head_is_a_marker() -> None:
    with pytest.raises(ValueError, match="is not a marker"):
        Assembly().place("a.md", "[[references]]", "x")


BACKLINKS_BOOK = {
    "index.md": "# Home\n",
    "chapters/one.md": "---\ntitle: One\ndescription: A chapter.\n---\n\n# One\n\nBoth [[alpha]] and [[beta]].\n",
    "concepts/beta.md": "---\nterm: Beta\nsummary: The second.\n---\n",
}


@pytest.mark.parametrize(
    ("book", "expected"),
    [
        (
            {
                **BACKLINKS_BOOK,
                "concepts/alpha.md": "---\nterm: Alpha\nsummary: The first.\n---\n\n## Where {#concept--where-this-appears}\n\nMine.\n",
            },
            "docs/concepts/alpha.md: a heading of the page has the id 'concept--where-this-appears', which the build "
            "gives the list of where the concept appears it adds; rename the heading (or give it another id).",
        ),
        (
            {
                **files(),
                "chapters/one.md": files()["chapters/one.md"] + "\n<h2 id=references>My list</h2>\n",
            },
            "docs/chapters/one.md: a heading of the page has the id 'references', which the build gives the "
            "reference list it adds; rename the heading (or give it another id).",
        ),
    ],
    ids=["attr_list id on a concept page", "unquoted raw HTML id"],
)
def test_any_way_of_writing_a_generated_sections_id_is_reported(
    tmp_path: Path, book: dict[str, str], expected: str
) -> None:
    result = build_small_site(tmp_path, book)
    assert f"WARNING: {expected}" in result.messages, result.messages


# -- the rules at their edges (what the mutation run of common/ found untested) ----------------


@pytest.mark.parametrize(
    ("content", "items", "order"),
    [
        # The first occurrence of an id or a marker is where its section stands.
        ('<h2 id="b">B</h2><h2 id="a">A</h2><div id="b">', ["a", "b"], ["b", "a"]),
        ('<!-- m -->\n<h2 id="x">X</h2>\n<!-- m -->', ["x", "s1"], ["s1", "x"]),
        # An id or a marker at the very start of the content counts (position 0).
        ('id="a"><h2 id="b">B</h2>', ["b", "a"], ["a", "b"]),
        ('<!-- m --><h2 id="x">X</h2>', ["x", "s0"], ["s0", "x"]),
        # An entry nobody declared, first in the list, stays before every section but one at 0.
        ('<id="a">', ["u", "a"], ["u", "a"]),
        ("<!-- m -->", ["u", "s1"], ["u", "s1"]),
        ('id="a">', ["u", "a", "v"], ["a", "u", "v"]),
        # An undeclared entry follows its neighbour at the neighbour's offset.
        ("<!-- m -->", ["s2", "u", "s1"], ["s1", "s2", "u"]),
    ],
)
def test_entries_are_placed_by_first_position_offset_and_neighbour(
    content: str, items: list[str], order: list[str]
) -> None:
    assembly = Assembly()
    assembly.declare("s0", "<!-- m -->")
    assembly.declare("s1", "<!-- m -->", 1)
    assembly.declare("s2", "<!-- m -->", 2)
    assert ids(assembly.order_toc([Entry(i) for i in items], content)) == order


def test_a_section_declared_without_saying_what_it_is_is_named_a_section() -> None:
    assembly = Assembly()
    assembly.declare("figures", "<!-- figures -->")
    assembly.place("a.md", "<!-- figures -->", "F")
    assert assembly.taken("a.md", '<h2 id="figures">') == [("figures", "a section")]


def test_a_part_keeps_its_trailing_spaces_and_letters_and_loses_only_newlines() -> None:
    assembly = Assembly()
    assembly.place("a.md", "<!-- one -->", "<p>A</p> \n\n")
    assembly.place("a.md", "<!-- two -->", lambda: "BOX\n")
    assert assembly.finish("a.md", "<!-- one -->|<!-- two -->") == "<p>A</p> |BOX"
