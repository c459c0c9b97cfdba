"""Chapter front matter: what a chapter must and may declare, checked like a concept's."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .frontmatter import FrontMatter, FrontMatterError, parse
from .keyterms import KEY_TERMS_KEY, KEY_TERMS_MAX, KeyTermsChoice
from .markers import ENGINE_ONLY, KEY_CONCEPTS_MARKER
from .names import LIST_MAX_ITEMS, NAME_MAX_CHARS, type_problem
from .report import did_you_mean, line_of, log, where

CHAPTER_DIR = "chapters/"
REQUIRED = ("title", "description")
OPTIONAL = ("authors", "reviewed_by", "last_reviewed", KEY_TERMS_KEY)
# Material's own per-page keys, which chapters may also use.
MATERIAL_KEYS = ("hide", "search", "icon", "status", "subtitle", "template")
DESCRIPTION_MAX_CHARS = 200
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!][^>\s]*")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class ChapterMeta:
    title: str
    description: str
    key_terms: KeyTermsChoice | None = None  # see hooks/conceptbook/glossary/keyterms.py


def is_chapter(src_uri: str) -> bool:
    return src_uri.startswith(CHAPTER_DIR) and src_uri.endswith(".md")


def _is_names(value: object) -> bool:
    names = [value] if isinstance(value, str) else value
    return (
        isinstance(names, list)
        and 0 < len(names) <= LIST_MAX_ITEMS
        and all(isinstance(v, str) and v.strip() and len(v) <= NAME_MAX_CHARS for v in names)
    )


def _check_markers(fm: FrontMatter, path: str) -> None:
    first = line_of(fm.body, KEY_CONCEPTS_MARKER, fm.body_line)
    if first is not None:
        rest = fm.body.split(KEY_CONCEPTS_MARKER, 1)[1]
        second = line_of(rest, KEY_CONCEPTS_MARKER, first)
        if second is not None:
            log.warning(
                f"{where(path, second)}: '{KEY_CONCEPTS_MARKER}' appears a second time (first on line {first}); "
                f"a chapter has one key-concepts box: delete one of the two markers."
            )
    for marker in ENGINE_ONLY:
        line = line_of(fm.body, marker, fm.body_line)
        if line is not None:
            log.error(
                f"{where(path, line)}: '{marker}' is a marker the engine places itself, not one for a chapter; "
                f"delete it."
            )


def check_nav(reading_order: list[str], pages: list[tuple[str, str]]) -> None:
    """Every chapter is in the nav; `pages` holds (src_uri, path in messages) of every page."""
    listed = set(reading_order)
    for src_uri, path in pages:
        if is_chapter(src_uri) and src_uri not in listed:
            log.warning(
                f"{path}: this chapter is not in the reading order, so no reader can reach it; add the line "
                f"'- {src_uri}' under '- Chapters:' in the nav of mkdocs.yml."
            )


def check_chapter(path: str, source: str) -> ChapterMeta | None:
    """Report every front-matter problem of one chapter; return its meta if usable."""
    try:
        fm = parse(source)
    except FrontMatterError as error:
        log.error(f"{where(path, error.line)}: {error.message}.")
        return None
    known = (*REQUIRED, *OPTIONAL, *MATERIAL_KEYS)
    for key in fm.data:
        if key not in known:
            hint = did_you_mean(key, known) or f" — a chapter may use {', '.join((*REQUIRED, *OPTIONAL))}."
            log.warning(f"{where(path, fm.line_of_key(key))}: unknown front-matter key '{key}'{hint}")
    ok = True
    for key in REQUIRED:
        value = fm.data.get(key)
        if key in fm.data and not isinstance(value, str):
            ok = False
            log.warning(f"{where(path, fm.line_of_key(key))}: {type_problem(key, value)}")
        elif not isinstance(value, str) or not value.strip():
            ok = False
            example = (
                "title: Attachment" if key == "title" else "description: One sentence on what the chapter teaches."
            )
            log.warning(
                f"{where(path, fm.line_of_key(key) or 1)}: a chapter needs '{key}' as text in its front matter, e.g. '{example}'"
            )
    description = fm.data.get("description")
    if isinstance(description, str) and len(description) > DESCRIPTION_MAX_CHARS:
        log.warning(
            f"{where(path, fm.line_of_key('description'))}: the description has {len(description)} characters; "
            f"keep it under {DESCRIPTION_MAX_CHARS} (it is the page's search-engine snippet and home-page card)."
        )
    for key in ("authors", "reviewed_by"):
        if key in fm.data and not _is_names(fm.data[key]):
            log.warning(
                f"{where(path, fm.line_of_key(key))}: '{key}' must be a name or a list of names (at most "
                f"{LIST_MAX_ITEMS}, each under {NAME_MAX_CHARS} characters), e.g. {key}: [Ada Lovelace]"
            )
    if "last_reviewed" in fm.data and not isinstance(fm.data["last_reviewed"], datetime.date):
        log.warning(
            f"{where(path, fm.line_of_key('last_reviewed'))}: 'last_reviewed' must be a date written YYYY-MM-DD, "
            f"e.g. last_reviewed: 2026-11-22 (without quotes)"
        )
    for key in ("title", "description", "subtitle", "authors", "reviewed_by"):
        value = fm.data.get(key)
        texts = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        tag = next((m.group() for t in texts if isinstance(t, str) and (m := _HTML_TAG.search(t))), None)
        if tag:
            log.warning(
                f"{where(path, fm.line_of_key(key))}: '{key}' contains the HTML '{tag}'; front-matter values are "
                f"plain text and shown as written: remove it."
            )
    _check_markers(fm, path)
    if not ok:
        return None
    return ChapterMeta(
        title=fm.data["title"].strip(),
        description=" ".join(fm.data["description"].split()),
        key_terms=_key_terms(fm, path),
    )


def _key_terms(fm: FrontMatter, path: str) -> KeyTermsChoice | None:
    """`key_terms:` if it is a list of slugs; its slugs are checked once the chapter is rendered."""
    if KEY_TERMS_KEY not in fm.data:
        return None
    value = fm.data[KEY_TERMS_KEY]
    line = fm.line_of_key(KEY_TERMS_KEY)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and _SLUG.fullmatch(v) for v in value):
        log.warning(
            f"{where(path, line)}: '{KEY_TERMS_KEY}' must be a list of concept slugs (file names in "
            f"docs/concepts/ without .md), at most {KEY_TERMS_MAX}, e.g. {KEY_TERMS_KEY}: [transference, "
            f"countertransference]; delete it to list the concepts the chapter defines in bold."
        )
        return None
    lines = fm.yaml_text.splitlines()
    start = (line or 2) - 2  # yaml_text starts on file line 2
    found: list[int | None] = []
    for slug in value:
        at = next(
            (i for i in range(start, len(lines)) if re.search(rf"(?<![\w-]){re.escape(slug)}(?![\w-])", lines[i])), None
        )
        found.append(at + 2 if at is not None else line)
    return KeyTermsChoice(tuple(value), tuple(found))
