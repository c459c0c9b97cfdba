"""MkDocs hooks of the book engine (registered in mkdocs.yml): the adapter, and only that.

Each MkDocs event is handed to the capabilities in hooks/conceptbook/, in the order the
book needs: the glossary, citations, maps, numbering and questions, with the authoring
checks between them (the safety checks have their own hooks, at the priorities they
need). They share one `Book` (common/book.py): the build's files and their text, links
between pages, what a dirty rebuild keeps, and the one page assembly that puts every
generated part into the finished page (`on_post_page`). How a page flows: ARCHITECTURE.md.
`mkdocs serve` loads this module once: all state lives in the `Build` of each `on_config`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority

from conceptbook.authoring import FileIndex, check_page
from conceptbook.citations.capability import Citations
from conceptbook.common import incremental, rebuild
from conceptbook.common.book import Book
from conceptbook.common.templates import share_compiled_templates
from conceptbook.glossary.capability import Concepts
from conceptbook.glossary.chapters import check_nav
from conceptbook.glossary.frontmatter import closed_front_matter
from conceptbook.maps.capability import Maps
from conceptbook.numbering.capability import Numbering
from conceptbook.questions.capability import Questions

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page


class Build:
    """One build's capabilities, made afresh in `on_config`."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.book = Book(config)
        # The order of the Markdown extensions they add: citations, then term links.
        self.citations = Citations(self.book)
        self.concepts = Concepts(self.book)
        self.maps = Maps(self.book)
        self.numbering = Numbering(self.book.path, self.book.source)
        self.questions = Questions(self.book)
        self.reading_order: list[str] = []
        self.file_index: FileIndex | None = None  # the build's files, for authoring/links.py


build: Build | None = None


def _build() -> Build:
    if build is None:  # pragma: no cover - MkDocs always calls on_config first
        raise RuntimeError("the engine's hooks ran without on_config")
    return build


def on_startup(command: str, dirty: bool) -> None:
    incremental.DIRTY = dirty  # rebuild only what an edit changes (common/incremental.py)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global build
    build = Build(config)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = _build()
    state.book.files = files
    state.concepts.on_files(files)
    state.citations.on_files(files, config)
    state.maps.on_files(state.concepts.glossary, files)
    state.questions.on_files(files, config)
    state.concepts.add_pages(files)
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    state = _build()
    state.reading_order = [page.file.src_uri for page in nav.pages]
    check_nav(state.reading_order, [(f.src_uri, state.book.path(f)) for f in files.documentation_pages()])
    state.numbering.on_nav(state.reading_order, files)
    state.citations.on_nav(files, state.numbering.number)
    rebuild.plan(state.book, files, nav.pages, state.concepts, state.numbering.targets)
    return nav


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """The text already read (MkDocs would read the file again), with a newline after front
    matter that closes at the end of the file (MkDocs' reader needs one)."""
    source = _build().book.source(page.file)
    return closed_front_matter(source) or source


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = _build()
    path, source = state.book.path(page.file), state.book.source(page.file)  # messages need its lines
    markdown = state.numbering.on_page_markdown(markdown, page, path, source)
    state.citations.on_page_markdown(page, path, source)
    if state.file_index is None:  # every file of the build is known by now
        state.file_index = FileIndex(files)
    check_page(page.file, path, source, state.file_index, state.citations.knows)  # as the tests would
    return state.concepts.on_page_markdown(markdown, page, path, source)


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = _build()
    content = state.numbering.on_page_content(content, page)
    content = state.citations.on_page_content(content, page)
    glossary = state.concepts.glossary
    content = state.questions.on_page_content(
        content, page, state.concepts.knows, list(glossary.concepts), state.citations.knows
    )
    return state.concepts.on_page_content(content, page)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    share_compiled_templates(env)  # the theme's templates: compiled once per process
    state = _build()
    state.citations.on_env(files)
    records = state.concepts.on_env(files, state.reading_order)
    state.maps.on_env(records, state.concepts.mentions, state.reading_order)
    concepts = [(c.slug, c.term, c.summary) for c in state.concepts.glossary.sorted()]
    state.questions.on_env(files, state.concepts.key_terms, state.reading_order, state.book.relative, concepts)
    state.concepts.publish(files, records, state.numbering.number)
    return env


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """Every generated section is declared or in place: order the table of contents as the page."""
    items = page.toc.items
    parent = items[0].children if items and items[0].level == 1 else items
    parent[:] = _build().book.assembly.order_toc(list(parent), page.content or "")
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Every generated part placed for the page joins its HTML, in one pass, after the search
    plugin has indexed it (on purpose: they repeat text indexed once, on its own page)."""
    return _build().book.finish(page.file, output, page.title)


@event_priority(-200)  # last of all: every capability has kept its records
def on_post_build(config: MkDocsConfig) -> None:
    _build().book.close()
