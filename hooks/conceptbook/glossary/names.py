"""What a concept's names and summary may contain: plain text, within limits.

Terms, aliases and summaries reach tooltips, page titles, the glossary and
glossary.json, so they are plain text: no Markdown, no HTML, no attr_list `{: ...}`,
no `[[...]]`. Each check returns the problem and its fix as one clause, or None.

What a reader cannot see is refused too, naming the character and its code point (the
probe of 2026-12, M09-M11): invisible format characters (zero-width spaces and joiners,
soft hyphens, bidi controls such as U+202E, which shows the text after it reversed) in
names and summaries, and a word of a name that mixes alphabets (a Cyrillic 'а' inside
Latin 'Transference' looks the same and would be a second concept with the same look).
Refusing, not normalising: the author sees the message and retypes the word; a silent
repair would keep an invisible difference between the source and the book.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

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
    if value is None or (isinstance(value, str) and not value.strip()):
        return f"'{key}' is empty; write its text after '{key}:'"
    kind = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else type(value).__name__
    return f"'{key}' must be text, not {kind}; write it on one line after '{key}:' (or use '>-' for several lines)"


def _character(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'an unnamed character')}"


def invisible_problem(text: str, what: str) -> str | None:
    """An invisible format character (Unicode category Cf: zero-width, soft hyphen, bidi
    controls, word joiner, byte-order mark) in `text`, with the fix."""
    for char in text:
        if unicodedata.category(char) == "Cf":
            return (
                f"{what} contains the invisible character {_character(char)}, which changes how the text "
                f"looks, breaks or matches without showing; delete it (retype the word if unsure)"
            )
    return None


def _script(char: str) -> str | None:
    """The alphabet of a letter (LATIN, CYRILLIC, GREEK ...), from its Unicode name."""
    if not char.isalpha():
        return None
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def mixed_script_problem(text: str, what: str) -> str | None:
    """A word whose letters come from more than one alphabet (a homoglyph), with the fix."""
    for word in re.findall(r"\w+", text):
        scripts = {script for c in word if (script := _script(c))}
        if len(scripts) > 1:
            main = max(scripts, key=lambda s: sum(_script(c) == s for c in word))
            odd = next(c for c in word if _script(c) not in (None, main))
            return (
                f"{what} has the word {word!r}, which mixes {' and '.join(s.title() for s in sorted(scripts))} letters "
                f"({odd!r} is {_character(odd)}); it looks like a word it is not: retype it in one alphabet"
            )
    return None


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
    hidden = invisible_problem(name, f"the {what} {name!r}") or mixed_script_problem(name, f"the {what}")
    if hidden:
        return hidden
    if not any(c.isalpha() for c in name):
        return f"the {what} {name!r} has no letter; a name needs at least one letter: write it in words"
    if sum(c.isalnum() for c in name) == 1 and link != "explicit":
        if len(name) == 1:
            return (
                f"the {what} {name!r} is a single letter, which would link letters everywhere; "
                f"use a longer name, or set 'link: explicit'"
            )
        letter = next(c for c in name if c.isalnum())
        return (
            f"the {what} {name!r} has only one letter or digit ({letter!r}), too little to find it safely in "
            f"running text; use a longer name, or set 'link: explicit'"
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
    return invisible_problem(summary, "the summary")
