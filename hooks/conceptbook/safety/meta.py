"""Front-matter values the theme prints: escaped as text, or checked as names.

Material prints `page.meta.title`, `description`, `author` and `subtitle` into the page
unescaped (MkDocs' own page titles are HTML: a title from a `# heading` arrives as
`A &amp; B`). So each is turned from text into HTML here, once per build, before any
template reads it. `status`, `icon` and `template` name a CSS class, an icon file and a
template file: a value that is not a plain name is dropped with a message.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from typing import Any

from conceptbook.common.report import where
from conceptbook.common.text import html_attr, html_text
from conceptbook.glossary.frontmatter import FrontMatterError, parse

from .report import log

AS_TEXT = ("title", "subtitle")  # printed as element content (and escaped again in attributes)
AS_ATTRIBUTE = ("description", "author")  # printed inside content="..."
AS_NAME = {
    "status": re.compile(r"[a-z0-9][a-z0-9_-]*"),
    "icon": re.compile(r"[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_-]*)+"),
    "template": re.compile(r"[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_-]*)*\.html"),
}


def protect_meta(meta: MutableMapping[str, Any], path: str, line_of_key: Any = None) -> None:
    """Escape or check, in place, every key of `meta` that the theme prints."""
    for key in (*AS_TEXT, *AS_ATTRIBUTE):
        if key not in meta:
            continue
        value = meta[key]
        if isinstance(value, str):
            meta[key] = html_text(value) if key in AS_TEXT else html_attr(value)
        else:
            del meta[key]  # the front-matter checks report the wrong type
    for key, pattern in AS_NAME.items():
        value = meta.get(key)
        if key in meta and not (isinstance(value, str) and pattern.fullmatch(value)):
            del meta[key]
            line = line_of_key(key) if line_of_key else None
            log.warning(
                f"{where(path, line)}: '{key}' must be a plain name such as "
                f"{'new' if key == 'status' else 'material/brain' if key == 'icon' else 'main.html'} "
                f"(lowercase letters, digits, hyphens); it was ignored: correct or delete it."
            )


def protect_page_meta(page: Any, path: str, source: str, reported_elsewhere: bool) -> None:
    """Escape what the theme prints raw from a page's front matter (`page.meta`); front
    matter our reader rejects is not used at all (MkDocs' reader is laxer: it would still
    print an alias bomb or a duplicated key). `reported_elsewhere`: the page is a chapter
    or concept, whose own checks name the front-matter fault."""
    try:
        line_of_key = parse(source).line_of_key
    except FrontMatterError as error:
        page.meta.clear()
        line_of_key = None
        if not reported_elsewhere:
            log.error(f"{where(path, error.line)}: {error.message}.")
    protect_meta(page.meta, path, line_of_key)
