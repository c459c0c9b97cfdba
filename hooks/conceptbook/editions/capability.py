"""The editions as the build sees them: one method per MkDocs event.

hooks/editions_hooks.py creates an `Editions` with each build and calls it once per event.

- on_files: `print.html` joins the files as a placeholder, so Markdown links to it
  validate under --strict; the PDF, EPUB and zip found in the editions folder (when the
  adapter names one) are published at downloads/<name>.
- on_nav: the book's sections in reading order: the chapters as the nav lists them, then
  the answer key, the glossary and the bibliography (whichever the book has).
- on_page_content: `<!-- downloads -->` becomes the list of editions (downloads.html).
- on_page_context, last (after page assembly, the search plugin and the safety marks):
  a section's content is wrapped in two marks that carry a token made afresh for each
  build, so no source file can forge them; its title (with its chapter number, which
  hooks/conceptbook/numbering/ put into the page's title) and the chapter's authors are
  kept.
- on_post_page, last (after the engine's late parts, glightbox and the final safety
  check): what lies between the marks is the section's finished content: every
  generated part in place, exactly what the page shows. The marks go again.
- on_post_build: the book is assembled from those contents (book.py), rendered with
  overrides/editions/print-book.html, put in the theme's frame the way MkDocs renders
  any page (overrides/editions/print-page.html, which extends main.html, with a page of
  its own), and written to site/print.html.

No file of the site is read: the content comes from the build itself, and
tests/test_editions.py checks it (a page changed on disk after it was written does not
change print.html).
"""

from __future__ import annotations

import html
import logging
import re
import secrets
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from mkdocs.commands.build import get_context
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_relative_url, write_file

from conceptbook.common import incremental
from conceptbook.common.report import where
from conceptbook.common.templates import template_env
from conceptbook.glossary.chapters import is_chapter
from conceptbook.glossary.report import line_of
from conceptbook.settings import Settings

from .book import APPENDICES, CONTENTS_ID, PRINT_PAGE, TITLE_PAGE_ID, Book, BookInfo, Section, assemble

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation

log = logging.getLogger("mkdocs.hooks.editions")
DOWNLOADS_MARKER = "<!-- downloads -->"
DOWNLOADS_DIR = "downloads"
EDITIONS = (  # file name, link text, what it is
    ("psychodynamic-theory.pdf", "PDF", "for printing or reading on a tablet, with bookmarks and a linked glossary"),
    ("psychodynamic-theory.epub", "EPUB", "for e-readers and reading apps; the text reflows to fit the screen"),
    (
        "psychodynamic-theory-offline.zip",
        "Offline website (zip)",
        "unpack it and open index.html: search and definitions work with no network",
    ),
)
PRINT_TITLE = "The whole book"
FRAME = "editions/print-page.html"  # under overrides/: Material's main.html, without a chapter's parts
CHAPTER_META = ("authors", "reviewed_by", "last_reviewed")  # shown under a chapter (partials/chapter-meta.html)
NOT_SHOWN = (
    "<p>This page is not shown in the whole book: it carries code, which the build reports with the file "
    "and line to fix.</p>"
)


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(size // 1000, 1)} kB"


class Editions:
    """Everything one build learns for its editions."""

    def __init__(self, config: MkDocsConfig, settings: Settings) -> None:
        self.config = config
        self.epoch = settings.source_date_epoch  # the date on the title page
        editions_dir, env_name = settings.editions_dir, "EDITIONS_DIR"
        self.editions_dir = editions_dir  # where a deploy put the PDF, EPUB and zip (None: a local build)
        self.env_name = env_name  # the setting that names it, for messages
        overrides = Path(config.theme.custom_dir or Path(config.config_file_path).parent / "overrides")
        self.templates = template_env(overrides)  # editions/*.html, and the chapter-meta partial they share
        token = secrets.token_hex(16)
        self.begin = f"<!--print-content-{token}-->"
        self.end = f"<!--/print-content-{token}-->"
        self.order: dict[str, str] = {}  # src_uri -> kind, in the book's order
        self.sections: dict[str, Section] = {}  # src_uri -> its section, content filled by on_post_page
        self.description = html.escape(config.site_description or "")  # the home page's, as HTML
        self.home: dict[str, str] = {}  # the home page's source -> its description, once it is built
        self.nav: Navigation | None = None
        self.files = Files([])
        self.theme: jinja2.Environment | None = None

    # -- on_files -------------------------------------------------------------------

    def on_files(self, files: Files, config: MkDocsConfig) -> None:
        files.append(File.generated(config, PRINT_PAGE, content="<!-- written after the build -->\n"))
        for name, _label, _description in EDITIONS:
            if self.editions_dir is not None and (self.editions_dir / name).is_file():
                files.append(
                    File.generated(config, f"{DOWNLOADS_DIR}/{name}", abs_src_path=str(self.editions_dir / name))
                )

    # -- on_nav, on_env -------------------------------------------------------------

    def on_nav(self, nav: Navigation) -> None:
        self.nav = nav
        in_nav = [page.file.src_uri for page in nav.pages]
        self.order = {src: "chapter" for src in in_nav if is_chapter(src)}
        self.order.update({src: kind for src, kind in APPENDICES})

    def on_env(self, env: jinja2.Environment, files: Files) -> None:
        self.theme = env  # the print page's frame is the theme's, like every page's
        self.files = files

    # -- on_page_content ------------------------------------------------------------

    def on_page_content(self, content: str, page: Page) -> str:
        self._hand_written_links(content, page)
        if DOWNLOADS_MARKER not in content:
            return content
        folder = self.editions_dir
        editions = []
        for name, label, description in EDITIONS:
            published = folder is not None and (folder / name).is_file()
            target = f"{DOWNLOADS_DIR}/{name}"
            if published:
                url = get_relative_url(target, page.url)
            elif self.config.site_url:
                url = f"{self.config.site_url}{target}"
            else:
                url = ""
            editions.append(
                {
                    "label": label,
                    "description": description,
                    "url": url,
                    "online": not published,  # the hosted copy: it needs the network
                    "size": _size(folder / name) if published and folder is not None else "",
                }
            )
        if not self.config.site_url and any(edition["online"] for edition in editions):
            log.warning(
                f"docs/{page.file.src_uri}: {DOWNLOADS_MARKER} lists editions that this build does not publish, "
                "and mkdocs.yml has no site_url to link their hosted copies; set site_url, or build with "
                f"{self.env_name}=dist after 'make pdf epub offline'."
            )
        listing = self.templates.get_template("editions/downloads.html").render(
            editions=editions,
            online=[edition for edition in editions if edition["online"]],
            print_url=get_relative_url(PRINT_PAGE, page.url),
        )
        return content.replace(DOWNLOADS_MARKER, listing, 1)

    def _hand_written_links(self, content: str, page: Page) -> None:
        """An author's own link to an edition (downloads/<name>) cannot know whether this build
        publishes it: in a local build, and so in the offline zip, it points online without
        saying so, and its size is a guess. The list of editions knows; one warning per edition."""
        for name, label, _description in EDITIONS:
            if not re.search(rf'href="[^"]*\b{DOWNLOADS_DIR}/{re.escape(name)}"', content):
                continue
            try:
                source = page.file.content_string
            except (OSError, UnicodeDecodeError):  # pragma: no cover - MkDocs has read it already
                source = ""
            line = line_of(source, f"{DOWNLOADS_DIR}/{name}")
            log.warning(
                f"{where(f'docs/{page.file.src_uri}', line)}: a hand-written link to {DOWNLOADS_DIR}/{name} "
                f"points online even in the offline zip, without saying so; write {DOWNLOADS_MARKER} on its own "
                f"line instead (the list of editions: the {label} this build publishes, with its size, or the "
                "online copy, marked as needing the network), and refer to it in the text."
            )

    # -- on_page_context, on_post_page ----------------------------------------------

    def on_page_context(self, page: Page) -> None:
        src_uri = page.file.src_uri
        if page.is_homepage and isinstance(page.meta.get("description"), str):
            self.description = page.meta["description"]  # escaped for the theme (safety/meta.py)
            self.home[page.file.src_uri] = self.description
        kind = self.order.get(src_uri)
        if kind is None:
            return
        meta = {key: page.meta.get(key) for key in CHAPTER_META}
        self.sections[src_uri] = Section(
            key=PurePosixPath(page.url).stem,
            url=page.url,
            kind=kind,
            title=" ".join(html.unescape(page.title or "").split()),  # MkDocs' titles are HTML
            content="",
            meta=meta if any(meta.values()) else {},
        )
        page.content = f"{self.begin}{page.content or ''}{self.end}"

    def on_post_page(self, output: str, page: Page) -> str:
        section = self.sections.get(page.file.src_uri)
        if section is None:
            return output
        before, begun, rest = output.partition(self.begin)
        content, ended, after = rest.partition(self.end)
        if not (begun and ended):  # the final check replaced the whole page by a notice
            section.content = NOT_SHOWN
            return output
        section.content = content
        return before + content + after

    # -- on_post_build --------------------------------------------------------------

    def book(self) -> Book:
        """The book's sections in reading order, each with its finished content."""
        config = self.config
        info = BookInfo(
            title=config.site_name,
            subtitle=" ".join(html.unescape(self.description).split()),
            author=config.site_author or "",
            site_url=config.site_url or "",
            licence_html=" ".join((config.copyright or "").split()),
            epoch=self.epoch,
            language=str(config.theme.get("language") or "en"),
        )
        sections = [self.sections[src] for src in self.order if src in self.sections]
        published = {file.dest_uri for file in self.files}
        return assemble(Book(info, sections), lambda path: path in published)

    def render(self, book: Book) -> str:
        return self.templates.get_template("editions/print-book.html").render(
            info=book.info, sections=book.sections, title_page_id=TITLE_PAGE_ID, contents_id=CONTENTS_ID
        )

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.nav is None or self.theme is None:  # pragma: no cover - MkDocs calls on_nav and on_env first
            return
        # A dirty rebuild: the sections of the pages not built again are as they were, but
        # for a definition given anew in place (incremental.Carry.patch).
        carry = incremental.for_build(config)
        carry.keep("editions.sections", self.sections)
        for src_uri in carry.patches.keys() & self.sections.keys():
            if not carry.built(src_uri):
                section = self.sections[src_uri]
                section.content = carry.patch(src_uri, section.content)
        carry.keep("editions.home", self.home)
        self.description = next(iter(self.home.values()), self.description)
        book = self.book()
        page = Page(PRINT_TITLE, File.generated(config, PRINT_PAGE, content=""), config)
        page.meta = {"title": PRINT_TITLE, "description": self.description, "hide": ["toc"]}
        page.content = self.render(book)
        page.toc = TableOfContents([AnchorLink(book.info.title, TITLE_PAGE_ID, 1)])  # the skip link's target
        context: dict[str, Any] = dict(get_context(self.nav, self.files, config, page))
        output = self.theme.get_template(FRAME).render(context)
        write_file(output.encode("utf-8"), str(Path(config.site_dir) / PRINT_PAGE))
