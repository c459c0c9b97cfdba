"""The whole book as data, and what one section's content needs to be printed: no MkDocs here.

The build (capability.py) hands over each section's finished content (the page's HTML as
the engine finished it, every generated part in place) with its title and place in the
book; `prepare` turns that content into print content, one section at a time:

- every id is prefixed with its section's key (`attachment--secure-base`; a section's own
  id is its key), so the sections can share one page;
- every link is rewritten: to a chapter, the glossary or the bibliography -> an anchor on
  the page; to a concept page -> its glossary entry; to a file of the site -> a path from
  the site root (with its hosted address in `data-online`, for the PDF and the EPUB); to
  any other page of the site -> its address on the hosted site, so the link still works
  from a PDF or an e-reader;
- what paper and e-readers cannot use goes: permalinks, scripts, form controls, the
  definition tips, words about hovering and tapping (`.screen-only`), the lightbox link
  around a figure; answers (`<details>`) are printed open.

The page itself (title page, contents, sections) is the template
overrides/editions/print-book.html; pdf.py and epub.py read the page back (printed.py).
"""

from __future__ import annotations

import posixpath
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from conceptbook.safety.rules import srcset_candidates
from conceptbook.settings import Settings, SettingsError

PRINT_PAGE = "print.html"
ONLINE = "data-online"  # on a link to a file of the site: that file's hosted address
CHAPTERS = "chapters/"
CONCEPTS = "concepts/"
TITLE_PAGE_ID = "title-page"
CONTENTS_ID = "contents"
# The pages after the chapters, in this order, and their kind: the question bank's answers
# (hooks/conceptbook/questions/), the glossary, the bibliography (when the book has one).
APPENDICES = (("answer-key.md", "answers"), ("glossary.md", "glossary"), ("bibliography.md", "bibliography"))

# What a reader of paper or an e-reader cannot use: permalinks, scripts, forms.
# .screen-only: words about hovering and tapping, which paper and e-readers cannot do.
# The questions' choices print as lettered lines; their answers are in the appendix.
# div.tip-source: definitions and full references are toggletips on screen; on paper
# and on an e-reader the glossary and the bibliography hold them.
STRIP = "a.headerlink, script, noscript, form, input, button, select, textarea, .screen-only, div.tip-source"


@dataclass
class Section:
    """One page of the site as a part of the book."""

    key: str  # the section's id; prefix of every id inside it
    url: str  # where it lives on the site, e.g. chapters/attachment.html
    kind: str  # "chapter", "answers", "glossary" or "bibliography"
    title: str  # as text, with its chapter number ("5. Attachment")
    content: str  # the page's finished content, as the build wrote it
    meta: dict[str, object] = field(default_factory=dict)  # a chapter's authors and review (chapter-meta)
    body: str = ""  # the content for print: ids prefixed, links rewritten
    heading: str = ""  # a glossary's <h1>, which print-book.html follows with its own introduction
    has_h1: bool = True  # the theme adds the page's title as <h1> to a page without one
    h1_id: str = ""  # the page's own heading id, which now means the whole section
    ids: set[str] = field(default_factory=set)  # the page's ids, before they were prefixed
    entries: set[str] = field(default_factory=set)  # ids of its <dt>s: a glossary's entries


@dataclass
class BookInfo:
    title: str
    subtitle: str
    author: str
    site_url: str  # ends with "/", or ""
    licence_html: str  # the footer's copyright line, HTML from mkdocs.yml
    epoch: int  # the version: the last commit's time (SOURCE_DATE_EPOCH)
    language: str = "en"

    @property
    def date(self) -> str:
        return time.strftime("%Y-%m-%d", time.gmtime(self.epoch))

    @property
    def date_text(self) -> str:
        day = time.gmtime(self.epoch)
        return f"{day.tm_mday} {time.strftime('%B %Y', day)}"


@dataclass
class Book:
    info: BookInfo
    sections: list[Section] = field(default_factory=list)


def source_epoch() -> int:
    """SOURCE_DATE_EPOCH for the command-line tools (the Makefile sets it to the last
    commit's time), read as the build reads it (conceptbook/settings.py)."""
    try:
        return Settings.read(Path.cwd()).source_date_epoch
    except SettingsError as error:
        raise SystemExit(f"error: {error}.") from None


def clean_id(value: str) -> str:
    """An id that is valid everywhere the book goes, XHTML's NCName included (no ':')."""
    return re.sub(r"[^A-Za-z0-9_.-]", "-", value)


def unique_keys(sections: list[Section]) -> None:
    """Two pages with one stem (unlikely) still get distinct keys."""
    seen: set[str] = set()
    for section in sections:
        while section.key in seen:
            section.key += "-2"
        seen.add(section.key)


def _parse(content: str) -> tuple[LexborHTMLParser, LexborNode]:
    tree = LexborHTMLParser(f"<body>{content}</body>")
    body = tree.body
    if body is None:  # pragma: no cover - lexbor always makes a body
        raise ValueError("no <body>")
    return tree, body


class Links:
    """Rewrites one section's links so that they point inside the book."""

    def __init__(self, book: Book, is_file: Callable[[str], bool]) -> None:
        self.info = book.info
        self.by_url = {s.url: s for s in book.sections}
        self.glossary = next((s for s in book.sections if s.kind == "glossary"), None)
        self.glossary_ids = self.glossary.entries if self.glossary is not None else set()
        self.is_file = is_file  # whether the site has a file at this path from its root

    def anchor(self, section: Section, fragment: str) -> str:
        # A fragment the page lacks leads to the section's start: the site's link check
        # reports the dead link on the page itself, once.
        if not fragment or fragment == section.h1_id or fragment not in section.ids:
            return section.key
        return f"{section.key}--{clean_id(fragment)}"

    def rewrite(self, href: str, page: Section, *, image: bool = False) -> str:
        """Where a link of `page` points in print.html. A file of the site (a figure,
        bibliography.json) stays a path beside print.html: see ONLINE for the editions. An
        image's file stays a path even when the site lacks it: the editions' check
        (safety.py) names it, where a hosted address would pass for another site's file."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:  # another site, mailto:, data:, javascript: (the page's check refuses those)
            return href
        fragment = unquote(parts.fragment)
        if not parts.path:
            return "#" + self.anchor(page, fragment)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page.url), unquote(parts.path)))
        if path in self.by_url:
            return "#" + self.anchor(self.by_url[path], fragment)
        slug = PurePosixPath(path).stem
        if path.startswith(CONCEPTS) and self.glossary is not None and slug in self.glossary_ids:
            return "#" + self.anchor(self.glossary, slug)
        if image or (not path.endswith(".html") and self.is_file(path)):
            return path  # a file (figure, data): relative to the site root, like print.html
        # Any other page, or a file the site lacks (its own page reports that): the hosted
        # copy; a link to a folder keeps its slash (normpath drops it), the site's root none.
        folder = "" if path == "." else path + "/" if parts.path.endswith("/") else path
        return self.info.site_url + folder + (f"#{parts.fragment}" if parts.fragment else "")


def survey(section: Section) -> None:
    """What the other sections' links need to know of this one: its heading's id and its ids."""
    _tree, body = _parse(section.content)
    h1 = body.css_first("h1")
    section.has_h1 = h1 is not None
    section.h1_id = (h1.attributes.get("id") or "") if h1 is not None else ""
    section.ids = {node.attributes.get("id") or "" for node in body.css("[id]")}
    section.entries = {node.attributes.get("id") or "" for node in body.css("dt[id]")}


def prepare(section: Section, links: Links) -> None:
    """`section.body`: its content as print needs it (see the module's docstring)."""
    _tree, body = _parse(section.content)
    for node in body.css(STRIP):
        node.decompose()
    for node in body.css("[data-tip]"):
        for attr in ("data-tip", "aria-describedby"):
            if attr in node.attrs:
                del node.attrs[attr]
    for node in body.css("a.glightbox"):  # the lightbox link around a figure: keep the image
        node.unwrap()
    for node in body.css("details"):  # review answers: open on paper and on an e-reader
        node.attrs["open"] = ""
    for node in body.css("label[for]"):  # its control is gone: the label is the question's text
        del node.attrs["for"]
    h1 = body.css_first("h1")
    if h1 is not None and "id" in h1.attrs:
        del h1.attrs["id"]
    for node in body.css("[id]"):
        node.attrs["id"] = links.anchor(section, node.attributes.get("id") or "")
    for node in body.css("[aria-labelledby]"):
        node.attrs["aria-labelledby"] = links.anchor(section, node.attributes.get("aria-labelledby") or "")
    for node in body.css("a[href]"):
        href = links.rewrite(node.attributes.get("href") or "", section)
        node.attrs["href"] = href
        target = urlsplit(href)
        if not href.startswith("#") and not target.scheme and not target.netloc:  # a file beside print.html
            # Works from print.html, online or from the offline zip; a PDF or an EPUB
            # cannot carry the file, so they link its hosted copy (pdf.py, epub.py).
            node.attrs[ONLINE] = links.info.site_url + href
    for node in body.css("img[src]"):
        src = node.attributes.get("src") or ""
        node.attrs["src"] = links.rewrite(src, section, image=True) if src else ""  # the check names it as written
        srcset = node.attributes.get("srcset")
        if srcset:
            node.attrs["srcset"] = _rewrite_srcset(srcset, section, links)
        if "loading" in node.attrs:  # a lazy image may be missing when Chromium prints
            del node.attrs["loading"]
    if section.kind == "glossary":
        # Entries stay; what only makes sense on the site goes: links to concept pages,
        # "discussed in N chapters", the introduction about concept pages and
        # glossary.json (print-book.html has one for print).
        for node in body.css("dt a"):
            node.unwrap()
        for node in body.css(".glossary-count"):
            node.decompose()
        for node in body.css("h1 ~ p"):
            node.decompose()
    section.body = (body.inner_html or "").strip()
    if section.kind == "glossary" and "</h1>" in section.body:
        heading, end, section.body = section.body.partition("</h1>")
        section.heading = heading + end


def _rewrite_srcset(srcset: str, section: Section, links: Links) -> str:
    return ", ".join(
        " ".join([links.rewrite(url, section, image=True), *descriptors])
        for url, *descriptors in srcset_candidates(srcset)
    )


def assemble(book: Book, is_file: Callable[[str], bool]) -> Book:
    """Every section's print content, once all sections are known (links cross them)."""
    unique_keys(book.sections)
    for section in book.sections:
        survey(section)
    links = Links(book, is_file)
    for section in book.sections:
        prepare(section, links)
    return book
