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

import html
import json
import os
import re
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from conceptbook.common.background import start
from conceptbook.common.files import drop_generated
from conceptbook.common.templates import template_env
from conceptbook.glossary.chapters import is_chapter

from .bibliography import Bibliography, load
from .cite import BIBLIOGRAPHY_PAGE, CitationExtension, Citer, CitingPage
from .citeme import MARKER as CITE_THIS_MARKER
from .citeme import Book, Chapter, apa_item, bibtex_item, read_chapter
from .formatter import csl_json, format_book, format_csl
from .report import log, where
from .syntax import find_all

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

BIB_FILE = "references.bib"  # under docs/
BIBLIOGRAPHY_JSON = "bibliography.json"
REFERENCES_MARKER = "<!-- citations -->"
REFERENCES_ID = "references"  # the id of a page's generated reference list (overrides/citations/)
CITED_BY_MARKER = "<!-- cited-by:{key} -->"
TEMPLATE_DIR = "citations"  # under overrides/
_TAGS = re.compile(r"<[^>]+>")
_CITED_BY = re.compile(r"<!-- cited-by:([^\s]+) -->")

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

    def __init__(self, config: MkDocsConfig, read: Callable[[File], str]) -> None:
        self.config = config
        self.read = read  # a page's text (common.files.Sources: read once per build)
        self.docs_dir = Path(config.docs_dir)
        overrides = Path(config.theme.custom_dir or Path(config.config_file_path).parent / "overrides")
        self.templates = template_env(overrides / TEMPLATE_DIR)
        self.citer = Citer()
        self.cited_by: dict[str, list[str]] = {}  # key -> src_uris in citing order
        self.pages: dict[str, CitingPage] = {}
        self.late: dict[str, str] = {}  # src_uri -> HTML for REFERENCES_MARKER (or the bibliography's)
        self.titles: dict[str, str] = {}
        self.files = Files([])
        self.book = Book(config.site_name, config.site_author or config.site_name, config.site_url or "")
        self.chapters: dict[str, Chapter] = {}  # src_uri -> what its "Cite this chapter" box cites
        self.cite_boxes: dict[str, str] = {}  # src_uri -> the box's HTML
        self.formatting: Future[tuple[dict[str, str], dict[str, str]]] | None = None  # the boxes' Pandoc run
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
        self.files = files
        drop_generated(
            files, (BIBLIOGRAPHY_PAGE, BIBLIOGRAPHY_JSON), lambda f: f"docs/{f.src_uri}", f"from docs/{BIB_FILE}", log
        )
        bib_file = self.docs_dir / BIB_FILE
        if not bib_file.is_file():
            return
        self.citer.active = True
        self.citer.bibliography = bibliography = load(self.bib_path, self._bib_text(bib_file))
        written: dict[str, list[str]] = {}
        for file in files.documentation_pages():
            for citation in find_all(self.read(file)):
                if all(item.key in bibliography for item in citation.items):
                    written[citation.text] = [item.key for item in citation.items]
        entries = bibliography.entries
        self.citer.formatted = format_book(
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

    def _bib_text(self, bib_file: Path) -> str:
        """The .bib file's text; bytes that are not UTF-8 are an error naming their line
        (and are read as U+FFFD, so the rest of the file is still checked)."""
        data = bib_file.read_bytes()
        if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
            # UTF-16 (with or without its byte-order mark): as UTF-8 it is unreadable, or,
            # without the mark, "valid" text with a NUL between letters and no entry in it.
            log.error(
                f"{where(self.bib_path, 1)}: the file is saved as UTF-16, not UTF-8, so no entry in it can be "
                f"read; save the file as UTF-8 in your editor (in 'Save as', choose the encoding UTF-8)."
            )
            encoding = (
                "utf-16"
                if data[:2] in (b"\xff\xfe", b"\xfe\xff")
                else "utf-16-be"
                if data[:1] == b"\x00"
                else "utf-16-le"
            )
            return data.decode(encoding, errors="replace")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as problem:
            line = data.count(b"\n", 0, problem.start) + 1
            log.error(
                f"{where(self.bib_path, line)}: the file is not UTF-8 (byte 0x{data[problem.start]:02x} cannot be read; "
                f"it was probably saved as Latin-1 or Windows-1252); save the file as UTF-8 in your editor."
            )
            return data.decode("utf-8", errors="replace")

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
        order = list(self.citer.formatted.entries)
        entries = [
            {"key": key, "html": self.citer.formatted.entries[key]}
            for key in sorted(citing.cited, key=lambda k: order.index(k) if k in order else len(order))
            if key in self.citer.formatted.entries
        ]
        if f'id="{REFERENCES_ID}"' in content:
            log.warning(
                f"{citing.path}: a heading of the page has the id '{REFERENCES_ID}', which the build gives the "
                "reference list it adds; rename the heading (the list of works cited is made for you)."
            )
        self.late[page.file.src_uri] = self.render("references", entries=entries)
        items = page.toc.items
        (items[0].children if items and items[0].level == 1 else items).append(
            AnchorLink("References", REFERENCES_ID, 2)
        )
        return f"{content}\n{REFERENCES_MARKER}\n"

    # -- on_env -----------------------------------------------------------------------

    def on_env(self, files: Files) -> None:
        self._format_cite_boxes()
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
        if page_file is not None:
            self.late[BIBLIOGRAPHY_PAGE] = ""  # marks the page for on_post_page
        json_file = files.get_file_from_path(BIBLIOGRAPHY_JSON)
        if json_file is not None and page_file is not None:
            json_file.content_string = self._json(bibliography, files, page_file)

    def _format_cite_boxes(self) -> None:
        if self.formatting is None:
            return
        apa, bibtex = self.formatting.result()
        self.formatting = None
        for src_uri, chapter in self.chapters.items():
            key = chapter.key(self.book)
            if key in apa and key in bibtex:
                self.cite_boxes[src_uri] = self.render("cite-this", apa=apa[key], bibtex=bibtex[key])

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
        csl = {item.get("id"): item for item in csl_json(bibliography.clean_text())}
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

    # -- on_post_page -------------------------------------------------------------------

    def on_post_page(self, output: str, page: Page) -> str:
        box = self.cite_boxes.pop(page.file.src_uri, "")
        output = output.replace(CITE_THIS_MARKER, box.rstrip("\n"), 1)
        late = self.late.pop(page.file.src_uri, None)
        if late is None:
            return output
        if page.file.src_uri != BIBLIOGRAPHY_PAGE:
            return output.replace(REFERENCES_MARKER, late.rstrip("\n"), 1)
        entries = self.citer.formatted.entries

        def cited_by(marker: re.Match[str]) -> str:
            key = marker.group(1)
            if key not in entries:
                return marker.group(0)
            return self.render("cited-by", pages=self._cited_by(key, self.files, page.url)).rstrip("\n")

        # One pass over the page, not one per entry (3,000 entries: 3,000 scans of the page).
        return _CITED_BY.sub(cited_by, output)
