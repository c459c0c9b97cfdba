"""The maps capability as the build sees it: one method per MkDocs event.

hooks/concept_hooks.py creates a `Maps` with each build and calls it once per event;
everything here reads the glossary model (concepts, their front matter, the records of
glossary.json) and never the glossary's other modules. Both kinds of map are drawn once
per build in `on_env` (the book map in one run of Graphviz) and placed on their pages
through the book's page assembly (common/book.py), which puts them into the finished HTML
after the search plugin has indexed the page.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink

from conceptbook.common.files import drop_generated
from conceptbook.common.templates import template_env
from conceptbook.glossary.markers import CONNECTIONS_MARKER
from conceptbook.glossary.model import Glossary

from . import bookmap, export, neighbourhood
from .relations import ORDER, PHRASES, Graph, arrow_for, read_graph

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from conceptbook.common.book import Book
    from conceptbook.glossary.occurrences import PageMentions

BOOK_MAP_PAGE = "book-map.md"
BOOK_MAP_MARKER = "<!-- book-map -->"
MAP_ID = "concept-map"  # the id of a concept page's map section (overrides/maps/)
GENERATED = (BOOK_MAP_PAGE, export.SKOS_FILE)
UNDISCUSSED = "Not yet discussed in a chapter"
BOOK_MAP_SOURCE = f"""---
title: Book map
description: Every concept in the book on one map, grouped by chapter, with the relations between them.
---

# Book map

Every concept in the book, grouped by the chapter that discusses it most. Lines show how
concepts relate: one is a kind of another, two contrast, an idea grew out of another, or
they are otherwise related. Each box is a link to the concept's page, where its own map
shows all its relations, also those that cross chapters. The list at the end gives every
concept and its relations in words. The relations are also published as
[SKOS](https://www.w3.org/2004/02/skos/) data: [`{export.SKOS_FILE}`]({export.SKOS_FILE}).

{BOOK_MAP_MARKER}
"""


class Maps:
    def __init__(self, book: Book) -> None:
        self.book = book
        self.config = book.config
        self.path = book.path  # File -> the path messages name
        self._url = book.url  # src_uri -> the build's site-root-relative URL
        self._relative = book.relative  # (URL, page URL) -> link from that page
        self.env = template_env(book.overrides / "maps")
        self.glossary = Glossary()
        self.graph = Graph()
        self.files = Files([])
        self.base = book.config.site_url or ""
        book.assembly.declare(MAP_ID, CONNECTIONS_MARKER, -1, "the concept map")  # just before the connections

    def on_files(self, glossary: Glossary, files: Files) -> None:
        from conceptbook.glossary.report import log

        self.glossary, self.files = glossary, files
        drop_generated(
            files,
            GENERATED,
            self.path,
            "by the concept maps",
            log,
            " (the maps are built from the relations in docs/concepts/)",
        )
        self.graph = read_graph(glossary)
        files.append(File.generated(self.config, BOOK_MAP_PAGE, content=BOOK_MAP_SOURCE))
        files.append(File.generated(self.config, export.SKOS_FILE, content="{}"))  # filled in on_env

    def _links_from(self, page: Page) -> Callable[[str], str]:
        """Concept slug -> its URL relative to `page`."""

        def url(slug: str) -> str:
            return self._relative(self._url(self.glossary[slug].src_uri), page.url)

        return url

    def on_env(
        self, records: list[dict[str, Any]], mentions: dict[str, PageMentions], reading_order: list[str]
    ) -> None:
        """Add typed relations to glossary.json's records; draw every map; write the exports."""
        for record in records:
            neighbours = self.graph.of(record["slug"])
            for kind in ORDER:
                if kind != "related":
                    record[kind] = list(neighbours.get(kind, ()))
        glossary_url = self._url("glossary.md")
        skos = self.files.get_file_from_path(export.SKOS_FILE)
        if skos is not None:
            skos.content_string = export.skos_document(records, self.base, glossary_url)
        book_map = self.files.get_file_from_path(BOOK_MAP_PAGE)
        book_map_url = book_map.url if book_map is not None else BOOK_MAP_PAGE
        for record in records:
            file = self.files.get_file_from_path(self.glossary[record["slug"]].src_uri)
            if file is None or file.page is None or not self.book.carry.built(file.src_uri):
                continue  # (a concept page a dirty rebuild does not build again keeps its output)
            head = export.script_json(export.defined_term_page(record, self.base, glossary_url))
            self.book.place(file.src_uri, "</head>", head, -1, replaces=False)
            neighbours = self.graph.of(record["slug"])
            if neighbours:  # just before the concept's connections (glossary/capability.py)
                draw = functools.partial(self._concept_map, record["slug"], neighbours, file.page, book_map_url)
                self.book.place(file.src_uri, CONNECTIONS_MARKER, draw, -1, replaces=False)
                items = file.page.toc.items  # placed in the page's order by common/assembly.py
                (items[0].children if items and items[0].level == 1 else items).append(
                    AnchorLink("Concept map", MAP_ID, 2)
                )
        glossary_file = self.files.get_file_from_path("glossary.md")
        if glossary_file is not None:
            head = export.script_json(export.defined_term_set(records, self.base, glossary_url))
            self.book.place(glossary_file.src_uri, "</head>", head, -1, replaces=False)
        if book_map is not None and book_map.page is not None and self.book.carry.built(book_map.src_uri):
            self._book_map(book_map.page, records, mentions, reading_order)

    def _concept_map(self, slug: str, neighbours: dict[str, tuple[str, ...]], page: Page, book_map_url: str) -> str:
        def term(s: str) -> str:
            return self.glossary[s].term

        url = self._links_from(page)
        drawn = neighbourhood.lay_out(slug, neighbours, term, url)
        legend = [(kind, phrase, y, arrow_for(kind)) for kind, phrase, y in drawn.legend]
        return self.env.get_template("concept-map.html").render(
            map=drawn,
            legend=legend,
            column_x=neighbourhood.COLUMN_X,
            relations=neighbourhood.text_equivalent(neighbours, term, url),
            book_map_url=self._relative(book_map_url, page.url),
        )

    def _book_map(
        self, page: Page, records: list[dict[str, Any]], mentions: dict[str, PageMentions], reading_order: list[str]
    ) -> None:
        order = {src: i for i, src in enumerate(reading_order)}
        chapters = sorted(mentions, key=lambda src: (order.get(src, len(order)), src))
        home: dict[str, str] = {}
        for slug in sorted(self.glossary.concepts):
            counts = [(-len(mentions[c].occurrences.get(slug, ())), i) for i, c in enumerate(chapters)]
            best = min(counts, default=(0, -1))
            if best[0] < 0:
                home[slug] = chapters[best[1]]

        def by_term(slugs: list[str]) -> list[str]:
            return sorted(slugs, key=lambda s: (self.glossary[s].term.casefold(), s))

        groups = []
        for src in chapters:
            slugs = by_term([s for s, c in home.items() if c == src])
            file = self.files.get_file_from_path(src)
            if slugs and file is not None and file.page is not None:
                anchor = "map-" + re.sub(r"[^a-z0-9]+", "-", Path(src).stem.lower()).strip("-")
                groups.append((file.page.title or src, self._relative(file.url, page.url), anchor, slugs))
        rest = by_term([s for s in self.glossary.concepts if s not in home])
        if rest:
            groups.append((UNDISCUSSED, "", "map-undiscussed", rest))

        def term(s: str) -> str:
            return self.glossary[s].term

        url = self._links_from(page)
        panel_of = {slug: title for title, _, _, slugs in groups for slug in slugs}
        index = [
            {
                "term": r["term"],
                "url": url(r["slug"]),
                "panel": panel_of.get(r["slug"], UNDISCUSSED),
                "relations": neighbourhood.text_equivalent(self.graph.of(r["slug"]), term, url),
            }
            for r in records
        ]
        # Laid out (Graphviz) and drawn with the other late parts; one panel per group.
        draw = functools.partial(self._draw_book_map, groups, term, url, index)
        self.book.place(page.file.src_uri, BOOK_MAP_MARKER, draw)
        items = page.toc.items
        parent = items[0].children if items and items[0].level == 1 else items
        parent.extend(AnchorLink(title, anchor, 2) for title, _, anchor, _ in groups)
        parent.append(AnchorLink("Every concept A–Z", "a-z", 2))

    def _draw_book_map(
        self,
        groups: list[tuple[str, str, str, list[str]]],
        term: Callable[[str], str],
        url: Callable[[str], str],
        index: list[dict[str, Any]],
    ) -> str:
        panels = bookmap.lay_out(groups, self.graph.edges, term, url)
        legend = [(kind, PHRASES[kind], 12 + i * 22, arrow_for(kind)) for i, kind in enumerate(ORDER)]
        return self.env.get_template("book-map.html").render(
            panels=panels, index=index, legend=legend, key_width=220, key_height=12 + len(ORDER) * 22
        )
