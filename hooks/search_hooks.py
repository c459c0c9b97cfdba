"""MkDocs hooks that make the book's search find what readers type (registered in mkdocs.yml).

Two changes around Material's search plugin, each in its own module of hooks/searchindex/:

1. `on_page_content` runs after mkdocs-glightbox's (priority -50 below its 0) and takes
   the page content back out of the <html><body> document glightbox returns, before the
   search plugin indexes it (`on_page_context`): otherwise every page-level search entry
   is empty (see searchindex/unwrap.py).
2. `on_post_build` runs after the search plugin has written search/search_index.json
   (priority 0) and before the offline plugin copies it into search_index.js (-100),
   and adds other spellings and the concepts' aliases to every entry (see
   searchindex/alternates.py and searchindex/spellings.yml).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority

from searchindex.alternates import NAME_FIELD, TEXT_FIELD, TITLE_FIELD, add_alternates, load_spellings
from searchindex.unwrap import unwrap_document

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.search")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    search = config.plugins.get("material/search") or config.plugins.get("search")
    fields = getattr(search, "config", {}).get("fields") if search is not None else None
    if fields is None or not {TITLE_FIELD, TEXT_FIELD, NAME_FIELD} <= set(fields):
        log.warning(
            f"mkdocs.yml: the search plugin does not index the fields {TITLE_FIELD}, {TEXT_FIELD} and {NAME_FIELD}, "
            "so other spellings and aliases are not found; declare them under `plugins: - search: fields:`."
        )
    return config


@event_priority(-50)  # after mkdocs-glightbox (0), which wraps the content; see searchindex/unwrap.py
def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return unwrap_document(content)


@event_priority(-50)  # after the search plugin writes the index (0), before offline inlines it (-100)
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    index_path = site / "search" / "search_index.json"
    if not index_path.is_file():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    add_alternates(index, load_spellings(), _aliases(site / "glossary.json"))
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _aliases(glossary_json: Path) -> dict[str, list[str]]:
    """Concept page location -> the concept's term and aliases, from the engine's glossary.json."""
    if not glossary_json.is_file():
        return {}
    data = json.loads(glossary_json.read_text(encoding="utf-8"))
    return {c["url"]: [c["term"], *(c.get("aliases") or [])] for c in data.get("concepts", [])}
