"""Text from authors is text: how it is escaped wherever it lands, and the slug rule.

Front matter values (terms, summaries, titles, authors) are plain text. Each output
format gets its own escape, applied where the text is put into that format:

- `html_text`: element content (MkDocs treats a page title as HTML, because a title
  taken from a Markdown `# heading` arrives as HTML: `A &amp; B`).
- `html_attr`: an attribute value (`<meta name="description" content="...">`).
- `markdown_literal`: text put into Markdown source, e.g. the concept page's `# Term`:
  every ASCII punctuation mark becomes a numeric character reference, so no Markdown,
  HTML or attr_list syntax (`{: onclick=... }`) can survive in it.
"""

from __future__ import annotations

import html
import string

from slugify import slugify

# Apostrophes join a word rather than split it: "Winnicott's" -> "winnicotts".
_APOSTROPHES = [["'", ""], ["\u2018", ""], ["\u2019", ""], ["\u02bc", ""]]
_PUNCTUATION = frozenset(string.punctuation)


def html_text(value: str) -> str:
    return html.escape(value, quote=False)


def html_attr(value: str) -> str:
    return html.escape(value, quote=True)


def markdown_literal(value: str) -> str:
    return "".join(f"&#{ord(c)};" if c in _PUNCTUATION else c for c in value)


def slug(name: str) -> str:
    """The file name for a title or term, shared by the scaffold and the engine's hints:
    'Object relations' -> 'object-relations', 'Straße' -> 'strasse', '自我' -> 'zi-wo'."""
    return str(slugify(name, replacements=_APOSTROPHES))
