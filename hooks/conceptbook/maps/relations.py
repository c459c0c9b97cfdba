"""Typed relations between concepts, read from front matter and checked.

A small fixed set modelled on SKOS, the W3C vocabulary for glossaries and thesauri:

- `broader`: this concept is a kind of, or a part of, the one named (skos:broader);
  its inverse, narrower, is derived and never written.
- `contrasts`: the two are set against each other — opposites, or neighbours students
  confuse. Symmetric: writing it on one side is enough.
- `developed_from`: this idea grew out of the one named (a theory, a method). Directed;
  its inverse, "led to", is derived.
- `related`: any other association (the glossary's key, symmetric).

A pair of concepts has one relation on the map: a typed one wins over `related`, so an
old `related` entry need not be removed when a typed relation is added. Problems are
warnings with file:line, each ending with the fix; a bad entry is left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from conceptbook.glossary.model import Concept, Glossary, unknown_slug_hint
from conceptbook.glossary.report import log, where

RelationType = Literal["broader", "narrower", "contrasts", "developed_from", "led_to", "related"]
DECLARED = ("broader", "contrasts", "developed_from")  # front-matter keys this module reads
DIRECTED = ("broader", "developed_from")
INVERSE: dict[str, RelationType] = {"broader": "narrower", "developed_from": "led_to"}
# The order groups are shown in, and the words that name each (the legend and the list).
ORDER: tuple[RelationType, ...] = ("broader", "developed_from", "contrasts", "narrower", "led_to", "related")
PHRASES: dict[str, str] = {
    "broader": "is a kind of",
    "narrower": "includes",
    "contrasts": "contrasts with",
    "developed_from": "grew out of",
    "led_to": "led to",
    "related": "is related to",
}
# The same relations after "cannot be", in messages about pairs and cycles.
BE_PHRASES: dict[str, str] = {"broader": "a kind of", "developed_from": "grown out of"}
# Which end of a line, drawn from a concept to its neighbour, carries the arrowhead:
# arrows point to the broader concept and to the later idea.
ARROW_AT_NEIGHBOUR = {"broader", "led_to"}
ARROW_AT_CONCEPT = {"narrower", "developed_from"}


def arrow_for(kind: str) -> str:
    """'end', 'start' or '' for a line from a concept to a neighbour related by `kind`."""
    return "end" if kind in ARROW_AT_NEIGHBOUR else "start" if kind in ARROW_AT_CONCEPT else ""


@dataclass(frozen=True, order=True)
class Edge:
    """A declared relation: `source` (the file that says it) -> `target`."""

    kind: str  # one of DECLARED, or "related"
    source: str
    target: str


@dataclass
class Graph:
    """The relations of one build: declared edges, and each concept's neighbours by type."""

    edges: list[Edge] = field(default_factory=list)
    neighbours: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def of(self, slug: str) -> dict[str, tuple[str, ...]]:
        """A concept's neighbours by relation type (ORDER), only the types it has."""
        return self.neighbours.get(slug, {})


def _declared(concept: Concept, key: str) -> tuple[list[str], int | None]:
    """The slugs a concept lists under `key`, and the key's line (warns on a bad shape)."""
    fm = concept.front_matter
    if fm is None or key not in fm.data:
        return [], None
    line = fm.line_of_key(key)
    value = fm.data[key]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        log.warning(
            f"{where(concept.path, line)}: '{key}' must be a list of concept slugs, "
            f"e.g. {key}: [defense]; it was ignored — write it as a list."
        )
        return [], line
    return [v.strip() for v in value], line


def read_graph(glossary: Glossary) -> Graph:
    """Check every concept's typed relations and build the graph (warnings for bad entries)."""
    edges: set[Edge] = set()
    lines: dict[tuple[str, str], int | None] = {}
    for concept in glossary.concepts.values():
        for key in DECLARED:
            targets, line = _declared(concept, key)
            for target in targets:
                spot = where(concept.path, line)
                if target == concept.slug:
                    log.warning(f"{spot}: '{key}' names the concept itself ('{target}'); remove it from the list.")
                elif target not in glossary.concepts:
                    log.warning(
                        f"{spot}: '{key}' names an unknown concept '{target}'{unknown_slug_hint(target, glossary)}"
                    )
                else:
                    edges.add(Edge(key, concept.slug, target))
                    lines[(concept.slug, target)] = line
    edges = _drop_conflicts(glossary, edges, lines)
    for key in DIRECTED:
        edges = _drop_cycles(glossary, key, edges, lines)
    return _graph(glossary, edges)


def _pair(edge: Edge) -> tuple[str, str]:
    return (min(edge.source, edge.target), max(edge.source, edge.target))


def _drop_conflicts(glossary: Glossary, edges: set[Edge], lines: dict[tuple[str, str], int | None]) -> set[Edge]:
    """One pair, one relation: both directions of a directed one, or two types, are errors."""
    by_pair: dict[tuple[str, str], list[Edge]] = {}
    for edge in sorted(edges):
        by_pair.setdefault(_pair(edge), []).append(edge)
    kept = set(edges)
    for found in by_pair.values():
        if len(found) < 2:
            continue
        kinds = {e.kind for e in found}
        if kinds == {"contrasts"}:
            continue  # said on both sides: symmetric, harmless
        first, second = found[0], found[1]
        concept = glossary[second.source]
        spot = where(concept.path, lines.get((second.source, second.target)))
        if first.kind == second.kind:
            log.warning(
                f"{spot}: '{second.kind}' names '{second.target}', and {glossary[first.source].path} "
                f"names '{first.target}' the same way: two concepts cannot each be {BE_PHRASES.get(first.kind, PHRASES[first.kind])} "
                f"the other — keep the relation in one of the two files."
            )
        else:
            log.warning(
                f"{spot}: '{second.source}' and '{second.target}' are related both as '{first.kind}' and as "
                f"'{second.kind}'; a pair has one relation type — keep the one that fits and remove the other."
            )
        kept -= set(found[1:])
    return kept


def _drop_cycles(glossary: Glossary, key: str, edges: set[Edge], lines: dict[tuple[str, str], int | None]) -> set[Edge]:
    """A directed relation may not loop back (A broader B broader C broader A)."""
    kept = set(edges)
    while True:
        cycle = _find_cycle({e for e in kept if e.kind == key})
        if not cycle:
            return kept
        last = cycle[-1]
        path = " -> ".join([*(e.source for e in cycle), cycle[0].source])
        concept = glossary[last.source]
        log.warning(
            f"{where(concept.path, lines.get((last.source, last.target)))}: '{key}' makes a cycle ({path}); "
            f"a concept cannot be {BE_PHRASES.get(key, PHRASES[key])} itself — remove '{last.target}' from '{key}' here "
            f"or break the cycle elsewhere."
        )
        kept.discard(last)


def _find_cycle(edges: Iterable[Edge]) -> list[Edge]:
    """The first cycle found by a depth-first search in slug order, as its edges, or []."""
    out: dict[str, list[Edge]] = {}
    for edge in sorted(edges):
        out.setdefault(edge.source, []).append(edge)
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    stack: list[Edge] = []

    def visit(node: str) -> list[Edge]:
        state[node] = 1
        for edge in out.get(node, []):
            if state.get(edge.target) == 1:
                start = next(i for i, e in enumerate(stack) if e.source == edge.target) if stack else 0
                if stack and stack[start].source == edge.target:
                    return [*stack[start:], edge]
                return [edge]
            if edge.target not in state:
                stack.append(edge)
                found = visit(edge.target)
                if found:
                    return found
                stack.pop()
        state[node] = 2
        return []

    for node in sorted(out):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


def _graph(glossary: Glossary, typed: set[Edge]) -> Graph:
    typed_pairs = {_pair(e) for e in typed}
    related = {
        Edge("related", *sorted((slug, other)))
        for slug, others in glossary.related.items()
        for other in others
        if _pair(Edge("related", slug, other)) not in typed_pairs
    }
    edges = sorted(typed | related)
    found: dict[str, dict[str, set[str]]] = {}

    def add(slug: str, kind: str, other: str) -> None:
        found.setdefault(slug, {}).setdefault(kind, set()).add(other)

    for edge in edges:
        if edge.kind in INVERSE:
            add(edge.source, edge.kind, edge.target)
            add(edge.target, INVERSE[edge.kind], edge.source)
        else:
            add(edge.source, edge.kind, edge.target)
            add(edge.target, edge.kind, edge.source)

    def by_term(slugs: set[str]) -> tuple[str, ...]:
        return tuple(sorted(slugs, key=lambda s: (glossary[s].term.casefold(), s)))

    neighbours: dict[str, dict[str, tuple[str, ...]]] = {
        slug: {kind: by_term(kinds[kind]) for kind in ORDER if kind in kinds} for slug, kinds in sorted(found.items())
    }
    return Graph(edges=edges, neighbours=neighbours)
