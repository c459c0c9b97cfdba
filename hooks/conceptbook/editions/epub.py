"""The EPUB 3 edition, made from the whole-book page the build wrote (site/print.html).

The page is split again, one XHTML file per section (each chapter, the answers, the
glossary, the bibliography when there is one), after a title page and the navigation
document; a link `#attachment--secure-base` becomes `attachment.xhtml#attachment--secure-base`.
Figures go in as the site's SVG files, which every EPUB 3 reader must display. Material's
chrome never reaches the book: only each section's content is taken, without scripts,
forms or inline icons, and styled by a small stylesheet of its own (epub.css).

Every file of the book's markup (each section, the title page, nav.xhtml, toc.ncx,
content.opf, container.xml) is a template in templates/ beside this module, rendered with
autoescape; a section's body is print.html's HTML written again as well-formed XML
(`xhtml`), which the EPUB's XHTML must be.

Reproducible: the identifier is derived from the site's address (stable across
versions; `dcterms:modified` tells versions apart), the modified date and every zip
entry's time come from SOURCE_DATE_EPOCH, and entries are written in a fixed order
with `mimetype` first and stored, as the EPUB container format requires.

Usage: python -m conceptbook.editions.epub SITE_DIR OUT.epub
"""

from __future__ import annotations

import html
import io
import mimetypes
import re
import sys
import time
import uuid
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from selectolax.lexbor import LexborNode

from conceptbook.common.templates import template_env

from . import printed
from .book import ONLINE
from .safety import refuse_active

STYLESHEET = Path(__file__).with_name("epub.css")
# Package data, like epub.css, not overrides/: MkDocs publishes every file of the theme's
# folders that is not .html, and these belong to the EPUB, not to the site.
TEMPLATES = Path(__file__).with_name("templates")
# Not for an e-reader: inline icons (an EPUB's inline SVG needs a manifest flag), scripts,
# forms and anything interactive.
STRIP = "script, noscript, form, input, button, select, textarea, iframe, .twemoji, svg"
DROP_ATTRIBUTES = ("loading", "decoding", "download", "data-md-component")
ZIP_EPOCH_MIN = 315532800  # zip cannot store times before 1980
# HTML's void elements: written as <br/> in XML.
VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"))


@dataclass
class Part:
    key: str
    kind: str
    title: str
    body: str

    @property
    def file_name(self) -> str:
        return f"{self.key}.xhtml"

    @property
    def item_id(self) -> str:
        return f"section-{self.key}"  # a manifest id is an XML name: it cannot start with a digit


@dataclass
class Image:
    href: str
    media_type: str


class _XHTML(HTMLParser):
    """HTML as the build serialises it (every element closed) written again as XML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def _attributes(self, attrs: list[tuple[str, str | None]]) -> str:
        return "".join(f' {name}="{html.escape(value or "", quote=True)}"' for name, value in attrs)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(f"<{tag}{self._attributes(attrs)}{'/' if tag in VOID else ''}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(
            f"<{tag}{self._attributes(attrs)}/>" if tag in VOID else f"<{tag}{self._attributes(attrs)}></{tag}>"
        )

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))


def xhtml(fragment: str) -> str:
    """`fragment` (HTML, every element closed, as lexbor writes it) as well-formed XML;
    comments are left out, named character references become characters."""
    parser = _XHTML()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out)


def _clean(section: LexborNode) -> str:
    for node in section.css(STRIP):
        node.decompose()
    for node in section.css(f"a[{ONLINE}]"):  # a file of the site: the book links its hosted copy
        node.attrs["href"] = node.attributes.get(ONLINE) or ""
        del node.attrs[ONLINE]
    for node in section.css("*"):
        for name in DROP_ATTRIBUTES:
            if name in node.attrs:
                del node.attrs[name]
    return section.inner_html or ""


def read_parts(book: printed.PrintedBook) -> list[Part]:
    parts = []
    for node in book.sections:
        h1 = node.css_first("h1")
        parts.append(
            Part(
                key=node.attributes.get("id") or "",
                kind=node.attributes.get("data-kind") or "chapter",
                title=" ".join((h1.text() if h1 else "").split()),
                body=_clean(node),
            )
        )
    return parts


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


def _images(site: Path, parts: list[Part]) -> list[Image]:
    found: list[str] = []
    for part in parts:
        for src in re.findall(r'<img[^>]*\ssrc="([^"]+)"', part.body):
            if "://" not in src and not src.startswith("data:") and src not in found and (site / src).is_file():
                found.append(src)
    return [Image(src, mimetypes.guess_type(src)[0] or "application/octet-stream") for src in found]


def make_book(site: Path) -> tuple[list[tuple[str, bytes]], int]:
    """The EPUB's entries (name, bytes) in the order they are written, and the epoch."""
    book = printed.read(site)
    refuse_active(site)  # before anything is written (hooks/conceptbook/editions/safety.py)
    info = book.info
    parts = read_parts(book)
    images = _images(site, parts)
    where = _link_targets(parts)
    env = template_env(TEMPLATES)
    data = {
        "info": info,
        "parts": parts,
        "images": images,
        "identifier": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, info.site_url or info.title)}",
        "modified": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(info.epoch)),
        "date": time.strftime("%Y-%m-%d", time.gmtime(info.epoch)),
        "rights": book.licence_text,
        "licence": xhtml(info.licence_html),
        "language": info.language,
    }

    def render(name: str, **more: object) -> bytes:
        return env.get_template(name).render(**data, **more).encode("utf-8")

    # In the manifest's order (content.opf), after the two files a reader looks for first.
    entries = [
        ("mimetype", b"application/epub+zip"),
        ("META-INF/container.xml", render("container.xml")),
        ("EPUB/content.opf", render("content.opf")),
        ("EPUB/style.css", STYLESHEET.read_bytes()),
        ("EPUB/title.xhtml", render("title.xhtml")),
    ]
    for part in parts:
        entries.append((f"EPUB/{part.file_name}", render("section.xhtml", part=part, body=xhtml(_relink(part, where)))))
    entries += [(f"EPUB/{image.href}", (site / image.href).read_bytes()) for image in images]
    entries += [("EPUB/nav.xhtml", render("nav.xhtml")), ("EPUB/toc.ncx", render("toc.ncx"))]
    return entries, info.epoch


def write_zip(entries: list[tuple[str, bytes]], epoch: int) -> bytes:
    """The entries in their order, every one stamped with `epoch`; mimetype stored first."""
    stamp = time.gmtime(max(epoch, ZIP_EPOCH_MIN))[:6]
    entries = sorted(entries, key=lambda entry: entry[0] != "mimetype")  # stable: keeps the order otherwise
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine builds it
            target.writestr(info, data, compresslevel=9)
    return out.getvalue()


def build_epub(site: Path, out: Path) -> Path:
    entries, epoch = make_book(site)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(write_zip(entries, epoch))
    return out


def main(argv: list[str]) -> None:
    if len(argv) != 2 or not (Path(argv[0]) / "index.html").is_file():
        sys.exit("usage: python -m conceptbook.editions.epub SITE_DIR OUT.epub (run 'make build' first)")
    start = time.monotonic()
    out = build_epub(Path(argv[0]), Path(argv[1]))
    print(f"Wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.monotonic() - start:.1f} s.")


if __name__ == "__main__":
    main(sys.argv[1:])
