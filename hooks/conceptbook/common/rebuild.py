"""The book's side of a dirty rebuild (common/incremental.py): what the plan reads of the
glossary and the files, and the titles of the pages MkDocs does not read again."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from conceptbook.glossary.chapters import is_chapter
from conceptbook.glossary.model import Glossary, is_concept_file

from .incremental import Carry, setting_of

if TYPE_CHECKING:
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from conceptbook.glossary.linker import Linker

    from .book import Book


def plan(book: Book, files: Files, nav_pages: list[Page], glossary: Glossary, linker: Linker, figures: Any) -> None:
    """Which pages this build makes again (all of them but in a dirty rebuild), and the
    titles of the others."""
    carry, matcher = book.carry, linker.matcher
    pages = [(f.src_uri, book.source(f), f.abs_dest_path, f.is_modified()) for f in files.documentation_pages()]
    others = [(f.src_uri, _stamp(f.abs_src_path)) for f in files if not f.is_documentation_page() and f.abs_src_path]
    concept_slugs = {c.src_uri: c.slug for c in glossary.concepts.values()}

    carry.plan(
        pages,
        others,
        setting_of(book.config.config_file_path or "", book.overrides),
        figures,
        is_chapter,
        lambda src: concept_slugs.get(src) if is_concept_file(src) else None,
        lambda text: {match.slug for match in matcher.finditer(text)},
        lambda slug: glossary[slug].src_uri if slug in glossary else None,
    )
    restore_titles(carry, nav_pages)


def restore_titles(carry: Carry, pages: Iterable[Page]) -> None:
    """A page MkDocs does not read again has no title (its Markdown is unread): it gets the
    title it had, so the navigation of the pages built again names it as before."""
    if not carry.partial or carry.previous is None:
        return
    titles = carry.previous.records.get("titles", {})
    for page in pages:
        src = page.file.src_uri
        if not carry.built(src) and src in titles:
            page.markdown = ""
            page.meta = {"title": titles[src]}


def _stamp(path: str) -> str:
    try:
        stat = os.stat(path)
    except OSError:
        return ""
    return f"{stat.st_size}:{stat.st_mtime_ns}"
