"""The whole book on one page: site/print.html, made from the built site.

Why not mkdocs-print-site-plugin: it keeps each page's HTML as `on_page_content` left it
and renders its page in `on_post_build`, skipping `on_post_page`. The concept engine
fills the glossary, the home page and concept pages in `on_env` and puts the glossary's
entries and every chapter's key-concepts box into the finished HTML in `on_post_page`,
so the plugin's page would hold an empty glossary and no key-concepts boxes. Reading the
finished pages instead gets exactly what a reader of the site sees.

Every id on the page is prefixed with its section's key (`attachment--secure-base`; a
section's own id is its key), and every link is rewritten: to a chapter, the glossary
or the bibliography -> an anchor on this page; to a concept page -> its glossary entry;
to an asset -> a path from the site root; to any other page of the site -> its address
on the hosted site, so the link still works from a PDF or an e-reader.

Run on its own: `python -m conceptbook.editions.print_page SITE_DIR` (the build's hook in
hooks/editions_hooks.py runs it after every build).
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

PRINT_PAGE = "print.html"
ONLINE = "data-online"  # on a link to a file of the site: that file's hosted address
GLOSSARY = "glossary.html"
BIBLIOGRAPHY = "bibliography.html"  # made by the citations engine, when the book has one
ANSWERS = "answer-key.html"  # made by the question bank (hooks/conceptbook/questions/): the appendix of answers
CHAPTERS = "chapters/"
CONCEPTS = "concepts/"
TITLE_PAGE_ID = "title-page"
CONTENTS_ID = "contents"

# What a reader of paper or an e-reader cannot use: edit buttons, permalinks, scripts, forms.
# .screen-only: words about hovering and tapping, which paper and e-readers cannot do.
# The questions' choices print as lettered lines; their answers are in the appendix (ANSWERS).
STRIP = (
    "a.md-content__button, a.headerlink, script, noscript, form, input, button, select, textarea, "
    ".md-source-file, .screen-only"
)


@dataclass
class Section:
    """One page of the site as a part of the book."""

    key: str  # the section's id; prefix of every id inside it
    url: str  # where it lives on the site, e.g. chapters/attachment.html
    kind: str  # "chapter", "answers", "glossary" or "bibliography"
    title: str = ""
    body: str = ""  # the article's HTML, ids prefixed and links rewritten
    h1_id: str = ""  # the page's own heading id, which now means the whole section
    ids: set[str] = field(default_factory=set)  # the page's ids, before they were prefixed


@dataclass
class BookInfo:
    title: str
    subtitle: str
    author: str
    site_url: str  # ends with "/"
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

    def chapters(self) -> list[Section]:
        return [s for s in self.sections if s.kind == "chapter"]


def source_epoch() -> int:
    """SOURCE_DATE_EPOCH (the Makefile sets it to the last commit's time), else now."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else int(time.time())


def _parse(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def _text(node: LexborNode | None) -> str:
    return " ".join((node.text() if node is not None else "").split())


def clean_id(value: str) -> str:
    """An id that is valid everywhere the book goes, XHTML's NCName included (no ':')."""
    return re.sub(r"[^A-Za-z0-9_.-]", "-", value)


def reading_order(site: Path) -> list[str]:
    """The site's chapters in the order its navigation lists them."""
    home = _parse(site / "index.html")
    order: list[str] = []
    for link in home.css("nav.md-nav--primary a.md-nav__link[href]"):
        href = (link.attributes.get("href") or "").split("#")[0]
        if href.startswith(CHAPTERS) and href.endswith(".html") and href not in order:
            order.append(href)
    return order


def book_info(site: Path) -> BookInfo:
    home = _parse(site / "index.html")
    canonical = home.css_first('link[rel="canonical"]')
    site_url = (canonical.attributes.get("href") or "") if canonical else ""
    site_url = site_url[: site_url.rfind("/") + 1]
    author = home.css_first('meta[name="author"]')
    description = home.css_first('meta[name="description"]')
    topic = home.css_first(".md-header__topic .md-ellipsis")
    licence = home.css_first(".md-copyright__highlight")
    language = home.css_first("html")
    return BookInfo(
        title=_text(topic) or "Book",
        subtitle=(description.attributes.get("content") or "") if description else "",
        author=(author.attributes.get("content") or "") if author else "",
        site_url=site_url,
        licence_html=(licence.inner_html or "").strip() if licence else "",
        epoch=source_epoch(),
        language=(language.attributes.get("lang") or "en") if language else "en",
    )


def collect(site: Path) -> Book:
    """The book's sections in reading order: chapters, answers, glossary, bibliography."""
    sections = [Section(Path(url).stem, url, "chapter") for url in reading_order(site)]
    for url, kind in ((ANSWERS, "answers"), (GLOSSARY, "glossary"), (BIBLIOGRAPHY, "bibliography")):
        if (site / url).is_file():
            sections.append(Section(Path(url).stem, url, kind))
    seen: set[str] = set()
    for section in sections:  # two pages with one stem (unlikely) still get distinct keys
        while section.key in seen:
            section.key += "-2"
        seen.add(section.key)

    book = Book(book_info(site), sections)
    articles = {}
    for section in sections:
        tree = _parse(site / section.url)
        article = tree.css_first("article.md-content__inner")
        if article is None:
            raise SystemExit(f"error: {site / section.url}: no <article> found; is this a Material site?")
        h1 = article.css_first("h1")
        section.h1_id = (h1.attributes.get("id") or "") if h1 is not None else ""
        section.ids = {node.attributes.get("id") or "" for node in article.css("[id]")}
        articles[section.url] = (tree, article)
    linker = _Links(site, book, glossary_ids=_glossary_ids(articles.get(GLOSSARY)))
    for section in sections:
        tree, article = articles[section.url]
        _prepare(section, article, linker)
        section.body = (article.inner_html or "").strip()
    return book


def _glossary_ids(parsed: tuple[LexborHTMLParser, LexborNode] | None) -> set[str]:
    if parsed is None:
        return set()
    return {node.attributes.get("id") or "" for node in parsed[1].css("dt[id]")}


class _Links:
    """Rewrites one section's links so that they point inside the book."""

    def __init__(self, site: Path, book: Book, glossary_ids: set[str]) -> None:
        self.site = site
        self.info = book.info
        self.by_url = {s.url: s for s in book.sections}
        self.glossary = next((s for s in book.sections if s.kind == "glossary"), None)
        self.glossary_ids = glossary_ids

    def anchor(self, section: Section, fragment: str) -> str:
        # A fragment the page lacks leads to the section's start: the site's link check
        # reports the dead link on the page itself, once.
        if not fragment or fragment == section.h1_id or fragment not in section.ids:
            return section.key
        return f"{section.key}--{clean_id(fragment)}"

    def rewrite(self, href: str, page: Section) -> str:
        """Where a link of `page` points in print.html. A file of the site (a figure,
        bibliography.json) stays a path beside print.html: see `online` for the editions."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("data:", "javascript:")):
            return href
        fragment = unquote(parts.fragment)
        if not parts.path:
            return "#" + self.anchor(page, fragment)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page.url), unquote(parts.path)))
        if path in self.by_url:
            return "#" + self.anchor(self.by_url[path], fragment)
        slug = Path(path).stem
        if path.startswith(CONCEPTS) and self.glossary is not None and slug in self.glossary_ids:
            return "#" + self.anchor(self.glossary, slug)
        if not path.endswith(".html") and (self.site / path).is_file():
            return path  # a file (figure, data): relative to the site root, like print.html
        # Any other page, or a file the site lacks (its own page reports that): the hosted copy.
        return self.info.site_url + path + (f"#{parts.fragment}" if parts.fragment else "")


def _prepare(section: Section, article: LexborNode, linker: _Links) -> None:
    for node in article.css(STRIP):
        node.decompose()
    # Definitions and full references are toggletips on screen; on paper and on an
    # e-reader the glossary and the bibliography hold them, so the tips go.
    for node in article.css("div.tip-source"):
        node.decompose()
    # A chapter's "Cite this chapter" box cites its page on the site; the whole book is
    # cited from its title page and CITATION.cff.
    for node in article.css("details.cite-this"):
        node.decompose()
    for node in article.css("[data-tip]"):
        for attr in ("data-tip", "aria-describedby"):
            if attr in node.attrs:
                del node.attrs[attr]
    for node in article.css("a.glightbox"):  # the lightbox link around a figure: keep the image
        node.unwrap()
    for node in article.css("details"):  # review answers: open on paper and on an e-reader
        node.attrs["open"] = ""
    for node in article.css("label[for]"):  # its control is gone: the label is the question's text
        del node.attrs["for"]
    h1 = article.css_first("h1")
    if h1 is not None:
        section.title = _text(h1)
        if "id" in h1.attrs:
            del h1.attrs["id"]
    for node in article.css("[id]"):
        node.attrs["id"] = linker.anchor(section, node.attributes.get("id") or "")
    for node in article.css("[aria-labelledby]"):
        node.attrs["aria-labelledby"] = linker.anchor(section, node.attributes.get("aria-labelledby") or "")
    for node in article.css("a[href]"):
        href = linker.rewrite(node.attributes.get("href") or "", section)
        node.attrs["href"] = href
        if not href.startswith("#") and not urlsplit(href).scheme:  # a file beside print.html
            # Works from print.html, online or from the offline zip; a PDF or an EPUB
            # cannot carry the file, so they link its hosted copy (pdf.py, epub.py).
            node.attrs[ONLINE] = linker.info.site_url + href
    for node in article.css("img[src]"):
        node.attrs["src"] = linker.rewrite(node.attributes.get("src") or "", section)
        if "srcset" in node.attrs:
            node.attrs["srcset"] = _rewrite_srcset(node.attributes.get("srcset") or "", section, linker)
        if "loading" in node.attrs:  # a lazy image may be missing when Chromium prints
            del node.attrs["loading"]
    if section.kind == "glossary":
        _prepare_glossary(article)


def _rewrite_srcset(srcset: str, section: Section, linker: _Links) -> str:
    candidates = []
    for candidate in srcset.split(","):
        url, *descriptor = candidate.split()
        candidates.append(" ".join([linker.rewrite(url, section), *descriptor]))
    return ", ".join(candidates)


def _prepare_glossary(article: LexborNode) -> None:
    """Entries stay; what only makes sense on the site goes (links to concept pages,
    "discussed in N chapters", the paragraph about hovering and glossary.json)."""
    for node in article.css("dt a"):
        node.unwrap()
    for node in article.css(".glossary-count"):
        node.decompose()
    for node in article.css("h1 ~ p"):
        node.decompose()
    h1 = article.css_first("h1")
    if h1 is not None:
        intro = LexborHTMLParser(
            '<p class="print-glossary-intro">Every concept this book uses, from A to Z. '
            "Linked terms in the chapters lead to these entries.</p>"
        ).css_first("p")
        if intro is not None:
            h1.insert_after(intro)


def title_page(book: Book) -> str:
    info = book.info
    e = html.escape
    contents = "\n".join(
        f'  <li class="print-toc__item print-toc__item--{s.kind}">'
        f'<a href="#{e(s.key)}"><span class="print-toc__title">{e(s.title)}</span>'
        f'<span class="print-toc__page" data-target="{e(s.key)}"></span></a></li>'
        for s in book.sections
    )
    return f"""<section class="print-title-page" id="{TITLE_PAGE_ID}" data-title="{e(info.title)}"
  data-author="{e(info.author)}" data-date="{e(info.date)}" data-site-url="{e(info.site_url)}"
  data-language="{e(info.language)}">
  <p class="print-title">{e(info.title)}</p>
  <p class="print-subtitle">{e(info.subtitle)}</p>
  <p class="print-author">{e(info.author)}</p>
  <p class="print-version">Version of {e(info.date_text)}</p>
  <p class="print-url">Read it online: <a href="{e(info.site_url)}">{e(info.site_url)}</a></p>
  <p class="print-licence">{info.licence_html}</p>
</section>
<nav class="print-toc" id="{CONTENTS_ID}" aria-labelledby="{CONTENTS_ID}-title">
  <p class="print-toc__heading" id="{CONTENTS_ID}-title">Contents</p>
  <ol>
{contents}
  </ol>
</nav>"""


def render(book: Book) -> str:
    """The book's content: title page, contents, then one <section> per page."""
    parts = [title_page(book)]
    for section in book.sections:
        parts.append(
            f'<section class="print-section print-section--{section.kind}" id="{section.key}" '
            f'data-kind="{section.kind}" data-source="{html.escape(section.url)}">\n'
            f"{section.body}\n</section>"
        )
    return '<div class="print-book">\n' + "\n".join(parts) + "\n</div>"


def write(site: Path) -> Path:
    """Write site/print.html: the home page's frame (header, footer, styles) around the book."""
    book = collect(site)
    shell = _parse(site / "index.html")
    article = shell.css_first("article.md-content__inner")
    if article is None:
        raise SystemExit(f"error: {site / 'index.html'}: no <article> found; is this a Material site?")
    article.inner_html = render(book)
    for node in shell.css(".md-sidebar--secondary, nav.md-nav--secondary"):  # the home page's own contents
        node.decompose()
    topic = shell.css_first('.md-header__topic[data-md-component="header-topic"] .md-ellipsis')
    if topic is not None:
        topic.inner_html = html.escape(f"{book.info.title} — the whole book")
    for node in shell.css("a.md-skip"):
        node.attrs["href"] = f"#{TITLE_PAGE_ID}"
    title = shell.css_first("title")
    if title is not None:
        title.inner_html = html.escape(f"{book.info.title} — the whole book")
    canonical = shell.css_first('link[rel="canonical"]')
    if canonical is not None:
        canonical.attrs["href"] = book.info.site_url + PRINT_PAGE
    body = shell.css_first("body")
    if body is not None:
        body.attrs["class"] = ((body.attributes.get("class") or "") + " print-site").strip()
    out = site / PRINT_PAGE
    out.write_text(shell.html or "", encoding="utf-8")
    return out


def main(argv: list[str]) -> None:
    if len(argv) != 1 or not (Path(argv[0]) / "index.html").is_file():
        sys.exit("usage: python -m conceptbook.editions.print_page SITE_DIR (a built site, with index.html)")
    out = write(Path(argv[0]))
    print(f"Wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
