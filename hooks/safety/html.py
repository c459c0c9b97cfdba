"""Raw HTML and links in a page may not run code: checked on the page's rendered HTML.

Checking the HTML that Markdown produced (not the Markdown) sees every way of writing
the same thing: `[x](javascript:...)`, `<a href="JaVaScRiPt:...">`, `&#106;avascript:`,
tabs or newlines inside the scheme. An HTML5 parser (lexbor, through selectolax) reads
the page as a browser would and decodes character references; the scheme is read after
removing what browsers ignore in a URL. It is several times faster than the standard
library's parser, which made this check the engine's largest cost (benchmarks/).
Each fault is reported with the line of the page's source where it is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from selectolax.lexbor import LexborHTMLParser

from common.report import line_at, where
from common.text import html_text

from .report import log

SAFE_SCHEMES = ("http", "https", "mailto")
CODE_TAGS = ("script", "iframe", "object", "embed", "frame", "frameset", "applet", "base")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "ping")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop tabs and newlines, trim controls
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


def unsafe_scheme(url: str) -> str | None:
    """The scheme of `url` if it is not an allowed one (relative URLs have none)."""
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", url).lower())
    if match is None or match.group(1) in SAFE_SCHEMES:
        return None
    return match.group(1)


Fault = tuple[tuple[str, ...], str]  # (patterns to find its line in the source, message)


def element_faults(tag: str, attrs: Iterable[tuple[str, str | None]]) -> list[Fault]:
    """What is unsafe about one element: its tag, an event-handler attribute, a URL."""
    found: list[Fault] = []
    if tag in CODE_TAGS:
        found.append(
            (
                (rf"<\s*{tag}\b",),
                f"the raw HTML element <{tag}> is not allowed in the book, because it can run code or "
                f"load another site; delete it (draw a figure as an SVG file without scripts)",
            )
        )
    for name, value in attrs:
        if name.startswith("on"):
            found.append(
                (
                    (rf"\b{re.escape(name)}\s*=", rf"\b{re.escape(name)}\b"),
                    f"the attribute '{name}' on <{tag}> runs code, which the book does not allow; delete it",
                )
            )
        elif name in URL_ATTRIBUTES or name == "srcset":
            urls = [c.split()[0] for c in (value or "").split(",") if c.split()] if name == "srcset" else [value or ""]
            for url in urls:
                scheme = unsafe_scheme(url)
                if scheme is not None:
                    found.append(
                        (
                            (re.escape(url), re.escape(scheme[:4]), re.escape(url.split(":", 1)[-1][:20])),
                            f"the link {_brief(url)!r} uses the scheme '{scheme}:', which the book does not "
                            f"allow; link only to https://, mailto: or a relative path",
                        )
                    )
    return found


def _faults(content: str) -> list[Fault]:
    """Every fault in `content`, read by an HTML5 parser as a browser reads it: character
    references in values decoded, tag and attribute names folded, text left text."""
    found: list[Fault] = []
    for node in LexborHTMLParser(content).root.traverse():
        attributes = node.attributes
        if node.tag in CODE_TAGS or attributes:
            found += element_faults(node.tag, attributes.items())
    return found


def _brief(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def check_html(content: str, path: str, source: str) -> str:
    """Report every unsafe element, attribute or link in a page's HTML.

    Returns the content to publish: unchanged when it is safe, else a notice that lists
    the faults in place of the page, so that not even `mkdocs serve` (which publishes
    despite errors) or a failed strict build's output folder carries the code.
    """
    if "<" not in content:
        return content
    messages = []
    for patterns, message in dict.fromkeys(_faults(content)):
        matches = (re.search(p, source, re.IGNORECASE) for p in patterns)
        match = next((m for m in matches if m), None)
        line = line_at(source, match.start()) if match else None
        messages.append(f"{where(path, line)}: {message}.")
        log.error(messages[-1])
    if not messages:
        return content
    items = "".join(f"<li>{html_text(m)}</li>" for m in messages)
    return (
        '<div class="admonition failure"><p class="admonition-title">This page is not shown</p>'
        f"<p>Its source contains code, which the book does not allow:</p><ul>{items}</ul></div>"
    )
