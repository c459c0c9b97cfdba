"""The safety capability as the build sees it: one method per MkDocs event.

hooks/safety_hooks.py creates a `Safety` with each build and calls it once per event,
at the priorities that put each check where it must stand: the files first of all,
before any capability reads one; a page's front matter and its HTML before any other
capability reads or adds to them; the finished page after everything else.

- `on_files`: links (symlinks) to outside docs/, file names that would break out of an
  attribute or hide, files of a type the book does not publish (.html, .xml, .rss ...),
  SVG files with code and Markdown that is not UTF-8 are reported; all but the SVG are
  left out, an SVG is published without its code (safety/files.py).
- `on_page_markdown`: what the theme prints from the front matter is escaped
  (safety/meta.py), and the page is known to the snippet guard's messages.
- `on_page_content`: the HTML Markdown made from the author's text, with file:line
  (safety/html.py).
- `on_page_context`, after the search plugin has indexed the page: the content is marked.
- `on_post_page`, after every other hook and plugin has finished the page (the engine's
  generated parts, glightbox's scripts): the final check (safety/output.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mkdocs.structure.files import File, Files

from conceptbook.common.files import Sources, message_path
from conceptbook.glossary.chapters import is_chapter
from conceptbook.glossary.model import is_concept_file

from .files import check_svg_files, drop_active_files, drop_outside_links, drop_unreadable, drop_unsafe_names
from .html import check_html
from .meta import protect_page_meta
from .output import FinalCheck
from .snippets import SnippetGuard

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

SOURCE_SUFFIXES = (".md", ".markdown", ".bib", ".yml", ".yaml")  # files whose text reaches pages


class Safety:
    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.files = Files([])
        self.source = Sources()
        self.final = FinalCheck(self._sources)
        self.page: File | None = None  # the page being rendered, for SnippetGuard's messages
        config.markdown_extensions.append(SnippetGuard(self._rendered_page, config.docs_dir))  # type: ignore[arg-type]

    def path(self, file: File) -> str:
        """A file as named in messages, from the docs folder's parent: docs/chapters/x.md."""
        return message_path(file, self.config.docs_dir)

    def on_files(self, files: Files) -> None:
        self.files = files
        docs_dir = self.config.docs_dir
        drop_outside_links(files, docs_dir, self.path)
        drop_unsafe_names(files, self.path)
        drop_active_files(files, docs_dir, self.path)
        check_svg_files(files, self.path, self._replace)
        drop_unreadable(files, self.path, self.source)

    def on_page_markdown(self, markdown: str, page: Page) -> str:
        self.page = page.file
        src_uri = page.file.src_uri
        reported_elsewhere = is_chapter(src_uri) or is_concept_file(src_uri)  # their own checks name the fault
        protect_page_meta(page, self.path(page.file), self.source(page.file), reported_elsewhere)
        return markdown

    def on_page_content(self, content: str, page: Page) -> str:
        if page.file.generated_by is not None:  # the engine's own text: the final check reads it
            return content
        return check_html(content, self.path(page.file), self.source(page.file))

    def on_page_context(self, page: Page) -> None:
        page.content = self.final.mark(page.content or "")

    def on_post_page(self, output: str, page: Page) -> str:
        file = page.file

        def source() -> str | None:
            if file.generated_by is not None or not file.abs_src_path:
                return None
            try:
                return self.source(file)
            except (OSError, UnicodeDecodeError):
                return None

        return self.final.check(output, self.path(file), source)

    def _rendered_page(self) -> tuple[str, str] | None:
        """The page being rendered and its source, read only when a message needs its lines."""
        if self.page is None:
            return None
        try:
            return self.path(self.page), self.source(self.page)
        except (OSError, UnicodeDecodeError):
            return self.path(self.page), ""

    def _sources(self) -> Iterator[tuple[str, str]]:
        for file in self.files:
            if file.generated_by is None and file.src_uri.lower().endswith(SOURCE_SUFFIXES):
                try:
                    yield self.path(file), self.source(file)
                except (OSError, UnicodeDecodeError):  # reported by the checks that read it
                    continue

    def _replace(self, file: File, content: str) -> None:
        self.files.remove(file)
        self.files.append(File.generated(self.config, file.src_uri, content=content))
