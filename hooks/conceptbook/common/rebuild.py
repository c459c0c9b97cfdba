"""The book's side of a dirty rebuild (common/incremental.py): what the plan reads of the
glossary and the files, and the titles of the pages MkDocs does not read again."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from conceptbook.citations.cite import BIBLIOGRAPHY_PAGE
from conceptbook.glossary.capability import GLOSSARY_PAGE
from conceptbook.glossary.chapters import is_chapter
from conceptbook.glossary.model import is_concept_file
from conceptbook.maps.capability import BOOK_MAP_PAGE

from . import incremental
from .incremental import Carry, setting_of

if TYPE_CHECKING:
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from conceptbook.glossary.capability import Concepts

    from .book import Book


def plan(book: Book, files: Files, nav_pages: list[Page], concepts: Concepts, figures: Any) -> None:
    """Which pages this build makes again (all of them but in a dirty rebuild), and the
    titles of the others."""
    if not incremental.DIRTY:  # a plain build: every page is built, nothing is kept for later
        return
    carry, glossary, matcher = book.carry, concepts.glossary, concepts.linker.matcher
    made = [f for f in files.documentation_pages() if f.generated_by is not None]  # MkDocs always builds these
    pages = [
        (f.src_uri, book.source(f), f.abs_dest_path, f.generated_by is None and f.is_modified())
        for f in files.documentation_pages()
    ]
    others = [(f.src_uri, _stamp(f.abs_src_path)) for f in files if not f.is_documentation_page() and f.abs_src_path]
    concept_slugs = {c.src_uri: c.slug for c in glossary.concepts.values()}
    urls = {f.src_uri: f.url for f in files.documentation_pages()}

    carry.plan(
        pages,
        others,
        setting_of(book.config.config_file_path or "", book.overrides),
        figures,
        is_chapter,
        lambda src: concept_slugs.get(src) if is_concept_file(src) else None,
        lambda text: {match.slug for match in matcher.finditer(text)},
        lambda slug: glossary[slug].src_uri if slug in glossary else None,
        lambda src, slugs: concepts.redefined(src, urls[src], slugs),
    )
    _generated_pages(carry, made)
    restore_titles(carry, nav_pages)


# The pages the engine generates gather from the whole book. In a partial rebuild the
# glossary (every summary, every chapter's mentions) is made again; the bibliography (the
# pages citing each work) and the book map (which chapters name each concept) when a
# chapter changed; any other one (the answer key) only when it shows a changed concept's
# definition (its `uses`). One that is not made again keeps its output and its records.
ALWAYS = {GLOSSARY_PAGE}
ON_CHAPTER_CHANGE = {BIBLIOGRAPHY_PAGE, BOOK_MAP_PAGE}


def _generated_pages(carry: Carry, made: list[File]) -> None:
    if not carry.partial or carry.rebuilt is None:
        return
    chapter_changed = any(is_chapter(src) for src in carry.changed)
    for file in made:
        src = file.src_uri
        if (
            src in carry.rebuilt
            or src in ALWAYS
            or (src in ON_CHAPTER_CHANGE and chapter_changed)
            or not os.path.isfile(file.abs_dest_path)
        ):
            carry.rebuilt.add(src)
        else:
            file.is_modified = lambda: False  # type: ignore[method-assign]  # MkDocs keeps its output


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
