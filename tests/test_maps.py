"""The concept maps (hooks/conceptbook/maps/): relations are checked, maps are drawn the same way
every time, every concept with a relation has a map whose links work, and the SKOS and
schema.org exports say what glossary.json says."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, SKOS
from selectolax.lexbor import LexborHTMLParser

from conceptbook.glossary.model import build_glossary, read_concept
from conceptbook.maps import bookmap, neighbourhood
from conceptbook.maps.export import script_json, skos_document
from conceptbook.maps.relations import Edge, _find_cycle, read_graph
from conceptbook.maps.shapes import Node, box_height, wrap
from sitebuild import ROOT, build_small_site, engine_env
from test_engine_bad_input import CHAPTER


def glossary_of(files: dict[str, str]):
    concepts = [read_concept(f"concepts/{slug}.md", f"docs/concepts/{slug}.md", text) for slug, text in files.items()]
    return build_glossary(c for c in concepts if c is not None)


def concept(term: str, extra: str = "") -> str:
    # One-letter names are refused by the engine (they would link letters everywhere).
    name = f"Concept {term}" if len(term) == 1 else term
    return f"---\nterm: {name}\nsummary: A short definition.\n{extra}---\n"


# --- Unit: relations ------------------------------------------------------------------


def test_inverse_relations_are_derived_and_typed_ones_win_over_related() -> None:
    glossary = glossary_of(
        {
            "defense": concept("Defense"),
            "splitting": concept("Splitting", "related: [defense, integration]\nbroader: [defense]\n"),
            "integration": concept("Integration", "contrasts: [splitting]\n"),
        }
    )
    graph = read_graph(glossary)
    assert graph.of("splitting") == {"broader": ("defense",), "contrasts": ("integration",)}
    assert graph.of("defense") == {"narrower": ("splitting",)}
    assert graph.of("integration") == {"contrasts": ("splitting",)}


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"a": concept("A", "broader: [bee]\n"), "b": concept("B")},
            "docs/concepts/a.md:4: 'broader' names an unknown concept 'bee' — no file concepts/bee.md exists; "
            "correct the slug or remove it.",
            id="unknown slug",
        ),
        pytest.param(
            {"abc": concept("A", "contrasts: [abd]\n"), "abd-x": concept("B")},
            "docs/concepts/abc.md:4: 'contrasts' names an unknown concept 'abd' — did you mean 'abd-x'?",
            id="unknown slug with suggestion",
        ),
        pytest.param(
            {"a": concept("A", "broader: [a]\n")},
            "docs/concepts/a.md:4: 'broader' names the concept itself ('a'); remove it from the list.",
            id="self reference",
        ),
        pytest.param(
            {"a": concept("A", "broader: [b]\n"), "b": concept("B", "broader: [a]\n")},
            "docs/concepts/b.md:4: 'broader' names 'a', and docs/concepts/a.md names 'b' the same way: two "
            "concepts cannot each be a kind of the other — keep the relation in one of the two files.",
            id="both directions",
        ),
        pytest.param(
            {
                "a": concept("A", "broader: [b]\n"),
                "b": concept("B", "broader: [c]\n"),
                "c": concept("C", "broader: [a]\n"),
            },
            "docs/concepts/c.md:4: 'broader' makes a cycle (a -> b -> c -> a); a concept cannot be a kind of "
            "itself — remove 'a' from 'broader' here or break the cycle elsewhere.",
            id="cycle",
        ),
        pytest.param(
            {"a": concept("A", "broader: [b]\ncontrasts: [b]\n"), "b": concept("B")},
            "docs/concepts/a.md:5: 'a' and 'b' are related both as 'broader' and as 'contrasts'; a pair has one "
            "relation type — keep the one that fits and remove the other.",
            id="two types for one pair",
        ),
        pytest.param(
            {"a": concept("A", "broader: {b: 1}\n"), "b": concept("B")},
            "docs/concepts/a.md:4: 'broader' must be a list of concept slugs, e.g. broader: [defense]; it was "
            "ignored — write it as a list.",
            id="not a list",
        ),
    ],
)
def test_bad_relations_are_reported_with_file_line_and_fix(
    files: dict[str, str], expected: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        read_graph(glossary_of(files))
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("mkdocs.")]
    assert expected in messages, messages


def relations_after(files: dict[str, str], caplog: pytest.LogCaptureFixture) -> tuple[list[str], dict, list]:
    """Every message, and the whole graph that is left: neighbours and declared edges."""
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        graph = read_graph(glossary_of(files))
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("mkdocs.")]
    return messages, graph.neighbours, [(e.kind, e.source, e.target) for e in graph.edges]


def test_of_two_directions_of_one_relation_the_first_in_slug_order_stays(caplog: pytest.LogCaptureFixture) -> None:
    messages, neighbours, edges = relations_after(
        {"a": concept("A", "broader: [b]\n"), "b": concept("B", "broader: [a]\n")}, caplog
    )
    assert len(messages) == 1
    assert neighbours == {"a": {"broader": ("b",)}, "b": {"narrower": ("a",)}}
    assert edges == [("broader", "a", "b")]


def test_a_cycle_loses_the_edge_that_closes_it_and_keeps_the_rest(caplog: pytest.LogCaptureFixture) -> None:
    files = {
        "a": concept("A", "developed_from: [b]\n"),
        "b": concept("B", "developed_from: [c]\n"),
        "c": concept("C", "developed_from: [d]\n"),
        "d": concept("D", "developed_from: [b]\n"),
        "e": concept("E", "developed_from: [a]\n"),
    }
    messages, neighbours, edges = relations_after(files, caplog)
    assert messages == [
        "docs/concepts/d.md:4: 'developed_from' makes a cycle (b -> c -> d -> b); a concept cannot be grown out "
        "of itself — remove 'b' from 'developed_from' here or break the cycle elsewhere."
    ]
    assert edges == [
        ("developed_from", "a", "b"),
        ("developed_from", "b", "c"),
        ("developed_from", "c", "d"),
        ("developed_from", "e", "a"),
    ]
    assert neighbours == {
        "a": {"developed_from": ("b",), "led_to": ("e",)},
        "b": {"developed_from": ("c",), "led_to": ("a",)},
        "c": {"developed_from": ("d",), "led_to": ("b",)},
        "d": {"led_to": ("c",)},
        "e": {"developed_from": ("a",)},
    }


def test_two_cycles_are_each_reported_and_broken(caplog: pytest.LogCaptureFixture) -> None:
    files = {
        "a": concept("A", "broader: [b]\n"),
        "b": concept("B", "broader: [a]\n"),
        "c": concept("C", "broader: [d]\n"),
        "d": concept("D", "broader: [e]\n"),
        "e": concept("E", "broader: [c]\n"),
    }
    messages, _, edges = relations_after(files, caplog)
    assert messages == [
        "docs/concepts/b.md:4: 'broader' names 'a', and docs/concepts/a.md names 'b' the same way: two concepts "
        "cannot each be a kind of the other — keep the relation in one of the two files.",
        "docs/concepts/e.md:4: 'broader' makes a cycle (c -> d -> e -> c); a concept cannot be a kind of itself — "
        "remove 'c' from 'broader' here or break the cycle elsewhere.",
    ]
    assert edges == [("broader", "a", "b"), ("broader", "c", "d"), ("broader", "d", "e")]


def test_every_pair_is_checked_after_a_pair_with_one_relation_and_a_contrast_said_twice(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Pairs are checked in the order of their first relation (kind, then slugs): here the pair
    a-e with one relation, a-b with a contrast written on both sides, then the conflict c-d."""
    files = {
        "a": concept("A", "contrasts: [b]\n"),
        "b": concept("B", "contrasts: [a]\n"),
        "c": concept("C", "developed_from: [d]\n"),
        "d": concept("D", "developed_from: [c]\n"),
        "e": concept("E", "broader: [a]\n"),
    }
    messages, _, edges = relations_after(files, caplog)
    assert messages == [
        "docs/concepts/d.md:4: 'developed_from' names 'c', and docs/concepts/c.md names 'd' the same way: two "
        "concepts cannot each be grown out of the other — keep the relation in one of the two files."
    ]
    assert edges == [
        ("broader", "e", "a"),
        ("contrasts", "a", "b"),
        ("contrasts", "b", "a"),
        ("developed_from", "c", "d"),
    ]


def test_a_concept_that_names_itself_is_a_cycle_of_one_edge() -> None:
    """read_graph reports such an entry and leaves it out; the search still finds it."""
    assert _find_cycle([Edge("broader", "a", "a")]) == [Edge("broader", "a", "a")]


def test_contrasts_said_on_both_sides_is_one_relation(caplog: pytest.LogCaptureFixture) -> None:
    messages, neighbours, edges = relations_after(
        {"a": concept("A", "contrasts: [b]\n"), "b": concept("B", "contrasts: a\n")}, caplog
    )
    assert messages == []
    assert neighbours == {"a": {"contrasts": ("b",)}, "b": {"contrasts": ("a",)}}
    assert edges == [("contrasts", "a", "b"), ("contrasts", "b", "a")]


def test_neighbours_are_listed_by_term_then_slug_in_the_books_order_of_types(caplog: pytest.LogCaptureFixture) -> None:
    files = {
        "hub": concept("Hub", "broader: [zed]\ncontrasts: [beta, zalpha]\nrelated: [gamma]\n"),
        "zed": concept("Zed"),
        "beta": concept("beta"),
        "zalpha": concept("Alpha"),
        "gamma": concept("Gamma", "developed_from: [hub]\n"),
        "delta": concept("Delta", "developed_from: [hub]\nrelated: [hub]\n"),
    }
    messages, neighbours, _ = relations_after(files, caplog)
    assert messages == []
    assert list(neighbours["hub"].items()) == [
        ("broader", ("zed",)),
        ("contrasts", ("zalpha", "beta")),
        ("led_to", ("delta", "gamma")),
    ]
    assert list(neighbours) == ["beta", "delta", "gamma", "hub", "zalpha", "zed"]


def test_a_blank_or_non_text_entry_makes_the_whole_key_ignored(caplog: pytest.LogCaptureFixture) -> None:
    for value in ("[b, '']", "[b, 3]", "['  ']", "3"):
        caplog.clear()
        messages, neighbours, _ = relations_after({"a": concept("A", f"broader: {value}\n"), "b": concept("B")}, caplog)
        assert messages == [
            "docs/concepts/a.md:4: 'broader' must be a list of concept slugs, e.g. broader: [defense]; it was "
            "ignored — write it as a list."
        ], value
        assert neighbours == {}, value
    caplog.clear()
    messages, neighbours, _ = relations_after({"a": concept("A", "broader: [' b ']\n"), "b": concept("B")}, caplog)
    assert (messages, neighbours) == ([], {"a": {"broader": ("b",)}, "b": {"narrower": ("a",)}})


# --- Unit: drawing ----------------------------------------------------------------------


def test_a_neighbourhood_map_is_the_same_every_time_and_fits_a_phone() -> None:
    neighbours = {"broader": ("defense",), "contrasts": ("integration", "ambivalence")}
    maps = [neighbourhood.lay_out("splitting", neighbours, str.title, lambda s: f"{s}.html") for _ in range(2)]
    assert maps[0] == maps[1]
    assert maps[0].width <= 400
    assert all(n.x + n.width <= maps[0].width for g in maps[0].groups for n in g.nodes)


def test_a_neighbourhood_map_whose_own_box_is_taller_than_its_column() -> None:
    """The concept's three-line box cannot be centred on a one-box column: it starts at the top
    (4), and the legend goes below the box's foot (4 + 60 = 64), not the column's (52)."""
    terms = {"tfp": "Transference focused psychotherapy for personality", "psychoanalysis": "Psychoanalysis"}
    drawn = neighbourhood.lay_out("tfp", {"developed_from": ("psychoanalysis",)}, terms.__getitem__, "{}.html".format)
    other = Node("psychoanalysis", "Psychoanalysis", "psychoanalysis.html", 222, 24, 174, ("Psychoanalysis",))
    assert drawn == neighbourhood.NeighbourhoodMap(
        centre=Node(
            "tfp",
            "Transference focused psychotherapy for personality",
            "tfp.html",
            4,
            4,
            132,
            ("Transference", "focused", "psychotherapy for personality"),
            current=True,
        ),
        groups=(neighbourhood.Group("developed_from", "Grew out of", 18, (other,)),),
        lines=(
            neighbourhood.Line(
                "developed_from",
                "M136 34 C179 34 179 38 222 38",
                "Transference focused psychotherapy for personality grew out of Psychoanalysis",
                "start",
            ),
        ),
        legend=(("developed_from", "grew out of", 80),),
        width=400,
        height=102,
    )


def test_the_book_maps_graphviz_input() -> None:
    """What Graphviz is asked to lay out (its curves vary with its version; the input does not):
    fixed-size boxes 174 px wide and as tall as their lines, directed relations drawn from the
    broader or older concept, which is what ranks it to the left; other relations not ranked."""
    terms = {"a": "Alpha", "b": "Beta gamma delta epsilon zeta eta", "c": "C c"}
    edges = [
        Edge("broader", "a", "b"),
        Edge("developed_from", "c", "a"),
        Edge("contrasts", "b", "c"),
        Edge("related", "a", "c"),
    ]
    assert bookmap._source("panel3", ["a", "b", "c"], edges, terms.__getitem__) == (
        "graph panel3 {\n"
        "\tgraph [nodesep=0.12 outputorder=edgesfirst rankdir=LR ranksep=0.6 splines=true]\n"
        '\tnode [fixedsize=true label="" shape=box width=2.4167]\n'
        "\tedge [dir=none]\n"
        "\ta [height=0.3889]\n"
        "\tb [height=0.6111]\n"
        "\tc [height=0.3889]\n"
        "\tb -- a\n"
        "\ta -- c\n"
        "\tb -- c [constraint=false]\n"
        "\ta -- c [constraint=false]\n"
        "}\n"
    )


# What Graphviz might answer for the two panels of BOOK_GROUPS (json0, the fields lay_out reads),
# written out so that the test does not depend on Graphviz's version. The first panel's box
# starts at (10, 5), not at (0, 0) as dot's always do, to show that positions are taken from it.
BOOK_GROUPS = [("One", "one.html", "map-one", ["a", "b", "d"]), ("Two", "two.html", "map-two", ["c"])]
BOOK_TERMS = {"a": "Alpha", "b": "Beta", "c": "Gamma", "d": "Delta epsilon zeta eta theta"}
LAID_OUT = [
    {
        "bb": "10,5,310,105",
        "objects": [
            {"_gvid": 0, "name": "a", "pos": "97,55"},
            {"_gvid": 1, "name": "b", "pos": "260,85"},
            {"_gvid": 2, "name": "d", "pos": "260,25"},
        ],
        "edges": [
            {"tail": 2, "head": 0, "pos": "e,120,50 240,25 190,35 140,45 110,52"},
            {"tail": 0, "head": 1, "pos": "110,55 130,58 150,61 170,65 190,70 210,75 240,85"},
        ],
    },
    {"bb": "0,0,174,28", "objects": [{"_gvid": 0, "name": "c", "pos": "87,14"}]},
]


def test_the_book_map_panels_from_graphviz_positions(monkeypatch: pytest.MonkeyPatch) -> None:
    """One panel per group with only the relations inside it (Alpha contrasts with Gamma, in
    another panel, is left out); boxes centred on Graphviz's points, y turned downwards, 8 px
    of margin; each line drawn from the concept that declares the relation."""
    asked: list[list[str]] = []
    monkeypatch.setattr(bookmap, "_run", lambda sources: asked.append(sources) or LAID_OUT)
    edges = [Edge("broader", "b", "a"), Edge("related", "a", "d"), Edge("contrasts", "a", "c")]
    panels = bookmap.lay_out(BOOK_GROUPS, edges, BOOK_TERMS.__getitem__, "{}.html".format)
    assert [source.splitlines()[0] for source in asked[0]] == ["graph panel0 {", "graph panel1 {"]
    assert [line for line in asked[0][0].splitlines() if "--" in line] == ["\ta -- b", "\ta -- d [constraint=false]"]
    assert [line for line in asked[0][1].splitlines() if "--" in line] == []
    assert panels == [
        bookmap.Panel(
            "One",
            "one.html",
            "map-one",
            (
                Node("a", "Alpha", "a.html", 8, 44, 174, ("Alpha",)),
                Node("b", "Beta", "b.html", 171, 14, 174, ("Beta",)),
                Node("d", "Delta epsilon zeta eta theta", "d.html", 171, 66, 174, ("Delta epsilon zeta", "eta theta")),
            ),
            (
                ("broader", "M238 28 C208 38 188 43 168 48 C148 52 128 55 108 58", "Beta is a kind of Alpha", "end"),
                ("related", "M108 61 C138 68 188 78 238 88", "Alpha is related to Delta epsilon zeta eta theta", ""),
            ),
            316,
            116,
        ),
        bookmap.Panel(
            "Two", "two.html", "map-two", (Node("c", "Gamma", "c.html", 8, 8, 174, ("Gamma",)),), (), 190, 44
        ),
    ]


def test_a_group_without_concepts_is_an_empty_panel_of_its_margins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Graphviz writes no "objects" for a graph without nodes."""
    monkeypatch.setattr(bookmap, "_run", lambda sources: [{"bb": "0,0,0,0"}])
    assert bookmap.lay_out([("Empty", "", "map-empty", [])], [], str, str) == [
        bookmap.Panel("Empty", "", "map-empty", (), (), 16, 16)
    ]


def test_graphviz_lays_out_several_graphs_in_one_run() -> None:
    documents = bookmap._run(["graph p0 {\n a\n b\n a -- b\n}\n", "graph p1 {\n c\n}\n"])
    assert [(d["name"], [o["name"] for o in d["objects"]], len(d.get("edges", []))) for d in documents] == [
        ("p0", ["a", "b"], 1),
        ("p1", ["c"], 0),
    ]


def test_the_points_of_a_graphviz_curve_leave_out_its_arrow_ends() -> None:
    """Graphviz writes an edge's `pos` as "e,x,y" and "s,x,y" (arrowhead ends) and "x,y" points."""
    assert bookmap._points("e,10,20 s,1,2 3,4,0 5.5,6.5") == [(3.0, 4.0), (5.5, 6.5)]


@pytest.mark.parametrize(
    ("term", "width", "lines"),
    [
        # (40 - 12) / 7.4 is 3 characters a line; a line is never narrower than 6.
        ("abc def gh", 40, ("abc", "def gh")),
        # (168 - 12) / 7.4 = 21.08: 21 characters fit, not 20 and not 24.
        ("abcdefghij klmnopqrst uv", 168, ("abcdefghij klmnopqrst", "uv")),
        # 11 characters a line: a hyphenated or long word stays whole.
        ("Mother-infant attunement", 100, ("Mother-infant", "attunement")),
        ("Psychoanalytically-oriented", 100, ("Psychoanalytically-oriented",)),
        # At most three lines: the rest joins the third.
        ("aaaaaa bbbbbb cccccc dddddd", 40, ("aaaaaa", "bbbbbb", "cccccc dddddd")),
        ("aaaaaa bbbbbb cccccc", 40, ("aaaaaa", "bbbbbb", "cccccc")),
        ("", 174, ("",)),
    ],
)
def test_a_term_is_wrapped_to_its_box(term: str, width: int, lines: tuple[str, ...]) -> None:
    assert wrap(term, width) == lines


def test_a_box_is_six_pixels_of_padding_and_sixteen_a_line() -> None:
    assert [box_height(n) for n in (1, 2, 3)] == [28, 44, 60]


def test_the_skos_file_keeps_letters_outside_ascii_as_they_are() -> None:
    record = {"slug": "superego", "url": "superego.html", "term": "Über-Ich", "summary": "Gewissen.", "aliases": []}
    text = skos_document([record], "", "glossary.html")
    assert '\n   "prefLabel": "Über-Ich",\n' in text


def test_json_ld_is_compact_utf8_with_markup_characters_escaped() -> None:
    assert script_json({"name": "Über & <b>", "list": [1, 2]}) == (
        '<script type="application/ld+json">{"name":"Über \\u0026 \\u003cb\\u003e","list":[1,2]}</script>'
    )


def test_the_text_equivalent_lists_each_type_with_its_phrase_and_concepts() -> None:
    neighbours = {"broader": ("defense",), "contrasts": ("integration", "ambivalence")}
    assert neighbourhood.text_equivalent(neighbours, str.title, "{}.html".format) == [
        {"kind": "broader", "phrase": "is a kind of", "concepts": [{"term": "Defense", "url": "defense.html"}]},
        {
            "kind": "contrasts",
            "phrase": "contrasts with",
            "concepts": [
                {"term": "Integration", "url": "integration.html"},
                {"term": "Ambivalence", "url": "ambivalence.html"},
            ],
        },
    ]


def late_parts(parts: list[tuple[str, str]], output: str) -> str:
    """A concept page's map parts as the maps capability places them (maps/capability.py:
    JSON-LD before `</head>`, the concept map just before the connections, the book map in
    its marker's place), put in by the page assembly's one pass."""
    from conceptbook.common.assembly import Assembly
    from conceptbook.glossary.markers import CONNECTIONS_MARKER
    from conceptbook.maps.capability import BOOK_MAP_MARKER

    assembly = Assembly()
    for where, html in parts:
        if where == "</head>":
            assembly.place("concepts/x.md", "</head>", html, -1, replaces=False)
        elif where == BOOK_MAP_MARKER:
            assembly.place("concepts/x.md", BOOK_MAP_MARKER, lambda html=html: html)
        else:
            assembly.place("concepts/x.md", CONNECTIONS_MARKER, lambda html=html: html, -1, replaces=False)
    pasted = assembly.finish("concepts/x.md", output)
    assert assembly.finish("concepts/x.md", output) == output, "a page's parts are pasted once"
    return pasted


def test_a_concept_pages_late_parts_go_before_head_and_before_its_first_connections_marker() -> None:
    output = "<head></head><p>a</p>\n<!-- concept-connections -->\n<!-- concept-connections -->"
    assert late_parts([("</head>", "<script>j</script>\n"), ("", "<section>map</section> \n\n")], output) == (
        "<head><script>j</script>\n</head><p>a</p>\n<section>map</section> \n"
        "<!-- concept-connections -->\n<!-- concept-connections -->"
    )


def test_the_book_map_replaces_its_first_marker() -> None:
    output = "<p>a</p>\n<!-- book-map -->\n<p>b</p><!-- book-map -->"
    assert late_parts([("<!-- book-map -->", "<section>map</section> \n\n")], output) == (
        "<p>a</p>\n<section>map</section> \n<p>b</p><!-- book-map -->"
    )


def test_json_ld_cannot_close_its_script_element() -> None:
    html = script_json({"name": "</script><script>alert(1)</script> & <!--"})
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body
    assert json.loads(body)["name"] == "</script><script>alert(1)</script> & <!--"


LAYOUT_PROGRAM = """
from pathlib import Path
from conceptbook.glossary.model import build_glossary, read_concept
from conceptbook.maps import bookmap, neighbourhood
from conceptbook.maps.relations import read_graph
docs = Path("docs/concepts")
g = build_glossary(read_concept(f"concepts/{p.name}", str(p), p.read_text()) for p in sorted(docs.glob("*.md")))
graph = read_graph(g)
slugs = sorted(g.concepts)
term = lambda s: g[s].term
print(repr([neighbourhood.lay_out(s, graph.of(s), term, str) for s in slugs]))
print(repr(bookmap.lay_out([("All", "", "all", slugs)], graph.edges, term, str)))
"""


def test_layouts_do_not_depend_on_the_hash_seed() -> None:
    outputs = {
        subprocess.run(
            [sys.executable, "-c", LAYOUT_PROGRAM],
            cwd=ROOT,
            env=engine_env(PYTHONHASHSEED=seed),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("0", "1", "4242")
    }
    assert len(outputs) == 1


# --- Throw-away sites -----------------------------------------------------------------


def two_concepts_that_contrast() -> dict[str, str]:
    return {
        "index.md": "# Home\n",
        "chapters/one.md": CHAPTER,
        "concepts/transference.md": concept("Transference", "contrasts: [countertransference]\n"),
        "concepts/countertransference.md": concept("Countertransference"),
    }


def test_a_bad_relation_fails_a_strict_build_with_its_message(tmp_path: Path) -> None:
    files = {
        "index.md": "# Home\n",
        "chapters/one.md": CHAPTER,
        "concepts/transference.md": concept("Transference", "contrasts: [countertransferance]\n"),
        "concepts/countertransference.md": concept("Countertransference"),
    }
    result = build_small_site(tmp_path, files)
    assert result.failed
    assert (
        "WARNING: docs/concepts/transference.md:4: 'contrasts' names an unknown concept 'countertransferance' — "
        "did you mean 'countertransference'?"
    ) in result.problems


def test_a_small_site_gets_maps_and_exports(tmp_path: Path) -> None:
    files = two_concepts_that_contrast()
    result = build_small_site(tmp_path, files)
    assert (result.failed, result.problems) == (None, [])
    page = (tmp_path / "site" / "concepts" / "transference.html").read_text(encoding="utf-8")
    assert 'id="concept-map"' in page and "contrasts with" in page
    assert (tmp_path / "site" / "book-map.html").is_file()
    assert (tmp_path / "site" / "glossary.skos.jsonld").is_file()


def chapter_page(title: str, body: str) -> str:
    return f"---\ntitle: {title}\ndescription: A chapter for tests.\n---\n\n# {title}\n\n{body}\n"


# Alpha is met in two sections of One and one of Two; Beta in one section of One and three of
# Two, and one of Three; Epsilon only in a chapter outside the nav; Delta and Gamma nowhere.
# Alpha says both `related` and `broader` of Beta: glossary.json keeps what was written
# under `related`, the map shows the one typed relation.
GROUPED_BOOK = {
    "index.md": "# Home\n",
    "chapters/one.md": chapter_page(
        "One", "Alpha is here.\n\n## Again\n\nAlpha again, and Beta once.\n\n## Third\n\nNo."
    ),
    "chapters/two.md": chapter_page("Two", "Beta is here.\n\n## More\n\nBeta again.\n\n## Last\n\nAlpha and Beta."),
    "chapters/three.md": chapter_page("Three", "Beta once more."),
    "chapters/Extra (draft).md": chapter_page("Extra", "Epsilon is here.\n\n## Twice\n\nEpsilon again."),
    "concepts/zz-alpha.md": "---\nterm: Alpha\nsummary: A short definition.\nrelated: [beta]\nbroader: [beta]\n---\n",
    "concepts/beta.md": "---\nterm: Beta\nsummary: A short definition.\n---\n",
    "concepts/delta.md": "---\nterm: Delta\nsummary: A short definition.\n---\n",
    "concepts/aardvark.md": "---\nterm: Gamma\nsummary: A short definition.\n---\n",
    "concepts/epsilon.md": "---\nterm: Epsilon\nsummary: A short definition.\n---\n",
}


@pytest.fixture(scope="module")
def grouped_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built without a site_url: every URL in the exports is relative to the site's root. Not
    strict: the chapter left out of the nav is a warning, and still gets its panel, last."""
    from sitebuild import build_site, write_small_site

    tmp = tmp_path_factory.mktemp("grouped-book")
    docs = write_small_site(tmp, GROUPED_BOOK)
    nav = ["index.md", "chapters/one.md", "chapters/two.md", "chapters/three.md"]
    result = build_site(tmp / "site", strict=False, docs_dir=str(docs), nav=nav, site_url="")
    assert (result.failed, result.problems) == (
        None,
        [
            "WARNING: docs/chapters/Extra (draft).md: this chapter is not in the reading order, so no reader can "
            "reach it; add the line '- chapters/Extra (draft).md' under '- Chapters:' in the nav of mkdocs.yml."
        ],
    ), result.text()
    return tmp / "site"


def page_tree(site: Path, page: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / page).read_text(encoding="utf-8"))


def test_each_concept_is_on_the_panel_of_the_chapter_that_discusses_it_in_most_sections(grouped_book: Path) -> None:
    """In reading order, then pages outside the nav; a chapter that is no concept's home has no
    panel; concepts no page discusses are on a panel of their own, by term (Delta, then Gamma,
    whose slug is aardvark)."""
    article = page_tree(grouped_book, "book-map.html").css_first("article")
    panels = [
        (svg.attributes.get("aria-label"), [a.text().strip() for a in svg.css("a")])
        for svg in article.css("svg.book-map__svg")
    ]
    links = [a.attributes.get("href") for a in article.css("p.book-map__chapter-link a")]
    assert links == ["chapters/one.html", "chapters/two.html", "chapters/Extra%20%28draft%29.html"]
    assert panels == [
        ("Concepts of 1. One", ["Alpha"]),
        ("Concepts of 2. Two", ["Beta"]),
        ("Concepts of Extra", ["Epsilon"]),
        ("Concepts of Not yet discussed in a chapter", ["Delta", "Gamma"]),
    ]


def test_the_book_map_and_a_concept_page_list_their_sections_in_the_table_of_contents(grouped_book: Path) -> None:
    def toc(page: str) -> list[tuple[str, str | None]]:
        return [
            (a.text().strip(), a.attributes.get("href"))
            for a in page_tree(grouped_book, page).css("nav.md-nav--secondary a")
        ]

    assert toc("book-map.html") == [
        ("1. One", "#map-one"),
        ("2. Two", "#map-two"),
        ("Extra", "#map-extra-draft"),
        ("Not yet discussed in a chapter", "#map-undiscussed"),
        ("Every concept A–Z", "#a-z"),
    ]
    assert toc("concepts/beta.html") == [
        ("Concept map", "#concept-map"),
        ("Where this appears in the book", "#concept--where-this-appears"),
    ]


def test_glossary_json_keeps_related_as_written_and_adds_the_typed_relations(grouped_book: Path) -> None:
    concepts = {
        c["slug"]: c for c in json.loads((grouped_book / "glossary.json").read_text(encoding="utf-8"))["concepts"]
    }
    relations = ("related", "broader", "developed_from", "contrasts", "narrower", "led_to")
    assert {slug: [c[k] for k in relations] for slug, c in concepts.items() if slug in ("zz-alpha", "beta")} == {
        "zz-alpha": [["beta"], ["beta"], [], [], [], []],
        "beta": [["zz-alpha"], [], [], [], ["zz-alpha"], []],
    }


def test_without_a_site_url_the_exports_name_pages_from_the_sites_root(grouped_book: Path) -> None:
    skos = json.loads((grouped_book / "glossary.skos.jsonld").read_text(encoding="utf-8"))
    assert skos["@context"]["book"] == "glossary.skos.jsonld#"
    assert [node["@id"] for node in skos["@graph"]][:2] == ["glossary.html", "concepts/zz-alpha.html"]
    script = page_tree(grouped_book, "concepts/beta.html").css_first('script[type="application/ld+json"]')
    assert json.loads(script.text())["url"] == "concepts/beta.html"


def test_a_book_without_chapters_has_one_panel_of_undiscussed_concepts(tmp_path: Path) -> None:
    files = {
        "index.md": "# Home\n",
        "concepts/b.md": concept("Beta", "contrasts: [a]\n"),
        "concepts/a.md": concept("Alpha"),
    }
    result = build_small_site(tmp_path, files)
    assert (result.failed, result.problems) == (None, []), result.text()
    article = page_tree(tmp_path / "site", "book-map.html").css_first("article")
    assert [
        (svg.attributes.get("aria-label"), [a.text().strip() for a in svg.css("a")])
        for svg in article.css("svg.book-map__svg")
    ] == [("Concepts of Not yet discussed in a chapter", ["Alpha", "Beta"])]


def test_files_at_the_maps_paths_and_a_heading_with_the_maps_id_are_reported(tmp_path: Path) -> None:
    files = {
        **two_concepts_that_contrast(),
        "book-map.md": "# My map\n",
        "glossary.skos.jsonld": "{}",
        "concepts/transference.md": concept("Transference", "contrasts: [countertransference]\n")
        + '\n<h2 id="concept-map">Map</h2>\n',
    }
    result = build_small_site(tmp_path, files)
    # The safety checks refuse a .jsonld file of docs/ first, whatever its path (safety/files.py).
    assert result.problems[0].startswith(
        "ERROR: docs/glossary.skos.jsonld: a .jsonld file is not a type the book publishes"
    ), result.text()
    assert result.problems[1:] == [
        "ERROR: docs/book-map.md: this path is generated by the concept maps, so the file is ignored; rename or "
        "delete it (the maps are built from the relations in docs/concepts/).",
        "WARNING: docs/concepts/transference.md: a heading of the page has the id 'concept-map', which "
        "the build gives the concept map it adds; rename the heading (or give it another id).",
    ], result.text()


def test_without_graphviz_the_build_stops_with_how_to_install_it(tmp_path: Path, monkeypatch) -> None:
    """The book map is drawn with the late parts (common/background.py), when its page asks."""
    import graphviz

    def missing(*args: object, **kwargs: object) -> bytes:
        raise graphviz.ExecutableNotFound(("dot",))

    monkeypatch.setattr(graphviz, "pipe", missing)
    monkeypatch.setenv("CONCEPTBOOK_CACHE", "off")  # a layout kept by an earlier build would need no dot
    files = two_concepts_that_contrast()
    result = build_small_site(tmp_path, files)
    assert result.failed is not None
    assert any(
        "the book map is laid out by Graphviz, whose program 'dot' was not found; install Graphviz" in message
        for message in result.messages
    ), result.messages


# --- The real site --------------------------------------------------------------------


def glossary_json(site: Path) -> dict:
    return json.loads((site / "glossary.json").read_text(encoding="utf-8"))


def test_glossary_json_has_typed_relations_and_version_2(site: Path) -> None:
    data = glossary_json(site)
    assert data["version"] == 2
    typed = sum(len(c[k]) for c in data["concepts"] for k in ("broader", "contrasts", "developed_from"))
    assert typed >= 100
    by_slug = {c["slug"]: c for c in data["concepts"]}
    for c in data["concepts"]:
        for other in c["broader"]:
            assert c["slug"] in by_slug[other]["narrower"]
        for other in c["contrasts"]:
            assert c["slug"] in by_slug[other]["contrasts"]


def test_every_concept_with_a_relation_has_a_map_whose_links_resolve(site: Path) -> None:
    from selectolax.lexbor import LexborHTMLParser

    missing, broken = [], []
    for c in glossary_json(site)["concepts"]:
        page = site / c["url"]
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        svg = tree.css_first("svg.concept-map__svg")
        has_relation = any(c[k] for k in ("related", "broader", "narrower", "contrasts", "developed_from", "led_to"))
        if has_relation and svg is None:
            missing.append(c["slug"])
            continue
        for link in tree.css(".concept-map a[href]:not(.headerlink)"):
            target = (page.parent / link.attributes["href"].split("#")[0]).resolve()
            if not target.is_file():
                broken.append(f"{c['url']} -> {link.attributes['href']}")
    assert not missing, "concepts with relations but no map: " + ", ".join(missing)
    assert not broken, "broken map links: " + ", ".join(broken)


def test_book_map_shows_every_concept_as_a_link(site: Path) -> None:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser((site / "book-map.html").read_text(encoding="utf-8"))
    in_map = {a.attributes["href"] for a in tree.css("svg.book-map__svg a[href]")}
    in_list = {a.attributes["href"] for a in tree.css(".book-map__index dt a[href]")}
    urls = {c["url"] for c in glossary_json(site)["concepts"]}
    assert in_map == urls == in_list


def test_skos_export_parses_with_one_concept_each_and_the_relation_counts(site: Path) -> None:
    data = glossary_json(site)
    graph = rdflib.Graph().parse(site / "glossary.skos.jsonld", format="json-ld")
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == len(data["concepts"])
    for field, prop in (("broader", SKOS.broader), ("narrower", SKOS.narrower), ("related", SKOS.related)):
        expected = sum(len(c[field]) for c in data["concepts"])
        assert len(set(graph.subject_objects(prop))) == expected, field
    labels = {str(o) for o in graph.objects(None, SKOS.prefLabel)}
    assert {c["term"] for c in data["concepts"]} <= labels
    aliases = sum(len(c["aliases"]) for c in data["concepts"])
    assert len(set(graph.subject_objects(SKOS.altLabel))) == aliases


def test_concept_and_glossary_pages_carry_schema_org_json_ld(site: Path) -> None:
    from selectolax.lexbor import LexborHTMLParser

    for c in glossary_json(site)["concepts"][:20]:
        tree = LexborHTMLParser((site / c["url"]).read_text(encoding="utf-8"))
        (script,) = tree.css('script[type="application/ld+json"]')
        data = json.loads(script.text())
        assert (data["@type"], data["name"], data["description"]) == ("DefinedTerm", c["term"], c["summary"])
    tree = LexborHTMLParser((site / "glossary.html").read_text(encoding="utf-8"))
    (script,) = tree.css('script[type="application/ld+json"]')
    data = json.loads(script.text())
    assert data["@type"] == "DefinedTermSet" and len(data["hasDefinedTerm"]) == len(glossary_json(site)["concepts"])


def test_relations_script_is_idempotent_on_the_committed_files() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/add_relations.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_book_maps_layout_is_kept_in_the_store_and_made_again_for_another_dot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Graphviz lays out the panels once; the next build reads its layout from the store
    (common/store.py), unless `dot` is another program now (its size or date changed)."""
    from conceptbook.common import store
    from conceptbook.maps import bookmap

    monkeypatch.setattr(store, "STORE", store.Store(tmp_path / "store"))
    dot = tmp_path / "dot"
    dot.write_bytes(b"1")
    monkeypatch.setattr(bookmap.shutil, "which", lambda name: str(dot))
    calls: list[str] = []
    real = bookmap.graphviz.pipe
    monkeypatch.setattr(bookmap.graphviz, "pipe", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    store.program.cache_clear()
    sources = ["digraph one { x -> y }", "digraph two { z }"]
    first = bookmap._run(sources)
    assert [graph["name"] for graph in first] == ["one", "two"] and calls == ["dot"]
    assert bookmap._run(sources) == first and calls == ["dot"]  # read from the store
    dot.write_bytes(b"22")  # another dot
    store.program.cache_clear()
    assert bookmap._run(sources) == first and calls == ["dot", "dot"]
    store.program.cache_clear()
