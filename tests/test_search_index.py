"""Unit tests of hooks/conceptbook/searchindex/: the glightbox unwrap, the alternate spellings, one
search entry per bibliography entry, and the vocabulary for "Did you mean"."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from test_citations_bad_input import BIB, CHAPTER

from conceptbook.searchindex.alternates import (
    NAME_FIELD,
    TEXT_FIELD,
    TITLE_FIELD,
    Spellings,
    add_alternates,
    load_spellings,
)
from conceptbook.searchindex.entries import ENTRY_BOOST, add_entries, cited_as, entry_documents, mark_entries
from conceptbook.searchindex.unwrap import unwrap_document
from conceptbook.searchindex.vocabulary import script, vocabulary


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


def test_a_spelling_of_two_words_is_not_a_concept_name(spellings: Spellings) -> None:
    """Search splits "super ego" (a spelling of superego): as a concept name it made "ego" a
    name of the Superego page, which then ranked above the Ego page for "ego"."""
    index = {"docs": [{"location": "concepts/superego.html", "title": "Superego", "text": "<p>x</p>"}]}
    add_alternates(index, spellings, {"concepts/superego.html": ["Superego"]})
    assert index["docs"][0][NAME_FIELD] == "superego"
    assert index["docs"][0][TITLE_FIELD] == "super ego"  # still found by "super ego"


def test_an_unreadable_spellings_file_is_a_plugin_error_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "spellings.yml"
    bad.write_text("british:\n  defense: [defence, 3]\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"spellings\.yml: british: 'defense' must map"):
        load_spellings(bad)
    bad.write_text("british: [unclosed\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"spellings\.yml: cannot read"):
        load_spellings(bad)


# --- Bibliography entries, one search entry each (searchindex/entries.py) ----------------


def test_marking_leaves_each_entry_out_of_the_page_entry_and_nothing_else() -> None:
    content = (
        '<p>Every work.</p>\n<ul class="references bibliography">\n'
        '<li id="ref-bowlby1969" class="csl-entry">Bowlby, J. (1969).<!-- cited-by:bowlby1969 --></li>\n'
        '<li class="note">kept</li>\n</ul>'
    )
    marked, count = mark_entries(content)
    assert count == 1
    assert marked == content.replace(
        '<li id="ref-bowlby1969"', '<li data-search-exclude="bibliography-entry" id="ref-bowlby1969"'
    )


def test_marked_entries_leave_the_search_plugin_only_the_introduction() -> None:
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(
        mark_entries('<h1 id="b">Bibliography</h1><p>Every work.</p><ul><li id="ref-a">A, B. (1990).</li></ul>')[0]
    )
    parser.close()
    assert ["".join(section.text) for section in parser.data] == ["<p>Every work.</p>"]


def test_the_published_page_keeps_no_trace_of_the_mark() -> None:
    """Material strips data-search-* attributes with a value once it has read the page."""
    import re

    marked, _ = mark_entries('<li id="ref-a" class="csl-entry">A</li>')
    assert re.sub(r"\s?data-search-\w+=\"[^\"]+\"", "", marked) == '<li id="ref-a" class="csl-entry">A</li>'


def _entry(key: str, reference: str, **csl: object) -> dict:
    return {"key": key, "url": f"bibliography.html#ref-{key}", "reference": reference, "csl": csl}


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            _entry("w", "Winnicott, D. W. (1953). Transitional objects.", author=[{"family": "Winnicott"}]),
            "Winnicott (1953)",
        ),
        (
            _entry(
                "g",
                "Greenberg, J. R., & Mitchell, S. A. (1983). Object relations.",
                author=[{"family": "Greenberg"}, {"family": "Mitchell"}],
            ),
            "Greenberg & Mitchell (1983)",
        ),
        (
            _entry(
                "a",
                "Abbass, A. A., Hancock, J. T., & Kisely, S. R. (2006). Short-term.",
                author=[{"family": "Abbass"}, {"family": "Hancock"}, {"family": "Kisely"}],
            ),
            "Abbass et al. (2006)",
        ),
        (
            _entry("f", "Freud, S. (1923a). The ego and the id.", author=[{"family": "Freud"}]),
            "Freud (1923a)",
        ),
        (
            _entry(
                "k",
                "van der Kolk, B. (2014). The body keeps the score.",
                author=[{"family": "Kolk", "non-dropping-particle": "van der"}],
            ),
            "van der Kolk (2014)",
        ),
        (
            _entry(
                "apa",
                "American Psychiatric Association. (2013). DSM-5.",
                author=[{"literal": "American Psychiatric Association"}],
            ),
            "American Psychiatric Association (2013)",
        ),
        (
            _entry(
                "ed", "Ansbacher, H. L. (Ed.). (1956). The individual psychology.", editor=[{"family": "Ansbacher"}]
            ),
            "Ansbacher (1956)",
        ),
        (_entry("nd", "Anon. (n.d.). Untitled.", title="Untitled"), "Untitled (n.d.)"),
        (
            _entry("csl", "No year in brackets here", author=[{"family": "Doe"}], issued={"date-parts": [[2001]]}),
            "Doe (2001)",
        ),
        # No year anywhere: empty date parts, or none.
        (_entry("e", "No year", author=[{"family": "Doe"}], issued={"date-parts": [[]]}), "Doe (n.d.)"),
        (_entry("f", "No year", author=[{"family": "Doe"}]), "Doe (n.d.)"),
        # Nobody named (a person without a family name counts as none): the title, else the key.
        (_entry("g", "Untitled (2001).", author=[{"given": "Anna"}], title="A title"), "A title (2001)"),
        (_entry("anon2001", "Untitled (2001)."), "anon2001 (2001)"),
        ({"reference": "Untitled (2001)."}, " (2001)"),
    ],
)
def test_an_entry_is_titled_as_the_book_cites_it(entry: dict, expected: str) -> None:
    assert cited_as(entry) == expected


def test_entry_documents_are_escaped_located_and_weighted_low() -> None:
    bibliography = {"entries": [_entry("a", "A & B <i> (2000). Title.", author=[{"family": "A&B"}]), {"key": "empty"}]}
    assert entry_documents(bibliography) == [
        {
            "location": "bibliography.html#ref-a",
            "title": "A&amp;B (2000)",
            "text": "<p>A &amp; B &lt;i&gt; (2000). Title.</p>",
            "boost": ENTRY_BOOST,
        }
    ]


def test_entries_follow_their_page_entry_so_that_material_groups_them_under_it() -> None:
    index = {
        "docs": [
            {"location": "about.html", "title": "About", "text": ""},
            {"location": "bibliography.html", "title": "Bibliography", "text": "<p>Every work.</p>"},
            {"location": "bibliography.html#notes", "title": "Notes", "text": ""},
        ]
    }
    bibliography = {"entries": [_entry("a", "A. (1990). One."), _entry("b", "B. (1991). Two.")]}
    assert add_entries(index, bibliography) == []
    assert [doc["location"] for doc in index["docs"]] == [
        "about.html",
        "bibliography.html",
        "bibliography.html#ref-a",
        "bibliography.html#ref-b",
        "bibliography.html#notes",
    ]


def test_entries_whose_page_is_not_in_search_are_reported() -> None:
    index = {"docs": [{"location": "about.html", "title": "About", "text": ""}]}
    assert add_entries(index, {"entries": [_entry("a", "A. (1990). One.")]}) == ["bibliography.html"]
    assert [doc["location"] for doc in index["docs"]] == ["about.html"]


# --- The vocabulary for "Did you mean" (searchindex/vocabulary.py) -----------------------


def test_the_vocabulary_holds_terms_aliases_and_authors_family_names_once_each() -> None:
    glossary = {
        "concepts": [
            {"term": "Repression", "aliases": ["repressed", "REPRESSION"]},
            {"term": "Object  relations", "aliases": []},
        ]
    }
    bibliography = {
        "entries": [
            _entry("k", "", author=[{"family": "Klein", "given": "M."}, {"literal": "World Health Organization"}]),
            _entry(
                "v", "", author=[{"family": "Kolk", "non-dropping-particle": "van der"}], editor=[{"family": "klein"}]
            ),
        ]
    }
    assert vocabulary(glossary, bibliography) == {
        "concepts": ["Object relations", "repressed", "Repression"],
        "names": ["Klein", "van der Kolk"],
    }


def test_the_vocabulary_is_a_script_a_page_read_from_disk_can_load() -> None:
    assert script({"concepts": ["Ça"], "names": []}) == 'var __searchVocabulary = {"concepts":["Ça"],"names":[]};\n'


# --- The hook's own checks (hooks/search_hooks.py) ----------------------------------------


def _built_site(tmp_path: Path, bibliography: dict) -> Path:
    import json

    (tmp_path / "search").mkdir()
    index = {"config": {}, "docs": [{"location": "bibliography.html", "title": "Bibliography", "text": "<p>x</p>"}]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    (tmp_path / "bibliography.json").write_text(json.dumps(bibliography), encoding="utf-8")
    return tmp_path


def test_a_bibliography_whose_entries_were_not_marked_is_a_warning_with_the_fix(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import json
    from types import SimpleNamespace

    import search_hooks

    site = _built_site(tmp_path, {"entries": [_entry("a", "A. (1990). One.")]})
    search_hooks._state["entries_marked"] = 0  # the page held no <li id="ref-…">
    search_hooks._state["material"] = 0  # not Material's theme (a build before this test may have set it)
    search_hooks.on_post_build(SimpleNamespace(site_dir=str(site)))
    assert [r.getMessage() for r in caplog.records if r.name == "mkdocs.hooks.search"] == [
        'docs/bibliography.md (generated) has no entry <li id="ref-KEY">, so search shows the whole Bibliography '
        "as one result; give each entry that id (hooks/conceptbook/citations/capability.py), or teach "
        "hooks/conceptbook/searchindex/entries.py the new markup."
    ]
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [doc["location"] for doc in index["docs"]] == ["bibliography.html", "bibliography.html#ref-a"]
    assert (site / "search" / "vocabulary.js").read_text(encoding="utf-8") == (
        'var __searchVocabulary = {"concepts":[],"names":[]};\n'
    )


# --- One real build of a small site ------------------------------------------------------

# The small citing book of the citations' bad-input tests: two works, one chapter citing both.
SMALL_BIB, SMALL_CHAPTER = BIB, CHAPTER


def test_a_small_site_indexes_each_work_on_its_own_and_ships_its_vocabulary(tmp_path: Path) -> None:
    import json

    from sitebuild import build_small_site

    result = build_small_site(
        tmp_path, {"index.md": "# Home\n", "chapters/one.md": SMALL_CHAPTER, "references.bib": SMALL_BIB}
    )
    assert (result.failed, result.problems) == (None, [])
    site = tmp_path / "site"
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    bibliography = [doc for doc in index["docs"] if doc["location"].startswith("bibliography.html")]
    assert [(doc["location"], doc["title"]) for doc in bibliography] == [
        ("bibliography.html", "Bibliography"),
        ("bibliography.html#ref-bowlby1969", "Bowlby (1969)"),
        ("bibliography.html#ref-shedler2010", "Shedler (2010)"),
    ]
    assert "Bowlby" not in bibliography[0]["text"] and bibliography[0]["text"].startswith("<p>Every work this book")
    assert bibliography[2]["text"] == (
        "<p>Shedler, J. (2010). The efficacy of psychodynamic psychotherapy. American Psychologist. "
        "https://doi.org/10.1037/a0018378</p>"
    )
    # The offline edition's copy of the index is the same index.
    inlined = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert json.loads(inlined.removeprefix("var __index = ")) == index
    page = (site / "bibliography.html").read_text(encoding="utf-8")
    assert '<li id="ref-bowlby1969" class="csl-entry">' in page and "data-search-exclude" not in page
    assert (site / "search" / "vocabulary.js").read_text(encoding="utf-8") == (
        'var __searchVocabulary = {"concepts":[],"names":["Bowlby","Shedler"]};\n'
    )


# --- Edges of the inputs, each with its literal result -------------------------------------


def test_an_index_without_docs_gets_nothing_added() -> None:
    index: dict = {}
    assert add_alternates(index, Spellings(), {}) == {}
    assert add_entries(index, {"entries": []}) == []
    assert index == {"docs": []}


def test_a_concepts_name_with_an_article_is_its_one_word() -> None:
    index = {"docs": [{"location": "concepts/u.html", "title": "The unconscious", "text": ""}]}
    add_alternates(index, Spellings(), {"concepts/u.html": ["The unconscious", "the Ucs"]})
    assert index["docs"][0][NAME_FIELD] == "unconscious ucs"


def test_a_doc_without_title_or_text_gets_no_alternates() -> None:
    index = {"docs": [{"location": "x.html"}]}
    assert add_alternates(index, Spellings({"xxx": ("yyy",)}), {}) == {"docs": [{"location": "x.html"}]}


def test_beginnings_of_three_letters_or_more_are_looked_up_and_a_word_is_never_its_own_variant() -> None:
    spellings = Spellings({"ab": ("xy",), "abc": ("xyz",), "abcd": ("abcd",)})
    assert spellings.variants("abcx") == {"xyzx"}
    assert spellings.variants("abx") == set()
    assert spellings.variants("abcde") == set()


def test_spellings_are_read_lowercase_and_a_beginning_in_both_tables_keeps_every_form(tmp_path: Path) -> None:
    path = tmp_path / "spellings.yml"
    path.write_text("british:\n  Defense: Defence\nmisspellings:\n  defense: [defens, defence]\n", encoding="utf-8")
    assert load_spellings(path).beginnings == {"defense": ("defence", "defens")}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "british: [defense, defence]\n",
            "spellings.yml: 'british' must map a word beginning to its other spelling(s)",
        ),
        (
            "british:\n  1: one\n",
            "spellings.yml: british: '1' must map to a spelling or a list of spellings, e.g. `defense: defence`",
        ),
    ],
)
def test_a_spellings_table_of_the_wrong_shape_is_a_plugin_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "spellings.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PluginError) as caught:
        load_spellings(path)
    assert str(caught.value) == f"{tmp_path}/{message}"


def test_entries_without_a_url_or_a_reference_are_skipped_wherever_they_are() -> None:
    bibliography = {
        "entries": [
            {"key": "nourl", "reference": "A. (1990). One."},
            {"key": "noref", "url": "bibliography.html#ref-noref"},
            _entry("q", 'O\'Neil, A. (2000). "Quoted" & more.', author=[{"family": "O'Neil"}]),
        ]
    }
    assert entry_documents(bibliography) == [
        {
            "location": "bibliography.html#ref-q",
            "title": "O'Neil (2000)",
            "text": '<p>O\'Neil, A. (2000). "Quoted" &amp; more.</p>',
            "boost": ENTRY_BOOST,
        }
    ]


def test_the_vocabulary_takes_editors_and_skips_a_concept_without_a_term() -> None:
    glossary = {"concepts": [{"aliases": ["Id"]}]}
    bibliography = {"entries": [_entry("e", "", editor=[{"family": "Ansbacher"}])]}
    assert vocabulary(glossary, bibliography) == {"concepts": ["Id"], "names": ["Ansbacher"]}


def test_without_a_bibliography_there_are_no_entries_and_no_entry_words() -> None:
    """A book without references.bib has no bibliography.json: read as {}."""
    assert entry_documents({}) == []
    assert vocabulary({"concepts": []}, {}) == vocabulary({"concepts": []}, {"entries": []})


def test_the_whole_words_script_is_put_in_front_of_each_search_worker_once(tmp_path: Path) -> None:
    from conceptbook.searchindex.worker import SCRIPT, WORKERS, prepend_whole_words

    worker = tmp_path / WORKERS.replace("*", "x")
    worker.parent.mkdir(parents=True)
    worker.write_text("self.onmessage = null;\n", encoding="utf-8")
    whole_words = SCRIPT.read_text(encoding="utf-8")
    assert prepend_whole_words(tmp_path) == [worker]
    assert worker.read_text(encoding="utf-8") == whole_words + "self.onmessage = null;\n"
    prepend_whole_words(tmp_path)  # a dirty rebuild finds it there already
    assert worker.read_text(encoding="utf-8") == whole_words + "self.onmessage = null;\n"
