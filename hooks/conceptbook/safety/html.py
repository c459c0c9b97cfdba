"""Raw HTML and links in a page may not run code: checked on the page's rendered HTML.

Checking the HTML that Markdown produced (not the Markdown) sees every way of writing
the same thing: `[x](javascript:...)`, `<a href="JaVaScRiPt:...">`, `&#106;avascript:`,
tabs or newlines inside the scheme. The rules are those of a page's content in
safety/rules.py (an HTML5 parser reads the page as a browser would). This early check
runs before the search plugin indexes the page and gives each fault the line of the
page's source where it is written; the final check (safety/output.py) reads the
finished page again, with every part the engine adds later in place.
"""

from __future__ import annotations

import re

from conceptbook.common.report import line_at, where
from conceptbook.common.text import html_text

from .report import log
from .rules import Fault, content_faults

# A snippet include (pymdownx.snippets): what it brings in is not in the page's source.
_SNIPPET = re.compile(r"^[ \t]*-{1,}8<-{1,}", re.MULTILINE)


def locate(fault: Fault, source: str) -> int | None:
    """The line of `source` where `fault` is written, if it is found there."""
    for pattern in fault.patterns:
        match = re.search(pattern, source, re.IGNORECASE)
        if match:
            return line_at(source, match.start())
    return None


def notice(messages: list[str]) -> str:
    """What a page that carries code shows instead of its content."""
    items = "".join(f"<li>{html_text(m)}</li>" for m in messages)
    return (
        '<div class="admonition failure"><p class="admonition-title">This page is not shown</p>'
        f"<p>Its source contains code, which the book does not allow:</p><ul>{items}</ul></div>"
    )


def check_html(content: str, path: str, source: str) -> str:
    """Report every unsafe element, attribute or link in a page's HTML.

    Returns the content to publish: unchanged when it is safe, else a notice that lists
    the faults in place of the page, so that not even `mkdocs serve` (which publishes
    despite errors) or a failed strict build's output folder carries the code.
    """
    messages = []
    for fault in content_faults(content):
        line = locate(fault, source)
        suffix = ""
        if line is None and (snippet := _SNIPPET.search(source)):  # it came in with an included file
            line = line_at(source, snippet.start())
            suffix = " (in the file this line includes)"
        messages.append(f"{where(path, line)}: {fault.what}{suffix}; {fault.fix}.")
        log.error(messages[-1])
    return notice(messages) if messages else content


def _faults(content: str) -> list[tuple[tuple[str, ...], str]]:
    """(patterns, message) of every fault: the shape older tests read."""
    return [(fault.patterns, fault.message) for fault in content_faults(content)]
