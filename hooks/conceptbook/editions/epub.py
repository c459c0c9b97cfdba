"""The EPUB 3 edition, made with EbookLib from the whole-book page (site/print.html).

The page is split again, one XHTML file per section (each chapter, the glossary, the
bibliography when there is one), after a title page and the navigation document; a
link `#attachment--secure-base` becomes `attachment.xhtml#attachment--secure-base`.
Figures go in as the site's SVG files, which every EPUB 3 reader must display. Material's
chrome never reaches the book: only each section's article content is taken, without
scripts, forms or inline icons, and styled by a small stylesheet of its own (epub.css).

Reproducible: the identifier is derived from the site's address (stable across
versions; `dcterms:modified` tells versions apart), the modified date and every zip
entry's time come from SOURCE_DATE_EPOCH, and entries are written in a fixed order
with `mimetype` first and stored, as the EPUB container format requires.

Usage: python -m conceptbook.editions.epub SITE_DIR OUT.epub
"""

from __future__ import annotations

import datetime
import io
import mimetypes
import re
import sys
import time
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ebooklib import epub
from selectolax.lexbor import LexborHTMLParser, LexborNode

from conceptbook.editions import print_page
from conceptbook.editions.safety import refuse_active

STYLESHEET = Path(__file__).with_name("epub.css")
# Not for an e-reader: inline icons (an EPUB's inline SVG needs a manifest flag), scripts,
# forms and anything interactive.
STRIP = "script, noscript, form, input, button, select, textarea, iframe, .twemoji, svg"
DROP_ATTRIBUTES = ("loading", "decoding", "download", "data-md-component")
ZIP_EPOCH_MIN = 315532800  # zip cannot store times before 1980


@dataclass
class Part:
    key: str
    kind: str
    title: str
    body: str

    @property
    def file_name(self) -> str:
        return f"{self.key}.xhtml"


def read_book(site: Path) -> tuple[dict[str, str], list[Part]]:
    """The title page's data and the sections of site/print.html."""
    tree = LexborHTMLParser((site / print_page.PRINT_PAGE).read_text(encoding="utf-8"))
    title = tree.css_first(f"#{print_page.TITLE_PAGE_ID}")
    if title is None:
        sys.exit(f"error: {site / print_page.PRINT_PAGE}: no title page; rebuild the site (make build)")
    data = {k.removeprefix("data-"): v or "" for k, v in title.attributes.items() if k.startswith("data-")}
    licence = title.css_first(".print-licence")
    data["licence_html"] = (licence.inner_html or "").strip() if licence else ""
    data["licence_text"] = " ".join((licence.text() if licence else "").split())
    data["subtitle"] = " ".join((title.css_first(".print-subtitle") or title).text().split())
    parts = []
    for node in tree.css("section.print-section"):
        h1 = node.css_first("h1")
        parts.append(
            Part(
                key=node.attributes.get("id") or "",
                kind=node.attributes.get("data-kind") or "chapter",
                title=" ".join((h1.text() if h1 else "").split()),
                body=_clean(node),
            )
        )
    return data, parts


def _clean(section: LexborNode) -> str:
    for node in section.css(STRIP):
        node.decompose()
    for node in section.css(f"a[{print_page.ONLINE}]"):  # a file of the site: the book links its hosted copy
        node.attrs["href"] = node.attributes.get(print_page.ONLINE) or ""
        del node.attrs[print_page.ONLINE]
    for node in section.css("*"):
        for name in DROP_ATTRIBUTES:
            if name in node.attrs:
                del node.attrs[name]
    return section.inner_html or ""


def _link_targets(parts: list[Part]) -> dict[str, str]:
    """Which file holds each id."""
    where: dict[str, str] = {}
    for part in parts:
        where[part.key] = part.file_name
        for found in re.finditer(r'\sid="([^"]+)"', part.body):
            where[found.group(1)] = part.file_name
    return where


def _relink(part: Part, where: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        target = match.group(1)
        file = where.get(target)
        if file is None or file == part.file_name:
            return match.group(0)
        if target == Path(file).stem:  # the section itself: its file
            return f'href="{file}"'
        return f'href="{file}#{target}"'

    return re.sub(r'href="#([^"]+)"', replace, part.body)


def _title_page(data: dict[str, str]) -> str:
    return f"""<section class="title-page" epub:type="titlepage">
<h1 class="title">{_escape(data.get("title", ""))}</h1>
<p class="subtitle">{_escape(data.get("subtitle", ""))}</p>
<p class="author">{_escape(data.get("author", ""))}</p>
<p class="version">Version of {_escape(data.get("date", ""))}</p>
<p class="url">Read it online: <a href="{_escape(data.get("site-url", ""))}">{_escape(data.get("site-url", ""))}</a></p>
<p class="licence">{data.get("licence_html", "")}</p>
</section>"""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _images(site: Path, parts: list[Part]) -> list[str]:
    found: list[str] = []
    for part in parts:
        for src in re.findall(r'<img[^>]*\ssrc="([^"]+)"', part.body):
            if "://" not in src and not src.startswith("data:") and src not in found and (site / src).is_file():
                found.append(src)
    return found


def make_book(site: Path) -> tuple[epub.EpubBook, int]:
    print_page.write(site)
    refuse_active(site)  # before anything is written (hooks/conceptbook/editions/safety.py)
    data, parts = read_book(site)
    epoch = print_page.source_epoch()
    book = epub.EpubBook()
    site_url = data.get("site-url", "")
    book.set_identifier(f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, site_url or data.get('title', ''))}")
    book.set_title(data.get("title", "Book"))
    book.set_language(data.get("language", "en"))
    book.add_author(data.get("author", ""))
    book.add_metadata("DC", "description", data.get("subtitle", ""))
    book.add_metadata("DC", "rights", data.get("licence_text", ""))
    book.add_metadata("DC", "date", time.strftime("%Y-%m-%d", time.gmtime(epoch)))
    book.add_metadata("DC", "source", site_url)
    # EbookLib 0.20 adds a generator meta; the book records only what is true of every build.

    style = epub.EpubItem(uid="style", file_name="style.css", media_type="text/css", content=STYLESHEET.read_bytes())
    book.add_item(style)

    title_page = epub.EpubHtml(title="Title page", file_name="title.xhtml", lang=book.language, uid="title-page")
    title_page.content = _title_page(data)
    title_page.add_item(style)
    book.add_item(title_page)

    where = _link_targets(parts)
    chapters = []
    for part in parts:
        item = epub.EpubHtml(title=part.title, file_name=part.file_name, lang=book.language, uid=part.key)
        item.content = f'<section class="{part.kind}" id="{part.key}">{_relink(part, where)}</section>'
        item.add_item(style)
        book.add_item(item)
        chapters.append(item)

    for number, src in enumerate(_images(site, parts), start=1):
        media_type = mimetypes.guess_type(src)[0] or "application/octet-stream"
        book.add_item(
            epub.EpubItem(
                uid=f"image-{number}", file_name=src, media_type=media_type, content=(site / src).read_bytes()
            )
        )

    book.toc = [epub.Link(part.file_name, part.title, part.key) for part in parts]
    book.add_item(epub.EpubNav(uid="nav", file_name="nav.xhtml"))
    book.add_item(epub.EpubNcx())
    book.spine = [title_page, "nav", *chapters]
    return book, epoch


def normalise_zip(data: bytes, epoch: int) -> bytes:
    """The same entries in the same order, every one stamped with `epoch`; mimetype stored first."""
    stamp = time.gmtime(max(epoch, ZIP_EPOCH_MIN))[:6]
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    names.sort(key=lambda n: n != "mimetype")  # stable: keeps EbookLib's order otherwise
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine builds it
            target.writestr(info, source.read(name), compresslevel=9)
    return out.getvalue()


def build_epub(site: Path, out: Path) -> Path:
    book, epoch = make_book(site)
    mtime = datetime.datetime.fromtimestamp(epoch, tz=datetime.UTC)
    raw = io.BytesIO()
    epub.write_epub(raw, book, {"mtime": mtime, "epub3_pages": False})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(normalise_zip(raw.getvalue(), epoch))
    return out


def main(argv: list[str]) -> None:
    if len(argv) != 2 or not (Path(argv[0]) / "index.html").is_file():
        sys.exit("usage: python -m conceptbook.editions.epub SITE_DIR OUT.epub (run 'make build' first)")
    start = time.monotonic()
    out = build_epub(Path(argv[0]), Path(argv[1]))
    print(f"Wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.monotonic() - start:.1f} s.")


if __name__ == "__main__":
    main(sys.argv[1:])
