"""MkDocs hooks of the glossary and concept engine (registered in mkdocs.yml).

The build runs in two passes. While MkDocs renders each page's Markdown, the linker
links and records concept mentions (`on_page_markdown` sets the page, the Markdown
extension does the work). Only when every page is rendered (`on_env`) are the pages
that depend on all others filled in: concept pages (backlinks; related concepts are on
the concept map, hooks/conceptbook/maps/), the
glossary, the home page's chapter cards and glossary.json. A chapter's key-terms box,
a concept's related concepts and backlinks, and the hidden definitions that term links
show as toggletips only repeat text indexed elsewhere, so they go into the finished HTML
(`on_post_page`), after the search plugin has indexed it.

`mkdocs serve` loads this module once and reuses it for every rebuild, so all state
lives in a `Build` object that `on_config` creates afresh for each build.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from conceptbook.authoring import FileIndex, check_page
from conceptbook.citations.capability import REFERENCES_ID, REFERENCES_MARKER, Citations
from conceptbook.common.assembly import Assembly
from conceptbook.common.background import Deferred
from conceptbook.common.files import Sources, drop_generated, message_path
from conceptbook.common.templates import share_compiled_templates
from conceptbook.common.text import html_attr, html_text, markdown_literal
from conceptbook.glossary.chapters import ChapterMeta, check_chapter, check_nav, is_chapter
from conceptbook.glossary.forms import initial
from conceptbook.glossary.frontmatter import FrontMatterError, closed_front_matter, parse
from conceptbook.glossary.keyterms import choose
from conceptbook.glossary.linker import ConceptExtension, Linker, PageContext
from conceptbook.glossary.markers import (
    CHAPTER_CARDS_MARKER,
    CONCEPT_SECTIONS_MARKER,
    CONNECTIONS_MARKER,
    GLOSSARY_MARKER,
    KEY_CONCEPTS_MARKER,
    TIPS_MARKER,
)
from conceptbook.glossary.model import (
    Concept,
    Glossary,
    build_glossary,
    is_concept_file,
    misplaced_concept,
    read_concept,
    slug_of,
)
from conceptbook.glossary.occurrences import Occurrence, PageMentions
from conceptbook.glossary.render import Renderer
from conceptbook.glossary.report import log, where
from conceptbook.maps.capability import MAP_ID, Maps
from conceptbook.numbering.capability import Numbering
from conceptbook.questions.capability import TEST_YOURSELF_ID, Questions
from conceptbook.safety.files import drop_unreadable
from conceptbook.safety.html import check_html
from conceptbook.safety.meta import protect_meta

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

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


class Build:
    """Everything one build learns, rebuilt from scratch for every build."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.root = Path(config.config_file_path).parent
        self.glossary = Glossary()
        self.linker = Linker(self.glossary)
        self.renderer = Renderer(Path(config.theme.custom_dir or self.root / "overrides"))
        self.reading_order: list[str] = []
        self.mentions: dict[str, PageMentions] = {}
        self.chapters: dict[str, ChapterMeta] = {}
        self.files = Files([])
        # HTML that pages get at the end (on_post_page), made when first asked for
        # (common/background.py): src_uri -> [(marker, key of the job that makes the HTML)].
        self.deferred = Deferred()
        self.late: dict[str, list[tuple[str, int]]] = {}
        self.paths: dict[tuple[str, str | None], str] = {}  # see path()
        self.urls: dict[str, str] = {}  # see url()
        self.relatives: dict[tuple[str, str], str] = {}  # see relative()
        self.tip_sources: dict[tuple[str, str], str] = {}  # (slug, relative URL) -> HTML, see _tip_source
        self.summaries: dict[str, str] = {}  # concept page src_uri -> its summary's HTML, see on_page_content
        self.source = Sources()  # each page's text, read once (MkDocs' File reads it on every call)
        self.citations = Citations(config, self.source)  # hooks/conceptbook/citations/: one call per event below
        overrides = Path(config.theme.custom_dir or self.root / "overrides")
        self.maps = Maps(config, overrides, self.path, self.url, self.relative, self.deferred)
        self.numbering = Numbering(self.path, self.source)  # hooks/conceptbook/numbering/: chapter and figure numbers
        self.questions = Questions(config, overrides, self.path, self.source)  # hooks/conceptbook/questions/
        self.key_terms: dict[str, list[str]] = {}  # chapter src_uri -> its key terms (the box's list)
        self.file_index: FileIndex | None = None  # the build's files, for authoring/links.py
        # Where each generated section stands (common/assembly.py), for the table of contents.
        self.assembly = Assembly()
        self.assembly.declare(REFERENCES_ID, REFERENCES_MARKER)
        self.assembly.declare(MAP_ID, CONNECTIONS_MARKER, -1)  # maps: just before the connections
        self.assembly.declare(CONCEPT_SECTION_IDS["backlinks"], CONNECTIONS_MARKER, 1)
        self.assembly.declare(TEST_YOURSELF_ID, CONNECTIONS_MARKER, 2)  # questions: just after them

    def url(self, src_uri: str) -> str:
        """The site-root-relative URL of a source file of this build (looked up once per file:
        every page's tips, key terms and maps ask for the same concepts)."""
        if src_uri not in self.urls:
            file = self.files.get_file_from_path(src_uri)
            self.urls[src_uri] = file.url if file is not None else src_uri
        return self.urls[src_uri]

    def relative(self, url: str, base: str) -> str:
        """Site-root-relative `url` as a link from the page at `base`, worked out once per
        pair: tips, key terms, concept pages and maps link the same concepts and chapters
        from the same pages."""
        key = (url, base)
        if key not in self.relatives:
            self.relatives[key] = get_relative_url(url, base)
        return self.relatives[key]

    def path(self, file: File) -> str:
        """A file as named in messages, from the docs folder's parent: docs/chapters/x.md."""
        key = (file.src_uri, file.abs_src_path)
        if key not in self.paths:
            self.paths[key] = message_path(file, self.config.docs_dir)
        return self.paths[key]


build: Build | None = None


def _build() -> Build:
    if build is None:  # pragma: no cover - MkDocs always calls on_config first
        raise RuntimeError("the glossary hooks ran without on_config")
    return build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global build
    build = Build(config)
    config.markdown_extensions.append(ConceptExtension(build.linker))  # type: ignore[arg-type]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = _build()
    state.files = files
    drop_unreadable(files, state.path, state.source)
    drop_generated(
        files, GENERATED, state.path, "by the glossary engine", log, " (the glossary is built from docs/concepts/)"
    )

    concepts: list[Concept] = []
    for file in files.documentation_pages():
        if is_concept_file(file.src_uri):
            concept = read_concept(file.src_uri, state.path(file), state.source(file))
            if concept is not None:
                concepts.append(concept)
        elif misplaced_concept(file.src_uri):
            log.error(f"{state.path(file)}: {misplaced_concept(file.src_uri)}")
    state.glossary = build_glossary(concepts)
    state.linker.load(state.glossary)
    state.citations.on_files(files, config)
    state.maps.on_files(state.glossary, files)
    state.questions.on_files(files, config)

    files.append(File.generated(config, GLOSSARY_PAGE, content=GLOSSARY_SOURCE))
    files.append(File.generated(config, GLOSSARY_JSON, content="{}"))  # filled in on_env
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    state = _build()
    state.reading_order = [page.file.src_uri for page in nav.pages]
    check_nav(state.reading_order, [(f.src_uri, state.path(f)) for f in files.documentation_pages()])
    state.numbering.on_nav(state.reading_order, files)
    state.citations.on_nav(files, state.numbering.number)
    return nav


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """The text already read (MkDocs would read the file again), with a newline after front
    matter that closes at the end of the file (MkDocs' reader needs one)."""
    source = _build().source(page.file)
    return closed_front_matter(source) or source


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = _build()
    src_uri = page.file.src_uri
    path = state.path(page.file)
    source = state.source(page.file)  # messages need its line numbers
    _protect_meta(page, path, source)
    markdown = state.numbering.on_page_markdown(markdown, page, path, source)
    context = PageContext(src_uri=src_uri, path=path, source=source, is_chapter=is_chapter(src_uri))
    state.linker.page = context
    state.citations.on_page_markdown(page, path, source)
    if state.file_index is None:  # every file of the build is known by now
        state.file_index = FileIndex(files)
    check_page(
        page.file, path, source, state.file_index, state.citations.knows
    )  # hooks/conceptbook/authoring/: as the tests would

    if context.is_chapter:
        state.mentions[src_uri] = context.mentions
        meta = check_chapter(path, source)
        if meta is not None:
            state.chapters[src_uri] = meta
        return markdown

    if is_concept_file(src_uri) and slug_of(src_uri) in state.glossary:
        concept = state.glossary[slug_of(src_uri)]
        context.own_slug = concept.slug
        page.meta["title"] = html_text(concept.term)  # MkDocs' titles are HTML: see safety/meta.py
        page.meta.setdefault("description", html_attr(concept.summary))
        page.meta["search"] = {**(page.meta.get("search") or {}), "boost": SEARCH_BOOST}
        # The summary joins the HTML under the heading (on_page_content): as raw HTML in
        # the Markdown it cost a parse by md_in_html on every concept page.
        state.summaries[src_uri] = f'<p class="concept-summary">{html_attr(concept.summary)}</p>'
        return f"# {markdown_literal(concept.term)}\n\n{markdown}\n\n{CONCEPT_SECTIONS_MARKER}\n"
    return markdown


def _protect_meta(page: Page, path: str, source: str) -> None:
    """Escape what the theme prints raw; front matter our reader rejects is not used at all
    (MkDocs' reader is laxer: it would still print an alias bomb or a duplicated key)."""
    try:
        line_of_key = parse(source).line_of_key
    except FrontMatterError as error:
        page.meta.clear()
        line_of_key = None
        if not is_chapter(page.file.src_uri) and not is_concept_file(page.file.src_uri):  # those checks report it
            log.error(f"{where(path, error.line)}: {error.message}.")
    protect_meta(page.meta, path, line_of_key)


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = _build()
    context, state.linker.page = state.linker.page, None
    summary = state.summaries.pop(page.file.src_uri, None)
    if summary is not None:  # right under the page's heading, its first block
        content = content.replace("</h1>\n", f"</h1>\n{summary}\n\n", 1)
    # A generated page's source is the engine's own: the final check (hooks/safety_hooks.py)
    # names the file of docs/ its text came from.
    if page.file.generated_by is None:
        content = check_html(content, state.path(page.file), state.source(page.file))
    content = state.numbering.on_page_content(content, page)
    content = state.citations.on_page_content(content, page)
    content = state.questions.on_page_content(
        content, page, lambda slug: slug in state.glossary, list(state.glossary.concepts), state.citations.knows
    )
    if context is not None and context.mentions.tips:
        # The tip contract: one hidden definition per concept the page links (linker.make_link).
        views = [_concept_view(state, slug, page) for slug in context.mentions.tips]
        _late(state, page, TIPS_MARKER, functools.partial(_tip_sources, state, views))
        content = f"{content}\n{TIPS_MARKER}\n"
    mentions = state.mentions.get(page.file.src_uri)
    if mentions is None:
        return content
    meta = state.chapters.get(page.file.src_uri)
    keys, also = choose(
        state.path(page.file),
        mentions.defined,
        mentions.order,
        meta.key_terms if meta is not None else None,
        lambda slug: slug in state.glossary,
        state.linker.hint,
    )
    state.key_terms[page.file.src_uri] = list(keys)
    if keys or also:
        box = functools.partial(
            state.renderer.render,
            "key-concepts",
            key_terms=[_concept_view(state, slug, page) for slug in keys],
            also=[_concept_view(state, slug, page) for slug in also],
        )
        _late(state, page, KEY_CONCEPTS_MARKER, box)
    if KEY_CONCEPTS_MARKER in content:
        return content
    return f"{content}\n{KEY_CONCEPTS_MARKER}\n"  # no marker: the box goes at the end


def _late(state: Build, page: Page, marker: str, make_html: Callable[[], str]) -> None:
    """`make_html` makes what replaces `marker` in the finished page: it must only render."""
    state.late.setdefault(page.file.src_uri, []).append((marker, state.deferred.add(make_html)))


def _concept_view(state: Build, slug: str, page: Page) -> dict[str, str]:
    concept = state.glossary[slug]
    return {
        "slug": slug,
        "term": concept.term,
        "summary": concept.summary,
        "url": state.relative(_concept_url(state, slug), page.url),
    }


def _tip_sources(state: Build, views: list[dict[str, str]]) -> str:
    return "\n".join(_tip_source(state, view) for view in views)


def _tip_source(state: Build, view: dict[str, str]) -> str:
    """A concept's hidden definition; the same for every page in one folder, so made once."""
    key = (view["slug"], view["url"])
    if key not in state.tip_sources:
        state.tip_sources[key] = state.renderer.render("tip-source", concept=view)
    return state.tip_sources[key]


def _concept_url(state: Build, slug: str) -> str:
    return state.url(state.glossary[slug].src_uri)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    share_compiled_templates(env)  # the theme's templates: compiled once per process
    state = _build()
    state.citations.on_env(files)
    chapters = _chapters_in_reading_order(state, files)
    occurrences = _occurrences_by_concept(state, chapters)

    records = []
    for concept in state.glossary.sorted():
        file = files.get_file_from_path(concept.src_uri)
        if file is None or file.page is None:
            continue
        record = _record(state, concept, file, occurrences.get(concept.slug, []))
        records.append(record)
        _fill_concept_page(state, file.page, record)
    state.maps.on_env(records, state.mentions, state.reading_order)
    state.questions.on_env(
        files,
        state.key_terms,
        state.reading_order,
        state.relative,
        [(c.slug, c.term, c.summary) for c in state.glossary.sorted()],
    )

    glossary_file = files.get_file_from_path(GLOSSARY_PAGE)
    if glossary_file is not None and glossary_file.page is not None:
        _fill_glossary_page(state, glossary_file.page, records)
    home = files.get_file_from_path("index.md")
    if home is not None and home.page is not None and home.page.content:
        cards = [
            {
                "title": state.chapters[f.src_uri].title,
                "description": state.chapters[f.src_uri].description,
                "url": get_relative_url(f.url, home.url),
                "number": state.numbering.number(f.src_uri),
            }
            for f in chapters
            if f.src_uri in state.chapters
        ]
        home.page.content = home.page.content.replace(
            CHAPTER_CARDS_MARKER, state.renderer.render("chapter-cards", chapters=cards)
        )
    json_file = files.get_file_from_path(GLOSSARY_JSON)
    if json_file is not None:
        json_file.content_string = _glossary_json(records)
    return env


def _chapters_in_reading_order(state: Build, files: Files) -> list[File]:
    order = {src: i for i, src in enumerate(state.reading_order)}
    chapters = [f for f in files.documentation_pages() if f.src_uri in state.mentions and f.page is not None]
    return sorted(chapters, key=lambda f: (order.get(f.src_uri, len(order)), f.src_uri))


def _occurrences_by_concept(state: Build, chapters: list[File]) -> dict[str, list[tuple[File, Occurrence]]]:
    """Each concept's sections: those that define it (bold) first, then the others, in reading order."""
    found: dict[str, list[tuple[File, Occurrence]]] = {}
    for chapter in chapters:
        for slug, occurrences in state.mentions[chapter.src_uri].occurrences.items():
            found.setdefault(slug, []).extend((chapter, o) for o in occurrences)
    for slug, pairs in found.items():
        found[slug] = [p for p in pairs if p[1].defines] + [p for p in pairs if not p[1].defines]
    return found


def _record(state: Build, concept: Concept, file: File, occurrences: list[tuple[File, Occurrence]]) -> dict[str, Any]:
    """One concept as glossary.json describes it; URLs relative to the site root."""
    return {
        "slug": concept.slug,
        "term": concept.term,
        "aliases": list(concept.aliases),
        "summary": concept.summary,
        "link": concept.link,
        "url": file.url,
        "related": list(state.glossary.related.get(concept.slug, ())),
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


def _fill_concept_page(state: Build, page: Page, record: dict[str, Any]) -> None:
    def rel(url: str) -> str:
        return state.relative(url, page.url)

    defined: list[dict[str, Any]] = []
    chapters: list[dict[str, Any]] = []
    for occurrence in record["occurrences"]:
        section = {**occurrence, "url": rel(occurrence["url"]), "quote": _quote(occurrence)}
        if occurrence["defines"]:
            defined.append({**section, "chapter_url": rel(occurrence["chapter_url"])})
            continue
        if not chapters or chapters[-1]["url"] != rel(occurrence["chapter_url"]):
            chapters.append({"title": occurrence["chapter"], "url": rel(occurrence["chapter_url"]), "sections": []})
        chapters[-1]["sections"].append(section)
    sections = state.renderer.render(
        "concept-sections",
        ids=CONCEPT_SECTION_IDS,
        aliases=record["aliases"],
        connections_marker=CONNECTIONS_MARKER,
        glossary_url=rel(f"{state.url(GLOSSARY_PAGE)}#{record['slug']}"),
    )
    connections = functools.partial(
        state.renderer.render,
        "concept-connections",
        ids=CONCEPT_SECTION_IDS,
        defined=defined,
        chapters=chapters,
    )
    _late(state, page, CONNECTIONS_MARKER, connections)
    page.content = (page.content or "").replace(CONCEPT_SECTIONS_MARKER, sections)
    _append_toc(
        page,
        [
            (CONCEPT_SECTION_IDS["aliases"], "Also called", bool(record["aliases"])),
            (CONCEPT_SECTION_IDS["backlinks"], "Where this appears in the book", True),
        ],
    )


def _quote(occurrence: dict[str, Any]) -> dict[str, str]:
    """The quoted sentence in three parts, so the template can <mark> the term (and escape all)."""
    context, highlight = occurrence["context"], occurrence["highlight"]
    if not highlight:
        return {"before": context, "term": "", "after": ""}
    start, end = highlight
    return {"before": context[:start], "term": context[start:end], "after": context[end:]}


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """Every generated section is declared or in place: order the table of contents as the page."""
    items = page.toc.items
    parent = items[0].children if items and items[0].level == 1 else items
    parent[:] = _build().assembly.order_toc(list(parent), page.content or "")
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Put late parts (key-terms box, tip sources, related concepts, backlinks) into the finished HTML.

    They run after the search plugin has indexed the page (on_page_context): backlinks
    quote a sentence of every chapter section that mentions the concept, and the box and
    the related list repeat terms, so all of them repeat text the index already holds on
    its own pages, and indexing them again was the engine's largest cost (see benchmarks/).
    """
    output = _build().citations.on_post_page(output, page)
    output = _build().maps.on_post_page(output, page, CONNECTIONS_MARKER)
    output = _build().questions.on_post_page(output, page, CONNECTIONS_MARKER)
    state = _build()
    for marker, key in state.late.pop(page.file.src_uri, []):
        output = output.replace(marker, state.deferred.get(key).rstrip("\n"), 1)
    return output


def _append_toc(page: Page, entries: list[tuple[str, str, bool]]) -> None:
    """Generated headings join the page's table of contents (under its H1, as Material expects)."""
    items = page.toc.items
    parent = items[0].children if items and items[0].level == 1 else items
    for anchor, title, shown in entries:
        if shown:
            parent.append(AnchorLink(title, anchor, 2))


def _fill_glossary_page(state: Build, page: Page, records: list[dict[str, Any]]) -> None:
    # Records come sorted by base letters (Glossary.sorted): "Über-Ich" is listed under U.
    letters: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        letters.setdefault(initial(record["term"]), []).append(
            {
                **record,
                "url": get_relative_url(record["url"], page.url),
                "chapters": len({o["chapter_url"] for o in record["occurrences"]}),
            }
        )
    # Entries join after search indexing, like backlinks: each term, alias and summary is
    # indexed on its concept page, and a second copy here made search cost grow with M.
    ids = {letter: _letter_id(letter) for letter in letters}
    _late(state, page, GLOSSARY_MARKER, functools.partial(state.renderer.render, "glossary", letters=letters, ids=ids))
    _append_toc(page, [(ids[letter], letter, True) for letter in letters])


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
