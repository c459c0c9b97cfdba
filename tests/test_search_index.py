"""Unit tests of hooks/searchindex/: the glightbox unwrap and the alternate spellings."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from searchindex.alternates import NAME_FIELD, TEXT_FIELD, TITLE_FIELD, Spellings, add_alternates, load_spellings
from searchindex.unwrap import unwrap_document


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<html><head></head><body><h1 id='a'>T</h1><p>x</p></body></html>", "<h1 id='a'>T</h1><p>x</p>"),
        ("<html><head><style>p{}</style></head><body><p>x</p></body></html>", "<style>p{}</style><p>x</p>"),
        ("<h1>T</h1><p>no wrapper</p>", "<h1>T</h1><p>no wrapper</p>"),
        ("<p>text about <html> tags</p>", "<p>text about <html> tags</p>"),
    ],
)
def test_unwrap_takes_the_content_out_of_a_whole_document(content: str, expected: str) -> None:
    assert unwrap_document(content) == expected


def test_unwrapped_content_gives_the_search_plugin_a_page_entry_with_text() -> None:
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(unwrap_document("<html><head></head><body><h1 id='t'>T</h1><p>opening text</p></body></html>"))
    parser.close()
    first = parser.data[0]
    assert first.id is None and "".join(first.text) == "<p>opening text</p>"


@pytest.fixture(scope="module")
def spellings() -> Spellings:
    return load_spellings()


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("defenses", "defences"),
        ("behavioral", "behavioural"),
        ("organization", "organisation"),
        ("idealization", "idealisation"),
        ("analyze", "analyse"),
        ("centered", "centred"),
        ("transference", "transferance"),
        ("unconscious", "unconcious"),
    ],
)
def test_other_spellings_of_a_word(spellings: Spellings, word: str, expected: str) -> None:
    assert expected in spellings.variants(word)


@pytest.mark.parametrize("word", ["size", "seize", "prize", "therapy", "ego"])
def test_words_with_one_spelling_get_none(spellings: Spellings, word: str) -> None:
    assert spellings.variants(word) == set()


def test_entries_get_title_text_and_concept_name_alternates(spellings: Spellings) -> None:
    index = {
        "docs": [
            {"location": "concepts/defense.html", "title": "Defense", "text": "<p>A mental process.</p>"},
            {"location": "chapters/defenses.html#a", "title": "Mature defenses", "text": "<p>humor and behavior</p>"},
        ]
    }
    add_alternates(index, spellings, {"concepts/defense.html": ["Defense", "defence mechanism", "ego defense"]})
    concept, section = index["docs"]
    assert concept[TITLE_FIELD].split()[:1] == ["defence"]
    assert "defence mechanism" in concept[TITLE_FIELD]
    assert concept[NAME_FIELD] == "defense defence"
    assert TEXT_FIELD not in concept
    assert section[TITLE_FIELD] == "defences"
    assert section[TEXT_FIELD] == "behaviour humour"
    assert NAME_FIELD not in section


def test_an_unreadable_spellings_file_is_a_plugin_error_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "spellings.yml"
    bad.write_text("british:\n  defense: [defence, 3]\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"spellings\.yml: british: 'defense' must map"):
        load_spellings(bad)
    bad.write_text("british: [unclosed\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"spellings\.yml: cannot read"):
        load_spellings(bad)
