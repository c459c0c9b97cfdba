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
the one before it. The same declarations name the ids authors may not take: `reserved`
reports a heading whose id a generated section will use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Assembly:
    slots: dict[str, tuple[str, int]] = field(default_factory=dict)  # anchor -> (marker, offset)

    def declare(self, anchor: str, marker: str, offset: int = 0) -> None:
        """The generated section `anchor` will stand where `marker` is (at `offset` among
        the parts that share the marker: lower first)."""
        self.slots[anchor] = (marker, offset)

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

    def reserved(self, content: str, anchors: Callable[[str], bool] | None = None) -> list[str]:
        """Declared anchors that a heading of `content` already uses (before any generated
        part is in): each would give the page two elements with one id."""
        return [a for a in self.slots if (anchors is None or anchors(a)) and f'id="{a}"' in content]
