"""Dirty rebuilds on a small throw-away book (fast enough for mutation runs): the adapter
(hooks/conceptbook/common/rebuild.py) and a concept's summary given anew in place
(`Concepts.redefined`, `Carry.patch`). Each edit's site is compared, file for file, with a
full build of the edited book, as tests/test_incremental.py does on the real book."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_incremental import Serve, differences, edit
from test_numbering import BOX, figure

from conceptbook.common import incremental
from sitebuild import ROOT, write_small_site


def concept(term: str, summary: str) -> str:
    return f"---\nterm: {term}\nsummary: {summary}\n---\n\nAbout {term.lower()}.\n"


def chapter(title: str, body: str) -> str:
    return f"---\ntitle: {title}\ndescription: The chapter {title.lower()}.\n---\n\n# {title}\n\n{body}\n"


FILES = {
    "index.md": "# Home\n\nA small book.\n",
    "chapters/one.md": chapter(
        "One",
        "## Keeping out\n\n**Repression** keeps a wish out of awareness; a defense.\n\n"
        + figure("fig-box", "A box.")
        + "\n<!-- key-concepts -->\n",
    ),
    "chapters/two.md": chapter("Two", "## Again\n\nRepression once more, and a defense.\n\nAs @fig-box shows."),
    "assets/box.svg": BOX,
    "concepts/repression.md": concept("Repression", "A defense that keeps a wish out of awareness."),
    "concepts/defense.md": concept("Defense", "A way the mind keeps anxiety down."),
}
NAV = ["index.md", "chapters/one.md", "chapters/two.md"]


class Book(Serve):
    """A small book with its own mkdocs.yml (the real one, inherited), served dirty in this
    process (`serve`, as `Serve.build` does) and built in full in it too."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        docs = write_small_site(folder, FILES)
        # the hooks by their absolute paths (hooks/, or src/ in a mutation run's staged copy)
        base = re.sub(r"(?m)^(\s+- )(\w+/\w+\.py)\b", rf"\g<1>{ROOT}/\g<2>", (ROOT / "mkdocs.yml").read_text())
        (folder / "base.yml").write_text(base.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}"))
        nav = "".join(f"  - {page}\n" for page in NAV)
        (folder / "mkdocs.yml").write_text(f"INHERIT: base.yml\ndocs_dir: {docs}\nnav:\n{nav}", encoding="utf-8")
        super().__init__(folder / "mkdocs.yml", folder / "served")

    serve = Serve.build

    def docs(self, name: str) -> Path:
        return self.folder / "docs" / name

    def full(self, name: str) -> Path:
        """A plain build of the book as it is now, in this process (a mutation run cannot
        judge a build in another): the last thing a test does, as it ends the serving."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        self.stop()
        site = self.folder / name
        build(load_config(str(self.config), site_dir=str(site)))
        return site


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Book]:
    yield from served(tmp_path, monkeypatch)


def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str] | None = None) -> Iterator[Book]:
    """A small book (FILES, or `files`) built once in full, served dirty until the test ends:
    the fixture of this module and of the other dirty-rebuild tests of small books."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(incremental, "DIRTY", False)
    monkeypatch.setattr(incremental, "_SNAPSHOTS", {})
    if files is not None:
        monkeypatch.setitem(globals(), "FILES", files)
    book = Book(tmp_path)
    book.serve()
    assert book.built == ["(all)"]
    yield book
    book.stop()


def summary_of(book: Book, term: str, summary: str) -> None:
    name = f"concepts/{term.lower()}.md"
    edit(book.docs(name), book.docs(name).read_text(encoding="utf-8"), concept(term, summary))


def test_a_summary_edit_gives_the_pages_showing_it_the_new_one_in_place(book: Book) -> None:
    summary_of(book, "Repression", "A defense that holds a wish & a fear out of 'awareness'.")
    book.serve()
    assert book.built == ["concepts/repression.md", "glossary.md"]
    assert book.redefined == ["chapters/one.md", "chapters/two.md"]
    one = (book.site / "chapters" / "one.html").read_text(encoding="utf-8")
    assert one.count("A defense that holds a wish &amp; a fear out of &#39;awareness&#39;.") == 2  # tip, key terms
    assert "A defense that keeps" not in one
    printed = (book.site / "print.html").read_text(encoding="utf-8")
    assert "A defense that holds a wish &amp; a fear" in printed and "A defense that keeps" not in printed
    assert differences(book.site, book.full("full")) == []


def test_a_page_whose_part_is_not_found_is_built_again(book: Book) -> None:
    two = book.site / "chapters" / "two.html"
    two.write_text(two.read_text(encoding="utf-8").replace('id="tip-concept-repression"', 'id="elsewhere"'))
    summary_of(book, "Repression", "A defense that holds a wish out of awareness.")
    book.serve()
    assert book.built == ["chapters/two.md", "concepts/repression.md", "glossary.md"]
    assert book.redefined == ["chapters/one.md"]
    assert differences(book.site, book.full("full")) == []


def test_a_chapter_edit_builds_the_chapter_and_the_concept_pages_it_changes(book: Book) -> None:
    edit(book.docs("chapters/two.md"), "Repression once more", "Repression once more, and once again")
    book.serve()
    # the passage from two.md on both concepts changed: both concept pages show it
    assert book.built == [
        "book-map.md",
        "chapters/two.md",
        "concepts/defense.md",
        "concepts/repression.md",
        "glossary.md",
    ]
    edit(book.docs("chapters/two.md"), "## Again\n", "## Again\n\nA line with no concept.\n")
    book.serve()
    assert book.built == ["book-map.md", "chapters/two.md", "glossary.md"]
    assert differences(book.site, book.full("full")) == []


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("chapters/one.md", "title: One", "title: One, revised"),  # front matter: every page's navigation
        ("chapters/one.md", "## Keeping out", "## Keeping it out"),  # a heading: links from other pages
        ("chapters/one.md", "## Keeping out\n", "## Keeping out\n\n" + figure("", "A first figure.")),  # Figure 1.2
        ("assets/box.svg", 'fill="#fff"', 'fill="#eee"'),  # another file of docs/
        ("../mkdocs.yml", "docs_dir:", "site_description: Changed.\ndocs_dir:"),
    ],
)
def test_a_change_that_may_reach_every_page_builds_every_page(book: Book, name: str, old: str, new: str) -> None:
    edit(book.docs(name), old, new)
    book.serve()
    assert book.built == ["(all)"]
    assert differences(book.site, book.full("full")) == []


def test_titles_of_the_pages_not_built_again(book: Book) -> None:
    """Their titles come from the build before (their Markdown is not read); a build before
    that recorded none leaves them as MkDocs made them."""
    from conceptbook.common.rebuild import restore_titles

    carry = incremental._BUILD[1] if incremental._BUILD else None
    assert carry is not None and carry.previous is None
    summary_of(book, "Repression", "A defense that holds a wish out of awareness.")
    book.serve()
    carry = incremental._BUILD[1] if incremental._BUILD else None
    assert carry is not None and carry.previous is not None and carry.partial

    class Page:
        def __init__(self, src_uri: str) -> None:
            self.file = type("File", (), {"src_uri": src_uri})()
            self.markdown: str | None = None
            self.meta: dict[str, str] = {}

    pages = [Page("chapters/one.md"), Page("concepts/repression.md")]
    restore_titles(carry, pages)  # type: ignore[arg-type]
    assert [(p.markdown, p.meta) for p in pages] == [("", {"title": "1. One"}), (None, {})]
    carry.previous.records.pop("titles")
    pages = [Page("chapters/one.md")]
    restore_titles(carry, pages)  # type: ignore[arg-type]
    assert [(p.markdown, p.meta) for p in pages] == [(None, {})]


@pytest.mark.parametrize("record", ["glossary.shows", "glossary.summaries"])
def test_without_a_record_of_the_parts_the_pages_are_built_again(book: Book, record: str) -> None:
    incremental._SNAPSHOTS[str(book.config)].records.pop(record)
    summary_of(book, "Repression", "A defense that holds a wish out of awareness.")
    book.serve()
    assert book.built == ["chapters/one.md", "chapters/two.md", "concepts/repression.md", "glossary.md"]
    assert book.redefined == []
    assert differences(book.site, book.full("full")) == []


def test_a_concept_left_out_of_the_glossary_builds_every_page(book: Book) -> None:
    summary_of(book, "Repression", "A defense that keeps <b>a wish</b> away.")  # refused: left out of the glossary
    book.serve()
    assert book.built == ["(all)"]  # its page is no longer one: the files changed
    assert differences(book.site, book.full("full")) == []


def test_a_summary_edit_of_a_concept_the_chapter_only_mentions_gives_its_box_the_new_one(book: Book) -> None:
    """Defense is among chapter one's "also mentioned" concepts, not its key terms: its tip
    gets the new summary in place (the box names it without its summary), and nothing else
    of the page moves."""
    summary_of(book, "Defense", "A way the mind holds anxiety & pain down.")
    book.serve()
    assert book.built == ["concepts/defense.md", "glossary.md"]
    assert book.redefined == ["chapters/one.md", "chapters/two.md"]
    one = (book.site / "chapters" / "one.html").read_text(encoding="utf-8")
    assert "A way the mind keeps anxiety down." not in one
    assert one.count("A way the mind holds anxiety &amp; pain down.") == 1  # its tip
    assert 'Also mentioned:</span>\n<a class="concept-link" href="../concepts/defense.html"' in one
    assert differences(book.site, book.full("full")) == []


def test_a_summary_the_build_before_did_not_record_builds_the_pages_again(book: Book) -> None:
    incremental._SNAPSHOTS[str(book.config)].records["glossary.summaries"][""].pop("repression")
    summary_of(book, "Repression", "A defense that holds a wish out of awareness.")
    book.serve()
    assert book.built == ["chapters/one.md", "chapters/two.md", "concepts/repression.md", "glossary.md"]
    assert book.redefined == []
    assert differences(book.site, book.full("full")) == []
