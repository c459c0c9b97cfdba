"""One concept's map: the concept on the left, its neighbours on the right, by relation type.

Drawn for a column 400 px wide, so it is shown at about its own size on a 390 px phone
and on a desktop alike. Every position is an integer computed here in a fixed order,
so the same relations give a byte-identical SVG in every build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .relations import PHRASES, RelationType, arrow_for
from .shapes import Node, box_height, wrap

WIDTH = 400
CENTRE_X, CENTRE_W = 4, 132
COLUMN_X, COLUMN_W = 222, 174
TOP = 4
HEADING = 20  # a group's heading above its boxes
GAP, GROUP_GAP = 8, 14
LEGEND_ROW = 22


@dataclass(frozen=True)
class Line:
    kind: str
    d: str  # SVG path data
    title: str  # "Splitting is a kind of Defense"
    arrow: str  # "end", "start" or ""


@dataclass(frozen=True)
class Group:
    kind: str
    heading: str
    y: int  # baseline of the heading
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class NeighbourhoodMap:
    centre: Node
    groups: tuple[Group, ...]
    lines: tuple[Line, ...]
    legend: tuple[tuple[str, str, int], ...]  # (kind, phrase, y)
    width: int
    height: int


def lay_out(
    slug: str, neighbours: dict[str, tuple[str, ...]], term: Callable[[str], str], url: Callable[[str], str]
) -> NeighbourhoodMap:
    """The map of `slug`, given its neighbours by type (in ORDER) and how to name and link a slug."""
    groups: list[Group] = []
    y = TOP
    for kind, slugs in neighbours.items():
        heading_y = y + 14
        y += HEADING
        nodes = []
        for other in slugs:
            node = Node(other, term(other), url(other), COLUMN_X, y, COLUMN_W, wrap(term(other), COLUMN_W))
            nodes.append(node)
            y += node.height + GAP
        groups.append(Group(kind, PHRASES[kind].capitalize(), heading_y, tuple(nodes)))
        y += GROUP_GAP - GAP
    column_bottom = y - GROUP_GAP
    centre_lines = wrap(term(slug), CENTRE_W)
    centre_h = box_height(len(centre_lines))
    centre_y = max(TOP, (TOP + column_bottom - centre_h) // 2)
    centre = Node(slug, term(slug), url(slug), CENTRE_X, centre_y, CENTRE_W, centre_lines, current=True)

    lines = []
    for group in groups:
        for node in group.nodes:
            mid = (centre.right + node.x) // 2
            d = f"M{centre.right} {centre.cy} C{mid} {centre.cy} {mid} {node.cy} {node.x} {node.cy}"
            phrase = PHRASES[group.kind]
            lines.append(Line(group.kind, d, f"{centre.term} {phrase} {node.term}", arrow_for(group.kind)))

    bottom = max(column_bottom, centre.y + centre_h) + 16
    legend = tuple((g.kind, PHRASES[g.kind], bottom + i * LEGEND_ROW) for i, g in enumerate(groups))
    height = bottom + len(groups) * LEGEND_ROW
    return NeighbourhoodMap(centre, tuple(groups), tuple(lines), legend, WIDTH, height)


def text_equivalent(
    neighbours: dict[str, tuple[str, ...]], term: Callable[[str], str], url: Callable[[str], str]
) -> list[dict[str, object]]:
    """The same relations as a list, for the template: one entry per type."""
    return [
        {"kind": kind, "phrase": PHRASES[kind], "concepts": [{"term": term(s), "url": url(s)} for s in slugs]}
        for kind, slugs in neighbours.items()
    ]


__all__ = ["NeighbourhoodMap", "RelationType", "lay_out", "text_equivalent"]
