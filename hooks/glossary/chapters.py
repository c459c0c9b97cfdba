"""Chapter front matter: what a chapter must and may declare, checked like a concept's."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .frontmatter import FrontMatterError, parse
from .report import did_you_mean, log, where

CHAPTER_DIR = "chapters/"
REQUIRED = ("title", "description")
OPTIONAL = ("authors", "reviewed_by", "last_reviewed")
# Material's own per-page keys, which chapters may also use.
MATERIAL_KEYS = ("hide", "search", "icon", "status", "subtitle", "template")
DESCRIPTION_MAX_CHARS = 200


@dataclass(frozen=True)
class ChapterMeta:
    title: str
    description: str


def is_chapter(src_uri: str) -> bool:
    return src_uri.startswith(CHAPTER_DIR) and src_uri.endswith(".md")


def _is_names(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v.strip() for v in value)


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
        if not isinstance(value, str) or not value.strip():
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
                f"{where(path, fm.line_of_key(key))}: '{key}' must be a name or a list of names, e.g. {key}: [Ada Lovelace]"
            )
    if "last_reviewed" in fm.data and not isinstance(fm.data["last_reviewed"], datetime.date):
        log.warning(
            f"{where(path, fm.line_of_key('last_reviewed'))}: 'last_reviewed' must be a date written YYYY-MM-DD, "
            f"e.g. last_reviewed: 2026-11-22 (without quotes)"
        )
    if not ok:
        return None
    return ChapterMeta(title=fm.data["title"].strip(), description=" ".join(fm.data["description"].split()))
