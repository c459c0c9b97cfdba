"""The rules of a dirty rebuild (hooks/conceptbook/common/incremental.py), on in-memory
books: what makes every page be built, what a change builds again, what the pages not
built keep. Each rule in both directions; the whole book is compared with a full build in
tests/test_incremental.py."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from conceptbook.common import incremental
from conceptbook.common.incremental import Carry

CHAPTER = "---\ntitle: One\ndescription: First.\n---\n\n# One\n\nText about repression.\n\n## Part\n\nMore.\n"
CONCEPT = "---\nterm: Repression\nsummary: >-\n  A defense that keeps a wish out of awareness.\nrelated: [defense]\n---\n\nBody.\n"
EDITED_CONCEPT = CONCEPT.replace("A defense that keeps", "A defense that holds")  # its summary edited
OTHER = "---\nterm: Defense\nsummary: A way of keeping anxiety down.\n---\n"
HOME = "# Home\n"
SLUGS = {"concepts/repression.md": "repression", "concepts/defense.md": "defense"}


def book(**changes: str) -> dict[str, str]:
    texts = {
        "index.md": HOME,
        "chapters/one.md": CHAPTER,
        "chapters/two.md": CHAPTER.replace("One", "Two"),
        "concepts/defense.md": OTHER,
        "concepts/repression.md": CONCEPT,
        "glossary.md": "generated",
    }
    texts.update(changes)
    return texts


def plan(
    carry: Carry,
    texts: dict[str, str],
    tmp_path: Path,
    *,
    others: dict[str, str] | None = None,
    setting: str = "mkdocs.yml",
    figures: dict[str, str] | None = None,
    newer: tuple[str, ...] = ("glossary.md",),
    html: dict[str, str | bytes] | None = None,
    redefined: Callable[[str, set[str]], list[tuple[str, str]] | None] | None = None,
) -> dict[str, Path]:
    outputs = {src: tmp_path / src.replace(".md", ".html") for src in texts}
    for src, output in outputs.items():
        output.parent.mkdir(parents=True, exist_ok=True)
        written = (html or {}).get(src, "built")
        output.write_bytes(written if isinstance(written, bytes) else written.encode("utf-8"))
    carry.plan(
        [(src, text, str(outputs[src]), src in newer) for src, text in texts.items()],
        list((others or {"references.bib": "1:2"}).items()),
        setting,
        figures or {"fig-a": ("chapters/one.md", "Figure 1.1")},
        lambda src: src.startswith("chapters/"),
        SLUGS.get,
        lambda text: {slug for slug in ("repression", "defense") if slug in text.lower()},
        lambda slug: f"concepts/{slug}.md",
        *([redefined] if redefined is not None else []),
    )
    return outputs


@pytest.fixture
def dirty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(incremental, "DIRTY", True)
    monkeypatch.setattr(incremental, "_SNAPSHOTS", {})


def first_build(tmp_path: Path, **records: dict[str, object]) -> None:
    carry = Carry("mkdocs.yml")
    plan(carry, book(), tmp_path / "first")
    for name, mapping in records.items():
        carry.keep(name, dict(mapping))
    carry.finish()


def test_without_dirty_every_page_is_built_and_no_output_is_touched(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(incremental, "DIRTY", False)
    carry = Carry("mkdocs.yml")
    outputs = plan(carry, book(), tmp_path)
    assert (carry.partial, carry.reason) == (False, "not a dirty build")
    assert all(output.is_file() for output in outputs.values())


def test_the_first_dirty_build_of_a_process_builds_every_page(tmp_path: Path, dirty: None) -> None:
    carry = Carry("mkdocs.yml")
    outputs = plan(carry, book(), tmp_path)
    assert (carry.partial, carry.reason) == (False, "the first build of this process")
    assert not any(output.exists() for output in outputs.values())


def test_a_build_that_did_not_finish_leaves_nothing_to_keep(tmp_path: Path, dirty: None) -> None:
    unfinished = Carry("mkdocs.yml")
    plan(unfinished, book(), tmp_path / "a")
    incremental._SNAPSHOTS["mkdocs.yml"] = unfinished.current  # as if the build stopped before finish()
    carry = Carry("mkdocs.yml")
    plan(carry, book(), tmp_path / "b")
    assert carry.partial is False


EVERY_PAGE = [
    pytest.param({"texts": book(**{"chapters/three.md": CHAPTER})}, "a file was added, removed or renamed", id="added"),
    pytest.param({"setting": "mkdocs.yml, edited"}, "mkdocs.yml or the theme's overrides changed", id="config"),
    pytest.param({"figures": {"fig-a": ("chapters/one.md", "Figure 1.2")}}, "a figure's number changed", id="figure"),
    pytest.param({"others": {"references.bib": "1:3"}}, "docs/references.bib changed", id="bibliography"),
    pytest.param(
        {"texts": book(**{"chapters/one.md": CHAPTER.replace("title: One", "title: Uno")})},
        "docs/chapters/one.md: its front matter or headings changed",
        id="chapter title",
    ),
    pytest.param(
        {"texts": book(**{"chapters/one.md": CHAPTER.replace("## Part", "## Whole")})},
        "docs/chapters/one.md: its front matter or headings changed",
        id="chapter heading",
    ),
    pytest.param(
        {"texts": book(**{"chapters/one.md": "---\ntitle: [unclosed\n---\n# One\n"})},
        "docs/chapters/one.md: its front matter or headings changed",
        id="chapter front matter unreadable",
    ),
    pytest.param(
        {"texts": book(**{"concepts/repression.md": CONCEPT.replace("[defense]", "[defense, denial]")})},
        "docs/concepts/repression.md: its front matter beyond the summary changed",
        id="concept relation",
    ),
    pytest.param(
        {"texts": book(**{"concepts/repression.md": CONCEPT.replace("term: Repression", "term: Repressing")})},
        "docs/concepts/repression.md: its front matter beyond the summary changed",
        id="concept term",
    ),
    pytest.param({"texts": book(**{"index.md": "# Start\n"})}, "docs/index.md changed", id="other page"),
]


@pytest.mark.parametrize(("change", "reason"), EVERY_PAGE)
def test_a_change_that_may_reach_every_page_builds_every_page(
    tmp_path: Path, dirty: None, change: dict, reason: str
) -> None:
    first_build(tmp_path)
    carry = Carry("mkdocs.yml")
    change = dict(change)  # the parameter is shared by every run of the test
    texts = change.pop("texts", book())
    outputs = plan(carry, texts, tmp_path / "second", **change)
    assert (carry.partial, carry.reason) == (False, reason)
    assert not any(output.exists() for output in outputs.values())


def test_a_chapters_body_builds_that_chapter_and_what_mkdocs_finds_newer(tmp_path: Path, dirty: None) -> None:
    first_build(tmp_path)
    carry = Carry("mkdocs.yml")
    edited = book(**{"chapters/one.md": CHAPTER + "\nA new paragraph.\n"})
    outputs = plan(carry, edited, tmp_path / "second")
    assert carry.rebuilt == {"chapters/one.md", "glossary.md"}
    assert carry.reason == "1 changed file(s)"
    assert [src for src, output in outputs.items() if not output.exists()] == ["chapters/one.md", "glossary.md"]
    # A concept page whose passages from the chapter changed joins, once the chapter is read.
    carry.also("concepts/repression.md")
    carry.also("concepts/repression.md")
    carry.also("concepts/unknown.md")
    assert carry.rebuilt == {"chapters/one.md", "glossary.md", "concepts/repression.md"}
    assert not outputs["concepts/repression.md"].exists()
    assert outputs["concepts/defense.md"].exists()


def test_a_front_matter_laid_out_anew_is_no_change_of_its_data(tmp_path: Path, dirty: None) -> None:
    first_build(tmp_path)
    carry = Carry("mkdocs.yml")
    relaid = CHAPTER.replace("title: One\ndescription: First.", "description: 'First.'\ntitle: \"One\"")
    plan(carry, book(**{"chapters/one.md": relaid + "\nMore text.\n"}), tmp_path / "second")
    assert carry.rebuilt == {"chapters/one.md", "glossary.md"}


def test_a_concepts_summary_builds_every_page_that_shows_its_definition(tmp_path: Path, dirty: None) -> None:
    first_build(
        tmp_path,
        uses={"chapters/one.md": ["repression"], "chapters/two.md": ["defense"], "index.md": ["repression", "defense"]},
    )
    carry = Carry("mkdocs.yml")
    outputs = plan(carry, book(**{"concepts/repression.md": EDITED_CONCEPT}), tmp_path / "second")
    assert carry.rebuilt == {"concepts/repression.md", "chapters/one.md", "index.md", "glossary.md"}
    assert outputs["chapters/two.md"].exists() and outputs["concepts/defense.md"].exists()


# A page that shows a changed definition and nothing else changed: its parts are given anew.
TIP = '<div id="tip-concept-repression" hidden><p>{}</p></div>'
KEPT = "A defense that keeps a wish out of awareness."
MADE = "A defense that holds a wish &amp; a fear out of awareness."
PAGES = {
    "chapters/one.md": f"<p>Text.</p>\r\n{TIP.format(KEPT)}\n<p>Ünïcode stays.</p>",
    "chapters/two.md": f"<p>Quoted: {TIP.format(KEPT)}</p>{TIP.format(KEPT)}",  # twice: not one place
    "index.md": "<p>No tip here.</p>",
}
USES = {"chapters/one.md": ["repression"], "chapters/two.md": ["repression"], "index.md": ["repression"]}


def test_a_page_whose_only_change_is_a_definition_it_shows_gets_it_in_place(tmp_path: Path, dirty: None) -> None:
    first_build(tmp_path, uses=USES)
    asked: list[tuple[str, set[str]]] = []

    def redefined(src: str, slugs: set[str]) -> list[tuple[str, str]] | None:
        asked.append((src, slugs))
        return {"index.md": None}.get(src, [(TIP.format(KEPT), TIP.format(MADE))])

    carry = Carry("mkdocs.yml")
    outputs = plan(
        carry, book(**{"concepts/repression.md": EDITED_CONCEPT}), tmp_path / "second", html=PAGES, redefined=redefined
    )
    assert asked == [
        ("chapters/one.md", {"repression"}),
        ("chapters/two.md", {"repression"}),
        ("index.md", {"repression"}),
    ]
    # one.md: the part found once, replaced, the rest byte for byte (\r\n and UTF-8 kept)
    assert outputs["chapters/one.md"].read_bytes() == (
        f"<p>Text.</p>\r\n{TIP.format(MADE)}\n<p>Ünïcode stays.</p>".encode()
    )
    # two.md: the part twice, so it is built again; index.md: no record of its parts, built again
    assert carry.rebuilt == {"concepts/repression.md", "chapters/two.md", "index.md", "glossary.md"}
    assert not outputs["chapters/two.md"].exists() and not outputs["index.md"].exists()
    assert carry.patches == {"chapters/one.md": [(TIP.format(KEPT), TIP.format(MADE))]}
    # what else holds the page's output (its section of the print page) gets the same parts
    assert carry.patch("chapters/one.md", f"<section>{TIP.format(KEPT)}</section>") == (
        f"<section>{TIP.format(MADE)}</section>"
    )
    assert carry.patch("chapters/two.md", TIP.format(KEPT)) == TIP.format(KEPT)


def redefine(carry: Carry, tmp_path: Path, html: dict[str, bytes]) -> None:
    """The summary edit, planned with `html` as the outputs before and the tip given anew."""
    plan(
        carry,
        book(**{"concepts/repression.md": EDITED_CONCEPT}),
        tmp_path / "second",
        html=html,
        redefined=lambda src, slugs: [(TIP.format(KEPT), TIP.format(MADE))],
    )


def test_a_page_built_again_for_its_own_change_is_not_redefined(tmp_path: Path, dirty: None) -> None:
    first_build(tmp_path, uses=USES)
    carry = Carry("mkdocs.yml")
    texts = book(**{"concepts/repression.md": EDITED_CONCEPT, "chapters/one.md": CHAPTER + "\nMore.\n"})
    outputs = plan(carry, texts, tmp_path / "second", html=PAGES, redefined=lambda src, slugs: [])
    assert carry.rebuilt == {"concepts/repression.md", "chapters/one.md", "glossary.md"}
    assert carry.patches == {}  # nothing to give anew on two.md and index.md
    assert outputs["index.md"].read_text(encoding="utf-8") == "<p>No tip here.</p>"  # no part changed: untouched


def test_what_a_redefining_build_says(tmp_path: Path, dirty: None, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="mkdocs.hooks.incremental")
    first_build(tmp_path, uses=USES)
    carry = Carry("mkdocs.yml")
    redefine(carry, tmp_path, PAGES)
    assert caplog.records[-1].getMessage() == (
        "docs/concepts/repression.md changed: building 4 of 6 pages again; 1 page(s) get the new definition in place."
    )


def test_nothing_changed_builds_only_what_mkdocs_always_builds(tmp_path: Path, dirty: None) -> None:
    first_build(tmp_path)
    carry = Carry("mkdocs.yml")
    plan(carry, book(), tmp_path / "second", newer=("glossary.md", "index.md"))
    assert carry.rebuilt == {"glossary.md", "index.md"}


def test_a_concept_page_read_before_the_chapters_is_built_with_every_concept_the_chapter_names(
    tmp_path: Path, dirty: None
) -> None:
    """Were docs/concepts/ read before docs/chapters/, a concept page could not wait for
    the chapter: every concept the chapter names, before (its record) and after, is built."""
    texts = {"concepts/defense.md": OTHER, "concepts/repression.md": CONCEPT, "chapters/one.md": CHAPTER}
    carry = Carry("mkdocs.yml")
    plan(carry, texts, tmp_path / "first", newer=())
    carry.keep(incremental.NAMED, {"chapters/one.md": {"defense"}})
    carry.finish()
    carry = Carry("mkdocs.yml")
    plan(carry, {**texts, "chapters/one.md": CHAPTER + "\nMore.\n"}, tmp_path / "second", newer=())
    assert carry.rebuilt == {"chapters/one.md", "concepts/defense.md", "concepts/repression.md"}


@pytest.mark.parametrize("named", [None, {"chapters/two.md": {"defense"}}])
def test_a_chapter_read_before_the_concepts_without_a_record_of_what_it_named(
    tmp_path: Path, dirty: None, named: dict[str, set[str]] | None
) -> None:
    """No record of what the chapter named before (none at all, or none for this chapter):
    the concepts it names now are built."""
    texts = {"concepts/defense.md": OTHER, "concepts/repression.md": CONCEPT, "chapters/one.md": CHAPTER}
    carry = Carry("mkdocs.yml")
    plan(carry, texts, tmp_path / "first", newer=())
    if named is not None:
        carry.keep(incremental.NAMED, named)
    carry.finish()
    carry = Carry("mkdocs.yml")
    plan(carry, {**texts, "chapters/one.md": CHAPTER + "\nMore.\n"}, tmp_path / "second", newer=())
    assert carry.rebuilt == {"chapters/one.md", "concepts/repression.md"}  # CHAPTER names repression


def test_a_book_without_chapters(tmp_path: Path, dirty: None) -> None:
    texts = {"index.md": HOME, "concepts/defense.md": OTHER, "concepts/repression.md": CONCEPT}
    carry = Carry("mkdocs.yml")
    plan(carry, texts, tmp_path / "first", newer=())
    carry.keep(incremental.USES, {"index.md": ["repression"]})
    carry.finish()
    carry = Carry("mkdocs.yml")
    plan(carry, {**texts, "concepts/repression.md": EDITED_CONCEPT}, tmp_path / "second", newer=())
    assert carry.rebuilt == {"concepts/repression.md", "index.md"}


def test_a_chapter_and_a_concept_changed_together(
    tmp_path: Path, dirty: None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="mkdocs.hooks.incremental")
    first_build(tmp_path, uses={"chapters/two.md": ["repression"]})
    carry = Carry("mkdocs.yml")
    plan(
        carry,
        book(**{"concepts/repression.md": EDITED_CONCEPT, "chapters/one.md": CHAPTER + "\nMore.\n"}),
        tmp_path / "second",
    )
    assert carry.rebuilt == {"chapters/one.md", "concepts/repression.md", "chapters/two.md", "glossary.md"}
    assert caplog.records[-1].getMessage() == (
        "docs/chapters/one.md, docs/concepts/repression.md changed: building 4 of 6 pages again, and the "
        "concept pages whose passages from it change."
    )


def test_a_page_whose_output_cannot_be_read_is_built_again(tmp_path: Path, dirty: None) -> None:
    first_build(tmp_path, uses=USES)
    carry = Carry("mkdocs.yml")
    redefine(carry, tmp_path, {**PAGES, "chapters/one.md": b"\xff not UTF-8"})
    assert "chapters/one.md" in carry.rebuilt and "chapters/one.md" not in carry.patches
    carry.outputs["index.md"] = str(tmp_path / "none.html")
    assert carry._redefine("index.md", []) is False  # no output at all


def test_a_part_is_given_anew_once_where_it_stands(tmp_path: Path, dirty: None) -> None:
    carry = Carry("mkdocs.yml")
    carry.patches["one.md"] = [("<p>old</p>", "<p>new</p>")]
    assert carry.patch("one.md", "<p>old</p><p>old</p><p>old</p>") == "<p>new</p><p>old</p><p>old</p>"


def test_the_pages_not_built_keep_their_records_and_the_others_give_new_ones(tmp_path: Path, dirty: None) -> None:
    first_build(tmp_path, titles={"chapters/one.md": "1. One", "chapters/two.md": "2. Two", "gone.md": "Gone"})
    carry = Carry("mkdocs.yml")
    plan(carry, book(**{"chapters/one.md": CHAPTER + "\nNew.\n"}), tmp_path / "second")
    titles = {"chapters/one.md": "1. One, rebuilt"}
    carry.keep("titles", titles)
    # chapters/two.md was not built: its title from before; gone.md is no longer a file.
    assert titles == {"chapters/one.md": "1. One, rebuilt", "chapters/two.md": "2. Two"}
    assert carry.before("titles", "chapters/two.md") == "2. Two"
    assert carry.before("titles", "nowhere.md") is None
    assert carry.built("chapters/one.md") and not carry.built("chapters/two.md")
    carry.finish()
    assert incremental._SNAPSHOTS["mkdocs.yml"].records["titles"] == titles


def test_a_page_built_again_keeps_no_record_it_no_longer_gives(tmp_path: Path, dirty: None) -> None:
    first_build(tmp_path, cited={"chapters/one.md": ["freud1926"], "chapters/two.md": ["klein1946"]})
    carry = Carry("mkdocs.yml")
    plan(carry, book(**{"chapters/one.md": CHAPTER + "\nNo citation now.\n"}), tmp_path / "second")
    cited: dict[str, list[str]] = {}  # one.md, built again, cites nothing now
    carry.keep("cited", cited)
    assert cited == {"chapters/two.md": ["klein1946"]}
    fresh: dict[str, int] = {}
    carry.keep("a record the build before did not keep", fresh)
    assert fresh == {}
    assert carry.before("a record the build before did not keep", "chapters/two.md") is None


def test_a_full_build_keeps_nothing_from_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(incremental, "DIRTY", False)
    carry = Carry("mkdocs.yml")
    plan(carry, book(), tmp_path)
    titles: dict[str, str] = {}
    carry.keep("titles", titles)
    assert titles == {}
    assert carry.before("titles", "chapters/one.md") is None
    assert carry.built("chapters/two.md")


def test_each_build_has_one_carry_for_all_its_hook_modules() -> None:
    class Config:
        config_file_path = "/book/mkdocs.yml"

    one, two = Config(), Config()
    assert incremental.for_build(one) is incremental.for_build(one)
    assert incremental.for_build(two) is not incremental.for_build(one)
    assert incremental.for_build(two).key == "/book/mkdocs.yml"
    assert incremental.for_build(object()).key == ""  # not read from a file
    assert incremental.for_build(type("Config", (), {"config_file_path": None})()).key == ""


def test_a_page_without_front_matter_or_with_a_list_for_one(tmp_path: Path, dirty: None) -> None:
    """No front matter is no change of it; a front matter that is not a mapping cannot be
    compared, so every page is built."""
    bare = "# One\n\nText.\n"
    first = book(**{"chapters/one.md": bare})
    carry = Carry("mkdocs.yml")
    plan(carry, first, tmp_path / "a")
    carry.finish()
    carry = Carry("mkdocs.yml")
    plan(carry, {**first, "chapters/one.md": bare + "More.\n"}, tmp_path / "b")
    assert carry.rebuilt == {"chapters/one.md", "glossary.md"}
    carry.finish()
    listed = "---\n- a\n- b\n---\n# One\n"
    carry = Carry("mkdocs.yml")
    plan(carry, {**first, "chapters/one.md": listed}, tmp_path / "c")
    carry.finish()
    carry = Carry("mkdocs.yml")
    plan(carry, {**first, "chapters/one.md": listed + "More.\n"}, tmp_path / "d")
    assert (carry.partial, carry.reason) == (False, "docs/chapters/one.md: its front matter or headings changed")


def test_a_concepts_front_matter_that_can_no_longer_be_read_builds_every_page(tmp_path: Path, dirty: None) -> None:
    first_build(tmp_path)
    carry = Carry("mkdocs.yml")
    plan(
        carry,
        book(**{"concepts/repression.md": CONCEPT.replace("related: [defense]", "related: [defense")}),
        tmp_path / "b",
    )
    assert (carry.partial, carry.reason) == (
        False,
        "docs/concepts/repression.md: its front matter beyond the summary changed",
    )


def test_a_build_that_is_not_dirty_reads_nothing_from_the_build_before(
    tmp_path: Path, dirty: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_build(tmp_path, titles={"chapters/one.md": "One"})
    monkeypatch.setattr(incremental, "DIRTY", False)
    carry = Carry("mkdocs.yml")
    assert carry.previous is None


def test_a_dirty_build_of_every_page_gives_no_record_from_before(tmp_path: Path, dirty: None) -> None:
    first_build(tmp_path, titles={"chapters/one.md": "One", "chapters/two.md": "Two"})
    carry = Carry("mkdocs.yml")
    plan(carry, book(**{"index.md": "# Start\n"}), tmp_path / "b")  # every page
    assert carry.previous is not None and not carry.partial
    assert carry.before("titles", "chapters/one.md") is None
    titles: dict[str, str] = {}
    carry.keep("titles", titles)
    assert titles == {}


def test_what_a_dirty_build_says_it_builds(tmp_path: Path, dirty: None, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="mkdocs.hooks.incremental")
    first_build(tmp_path)
    for text, name in ((CHAPTER + "\nMore.\n", "b"), (CHAPTER, "c")):
        carry = Carry("mkdocs.yml")
        plan(carry, book(**{"chapters/one.md": text}), tmp_path / name)
        carry.finish()
    carry = Carry("mkdocs.yml")
    plan(carry, book(**{"concepts/repression.md": CONCEPT + "\nMore.\n"}), tmp_path / "d")
    assert [r.getMessage() for r in caplog.records] == [
        "Building every page (the first build of this process).",
        "docs/chapters/one.md changed: building 2 of 6 pages again, and the concept pages whose passages "
        "from it change.",
        "docs/chapters/one.md changed: building 2 of 6 pages again, and the concept pages whose passages "
        "from it change.",
        "docs/concepts/repression.md changed: building 2 of 6 pages again.",
    ]
    carry.finish()
    carry = Carry("mkdocs.yml")
    plan(carry, book(**{"concepts/repression.md": CONCEPT + "\nMore.\n"}), tmp_path / "e")
    assert (
        caplog.records[-1].getMessage()
        == "No text in docs/ changed: building only the 1 generated or touched pages again."
    )


def test_the_setting_is_mkdocs_yml_and_every_override(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Book\n", encoding="utf-8")
    overrides = tmp_path / "overrides"
    (overrides / "partials").mkdir(parents=True)
    part = overrides / "partials" / "a.html"
    part.write_text("<p>a</p>", encoding="utf-8")
    os.utime(part, ns=(1_000_000_000, 1_000_000_000))
    assert incremental.setting_of(str(config), overrides) == f"site_name: Book\n\n{part}:8:1000000000"
    assert incremental.setting_of("", tmp_path / "none") == ""
    os.utime(part, ns=(2_000_000_000, 2_000_000_000))
    assert incremental.setting_of(str(config), overrides).endswith(":8:2000000000")
