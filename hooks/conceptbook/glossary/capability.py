"""The glossary capability as the build sees it: one method per MkDocs event.

The build runs in two passes. While MkDocs renders each page's Markdown, the linker
links and records concept mentions (`on_page_markdown` hands it the page, the Markdown
extension does the work). Only when every page is rendered (`on_env`) are the pages
that depend on all others filled in: concept pages (backlinks; related concepts are on
the concept map, maps/), the glossary, the home page's chapter cards and glossary.json.
A chapter's key-terms box, a concept's backlinks, the glossary's entries and the hidden
definitions that term links show as toggletips only repeat text indexed elsewhere, so
they are placed (common/book.py) to join the finished HTML after the search plugin has
indexed the page.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink

from conceptbook.common.files import drop_generated
from conceptbook.common.incremental import NAMED, USES
from conceptbook.common.text import html_attr, html_text, markdown_literal

from .chapters import ChapterMeta, check_chapter, is_chapter
from .forms import initial
from .keyterms import choose
from .linker import ConceptExtension, Linker, PageContext
from .markers import (
    CHAPTER_CARDS_MARKER,
    CONCEPT_SECTIONS_MARKER,
    CONNECTIONS_MARKER,
    GLOSSARY_MARKER,
    KEY_CONCEPTS_MARKER,
    TIPS_MARKER,
)
from .model import Concept, Glossary, build_glossary, is_concept_file, misplaced_concept, read_concept, slug_of
from .occurrences import Occurrence, PageMentions
from .render import Renderer
from .report import log

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.structure.pages import Page

    from conceptbook.common.book import Book

GLOSSARY_PAGE = "glossary.md"
GLOSSARY_JSON = "glossary.json"
GENERATED = (GLOSSARY_PAGE, GLOSSARY_JSON)
# Below 1 on purpose: Material already ranks a page's own entry above sections, which
# let concept pages bury the chapter sections that answer multi-word questions. A
# concept page still comes first for its own term, through the `concept_name` search
# field (hooks/conceptbook/searchindex/alternates.py); tests/test_search_quality.py measures both.
SEARCH_BOOST = 0.5
# Ids of generated headings contain "--", which neither a valid slug nor a heading id
# made by `toc` can (both fold runs of hyphens): they never collide with a concept's
# entry on the glossary page or with a heading of a hand-written body.
GLOSSARY_PAGE_ID = "glossary--top"
CONCEPT_SECTION_IDS = {
    "aliases": "concept--also-called",
    "backlinks": "concept--where-this-appears",
}

GLOSSARY_SOURCE = f"""---
title: Glossary
description: Every concept in the book, A to Z, with a short definition and a link to its page.
---

# Glossary {{#{GLOSSARY_PAGE_ID}}}

Every concept this book uses, from A to Z. Each entry gives a short definition and
links to the concept's own page, which shows where the book discusses it. <span class="screen-only">In the
chapters, the first mention of a concept in the teaching text is linked: hover over it,
focus it with the keyboard or tap the small "i" after it to see its definition.</span> The same data is available as
[`glossary.json`](glossary.json) for your own tools.

{GLOSSARY_MARKER}
"""


class Concepts:
    """Everything one build learns about concepts and where the book mentions them."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.glossary = Glossary()
        self.linker = Linker(self.glossary)
        self.renderer = Renderer(book.overrides)
        self.mentions: dict[str, PageMentions] = {}  # chapter src_uri -> what it mentions, where
        self.chapters: dict[str, ChapterMeta] = {}
        self.key_terms: dict[str, list[str]] = {}  # chapter src_uri -> its key terms (the box's list)
        self.tip_sources: dict[tuple[str, str], str] = {}  # (slug, relative URL) -> HTML, see _tip_source
        self.summaries: dict[str, str] = {}  # concept page src_uri -> its summary's HTML
        # page src_uri -> the concepts whose definitions it shows: its tips, its key terms, the others in its box
        self.shows: dict[str, tuple[list[str], list[str], list[str]]] = {}
        self.page: PageContext | None = None  # the page being rendered
        book.assembly.declare(
            CONCEPT_SECTION_IDS["backlinks"], CONNECTIONS_MARKER, 1, "the list of where the concept appears"
        )
        book.config.markdown_extensions.append(ConceptExtension(self.linker))  # type: ignore[arg-type]

    def knows(self, slug: str) -> bool:
        return slug in self.glossary

    # -- on_files -------------------------------------------------------------------

    def on_files(self, files: Files) -> None:
        """Read every concept (the first pass: the whole book is indexed before any page renders)."""
        path = self.book.path
        drop_generated(
            files, GENERATED, path, "by the glossary engine", log, " (the glossary is built from docs/concepts/)"
        )
        concepts: list[Concept] = []
        for file in files.documentation_pages():
            if is_concept_file(file.src_uri):
                concept = read_concept(file.src_uri, path(file), self.book.source(file))
                if concept is not None:
                    concepts.append(concept)
            elif misplaced_concept(file.src_uri):
                log.error(f"{path(file)}: {misplaced_concept(file.src_uri)}")
        self.glossary = build_glossary(concepts)
        self.linker.load(self.glossary)

    def add_pages(self, files: Files) -> None:
        files.append(File.generated(self.book.config, GLOSSARY_PAGE, content=GLOSSARY_SOURCE))
        files.append(File.generated(self.book.config, GLOSSARY_JSON, content="{}"))  # filled in on_env

    # -- pages ----------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, page: Page, path: str, source: str) -> str:
        src_uri = page.file.src_uri
        context = PageContext(src_uri=src_uri, path=path, source=source, is_chapter=is_chapter(src_uri))
        self.page = self.linker.page = context
        if context.is_chapter:
            self.mentions[src_uri] = context.mentions
            meta = check_chapter(path, source)
            if meta is not None:
                self.chapters[src_uri] = meta
            return markdown
        if is_concept_file(src_uri) and slug_of(src_uri) in self.glossary:
            concept = self.glossary[slug_of(src_uri)]
            context.own_slug = concept.slug
            page.meta["title"] = html_text(concept.term)  # MkDocs' titles are HTML: see safety/meta.py
            page.meta.setdefault("description", html_attr(concept.summary))
            page.meta["search"] = {**(page.meta.get("search") or {}), "boost": SEARCH_BOOST}
            # The summary joins the HTML under the heading (on_page_content): as raw HTML in
            # the Markdown it cost a parse by md_in_html on every concept page.
            self.summaries[src_uri] = f'<p class="concept-summary">{html_attr(concept.summary)}</p>'
            return f"# {markdown_literal(concept.term)}\n\n{markdown}\n\n{CONCEPT_SECTIONS_MARKER}\n"
        return markdown

    def on_page_content(self, content: str, page: Page) -> str:
        context, self.page, self.linker.page = self.page, None, None
        src_uri = page.file.src_uri
        summary = self.summaries.pop(src_uri, None)
        if summary is not None:  # right under the page's heading, its first block
            content = content.replace("</h1>\n", f"</h1>\n{summary}\n\n", 1)
        self.shows[src_uri] = (list(context.mentions.tips) if context is not None else [], [], [])
        if context is not None and context.mentions.tips:
            # The tip contract: one hidden definition per concept the page links (linker.make_link).
            views = [self._view(slug, page) for slug in context.mentions.tips]
            self.book.place(src_uri, TIPS_MARKER, functools.partial(self._tip_sources, views))
            content = f"{content}\n{TIPS_MARKER}\n"
        mentions = self.mentions.get(src_uri)
        if mentions is None:
            return content
        meta = self.chapters.get(src_uri)
        keys, also = choose(
            self.book.path(page.file),
            mentions.defined,
            mentions.order,
            meta.key_terms if meta is not None else None,
            self.knows,
            self.linker.hint,
        )
        self.key_terms[src_uri] = list(keys)
        self.shows[src_uri] = (self.shows[src_uri][0], list(keys), list(also))
        if keys or also:
            box = functools.partial(
                self.renderer.render,
                "key-concepts",
                key_terms=[self._view(slug, page) for slug in keys],
                also=[self._view(slug, page) for slug in also],
            )
            self.book.place(src_uri, KEY_CONCEPTS_MARKER, box)
        self._changed_backlinks(src_uri, mentions)
        if KEY_CONCEPTS_MARKER in content:
            return content
        return f"{content}\n{KEY_CONCEPTS_MARKER}\n"  # no marker: the box goes at the end

    def _changed_backlinks(self, src_uri: str, now: PageMentions) -> None:
        """A dirty rebuild (common/incremental.py): the concept pages whose passages from this
        chapter changed are built again (a concept page shows no chapter's key terms)."""
        carry = self.book.carry
        before: PageMentions | None = carry.before("glossary.mentions", src_uri)
        if before is None:
            return
        slugs = {
            s for s in {*before.occurrences, *now.occurrences} if before.occurrences.get(s) != now.occurrences.get(s)
        }
        for slug in slugs & self.glossary.concepts.keys():
            carry.also(self.glossary[slug].src_uri)

    def _view(self, slug: str, page: Page) -> dict[str, str]:
        return self._view_at(slug, page.url, self.glossary[slug].summary)

    def _view_at(self, slug: str, url: str, summary: str) -> dict[str, str]:
        concept = self.glossary[slug]
        return {
            "slug": slug,
            "term": concept.term,
            "summary": summary,
            "url": self.book.relative(self.book.url(concept.src_uri), url),
        }

    def redefined(self, src_uri: str, url: str, slugs: set[str]) -> list[tuple[str, str]] | None:
        """A dirty rebuild after a concept's summary changed (common/incremental.py): the
        parts of the page `src_uri` (not built again) that show the summary of `slugs`, as
        they were and as a full build makes them now; None when the build before left no
        record of the page's parts."""
        carry = self.book.carry
        shows = carry.before("glossary.shows", src_uri)
        before: dict[str, str] | None = carry.before("glossary.summaries", "")
        if shows is None or before is None or any(slug not in before or slug not in self.glossary for slug in slugs):
            return None
        tips, keys, also = shows
        if any(slug not in self.glossary for slug in (*tips, *keys, *also)):
            return None

        def views(names: list[str], then: bool) -> list[dict[str, str]]:
            return [
                self._view_at(slug, url, before[slug] if then and slug in slugs else self.glossary[slug].summary)
                for slug in names
            ]

        redone = [slug for slug in tips if slug in slugs]
        parts = [
            (self.renderer.render("tip-source", concept=old), self.renderer.render("tip-source", concept=new))
            for old, new in zip(views(redone, True), views(redone, False), strict=True)
        ]
        if slugs & {*keys, *also}:
            old_box = self.renderer.render("key-concepts", key_terms=views(keys, True), also=views(also, True))
            new_box = self.renderer.render("key-concepts", key_terms=views(keys, False), also=views(also, False))
            parts.append((old_box, new_box))
        return [(old.rstrip("\n"), new.rstrip("\n")) for old, new in parts if old != new]

    def _tip_sources(self, views: list[dict[str, str]]) -> str:
        return "\n".join(self._tip_source(view) for view in views)

    def _tip_source(self, view: dict[str, str]) -> str:
        """A concept's hidden definition; the same for every page in one folder, so made once."""
        key = (view["slug"], view["url"])
        if key not in self.tip_sources:
            self.tip_sources[key] = self.renderer.render("tip-source", concept=view)
        return self.tip_sources[key]

    # -- on_env: the second pass ----------------------------------------------------

    def on_env(self, files: Files, reading_order: list[str]) -> list[dict[str, Any]]:
        """Fill every concept page; the records of glossary.json, for the other capabilities."""
        carry = self.book.carry  # a dirty rebuild: the pages not built again keep their records
        carry.keep("glossary.mentions", self.mentions)
        carry.keep("glossary.chapters", self.chapters)
        carry.keep("glossary.key_terms", self.key_terms)
        carry.keep("glossary.shows", self.shows)  # and, from it, every concept each page shows:
        carry.keep(USES, {src: [*tips, *keys, *also] for src, (tips, keys, also) in self.shows.items()})
        # One record for the whole book (under ""): every summary, for the next build's `redefined`.
        carry.keep("glossary.summaries", {"": {c.slug: c.summary for c in self.glossary.concepts.values()}})
        carry.keep(NAMED, {src: set(mentions.order) for src, mentions in self.mentions.items()})
        self.chapter_files = self._chapters_in_reading_order(files, reading_order)
        occurrences = self._occurrences_by_concept(self.chapter_files)
        records = []
        for concept in self.glossary.sorted():
            file = files.get_file_from_path(concept.src_uri)
            if file is None or file.page is None:
                continue
            record = self._record(concept, file, occurrences.get(concept.slug, []))
            records.append(record)
            if carry.built(concept.src_uri):  # a concept page MkDocs does not build again keeps its output
                self._fill_concept_page(file.page, record)
        return records

    def publish(self, files: Files, records: list[dict[str, Any]], number: Callable[[str], int | None]) -> None:
        """The pages made from every record, once the other capabilities have added theirs
        (maps/ adds the typed relations): the glossary, the home page's cards, glossary.json."""
        glossary_file = files.get_file_from_path(GLOSSARY_PAGE)
        if glossary_file is not None and glossary_file.page is not None:
            self._fill_glossary_page(glossary_file.page, records)
        home = files.get_file_from_path("index.md")
        if home is not None and home.page is not None and home.page.content:
            cards = [
                {
                    "title": self.chapters[f.src_uri].title,
                    "description": self.chapters[f.src_uri].description,
                    "url": self.book.relative(f.url, home.url),
                    "number": number(f.src_uri),
                }
                for f in self.chapter_files
                if f.src_uri in self.chapters
            ]
            home.page.content = home.page.content.replace(
                CHAPTER_CARDS_MARKER, self.renderer.render("chapter-cards", chapters=cards)
            )
        json_file = files.get_file_from_path(GLOSSARY_JSON)
        if json_file is not None:
            json_file.content_string = _glossary_json(records)

    def _chapters_in_reading_order(self, files: Files, reading_order: list[str]) -> list[File]:
        order = {src: i for i, src in enumerate(reading_order)}
        chapters = [f for f in files.documentation_pages() if f.src_uri in self.mentions and f.page is not None]
        return sorted(chapters, key=lambda f: (order.get(f.src_uri, len(order)), f.src_uri))

    def _occurrences_by_concept(self, chapters: list[File]) -> dict[str, list[tuple[File, Occurrence]]]:
        """Each concept's sections: those that define it (bold) first, then the others, in reading order."""
        found: dict[str, list[tuple[File, Occurrence]]] = {}
        for chapter in chapters:
            for slug, occurrences in self.mentions[chapter.src_uri].occurrences.items():
                found.setdefault(slug, []).extend((chapter, o) for o in occurrences)
        for slug, pairs in found.items():
            found[slug] = [p for p in pairs if p[1].defines] + [p for p in pairs if not p[1].defines]
        return found

    def _record(self, concept: Concept, file: File, occurrences: list[tuple[File, Occurrence]]) -> dict[str, Any]:
        """One concept as glossary.json describes it; URLs relative to the site root."""
        return {
            "slug": concept.slug,
            "term": concept.term,
            "aliases": list(concept.aliases),
            "summary": concept.summary,
            "link": concept.link,
            "url": file.url,
            "related": list(self.glossary.related.get(concept.slug, ())),
            "occurrences": [
                {
                    "chapter": chapter.page.title if chapter.page else chapter.src_uri,
                    "chapter_url": chapter.url,
                    "section": occurrence.section,
                    "url": f"{chapter.url}#{occurrence.anchor}" if occurrence.anchor else chapter.url,
                    "context": occurrence.context,
                    "highlight": list(occurrence.mark) if occurrence.mark else None,
                    "defines": occurrence.defines,
                }
                for chapter, occurrence in occurrences
            ],
        }

    def _fill_concept_page(self, page: Page, record: dict[str, Any]) -> None:
        def rel(url: str) -> str:
            return self.book.relative(url, page.url)

        defined: list[dict[str, Any]] = []
        chapters: list[dict[str, Any]] = []
        for occurrence in record["occurrences"]:
            section = {**occurrence, "url": rel(occurrence["url"]), "quote": _quote(occurrence)}
            if occurrence["defines"]:
                defined.append(section)  # listed by section, under "Defined in"
                continue
            if not chapters or chapters[-1]["url"] != rel(occurrence["chapter_url"]):
                chapters.append({"title": occurrence["chapter"], "url": rel(occurrence["chapter_url"]), "sections": []})
            chapters[-1]["sections"].append(section)
        sections = self.renderer.render(
            "concept-sections",
            ids=CONCEPT_SECTION_IDS,
            aliases=record["aliases"],
            connections_marker=CONNECTIONS_MARKER,
            glossary_url=rel(f"{self.book.url(GLOSSARY_PAGE)}#{record['slug']}"),
        )
        connections = functools.partial(
            self.renderer.render, "concept-connections", ids=CONCEPT_SECTION_IDS, defined=defined, chapters=chapters
        )
        self.book.place(page.file.src_uri, CONNECTIONS_MARKER, connections)
        page.content = (page.content or "").replace(CONCEPT_SECTIONS_MARKER, sections)
        _append_toc(
            page,
            [
                (CONCEPT_SECTION_IDS["aliases"], "Also called", bool(record["aliases"])),
                (CONCEPT_SECTION_IDS["backlinks"], "Where this appears in the book", True),
            ],
        )

    def _fill_glossary_page(self, page: Page, records: list[dict[str, Any]]) -> None:
        # Records come sorted by base letters (Glossary.sorted): "Über-Ich" is listed under U.
        letters: dict[str, list[dict[str, Any]]] = {}
        for record in records:
            letters.setdefault(initial(record["term"]), []).append(
                {
                    **record,
                    "url": self.book.relative(record["url"], page.url),
                    "chapters": len({o["chapter_url"] for o in record["occurrences"]}),
                }
            )
        # Entries join after search indexing, like backlinks: each term, alias and summary is
        # indexed on its concept page, and a second copy here made search cost grow with M.
        ids = {letter: _letter_id(letter) for letter in letters}
        entries = functools.partial(self.renderer.render, "glossary", letters=letters, ids=ids)
        self.book.place(page.file.src_uri, GLOSSARY_MARKER, entries)
        _append_toc(page, [(ids[letter], letter, True) for letter in letters])


def _quote(occurrence: dict[str, Any]) -> dict[str, str]:
    """The quoted sentence in three parts, so the template can <mark> the term (and escape all)."""
    context, highlight = occurrence["context"], occurrence["highlight"]
    if not highlight:
        return {"before": context, "term": "", "after": ""}
    start, end = highlight
    return {"before": context[:start], "term": context[start:end], "after": context[end:]}


def _append_toc(page: Page, entries: list[tuple[str, str, bool]]) -> None:
    """Generated headings join the page's table of contents (under its H1, as Material
    expects); common/assembly.py puts them in the page's order."""
    items = page.toc.items
    parent = items[0].children if items and items[0].level == 1 else items
    for anchor, title, shown in entries:
        if shown:
            parent.append(AnchorLink(title, anchor, 2))


def _letter_id(letter: str) -> str:
    """The id of a letter's heading on the glossary page: glossary--letter-t, glossary--other."""
    return f"glossary--letter-{letter.lower()}" if letter.isalpha() else "glossary--other"


def _glossary_json(records: list[dict[str, Any]]) -> str:
    document = {
        "format": "psychodynamic-theory-glossary",
        "version": 2,
        "description": "One object per concept; URLs are relative to the site root. See about.html#glossary-data.",
        "concepts": records,
    }
    # Compact, because indenting makes json fall back to its pure-Python encoder.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
