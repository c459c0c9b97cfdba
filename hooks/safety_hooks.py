"""MkDocs hooks of the safety capability (hooks/conceptbook/safety/capability.py): the adapter.

Each event is handed to the build's `Safety` at the priority its check needs (MkDocs
runs higher priorities first; the engine's other hooks and the plugins run at 0).
`mkdocs serve` loads this module once: each build's state is made afresh in `on_config`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority

from conceptbook.safety.capability import Safety

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

state: Safety | None = None


def _state() -> Safety:
    if state is None:  # pragma: no cover - MkDocs always calls on_config first
        raise RuntimeError("the safety hooks ran without on_config")
    return state


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global state
    state = Safety(config)
    return config


@event_priority(50)  # before the engine (0) reads concepts and pages: a left-out file is never read
def on_files(files: Files, config: MkDocsConfig) -> Files:
    _state().on_files(files)
    return files


@event_priority(50)  # before any capability reads the page's title or description
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _state().on_page_markdown(markdown, page)


@event_priority(50)  # the author's HTML as Markdown made it, before any capability adds to it
def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _state().on_page_content(content, page)


@event_priority(-100)  # after the search plugin (0) has indexed the content: the marks stay out of the index
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    _state().on_page_context(page)
    return context


@event_priority(-100)  # last: after the engine's parts (0) and glightbox's re-serialised page (0)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _state().on_post_page(output, page)
