"""What the MkDocs events of concept_hooks.py call for citations: one method per event.

- on_files: load and check docs/references.bib, pre-scan every page for citations, let
  Pandoc format them all in one run, and add the generated Bibliography page (its entries
  are in the page's Markdown, so their ids exist when MkDocs checks anchors) and
  bibliography.json.
- on_page_markdown / on_page_content: the extension (cite.py) renders the page's
  citations; the page's reference list and hidden tip sources are prepared for later.
- on_env: every page is rendered, so who cites what is known: uncited entries are
  reported, bibliography.json is filled in.
- on_nav reads each chapter's front matter for its "Cite this chapter" box (citeme.py)
  and starts one Pandoc run for every box in a background thread (common/background.py):
  it runs while MkDocs renders the pages; on_env collects it; on_post_page puts it in.
- on_post_page: the reference list, the tip sources and the Bibliography's "cited in"
  links join the finished HTML after the search plugin has indexed it: the entries are
  indexed once, on the Bibliography page, and tip text is never indexed.
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from conceptbook.common.background import start
from conceptbook.common.files import drop_generated
from conceptbook.common.templates import template_env
from conceptbook.glossary.chapters import is_chapter

from .bibliography import Bibliography, decode, load
from .cite import (
    BIB_FILE,
    BIBLIOGRAPHY_PAGE,
    TEMPLATE_DIR,
    CitationExtension,
    Citer,
    CitingPage,
    reference_entries,
    written_citations,
)
from .citeme import MARKER as CITE_THIS_MARKER
from .citeme import Book, Chapter, apa_item, bibtex_item, read_chapter
from .formatter import PANDOC_SECONDS, PandocError, csl_json, format_book, format_csl
from .report import log, where

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from conceptbook.common.book import Book as SiteBook

BIBLIOGRAPHY_JSON = "bibliography.json"
REFERENCES_MARKER = "<!-- citations -->"
REFERENCES_ID = "references"  # the id of a page's generated reference list (overrides/citations/)
CITED_BY_MARKER = "<!-- cited-by:{key} -->"
_TAGS = re.compile(r"<[^>]+>")
T = TypeVar("T")

BIBLIOGRAPHY_SOURCE = """---
title: Bibliography
description: Every work the book cites, A to Z, in APA style, with links to the pages that cite it.
---

# Bibliography

Every work this book cites, from A to Z, in APA style. Under each entry are the pages
that cite it. <span class="screen-only">In the text, a citation links here: hover over it, focus it with the
keyboard or tap it to see the full reference.</span> The same list is available as
[`bibliography.json`](bibliography.json) (with CSL-JSON for each work) and as the
BibTeX file [`references.bib`](references.bib) for reference managers.

{entries}
"""


class Citations:
    """Everything one build learns about citations."""

    def __init__(self, site: SiteBook) -> None:
        config = site.config
        self.site = site  # the build's files and where the page's parts go (common/book.py)
        self.read = site.source  # a page's text (common.files.Sources: read once per build)
        self.docs_dir = Path(config.docs_dir)
        self.templates = template_env(site.overrides / TEMPLATE_DIR)
        self.citer = Citer()
        self.cited_by: dict[str, list[str]] = {}  # key -> src_uris in citing order
        self.pages: dict[str, CitingPage] = {}
        self.titles: dict[str, str] = {}
        self.book = Book(config.site_name, config.site_author or config.site_name)
        self.chapters: dict[str, Chapter] = {}  # src_uri -> what its "Cite this chapter" box cites
        self.formatting: Future[tuple[dict[str, str], dict[str, str]]] | None = None  # the boxes' Pandoc run
        site.assembly.remove(CITE_THIS_MARKER)  # a page without a box loses the marker
        site.assembly.declare(REFERENCES_ID, REFERENCES_MARKER, what="the reference list")
        config.markdown_extensions.append(CitationExtension(self.citer))  # type: ignore[arg-type]

    def render(self, name: str, **data: Any) -> str:
        return self.templates.get_template(f"{name}.html").render(**data)

    @property
    def bib_path(self) -> str:
        return os.path.relpath(self.docs_dir / BIB_FILE, self.docs_dir.parent)

    def knows(self, key: str) -> bool:
        """Whether docs/references.bib has an entry `key` (for other capabilities' checks)."""
        return key in self.citer.bibliography

    # -- on_files -------------------------------------------------------------------

    def on_files(self, files: Files, config: MkDocsConfig) -> None:
        drop_generated(
            files, (BIBLIOGRAPHY_PAGE, BIBLIOGRAPHY_JSON), lambda f: f"docs/{f.src_uri}", f"from docs/{BIB_FILE}", log
        )
        bib_file = self.docs_dir / BIB_FILE
        # Not in `files`: there is none, or the safety checks left it out (a link to a file
        # outside docs/, reported there); either way the book has no bibliography to read.
        if not bib_file.is_file() or files.get_file_from_path(BIB_FILE) is None:
            return
        self.citer.active = True
        self.citer.bibliography = bibliography = load(self.bib_path, decode(self.bib_path, bib_file.read_bytes()))
        written: dict[str, list[str]] = {}
        for file in files.documentation_pages():
            written.update(written_citations(self.read(file), bibliography))
        entries = bibliography.entries
        self.citer.formatted = _pandoc(
            format_book,
            {key: entry.raw for key, entry in entries.items()},
            {key: entry.family for key, entry in entries.items()},
            written,
        )
        items = "\n".join(
            f'<li id="ref-{key}" class="csl-entry">{entry_html}{CITED_BY_MARKER.format(key=key)}</li>'
            for key, entry_html in self.citer.formatted.entries.items()
        )
        source = BIBLIOGRAPHY_SOURCE.format(entries=f'<ul class="references bibliography">\n{items}\n</ul>')
        files.append(File.generated(config, BIBLIOGRAPHY_PAGE, content=source))
        files.append(File.generated(config, BIBLIOGRAPHY_JSON, content="{}"))  # filled in on_env

    # -- on_nav -----------------------------------------------------------------------

    def on_nav(self, files: Files, number: Callable[[str], int | None]) -> None:
        """Every page exists now, with its URL and number: start formatting the "Cite this chapter" boxes."""
        for file in files.documentation_pages():
            if is_chapter(file.src_uri) and file.page is not None:
                chapter = read_chapter(file.src_uri, self.read(file), file.page.canonical_url, number(file.src_uri))
                if chapter is not None:
                    self.chapters[file.src_uri] = chapter
        if self.chapters:
            chapters = self.chapters.values()
            apa = [apa_item(c, self.book) for c in chapters]
            bibtex = [bibtex_item(c, self.book) for c in chapters]
            self.formatting = start(format_csl, apa, bibtex)

    # -- pages ------------------------------------------------------------------------

    def on_page_markdown(self, page: Page, path: str, source: str) -> None:
        self.citer.page = CitingPage(page.file.src_uri, path, source)

    def on_page_content(self, content: str, page: Page) -> str:
        citing, self.citer.page = self.citer.page, None
        if citing is None or not citing.cited:
            return content
        self.pages[page.file.src_uri] = citing
        title = page.title or page.file.src_uri
        self.titles[page.file.src_uri] = f"{title} (concept)" if page.file.src_uri.startswith("concepts/") else title
        for key in citing.cited:
            self.cited_by.setdefault(key, []).append(page.file.src_uri)
        entries = reference_entries(citing.cited, self.citer.formatted)
        self.site.place(page.file.src_uri, REFERENCES_MARKER, self.render("references", entries=entries))
        items = page.toc.items
        (items[0].children if items and items[0].level == 1 else items).append(
            AnchorLink("References", REFERENCES_ID, 2)
        )
        return f"{content}\n{REFERENCES_MARKER}\n"

    # -- on_env -----------------------------------------------------------------------

    def on_env(self, files: Files) -> None:
        self._format_cite_boxes()
        carry = self.site.carry  # a dirty rebuild: the pages not built again keep what they cite
        carry.keep("citations.pages", self.pages)
        carry.keep("citations.titles", self.titles)
        if carry.partial:  # the pages citing each entry, in the order a full build reads them
            self.cited_by = {}
            for file in files.documentation_pages():
                for key in self.pages[file.src_uri].cited if file.src_uri in self.pages else ():
                    self.cited_by.setdefault(key, []).append(file.src_uri)
        if not self.citer.active:
            return
        bibliography = self.citer.bibliography
        for key, entry in bibliography.entries.items():
            if key not in self.cited_by:
                log.warning(
                    f"{where(self.bib_path, entry.line)}: entry '{key}' is cited by no page; "
                    f"cite it with [@{key}] where the book uses it, or delete the entry."
                )
        page_file = files.get_file_from_path(BIBLIOGRAPHY_PAGE)
        if page_file is not None:  # under each entry, the pages that cite it
            for key in self.citer.formatted.entries:
                cited_by = functools.partial(self._cited_by_html, key, files, page_file.url)
                self.site.place(BIBLIOGRAPHY_PAGE, CITED_BY_MARKER.format(key=key), cited_by)
        json_file = files.get_file_from_path(BIBLIOGRAPHY_JSON)
        if json_file is not None and page_file is not None:
            json_file.content_string = self._json(bibliography, files, page_file)

    def _format_cite_boxes(self) -> None:
        if self.formatting is None:
            return
        try:  # Pandoc's own run stops at PANDOC_SECONDS: this only guards the thread
            apa, bibtex = _pandoc(self.formatting.result, PANDOC_SECONDS + 60)
        except FutureTimeout:
            raise PluginError(
                f"the 'Cite this chapter' boxes: not formatted within {PANDOC_SECONDS + 60} s; "
                "run the build again, and report it if it recurs."
            ) from None
        self.formatting = None
        for src_uri, chapter in self.chapters.items():
            key = chapter.key(self.book)
            if key in apa and key in bibtex:
                self.site.place(src_uri, CITE_THIS_MARKER, self.render("cite-this", apa=apa[key], bibtex=bibtex[key]))

    def _cited_by_html(self, key: str, files: Files, here: str) -> str:
        return self.render("cited-by", pages=self._cited_by(key, files, here))

    def _cited_by(self, key: str, files: Files, here: str | None) -> list[dict[str, str]]:
        pages = []
        for src_uri in self.cited_by.get(key, []):
            file = files.get_file_from_path(src_uri)
            if file is not None:
                pages.append(
                    {"title": self.titles[src_uri], "url": get_relative_url(file.url, here) if here else file.url}
                )
        return pages

    def _json(self, bibliography: Bibliography, files: Files, page_file: File) -> str:
        csl = {item.get("id"): item for item in _pandoc(csl_json, bibliography.clean_text())}
        records = []
        for key, entry_html in self.citer.formatted.entries.items():
            entry = bibliography.entries.get(key)
            doi = entry.doi if entry else None
            records.append(
                {
                    "key": key,
                    "url": f"{page_file.url}#ref-{key}",
                    "reference": html.unescape(_TAGS.sub("", entry_html)),
                    "reference_html": entry_html,
                    "doi": doi,
                    "cited_by": self._cited_by(key, files, None),
                    "csl": csl.get(key, {}),
                }
            )
        document = {
            "format": "psychodynamic-theory-bibliography",
            "version": 1,
            "description": "One object per work, in APA order; URLs are relative to the site root. "
            "See about.html#bibliography-data.",
            "style": "APA 7th edition (CSL), formatted by Pandoc",
            "entries": records,
        }
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def _pandoc(work: Callable[..., T], *args: Any) -> T:
    """`work(*args)`, with Pandoc's failure as MkDocs' PluginError: the build stops with the
    message (file and fix), not a traceback (formatter.py imports no MkDocs)."""
    try:
        return work(*args)
    except PandocError as error:
        raise PluginError(str(error)) from None
