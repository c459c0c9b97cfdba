"""MkDocs hooks of the safety capability (hooks/conceptbook/safety/), registered in mkdocs.yml.

- `on_files`, before the engine reads any page: links (symlinks) to outside docs/, file
  names that would break out of an attribute or hide, files of a type the book does not
  publish (.html, .xml, .rss ...) and SVG files with code are reported; the first three
  are left out, an SVG is published without its code.
- `on_page_markdown`: which page is rendered, for the messages of snippet includes
  that cannot be read (safety/snippets.py).
- `on_page_context`, after the search plugin has indexed the page: the content is marked.
- `on_post_page`, after every other hook and plugin has finished the page (the engine's
  late parts, glightbox's scripts): the final check (safety/output.py).

The early check of author-written HTML, with file:line, runs in the engine's
`on_page_content` (hooks/concept_hooks.py, safety/html.py). `mkdocs serve` loads this
module once: each build's state is made afresh in `on_config`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from conceptbook.common.files import message_path
from conceptbook.safety.files import check_svg_files, drop_active_files, drop_outside_links, drop_unsafe_names
from conceptbook.safety.output import FinalCheck
from conceptbook.safety.snippets import SnippetGuard

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

SOURCE_SUFFIXES = (".md", ".markdown", ".bib", ".yml", ".yaml")  # files whose text reaches pages


class Safety:
    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.files = Files([])
        self.final = FinalCheck(self._sources)
        self.page: File | None = None  # the page being rendered, for SnippetGuard's messages

    def path(self, file: File) -> str:
        """A file as named in messages, from the docs folder's parent: docs/chapters/x.md."""
        return message_path(file, self.config.docs_dir)

    def _sources(self) -> Iterator[tuple[str, str]]:
        for file in self.files:
            if file.generated_by is None and file.src_uri.lower().endswith(SOURCE_SUFFIXES):
                try:
                    yield self.path(file), file.content_string
                except (OSError, UnicodeDecodeError):  # reported by the checks that read it
                    continue

    def replace(self, file: File, content: str) -> None:
        self.files.remove(file)
        self.files.append(File.generated(self.config, file.src_uri, content=content))


state: Safety | None = None


def _state() -> Safety:
    if state is None:  # pragma: no cover - MkDocs always calls on_config first
        raise RuntimeError("the safety hooks ran without on_config")
    return state


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global state
    state = Safety(config)
    config.markdown_extensions.append(SnippetGuard(_rendered_page, config.docs_dir))  # type: ignore[arg-type]
    return config


def _rendered_page() -> tuple[str, str] | None:
    """The page being rendered and its source, read only when a message needs its lines."""
    if state is None or state.page is None:
        return None
    try:
        return state.path(state.page), state.page.content_string
    except (OSError, UnicodeDecodeError):
        return state.path(state.page), ""


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    _state().page = page.file
    return markdown


@event_priority(50)  # before the engine (0) reads concepts and pages: a left-out file is never read
def on_files(files: Files, config: MkDocsConfig) -> Files:
    safety = _state()
    safety.files = files
    drop_outside_links(files, config.docs_dir, safety.path)
    drop_unsafe_names(files, safety.path)
    drop_active_files(files, config.docs_dir, safety.path)
    check_svg_files(files, safety.path, safety.replace)
    return files


@event_priority(-100)  # after the search plugin (0) has indexed the content: the marks stay out of the index
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    page.content = _state().final.mark(page.content or "")
    return context


@event_priority(-100)  # last: after the engine's late parts (0) and glightbox's re-serialised page (0)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    safety = _state()
    file = page.file

    def source() -> str | None:
        if file.generated_by is not None or not file.abs_src_path:
            return None
        try:
            return file.content_string
        except (OSError, UnicodeDecodeError):
            return None

    return safety.final.check(output, safety.path(file), source)
