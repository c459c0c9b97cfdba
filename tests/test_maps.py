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

from conceptbook.glossary.model import build_glossary, read_concept
from conceptbook.maps import neighbourhood
from conceptbook.maps.export import script_json
from conceptbook.maps.relations import read_graph
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


# --- Unit: drawing ----------------------------------------------------------------------


def test_a_neighbourhood_map_is_the_same_every_time_and_fits_a_phone() -> None:
    neighbours = {"broader": ("defense",), "contrasts": ("integration", "ambivalence")}
    maps = [neighbourhood.lay_out("splitting", neighbours, str.title, lambda s: f"{s}.html") for _ in range(2)]
    assert maps[0] == maps[1]
    assert maps[0].width <= 400
    assert all(n.x + n.width <= maps[0].width for g in maps[0].groups for n in g.nodes)


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


def test_without_graphviz_the_build_stops_with_how_to_install_it(tmp_path: Path, monkeypatch) -> None:
    """The book map is drawn with the late parts (common/background.py), when its page asks."""
    import graphviz

    def missing(*args: object, **kwargs: object) -> bytes:
        raise graphviz.ExecutableNotFound(("dot",))

    monkeypatch.setattr(graphviz, "pipe", missing)
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
