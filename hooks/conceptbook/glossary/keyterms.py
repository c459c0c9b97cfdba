"""A chapter's key terms: the concepts it teaches, for the box a student revises from.

The rule (CONTRIBUTING.md, "How term linking works"):

- By default the key terms are the concepts the chapter **defines**: those written in
  bold in its teaching text (bold is reserved for a term's defining mention), in the
  order they are first defined. Bold in a recap section does not count
  (hooks/conceptbook/glossary/sections.py).
- An author who wants another choice lists slugs under `key_terms:` in the chapter's
  front matter; the list replaces the rule, in the author's order. Each must be a concept
  the chapter's teaching text mentions.
- The box holds at most `KEY_TERMS_MAX`: a chapter that defines more gets a warning
  asking for `key_terms:` (a box of 30 terms is not a revision aid), and shows the first ones.

Every other concept the teaching text mentions is "also mentioned".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .report import log, where

KEY_TERMS_KEY = "key_terms"
KEY_TERMS_MAX = 15


@dataclass(frozen=True)
class KeyTermsChoice:
    """`key_terms:` as an author wrote it: slugs, and the line of each."""

    slugs: tuple[str, ...]
    lines: tuple[int | None, ...]


def choose(
    path: str,
    defined: Sequence[str],
    mentioned: Sequence[str],
    choice: KeyTermsChoice | None,
    known: Callable[[str], bool],
    hint: Callable[[str], str],
) -> tuple[list[str], list[str]]:
    """(key terms, also mentioned) of one chapter, with a warning for each problem."""
    if choice is None:
        keys = list(defined)
        if len(keys) > KEY_TERMS_MAX:
            log.warning(
                f"{path}: the chapter defines {len(keys)} concepts in bold, and the key-terms box holds at most "
                f"{KEY_TERMS_MAX}; list the {KEY_TERMS_MAX} or fewer a student should revise under "
                f"'{KEY_TERMS_KEY}:' in the front matter, e.g. {KEY_TERMS_KEY}: [{', '.join(keys[:3])}]"
            )
            keys = keys[:KEY_TERMS_MAX]
    else:
        keys = _checked(path, choice, set(mentioned), known, hint)
    chosen = set(keys)
    return keys, [slug for slug in mentioned if slug not in chosen]


def _checked(
    path: str, choice: KeyTermsChoice, mentioned: set[str], known: Callable[[str], bool], hint: Callable[[str], str]
) -> list[str]:
    keys: list[str] = []
    for slug, line in zip(choice.slugs, choice.lines, strict=True):
        if not known(slug):
            log.warning(
                f"{where(path, line)}: '{KEY_TERMS_KEY}' names '{slug}', which is not a concept{hint(slug)} "
                f"Concepts live in docs/concepts/<slug>.md."
            )
        elif slug in keys:
            log.warning(f"{where(path, line)}: '{KEY_TERMS_KEY}' lists '{slug}' twice; delete one.")
        elif slug not in mentioned:
            log.warning(
                f"{where(path, line)}: '{KEY_TERMS_KEY}' lists '{slug}', but the chapter's teaching text never "
                f"mentions it (the objectives, takeaways, summary and questions do not count); mention it where "
                f"the chapter teaches it, or delete it from '{KEY_TERMS_KEY}'."
            )
        else:
            keys.append(slug)
    if len(keys) > KEY_TERMS_MAX:
        log.warning(
            f"{where(path, choice.lines[0])}: '{KEY_TERMS_KEY}' lists {len(keys)} "  # keys came from the lines
            f"concepts; the key-terms box holds at most {KEY_TERMS_MAX}: keep the ones a student should revise."
        )
        keys = keys[:KEY_TERMS_MAX]
    return keys
