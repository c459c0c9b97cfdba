"""The Markdown extension that turns Pandoc citations into linked APA citations.

An inline pattern (above Markdown's own link patterns, so `[@key]` is never read as a
reference-style link; code spans are stashed before it runs, so code is never touched)
finds each citation, checks its keys against the bibliography, and puts Pandoc's
formatted text in its place. Every item becomes
`<a class="citation" href="../bibliography.md#ref-KEY" data-tip="tip-ref-KEY" aria-describedby="tip-ref-KEY">`:
MkDocs' own `relpath` step then turns the .md href into the page's URL and checks that
the anchor exists, and the page's hidden `tip-source` elements (added after search
indexing, see capability.py) hold the full reference the tip shows.

The MkDocs hooks drive this extension (capability.py hands in a `Citer` with the build's
bibliography and formatted citations, and sets the page). It also runs on its own under
plain Python-Markdown (`makeExtension(docs_dir=..., page=...)`, options and messages in
common/standalone.py; `bibliography` names the .bib file if it is not references.bib in
docs_dir): it loads the bibliography once per extension instance, and Pandoc formats every
citation of the book's pages and of the page converted in one run, as the build does
(formatter.py keeps the result, so the next page with the same citations runs no Pandoc).
On its own it also adds the page's References list and the hidden references its tips
show (overrides/citations/references.html), which the hooks add after search indexing.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from conceptbook.common.gate import gate
from conceptbook.common.standalone import BookExtension
from conceptbook.common.templates import template_env
from conceptbook.numbering.core import NAME as FIGURE_NAME

from .bibliography import Bibliography, decode, load
from .formatter import Formatted, PandocError, format_book
from .keys import nearest_key
from .report import line_of, log, where
from .syntax import CITATION, MalformedCitation, find_all, parse

BIBLIOGRAPHY_PAGE = "bibliography.md"
BIB_FILE = "references.bib"  # in docs/
TEMPLATE_DIR = "citations"  # under overrides/


@dataclass
class CitingPage:
    """The page being rendered, set by the hooks before its Markdown runs."""

    src_uri: str
    path: str  # for messages: docs/chapters/x.md
    source: str
    cited: list[str] = field(default_factory=list)  # keys in order of first citation
    warned: set[str] = field(default_factory=set)

    def warn_once(self, cause: str, message: str) -> None:
        if cause not in self.warned:
            self.warned.add(cause)
            log.warning(message)

    def where(self, text: str) -> str:
        return where(self.path, line_of(self.source, text))

    def cite(self, key: str) -> None:
        if key not in self.cited:
            self.cited.append(key)


class Citer:
    """Shared by every page's Markdown instance during one build."""

    def __init__(self) -> None:
        self.page: CitingPage | None = None
        self.bibliography = Bibliography("docs/references.bib")
        self.formatted = Formatted()
        self.active = False  # False when the book has no docs/references.bib

    def href(self, key: str) -> str:
        assert self.page is not None
        here = posixpath.dirname(self.page.src_uri) or "."
        return f"{posixpath.relpath(BIBLIOGRAPHY_PAGE, here)}#ref-{key}".removeprefix("./")


_LINK_TEXT_END = re.compile(r"[^\[\]]*\][(\[]")


def _in_link_text(data: str, start: int, end: int) -> bool:
    """Whether data[start:end] sits in the text of a Markdown link `[ ... ](url)` or
    `[ ... ][ref]` (not an image's alt text, which a citation may join as plain text)."""
    if not _LINK_TEXT_END.match(data, end):
        return False
    depth = 0
    for i in range(start - 1, -1, -1):
        if data[i] == "]":
            depth += 1
        elif data[i] == "[":
            if depth == 0:
                return not (i > 0 and data[i - 1] == "!")
            depth -= 1
    return False


def reference_entries(cited: list[str], formatted: Formatted) -> list[dict[str, str]]:
    """A page's reference list: the works it cites, in the bibliography's (APA) order."""
    order = list(formatted.entries)
    return [
        {"key": key, "html": formatted.entries[key]}
        for key in sorted(cited, key=lambda k: order.index(k) if k in order else len(order))
        if key in formatted.entries
    ]


def written_citations(text: str, bibliography: Bibliography) -> dict[str, list[str]]:
    """Each citation of `text` whose keys all have entries, as written -> its keys (what Pandoc formats)."""
    return {
        citation.text: [item.key for item in citation.items]
        for citation in find_all(text)
        if all(item.key in bibliography for item in citation.items)
    }


_STASHED = re.compile(r"\x02wzxhzdk:(\d+)\x03")  # Python-Markdown's placeholder for raw HTML
_HTML_A = re.compile(r"<\s*(/?)\s*a\b", re.IGNORECASE)
_HTML_A_OR_STASHED = re.compile(rf"{_HTML_A.pattern}|{_STASHED.pattern}", re.IGNORECASE)


def _in_html_link(data: str, start: int, stash: list[object]) -> bool:
    """Whether data[start] sits between a raw HTML `<a ...>` and its `</a>`, written in the
    text or already set aside by Python-Markdown as a placeholder."""
    depth = 0
    for found in _HTML_A_OR_STASHED.finditer(data, 0, start):
        if found.group(2) is not None:
            index = int(found.group(2))
            tag = _HTML_A.match(str(stash[index])) if index < len(stash) else None
            closing = tag.group(1) if tag else None
        else:
            closing = found.group(1)
        if closing is not None:
            depth = max(0, depth - 1) if closing else depth + 1
    return depth > 0


class CitationProcessor(InlineProcessor):
    def __init__(self, citer: Citer, no_page: Callable[[], None], md: Markdown | None = None) -> None:
        super().__init__(CITATION.pattern, md)
        self.citer = citer
        self.no_page = no_page

    def handleMatch(self, m, data):
        page = self.citer.page
        if page is None:
            self.no_page()
            return None, None, None
        text = m.group(0)
        try:
            citation = parse(m)
        except MalformedCitation as problem:
            page.warn_once(
                f"malformed:{text}",
                f"{page.where(text)}: malformed citation '{text}': {problem}. "
                f"Write e.g. [@bowlby1969] or [see @bowlby1969, p. 23; @ainsworth1978] (see CONTRIBUTING.md, Citations).",
            )
            return None, None, None
        if any(re.fullmatch(FIGURE_NAME, item.key) for item in citation.items):
            # Under MkDocs the numbering hook has replaced every `@fig-name` before Markdown runs.
            page.warn_once(
                "figure",
                f"{page.where(text)}: '{text}' is a figure reference, which the book's numbering (a MkDocs hook) "
                f"writes as a link such as 'Figure 7.1'; it does not run here, so the reference is left as written. "
                f"Number figures in a step before the Markdown (ARCHITECTURE.md, 'After Material for MkDocs'), or "
                f"build with MkDocs.",
            )
            return None, None, None
        if _in_link_text(data, m.start(0), m.end(0)) or _in_html_link(
            data, m.start(0), self.md.htmlStash.rawHtmlBlocks if self.md is not None else []
        ):
            page.warn_once(
                f"link-text:{text}",
                f"{page.where(text)}: the citation '{text}' is inside the text of a link; a citation is a link "
                f"itself and links cannot hold links, so it would cut the link in two. Move it out of the "
                f"brackets: [see](page.md) {text}.",
            )
            return None, None, None
        if not self.citer.active:
            page.warn_once(
                "no-bibliography",
                f"{page.where(text)}: citation '{text}' but the book has no docs/references.bib; "
                f"create it with a BibTeX entry for each work you cite.",
            )
            return None, None, None
        unknown = [item.key for item in citation.items if item.key not in self.citer.bibliography]
        for key in unknown:
            if key in self.citer.bibliography.refused:
                page.warn_once(
                    f"refused:{key}",
                    f"{page.where(text)}: the entry '{key}' cited in '{text}' is left out of docs/references.bib "
                    f"because of the error reported for it there; fix that entry.",
                )
                continue
            near = nearest_key(key, self.citer.bibliography.entries)  # surname and year apart: keys.py
            hint = f" — did you mean '{near}'?" if near else " —"
            page.warn_once(
                f"unknown:{key}",
                f"{page.where(text)}: unknown citation key '{key}' in '{text}'{hint} "
                f"Every key needs an entry in docs/references.bib.",
            )
        html = self.citer.formatted.citations.get(text)
        if unknown or html is None:
            return None, None, None
        for item in citation.items:
            page.cite(item.key)
        return self._element(html, page, text), m.start(0), m.end(0)

    def _element(self, html: str, page: CitingPage, text: str) -> etree.Element:
        element = etree.fromstring(html)  # Pandoc's HTML for one citation: one <span>
        element.set("class", "citations")
        element.attrib.pop("data-cites", None)
        for link in element.iter("a"):
            href = link.get("href") or ""
            key = href.removeprefix("#ref-")
            if not href.startswith("#ref-") or key not in self.citer.bibliography:
                # A link the author wrote in a prefix or locator (an autolink <…>): only
                # the citation's own items are links (probe Q14).
                page.warn_once(
                    f"prefix-link:{text}",
                    f"{page.where(text)}: the citation '{text}' holds a link ({href}) in its prefix or locator; "
                    f"only the cited works are links: write the address as plain text or move the link out of "
                    f"the brackets.",
                )
                link.tag = "span"
                link.attrib.clear()
                continue
            tip = f"tip-ref-{key}"
            link.attrib.clear()
            link.set("class", "citation")
            link.set("href", self.citer.href(key))
            link.set("data-tip", tip)
            link.set("aria-describedby", tip)
        for node in element.iter():  # formatted text: no further Markdown inside it
            node.text = AtomicString(node.text) if node.text else node.text
            node.tail = AtomicString(node.tail) if node.tail else node.tail
        return element


class CitationExtension(BookExtension):
    """Hosted: registered once per build with the build's `Citer`; MkDocs calls
    `extendMarkdown` for each page. On its own: made by `makeExtension(**options)`."""

    NAME = "conceptbook.citations.cite"
    HOLDS = BIB_FILE
    TEMPLATES = TEMPLATE_DIR
    log = log

    def __init__(self, citer: Citer | None = None, **options: Any) -> None:
        bibliography_option = ["", f"The .bib file (default: {BIB_FILE} in docs_dir)."]
        super().__init__(hosted=citer is not None, options={"bibliography": bibliography_option}, **options)
        self.citer = citer or Citer()
        self.read_from: tuple[Path, Path] | None = None  # (docs folder, .bib file) the bibliography came from
        self.book_citations: dict[str, list[str]] = {}  # every citation of the book's pages
        self.docs_dir: Path | None = None  # the page's

    def start_page(self, source: str) -> None:
        self.citer.page = None
        book = self.book()
        bib_file = self.bib_file(book[0]) if book is not None else None
        if book is None or bib_file is None:
            return
        docs_dir, src_uri = book
        self.docs_dir = docs_dir
        if self.read_from != (docs_dir.resolve(), bib_file.resolve()):  # once per instance and files
            self.read(docs_dir, bib_file)
        if self.citer.active:
            self.citer.formatted = self.format(source)
        self.citer.page = CitingPage(src_uri, f"{docs_dir.name}/{src_uri}", source)

    def bib_file(self, docs_dir: Path) -> Path | None:
        """The .bib file (it may be absent: the book has none); None after an error if the option names no file."""
        value = str(self.getConfig("bibliography") or "")
        if not value:
            return docs_dir / BIB_FILE
        if Path(value).is_file():
            return Path(value)
        self.report(
            f"bibliography:{value}",
            f"{self.NAME}: the option bibliography is '{value}', which is not a file, so citations are left as "
            f"written; set it to the book's .bib file, or leave it out to use {docs_dir / BIB_FILE}.",
            logging.ERROR,
        )
        return None

    def read(self, docs_dir: Path, bib_file: Path) -> None:
        """The bibliography, checked as the build checks it, and every citation of the book's pages."""
        self.read_from = (docs_dir.resolve(), bib_file.resolve())
        self.book_citations = {}
        self.citer.active = bib_file.is_file()
        if not self.citer.active:
            self.citer.bibliography = Bibliography(f"{docs_dir.name}/{BIB_FILE}")
            return
        label = os.path.relpath(bib_file, docs_dir.parent)  # as in the build's messages: docs/references.bib
        self.citer.bibliography = load(label, decode(label, bib_file.read_bytes()))
        for file in sorted(docs_dir.rglob("*.md")):
            text = file.read_bytes().decode("utf-8", errors="replace")  # the page's own run reports bad bytes
            self.book_citations.update(written_citations(text, self.citer.bibliography))

    def format(self, source: str) -> Formatted:
        """The book's citations and the page's, formatted by Pandoc in one run, as the build does."""
        entries = self.citer.bibliography.entries
        try:
            return format_book(
                {key: entry.raw for key, entry in entries.items()},
                {key: entry.family for key, entry in entries.items()},
                {**self.book_citations, **written_citations(source, self.citer.bibliography)},
            )
        except PandocError as error:
            self.report("pandoc", f"{self.NAME}: {error}", logging.ERROR)
            return Formatted()

    def late_parts(self) -> str:
        """The page's References list and the hidden references its citations' tips show."""
        page = self.citer.page
        if page is None or not page.cited or self.docs_dir is None:
            return ""
        folder = self.overrides(self.docs_dir)
        if folder is None:
            return ""
        template = template_env(folder / TEMPLATE_DIR).get_template("references.html")
        return template.render(entries=reference_entries(page.cited, self.citer.formatted))

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        # Above `reference` (170) and the concept engine's `[[...]]` (175), so `[@key]` is
        # never read as a link; below `backtick` (190), so code spans stay code.
        # Only where the page has an "@" (common/gate.py).
        gate(md, CitationProcessor(self.citer, self.no_page, md), "citation", 176, "@")
        self.register_late_parts(md, 3)  # before the term linker's tips (2), as the hooks order them


def makeExtension(**options: Any) -> CitationExtension:
    """The extension on its own: Python-Markdown calls this for "conceptbook.citations.cite"."""
    return CitationExtension(**options)
