"""Undo mkdocs-glightbox's document wrapper around a page's content.

mkdocs-glightbox 0.5.3 wraps images in its `on_page_content` by parsing the content
with selectolax's document parser and returning `tree.html`: the whole document,
`<html><head></head><body>…</body></html>`. Material's search plugin then reads that
`<html>` start tag as the start of an untitled preface section, so the page-level entry
of every page is that empty preface, and the page's opening text goes to an entry of its
own under the H1's anchor. Taking the body back out restores the content MkDocs made.
"""

from __future__ import annotations

import re

# Hooks that run between glightbox and this one may append to the content (the engine's
# late-insertion markers, such as <!-- references -->): that tail is kept after the body.
_DOCUMENT = re.compile(
    r"\A\s*<html>\s*<head>(?P<head>.*?)</head>\s*<body>(?P<body>.*)</body>\s*</html>(?P<tail>.*)\Z", re.DOTALL
)


def unwrap_document(content: str) -> str:
    """The content inside <html><head>…</head><body>…</body></html>, or `content` unchanged.

    An HTML5 parser moves elements that may only stand in <head> (a leading <style> or
    <link>) out of the body, so whatever it put in the head comes back first."""
    match = _DOCUMENT.match(content)
    if match is None:
        return content
    return match.group("head") + match.group("body") + match.group("tail")
