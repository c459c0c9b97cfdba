"""Page assembly: where each generated part of a page sits, so that the page's table of
contents lists its sections in the order the reader meets them.

Capabilities add generated sections to a page at different times: the reference list in
`on_page_content`, a concept page's "Related concepts", "Where this appears in the book",
concept map and "Test yourself" in `on_env`, and most of their HTML only in
`on_post_page`, at a marker comment. Each appended its table-of-contents entry where it
happened to run, so the contents listed "References" before "Concept map" on concept
pages that show them the other way round.

Here each capability declares, once per build, the anchor of each section it generates
and the marker its HTML will replace (with an offset when several parts share one
marker). Just before the theme renders a page (`on_page_context`), `order_toc` sorts the
page's top-level entries by where their sections will stand: an id already in the page
by its position, a declared anchor by its marker's position, any other entry right after
the one before it. The same declarations name the ids authors may not take: `taken`
reports a heading whose id a generated section will use.

The parts themselves go in the same way, once: each capability `place`s its HTML (or a
job that makes it) at a marker of a page, at an offset among the parts that share the
marker; `finish` puts every part of a page into its finished HTML in one pass over it
(`on_post_page`, after the search plugin has indexed the page). At a marker, the parts
stand in the order of their offsets, one per line; the part that `replaces` the marker
takes its place, and a marker no part replaces stays (`</head>`, or the marker where
another capability's part may still go) unless it was declared `removed`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Every marker is an HTML comment, or the end of the page's head (JSON-LD goes before it).
_MARKERS = re.compile(r"<!--.*?-->|</head>", re.S)
Part = str | Callable[[], str]
# An element's id as the page writes it: quoted or not, the value up to its end.
_IDS = re.compile(r"""\sid\s*=\s*["']?([^"'\s/>]*)""")


@dataclass
class _Placed:
    offset: int
    order: int  # placing order: parts at one offset keep it
    part: Part
    replaces: bool

    def html(self) -> str:
        return (self.part if isinstance(self.part, str) else self.part()).rstrip("\n")


@dataclass
class Assembly:
    slots: dict[str, tuple[str, int]] = field(default_factory=dict)  # anchor -> (marker, offset)
    sections: dict[str, str] = field(default_factory=dict)  # anchor -> what the section is, for messages
    parts: dict[str, dict[str, list[_Placed]]] = field(default_factory=dict)  # page -> marker -> parts
    removed: set[str] = field(default_factory=set)  # markers taken out where no part replaces them
    placed: int = 0

    def place(self, page: str, marker: str, part: Part, offset: int = 0, *, replaces: bool = True) -> None:
        """`part` (HTML, or a function that makes it when the page is finished) goes at
        `marker` on the page whose source is `page`: in the marker's place (`replaces`), or
        beside it, before it at a negative offset and after it at a positive one."""
        if not _MARKERS.fullmatch(marker):
            raise ValueError(f"{marker!r} is not a marker: use an HTML comment or </head>")
        self.placed += 1
        self.parts.setdefault(page, {}).setdefault(marker, []).append(_Placed(offset, self.placed, part, replaces))

    def remove(self, marker: str) -> None:
        """`marker` is taken out of every finished page where no part replaces it."""
        self.removed.add(marker)

    def finish(self, page: str, html: str) -> str:
        """The page's HTML with every part placed for it, in one pass; each marker's first
        occurrence only. The page's parts are forgotten (a page is finished once)."""
        parts = self.parts.pop(page, {})
        if not parts and not self.removed:
            return html
        done: set[str] = set()

        def put(match: re.Match[str]) -> str:
            marker = match.group(0)
            if marker in done or (marker not in parts and marker not in self.removed):
                return marker
            done.add(marker)
            here = sorted(parts.get(marker, []), key=lambda p: (p.offset, p.order))
            if not any(p.replaces for p in here) and marker not in self.removed:
                here.append(_Placed(0, 0, marker, True))
                here.sort(key=lambda p: (p.offset, p.order))
            return "\n".join(p.html() for p in here)

        return _MARKERS.sub(put, html)

    def declare(self, anchor: str, marker: str, offset: int = 0, what: str = "a section") -> None:
        """The generated section `anchor` (`what` it is, for messages: "the reference list")
        will stand where `marker` is, at `offset` among the parts that share the marker:
        lower first."""
        self.slots[anchor] = (marker, offset)
        self.sections[anchor] = what

    def taken(self, page: str, html: str) -> list[tuple[str, str]]:
        """(anchor, what) of each generated section that goes on `page` whose id the page
        already uses, before its parts are in: an author's heading (`## References`, or any
        id given with `{#...}` or raw HTML) would make two elements with one id."""
        markers = self.parts.get(page, {})
        declared = [(anchor, marker) for anchor, (marker, _offset) in self.slots.items() if marker in markers]
        if not any(anchor in html for anchor, _marker in declared):  # no id can be one that is not in the text
            return []
        ids = set(_IDS.findall(html))  # every id the page gives, read in one pass
        return [(anchor, self.sections.get(anchor, "a section")) for anchor, _marker in declared if anchor in ids]

    def order_toc(self, items: list[Any], content: str) -> list[Any]:
        """`items` (a page's top-level table-of-contents entries, each with an `.id`)
        sorted into the order their sections will have in `content`; a stable sort."""
        keyed: list[tuple[tuple[int, int, int], int, Any]] = []
        previous = (0, 0, 0)
        for index, item in enumerate(items):
            key = self._position(item.id, content)
            if key is None:  # not placed yet and not declared: stays after its neighbour
                key = (previous[0], previous[1], previous[2] + 1)
            keyed.append((key, index, item))
            previous = key
        return [item for _key, _index, item in sorted(keyed, key=lambda k: (k[0], k[1]))]

    def _position(self, anchor: str, content: str) -> tuple[int, int, int] | None:
        at = content.find(f'id="{anchor}"')
        if at >= 0:
            return (at, 0, 0)
        slot = self.slots.get(anchor)
        if slot is not None:
            marker, offset = slot
            at = content.find(marker)
            if at >= 0:
                return (at, offset, 0)
        return None
