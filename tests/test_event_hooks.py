"""The MkDocs adapters registered in mkdocs.yml (hooks/concept_hooks.py, search_hooks.py,
editions_hooks.py), event by event, where the builds of small sites do not reach them or
cannot tell a fault: MkDocs' API build calls no `on_startup`, every small site's search
plugin has the book's fields, and no build calls a hook before `on_config`. Literal
expected values (issue 27: `make mutants PACKAGE=events`)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import concept_hooks
import editions_hooks
import pytest
import search_hooks
from mkdocs.exceptions import PluginError

from conceptbook.common import incremental

FIELDS_WARNING = (
    "mkdocs.yml: the search plugin does not index the fields title_alternates, text_alternates and concept_name, "
    "so other spellings and aliases are not found; declare them under `plugins: - search: fields:`."
)
BOOK_FIELDS = {"title_alternates": {"boost": 1000}, "text_alternates": {"boost": 1}, "concept_name": {"boost": 2000}}


def messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [f"{r.name}: {r.getMessage()}" for r in caplog.records]


@pytest.mark.parametrize("dirty", [True, False])
def test_on_startup_hands_dirty_to_the_incremental_rules(monkeypatch: pytest.MonkeyPatch, dirty: bool) -> None:
    monkeypatch.setattr(incremental, "DIRTY", "unset")
    concept_hooks.on_startup("serve", dirty)
    assert incremental.DIRTY is dirty


def test_a_hook_called_before_on_config_names_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(concept_hooks, "build", None)
    monkeypatch.setattr(editions_hooks, "editions", None)
    with pytest.raises(RuntimeError) as engine:
        concept_hooks.on_post_page("<html></html>", SimpleNamespace(), SimpleNamespace())
    with pytest.raises(RuntimeError) as editions:
        editions_hooks.on_files(SimpleNamespace(), SimpleNamespace())
    assert (str(engine.value), str(editions.value)) == (
        "the engine's hooks ran without on_config",
        "the editions hooks ran without on_config",
    )


def test_a_bad_setting_stops_the_build_with_its_message_and_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(PluginError) as caught:
        editions_hooks.on_config(SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml")))
    assert caught.value.message == (
        "SOURCE_DATE_EPOCH='yesterday': not a time in seconds since 1970; set it to a whole number such as "
        "$(git log -1 --format=%ct), or unset it."
    )


def search_config(theme: Any, plugins: dict[str, Any]) -> Any:
    return SimpleNamespace(theme=theme, plugins=plugins)


@pytest.mark.parametrize(
    ("theme", "plugins", "material", "warned"),
    [
        pytest.param(
            SimpleNamespace(name="material"),
            {"material/search": SimpleNamespace(config={"fields": {**BOOK_FIELDS, "text": {}}})},
            1,
            False,
            id="Material's search with the book's fields",
        ),
        pytest.param(
            SimpleNamespace(name="mkdocs"),
            {"search": SimpleNamespace(config={"fields": BOOK_FIELDS})},
            0,
            False,
            id="MkDocs' own search with the book's fields",
        ),
        pytest.param(
            SimpleNamespace(),
            {"search": SimpleNamespace(config={"fields": BOOK_FIELDS})},
            0,
            False,
            id="a theme without a name",
        ),
        pytest.param(SimpleNamespace(name="material"), {}, 1, True, id="no search plugin"),
        pytest.param(
            SimpleNamespace(name="material"),
            {"material/search": SimpleNamespace()},
            1,
            True,
            id="a plugin without a config",
        ),
        pytest.param(
            SimpleNamespace(name="material"),
            {"material/search": SimpleNamespace(config={})},
            1,
            True,
            id="no fields",
        ),
        pytest.param(
            SimpleNamespace(name="material"),
            {"material/search": SimpleNamespace(config={"fields": {"title_alternates": {}, "text_alternates": {}}})},
            1,
            True,
            id="one field missing",
        ),
    ],
)
def test_search_on_config_resets_the_build_and_checks_the_fields(
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    theme: Any,
    plugins: dict[str, Any],
    material: int,
    warned: bool,
) -> None:
    # The module's own dicts are replaced for the test (monkeypatch restores them): on_config
    # must reset every field of them in place.
    monkeypatch.setattr(search_hooks, "_state", {"entries_marked": 3, "material": 7, "indexed": 5})
    monkeypatch.setattr(search_hooks, "_entries", {"chapters/old.md": [{"location": "old.html"}]})
    config = search_config(theme, plugins)
    assert search_hooks.on_config(config) is config
    assert search_hooks._state == {"entries_marked": 0, "material": material, "indexed": 0}
    assert search_hooks._entries == {}
    assert messages(caplog) == ([f"mkdocs.hooks.search: {FIELDS_WARNING}"] if warned else [])


def test_aliases_for_search_are_each_concepts_term_then_its_aliases() -> None:
    glossary = {
        "concepts": [
            {"url": "concepts/defense.html", "term": "Defense", "aliases": ["defence", "defense mechanism"]},
            {"url": "concepts/id.html", "term": "Id", "aliases": None},
            {"url": "concepts/ego.html", "term": "Ego"},
        ]
    }
    assert search_hooks._aliases(glossary) == {
        "concepts/defense.html": ["Defense", "defence", "defense mechanism"],
        "concepts/id.html": ["Id"],
        "concepts/ego.html": ["Ego"],
    }
    assert search_hooks._aliases({}) == {}


def test_a_data_file_the_build_did_not_write_reads_as_empty(tmp_path: Path) -> None:
    (tmp_path / "glossary.json").write_text('{"concepts": [{"term": "Café"}]}', encoding="utf-8")
    assert search_hooks._read_json(tmp_path / "glossary.json") == {"concepts": [{"term": "Café"}]}
    assert search_hooks._read_json(tmp_path / "bibliography.json") == {}
    (tmp_path / "folder.json").mkdir()
    assert search_hooks._read_json(tmp_path / "folder.json") == {}


CHAPTER = """---
title: {title}
description: A chapter for tests.
---

# {title}

Transference is discussed here.
"""


def test_a_dirty_rebuild_in_one_process_builds_the_edited_chapter_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mkdocs serve --dirty` on a small book, in this process (MkDocs' API calls no
    on_startup, so the test does, as serve would): the second build plans with the
    build's book, files and pages (concept_hooks.on_nav) and makes only what changed."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from sitebuild import CONFIG, collect_warnings, small_site_nav, write_small_site

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(incremental, "DIRTY", False)
    monkeypatch.setattr(incremental, "_SNAPSHOTS", {})
    files = {
        "index.md": "# Home\n",
        "chapters/one.md": CHAPTER.format(title="One"),
        "chapters/two.md": CHAPTER.format(title="Two"),
        "concepts/transference.md": "---\nterm: Transference\nsummary: A short definition.\n---\n",
    }
    docs = write_small_site(tmp_path, files)
    site = tmp_path / "site"

    def serve(command: str, dirty: bool) -> list[str]:
        config = load_config(config_file=str(CONFIG), docs_dir=str(docs), site_dir=str(site), nav=small_site_nav(files))
        config.plugins.on_startup(command=command, dirty=dirty)
        with collect_warnings() as messages:
            build(config, dirty=dirty)
        assert [m for m in messages if "A 'dirty' build is being performed" not in m] == []  # MkDocs' own
        carry = incremental._BUILD[1] if incremental._BUILD else None
        search = config.plugins.get("material/search")
        if search is not None:  # as test_incremental.py's Serve.stop: no index merged into the next test's
            search.search_index_prev = None  # type: ignore[attr-defined]
        return sorted(carry.rebuilt) if carry is not None and carry.rebuilt is not None else ["(all)"]

    try:
        assert serve("serve", True) == ["(all)"]
        chapter = docs / "chapters" / "one.md"
        chapter.write_text(CHAPTER.format(title="One") + "\nA sentence added while writing.\n", encoding="utf-8")
        os.utime(chapter, (time.time() + 5, time.time() + 5))
        # The chapter, and the generated pages that gather from every chapter (common/rebuild.py).
        assert serve("serve", True) == ["book-map.md", "chapters/one.md", "glossary.md"]
        assert "A sentence added while writing." in (site / "chapters" / "one.html").read_text(encoding="utf-8")
    finally:
        serve("build", False)


def test_a_hand_typed_citation_of_a_work_the_book_has_is_told_its_key(tmp_path: Path) -> None:
    """on_page_markdown hands the authoring check the citations' `knows`: the fix for a work
    already in references.bib differs from the fix for one that is not."""
    from test_citations_bad_input import BIB

    from sitebuild import build_small_site

    chapter = CHAPTER.format(title="One") + (
        "\nAs shown before (Bowlby, 1969), and later (Main, 1985).\n\nCited [@bowlby1969; @shedler2010].\n"
    )
    result = build_small_site(tmp_path, {"index.md": "# Home\n", "chapters/one.md": chapter, "references.bib": BIB})
    assert result.problems == [
        "WARNING: docs/chapters/one.md:10: '(Bowlby, 1969)' is a citation typed by hand; write [@bowlby1969] "
        "instead (its entry is in docs/references.bib)",
        "WARNING: docs/chapters/one.md:10: '(Main, 1985)' is a citation typed by hand; write [@main1985] instead, "
        "after adding the work's entry with that key to docs/references.bib (CONTRIBUTING.md, Citations)",
    ]
