"""MkDocs hooks that make the book's search find what readers type (registered in mkdocs.yml).

Two changes around Material's search plugin, each in its own module of hooks/conceptbook/searchindex/:

1. `on_page_content` runs after mkdocs-glightbox's (priority -50 below its 0) and takes
   the page content back out of the <html><body> document glightbox returns, before the
   search plugin indexes it (`on_page_context`): otherwise every page-level search entry
   is empty (see searchindex/unwrap.py).
2. `on_post_build` runs after the search plugin has written search/search_index.json
   (priority 0) and before the offline plugin copies it into search_index.js (-100),
   and adds other spellings and the concepts' aliases to every entry (see
   searchindex/alternates.py and searchindex/spellings.yml).
3. Bibliography entries are found one by one (searchindex/entries.py): `on_page_content`
   leaves the Bibliography page's entries out of the page's own search entry, and
   `on_post_build` adds one search entry per work, from bibliography.json.
4. `on_post_build` writes search/vocabulary.js, the book's own words that the search box
   offers ("Did you mean") when a search finds nothing (searchindex/vocabulary.py,
   assets/javascripts/search-suggestions.js).
5. `on_post_build` puts searchindex/whole_words.js in front of Material's search worker, so
   a word that is a whole concept name ranks that concept's page above the concepts whose
   names only start with it ("id": Id, not Idealization); see searchindex/worker.py.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority

from conceptbook.citations.cite import BIBLIOGRAPHY_PAGE
from conceptbook.common import incremental
from conceptbook.searchindex.alternates import NAME_FIELD, TEXT_FIELD, TITLE_FIELD, add_alternates, load_spellings
from conceptbook.searchindex.entries import add_entries, mark_entries
from conceptbook.searchindex.unwrap import unwrap_document
from conceptbook.searchindex.vocabulary import script, vocabulary
from conceptbook.searchindex.worker import WORKERS, prepend_whole_words

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.search")

# One build's findings; `mkdocs serve` reuses this module, so on_config resets it.
_state: dict[str, int] = {"entries_marked": 0, "material": 0, "indexed": 0}
_entries: dict[str, list[dict]] = {}  # src_uri -> the search plugin's entries for the page, this build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state["entries_marked"] = _state["indexed"] = 0
    _entries.clear()
    _state["material"] = int(getattr(config.theme, "name", None) == "material")  # whose search worker is amended
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
    content = unwrap_document(content)
    if page.file.src_uri == BIBLIOGRAPHY_PAGE:
        content, _state["entries_marked"] = mark_entries(content)
    return content


@event_priority(-50)  # after the search plugin (0) has indexed the page: its entries, for a dirty rebuild
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    entries = getattr(getattr(config.plugins.get("material/search"), "search_index", None), "entries", None)
    if isinstance(entries, list):
        _entries[page.file.src_uri] = [dict(entry) for entry in entries[_state["indexed"] :]]
        _state["indexed"] = len(entries)
    return context


@event_priority(-50)  # after the search plugin writes the index (0), before offline inlines it (-100)
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    index_path = site / "search" / "search_index.json"
    if not index_path.is_file():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    carry = incremental.for_build(config)  # a dirty rebuild: the pages not built again keep their entries
    carry.keep("search.entries", _entries)
    if incremental.DIRTY:  # the search plugin's own merge keeps stale entries of all but one page
        index["docs"] = [entry for src in carry.current.texts for entry in _entries.get(src, [])]
    glossary = _read_json(site / "glossary.json")
    bibliography = _read_json(site / "bibliography.json")
    if bibliography.get("entries") and not _state["entries_marked"]:
        log.warning(
            f'docs/{BIBLIOGRAPHY_PAGE} (generated) has no entry <li id="ref-KEY">, so search shows the whole '
            "Bibliography as one result; give each entry that id (hooks/conceptbook/citations/capability.py), or teach "
            "hooks/conceptbook/searchindex/entries.py the new markup."
        )
    for page in add_entries(index, bibliography):
        log.warning(
            f"bibliography.json: its entries point at {page}, which has no search entry, so they are not searchable; "
            "keep the Bibliography page in search (no `search: exclude`)."
        )
    add_alternates(index, load_spellings(), _aliases(glossary))
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    (index_path.parent / "vocabulary.js").write_text(script(vocabulary(glossary, bibliography)), encoding="utf-8")
    if not prepend_whole_words(site) and _state["material"]:
        log.warning(
            f"{config.site_dir}: no search worker at {WORKERS} (Material's), so a word typed whole no longer ranks "
            "its own page first; find the worker Material now writes and name it in hooks/conceptbook/searchindex/worker.py."
        )


def _read_json(path: Path) -> dict:
    """A data file the engine wrote into the site (glossary.json, bibliography.json), or {}."""
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _aliases(glossary: dict) -> dict[str, list[str]]:
    """Concept page location -> the concept's term and aliases, from the engine's glossary.json."""
    return {c["url"]: [c["term"], *(c.get("aliases") or [])] for c in glossary.get("concepts", [])}
