"""What a concept's names and summary may contain: plain text, within limits.

Terms, aliases and summaries reach tooltips, page titles, the glossary and
glossary.json, so they are plain text: no Markdown, no HTML, no attr_list `{: ...}`,
no `[[...]]`. Each check returns the problem and its fix as one clause, or None.
"""

from __future__ import annotations

import datetime
import re

NAME_MAX_CHARS = 80
SUMMARY_MAX_WORDS = 45
SUMMARY_MAX_CHARS = 400
LIST_MAX_ITEMS = 20  # aliases or related slugs of one concept
# Markup characters: Markdown (emphasis, code, links, tables), HTML and attr_list.
NAME_MARKUP = re.compile(r"[<>{}\[\]*_`|\\#]")
SUMMARY_MARKUP = re.compile(r"[<>{}\[\]*_`|\\]")
ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def type_problem(key: str, value: object) -> str:
    """Why a value that should be text is not, with the fix."""
    if isinstance(value, bool):
        return (
            f"'{key}' was read by YAML as {'true' if value else 'false'} (yes/no/on/off are booleans); "
            f'put the text in quotes, e.g. {key}: "Yes"'
        )
    if isinstance(value, int | float | datetime.date):
        kind = "a date" if isinstance(value, datetime.date) else "a number"
        return f"'{key}' was read by YAML as {kind}, not text; put it in quotes, e.g. {key}: \"{value}\""
    if value is None:
        return f"'{key}' is empty; write its text after '{key}:'"
    kind = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else type(value).__name__
    return f"'{key}' must be text, not {kind}; write it on one line after '{key}:' (or use '>-' for several lines)"


def name_problem(name: str, what: str, link: str) -> str | None:
    """The problem with one term or alias, or None. `what` is 'term' or 'alias'."""
    if len(name) > NAME_MAX_CHARS:
        return f"the {what} has {len(name)} characters; shorten it to at most {NAME_MAX_CHARS}"
    found = NAME_MARKUP.search(name) or ENTITY.search(name) or CONTROL.search(name)
    if found:
        return (
            f"the {what} {name!r} contains {found.group()!r}; names are plain text (no Markdown, HTML, "
            f"'{{: ...}}' attributes or [[...]]): remove it"
        )
    if not any(c.isalpha() for c in name):
        return f"the {what} {name!r} has no letter; a name needs at least one letter: write it in words"
    if sum(c.isalnum() for c in name) == 1 and link != "explicit":
        return (
            f"the {what} {name!r} is a single letter, which would link letters everywhere; "
            f"use a longer name, or set 'link: explicit'"
        )
    return None


def summary_problem(summary: str) -> str | None:
    """The problem with a summary's content (its length in words is checked apart), or None."""
    if len(summary) > SUMMARY_MAX_CHARS:
        return f"the summary has {len(summary)} characters; shorten it to at most {SUMMARY_MAX_CHARS}"
    if "[[" in summary:
        return "the summary contains '[[...]]'; a summary is plain text: name the concept in words instead"
    found = SUMMARY_MARKUP.search(summary) or ENTITY.search(summary) or CONTROL.search(summary)
    if found:
        return (
            f"the summary contains {found.group()!r}; a summary is plain text (no Markdown, HTML or links): "
            f"remove it or say it in words"
        )
    return None
