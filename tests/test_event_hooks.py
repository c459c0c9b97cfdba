"""The MkDocs adapters registered in mkdocs.yml (hooks/concept_hooks.py, search_hooks.py,
editions_hooks.py), event by event, where the builds of small sites do not reach them or
cannot tell a fault: MkDocs' API build calls no `on_startup`, every small site's search
plugin has the book's fields, and no build calls a hook before `on_config`. Literal
expected values (issue 27: `make mutants PACKAGE=events`)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import concept_hooks
import editions_hooks
import pytest
import search_hooks
from mkdocs.exceptions import PluginError
from selectolax.lexbor import LexborHTMLParser

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


def test_the_editions_folder_is_read_from_the_folder_of_mkdocs_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITIONS_DIR", "dist")
    monkeypatch.setattr(editions_hooks, "editions", None)
    config = SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"), theme=SimpleNamespace(custom_dir=None), site_description=""
    )
    editions_hooks.on_config(config)
    assert editions_hooks.editions is not None and editions_hooks.editions.editions_dir == tmp_path / "dist"


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


class Serve:
    """`mkdocs serve --dirty` on a small book, in this process (MkDocs' API calls no
    on_startup, so this does, as serve would)."""

    def __init__(self, tmp_path: Path, files: dict[str, str]) -> None:
        from sitebuild import write_small_site

        self.files, self.docs, self.site = files, write_small_site(tmp_path, files), tmp_path / "site"

    def build(self, command: str = "serve", dirty: bool = True) -> list[str]:
        """Build; the pages this build made again (["(all)"] for every page)."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        from sitebuild import CONFIG, collect_warnings, small_site_nav

        config = load_config(
            config_file=str(CONFIG), docs_dir=str(self.docs), site_dir=str(self.site), nav=small_site_nav(self.files)
        )
        config.plugins.on_startup(command=command, dirty=dirty)
        with collect_warnings() as messages:
            build(config, dirty=dirty)
        assert [m for m in messages if "A 'dirty' build is being performed" not in m] == []  # MkDocs' own
        carry = incremental._BUILD[1] if incremental._BUILD else None
        search = config.plugins.get("material/search")
        if search is not None:  # as test_incremental.py's Serve.stop: no index merged into the next test's
            search.search_index_prev = None  # type: ignore[attr-defined]
        return sorted(carry.rebuilt) if carry is not None and carry.rebuilt is not None else ["(all)"]

    def edit(self, name: str, text: str) -> None:
        path = self.docs / name
        path.write_text(text, encoding="utf-8")
        os.utime(path, (time.time() + 5, time.time() + 5))  # newer than its page

    def page(self, name: str) -> str:
        return (self.site / name).read_text(encoding="utf-8")


@pytest.fixture
def serving(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Serve]]:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(incremental, "DIRTY", False)
    monkeypatch.setattr(incremental, "_SNAPSHOTS", {})
    served: list[Serve] = []
    yield served
    for serve in served:
        serve.build("build", False)  # the next test's builds are plain ones


def test_a_dirty_rebuild_in_one_process_builds_the_edited_chapter_again(tmp_path: Path, serving: list[Serve]) -> None:
    """The second build plans with the build's book, files and pages (concept_hooks.on_nav)
    and makes only what changed."""
    serve = Serve(
        tmp_path,
        {
            "index.md": "# Home\n",
            "chapters/one.md": CHAPTER.format(title="One"),
            "chapters/two.md": CHAPTER.format(title="Two"),
            "concepts/transference.md": "---\nterm: Transference\nsummary: A short definition.\n---\n",
        },
    )
    serving.append(serve)
    assert serve.build() == ["(all)"]
    serve.edit("chapters/one.md", CHAPTER.format(title="One") + "\nA sentence added while writing.\n")
    # The chapter, and the generated pages that gather from every chapter (common/rebuild.py).
    assert serve.build() == ["book-map.md", "chapters/one.md", "glossary.md"]
    assert "A sentence added while writing." in serve.page("chapters/one.html")
    # The chapter not built again keeps its title in the navigation of the one that was
    # (concept_hooks.on_post_page hands the book each page's title for the next build).
    nav = LexborHTMLParser(serve.page("chapters/one.html")).css("nav.md-nav--primary a.md-nav__link")
    assert [
        (a.attributes.get("href"), a.text(strip=True)) for a in nav if "two" in (a.attributes.get("href") or "")
    ] == [("two.html", "2. Two")]  # its title as the numbering gives it


def test_a_dirty_rebuild_after_a_figure_is_renumbered_builds_the_chapter_that_refers_to_it(
    tmp_path: Path, serving: list[Serve]
) -> None:
    """on_nav hands the plan the figures' numbers: a figure added before another moves its
    number, and the other chapter's reference to it must be made again."""
    box = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n'

    def figure(name: str) -> str:
        return (
            f'<figure markdown="span" id="{name}">\n  ![A box.](../assets/box.svg)\n'
            f"  <figcaption>The {name}.</figcaption>\n</figure>\n"
        )

    one = CHAPTER.format(title="One") + "\nSee @fig-ladder.\n\n" + figure("fig-ladder")
    serve = Serve(
        tmp_path,
        {
            "index.md": "# Home\n",
            "assets/box.svg": box,
            "chapters/one.md": one,
            "chapters/two.md": CHAPTER.format(title="Two") + "\nAs @fig-ladder showed.\n",
        },
    )
    serving.append(serve)
    assert serve.build() == ["(all)"]
    assert ">Figure 1.1</a> showed." in serve.page("chapters/two.html")
    serve.edit("chapters/one.md", one.replace("\nSee", "\n" + figure("fig-circle") + "\nSee"))
    assert serve.build() == ["(all)"]  # a figure's number changed: every page that may refer to it
    assert ">Figure 1.2</a> showed." in serve.page("chapters/two.html")


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


def test_a_concept_pages_table_of_contents_follows_its_sections_in_page_order(tmp_path: Path) -> None:
    """concept_hooks.on_page_context orders the entries under the page's title: the
    citations add "References" to the contents before the glossary adds the concept map
    and "where this appears", but the references stand last on the page."""
    from selectolax.lexbor import LexborHTMLParser
    from test_citations_bad_input import BIB

    from sitebuild import build_small_site

    concept = (
        "---\nterm: Transference\nsummary: A short definition.\nrelated: [countertransference]\n---\n\n"
        "Transference is old [@bowlby1969].\n\n## History\n\nLong ago.\n"
    )
    files = {
        "index.md": "# Home\n",
        "chapters/one.md": CHAPTER.format(title="One") + "\nAnd countertransference [@shedler2010].\n",
        "concepts/transference.md": concept,
        "concepts/countertransference.md": "---\nterm: Countertransference\nsummary: Another definition.\n---\n",
        "references.bib": BIB,
    }
    result = build_small_site(tmp_path, files)
    assert (result.failed, result.problems) == (None, [])
    page = LexborHTMLParser((tmp_path / "site" / "concepts" / "transference.html").read_text(encoding="utf-8"))
    toc = [a.attributes.get("href") for a in page.css("nav.md-nav--secondary a.md-nav__link")]
    assert toc == ["#history", "#concept-map", "#concept--where-this-appears", "#references"]
    assert [h.attributes.get("id") for h in page.css("article h2")] == [t[1:] for t in toc]
