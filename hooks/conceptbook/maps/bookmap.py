"""The map of the whole book: every concept, one panel per chapter, laid out by Graphviz.

Each concept joins the panel of the chapter that discusses it in the most sections (the
earlier chapter on a tie); concepts no chapter discusses yet get a panel of their own.
A panel shows the relations between its own concepts; relations that cross chapters are
on each concept's own map. Graphviz's `dot` lays out every panel, left to right: broader
concepts and older ideas in the columns to the left of their kinds and offshoots, with
contrasts and other relations routed between them without moving anyone (force-directed
`neato` spread the wide boxes over a page three times the size). All panels go to one run
of the program per build, as one input of several graphs, and come back as JSON.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import graphviz
from mkdocs.exceptions import PluginError

from conceptbook.common import store

from .relations import DIRECTED, PHRASES, Edge, arrow_for
from .shapes import Node, box_height, wrap

NODE_WIDTH = 174
MARGIN = 8
ENGINE = "dot"
INSTALL_HELP = (
    "the book map is laid out by Graphviz, whose program '{engine}' was not found; install Graphviz "
    "(Debian/Ubuntu: `sudo apt-get install graphviz`, macOS: `brew install graphviz`; `make` installs it "
    "on Debian when run as root), then build again."
)


@dataclass(frozen=True)
class Panel:
    title: str
    url: str  # the chapter's page, relative to the map page ('' for the panel of the undiscussed)
    anchor: str
    nodes: tuple[Node, ...]
    lines: tuple[tuple[str, str, str, str], ...]  # (kind, path data, title, arrow end)
    width: int
    height: int


def _source(name: str, slugs: Sequence[str], edges: Sequence[Edge], term: Callable[[str], str]) -> str:
    dot = graphviz.Graph(name)
    dot.attr("graph", rankdir="LR", ranksep="0.6", nodesep="0.12", splines="true", outputorder="edgesfirst")
    dot.attr("node", shape="box", fixedsize="true", width=f"{NODE_WIDTH / 72:.4f}", label="")
    dot.attr("edge", dir="none")
    for slug in slugs:
        dot.node(slug, height=f"{box_height(len(wrap(term(slug), NODE_WIDTH))) / 72:.4f}")
    for edge in edges:
        # The broader concept, the older idea: one column further left; other kinds do not rank.
        dot.edge(*_ends(edge), **({} if edge.kind in DIRECTED else {"constraint": "false"}))
    return dot.source


def _run(sources: list[str]) -> list[dict]:
    """Graphviz's layout of every panel, read from the store (common/store.py) when the
    same `dot` laid out the same panels before."""
    source = "\n".join(sources).encode("utf-8")
    name = store.key(store.program(shutil.which(ENGINE) or ENGINE), "json0", source)
    output = store.current().get(name)
    if output is None:
        try:
            output = graphviz.pipe(ENGINE, "json0", source, quiet=True)
        except graphviz.ExecutableNotFound:
            raise PluginError(INSTALL_HELP.format(engine=ENGINE)) from None
        store.current().put(name, output)
    text, decoder, found, index = output.decode("utf-8"), json.JSONDecoder(), [], 0
    while index < len(text):
        while index < len(text) and text[index].isspace():
            index += 1
        if index < len(text):
            document, index = decoder.raw_decode(text, index)
            found.append(document)
    return found


def _ends(edge: Edge) -> tuple[str, str]:
    """The edge's ends as given to dot: directed relations go from the broader, older concept."""
    return (edge.target, edge.source) if edge.kind in DIRECTED else (edge.source, edge.target)


def _points(pos: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in (p.split(",")[:2] for p in pos.split() if p[:2] not in ("e,", "s,"))]


def lay_out(
    groups: Sequence[tuple[str, str, str, Sequence[str]]],
    edges: Sequence[Edge],
    term: Callable[[str], str],
    url: Callable[[str], str],
) -> list[Panel]:
    """Panels for `groups` of (title, url, anchor, slugs), drawn with the `edges` inside each."""
    group_of = {slug: i for i, (_, _, _, slugs) in enumerate(groups) for slug in slugs}
    inside: list[list[Edge]] = [[] for _ in groups]
    for edge in edges:
        if group_of.get(edge.source) is not None and group_of.get(edge.source) == group_of.get(edge.target):
            inside[group_of[edge.source]].append(edge)
    sources = [_source(f"panel{i}", g[3], inside[i], term) for i, g in enumerate(groups)]
    documents = _run(sources)
    panels = []
    for (title, page_url, anchor, slugs), document, panel_edges in zip(groups, documents, inside, strict=True):
        x0, y0, x1, y1 = (float(v) for v in document["bb"].split(","))

        def at(x: float, y: float, x0: float = x0, y1: float = y1) -> tuple[int, int]:
            return round(x - x0) + MARGIN, round(y1 - y) + MARGIN

        nodes = {}
        for obj in document.get("objects", []):
            cx, cy = at(*(float(v) for v in obj["pos"].split(",")))
            lines = wrap(term(obj["name"]), NODE_WIDTH)
            height = box_height(len(lines))
            nodes[obj["name"]] = Node(
                obj["name"],
                term(obj["name"]),
                url(obj["name"]),
                cx - NODE_WIDTH // 2,
                cy - height // 2,
                NODE_WIDTH,
                lines,
            )
        # dot lists edges in an order of its own: match each to ours by its two ends.
        names = {obj["_gvid"]: obj["name"] for obj in document.get("objects", [])}
        ours = {_ends(e): e for e in panel_edges}
        lines_out = []
        for drawn in sorted(document.get("edges", []), key=lambda e: (names[e["tail"]], names[e["head"]])):
            tail, head = names[drawn["tail"]], names[drawn["head"]]
            edge = ours.get((tail, head)) or ours[(head, tail)]
            points = [at(x, y) for x, y in _points(drawn["pos"])]
            if (tail, head) != (edge.source, edge.target):
                points.reverse()  # drawn from the declaring concept, as arrow_for expects
            d = f"M{points[0][0]} {points[0][1]}" + "".join(
                f" C{a[0]} {a[1]} {b[0]} {b[1]} {c[0]} {c[1]}"
                for a, b, c in zip(points[1::3], points[2::3], points[3::3], strict=False)
            )
            kind = edge.kind
            title_text = f"{term(edge.source)} {PHRASES[kind]} {term(edge.target)}"
            arrow = arrow_for(kind)  # drawn from the concept that declares the relation
            lines_out.append((kind, d, title_text, arrow))
        ordered = tuple(nodes[s] for s in slugs if s in nodes)
        width = round(x1 - x0) + 2 * MARGIN
        height = round(y1 - y0) + 2 * MARGIN
        panels.append(Panel(title, page_url, anchor, ordered, tuple(lines_out), width, height))
    return panels


__all__ = ["Panel", "arrow_for", "lay_out"]
