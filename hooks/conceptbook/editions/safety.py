"""The editions carry nothing active: the build's rules, read again on what they are made from.

The build's final check (hooks/conceptbook/safety/output.py) keeps code out of every page, so the
whole-book page made from them is clean. The PDF and EPUB tools can still be pointed at
any folder (an old build, a failed one), so before they write anything they read
print.html and every SVG file it shows with the same rules (hooks/conceptbook/safety/rules.py and
svg.py): the book's content as content, the theme's frame as frame. On a fault they stop
with its message, and write nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from conceptbook.editions.book import PRINT_PAGE
from conceptbook.safety.rules import content_faults, frame_faults, srcset_urls
from conceptbook.safety.svg import check_svg


def active_parts(site: Path) -> list[str]:
    """Every fault of site/print.html and of the SVG files it shows, as messages."""
    page = site / PRINT_PAGE
    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    article = tree.css_first("article.md-content__inner")
    content = article.inner_html if article is not None else ""
    images = [node.attributes.get("src") or "" for node in tree.css("img[src]")]
    images += [
        url
        for node in tree.css("img[srcset], source[srcset]")
        for url in srcset_urls(node.attributes.get("srcset") or "")
    ]
    if article is not None:
        article.inner_html = ""
    found = [f"{page}: {fault.message}" for fault in [*content_faults(content or ""), *frame_faults(tree.html or "")]]
    for src in dict.fromkeys(images):
        parts = urlsplit(src)
        path = site / unquote(parts.path)
        if not (parts.scheme or parts.netloc or path.is_file()):  # data: URIs have a scheme
            found.append(
                f"{page}: the image {src!r} is not a file of the site; correct its path in the page that shows it "
                "('make build' names its file and line)"
            )
            continue
        if parts.scheme or parts.netloc or path.suffix.lower() != ".svg" or not path.is_file():
            continue
        result = check_svg(path.read_text(encoding="utf-8", errors="replace"))
        if result.error is not None:
            found.append(f"{path}: the SVG is not well-formed XML ({result.error})")
        found += [f"{path}:{finding.line}: {finding.fault.message}" for finding in result.findings]
    return list(dict.fromkeys(found))


def refuse_active(site: Path) -> None:
    """Stop, writing nothing, if the book's page or its figures carry code, or the page
    shows an image the site lacks."""
    found = active_parts(site)
    if found:
        listing = "\n".join(f"  {message}" for message in found)
        sys.exit(
            f"error: the site in {site} holds what no edition may hold (code, or an image it lacks):\n{listing}\n"
            f"Rebuild the site with 'make build': its messages name the source file and line of each."
        )
