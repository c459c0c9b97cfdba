"""Unit tests of hooks/conceptbook/glossary/model.py on strings and small folders: what a
concept file becomes, and every message about one, with literal expected values (the
mutation run of 2026-12-06 found these unchecked; issue 27)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conceptbook.glossary.model import build_glossary, misplaced_concept, read_concept, read_glossary
from sitebuild import build_small_site


@pytest.mark.parametrize(
    ("src_uri", "expected"),
    [
        ("concepts/transference.md", None),
        ("chapters/transference.md", None),
        ("concepts/old/id.v2.md", "docs/concepts/id.v2.md"),
        ("concepts/notes.v2.markdown", "docs/concepts/notes.v2.md"),
    ],
)
def test_a_misplaced_concept_is_told_where_its_file_belongs(src_uri: str, expected: str | None) -> None:
    message = misplaced_concept(src_uri)
    if expected is None:
        assert message is None
    else:
        assert message == (
            "a concept file must sit directly in docs/concepts/ and end in .md, so this one is not a concept; "
            f"move or rename it to {expected}."
        )


def concept_source(extra: str, term: str = "Transference") -> str:
    return f"---\nterm: {term}\nsummary: A short definition.\n{extra}---\n\nBody.\n"


def messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [f"{r.levelname}: {r.getMessage()}" for r in caplog.records]


@pytest.mark.parametrize(
    ("extra", "related", "aliases", "message"),
    [
        pytest.param("related: [1, 2]\n", (), (), "'related' must be a list of names", id="numbers"),
        pytest.param("related: {a: b}\n", (), (), "'related' must be a list of names", id="a mapping"),
        pytest.param("aliases: [Good, '']\n", (), (), "'aliases' must be a list of names", id="an empty name"),
        pytest.param("aliases: [Good, '  ']\n", (), (), "'aliases' must be a list of names", id="a blank name"),
        pytest.param(
            "aliases: [The  transfer,  Handover ]\n",
            (),
            ("The transfer", "Handover"),
            None,
            id="names with runs of space are kept, tidied",
        ),
    ],
)
def test_a_list_of_names_is_checked_item_by_item(
    caplog: pytest.LogCaptureFixture, extra: str, related: tuple, aliases: tuple, message: str | None
) -> None:
    found = read_concept("concepts/transference.md", "docs/concepts/transference.md", concept_source(extra))
    assert found is not None
    assert (found.related, found.aliases) == (related, aliases)
    key = extra.split(":")[0]
    expected = (
        []
        if message is None
        else [f"WARNING: docs/concepts/transference.md:4: {message}, e.g. {key}: [first, second]; it was ignored."]
    )
    assert messages(caplog) == expected


def test_a_list_of_twenty_names_is_kept_and_of_twenty_one_ignored(caplog: pytest.LogCaptureFixture) -> None:
    twenty = [f"slug-{n:02d}" for n in range(20)]
    found = read_concept("concepts/a.md", "docs/concepts/a.md", concept_source(f"related: [{', '.join(twenty)}]\n"))
    assert found is not None and found.related == tuple(twenty)
    assert messages(caplog) == []
    found = read_concept(
        "concepts/a.md", "docs/concepts/a.md", concept_source(f"related: [{', '.join([*twenty, 'one-more'])}]\n")
    )
    assert found is not None and found.related == ()
    assert messages(caplog) == [
        "WARNING: docs/concepts/a.md:4: 'related' has 21 entries; keep at most 20; it was ignored."
    ]


def test_an_explicit_concept_may_have_a_one_letter_alias_and_an_auto_one_may_not(
    caplog: pytest.LogCaptureFixture,
) -> None:
    explicit = read_concept(
        "concepts/q.md", "docs/concepts/q.md", concept_source("link: explicit\naliases: [Q]\n", "Quality")
    )
    assert explicit is not None and explicit.aliases == ("Q",)
    assert messages(caplog) == []
    auto = read_concept("concepts/q.md", "docs/concepts/q.md", concept_source("aliases: [Q]\n", "Quality"))
    assert auto is not None and auto.aliases == ()
    assert messages(caplog) == [
        "WARNING: docs/concepts/q.md:4: the alias 'Q' is a single letter, which would link letters everywhere; "
        "use a longer name, or set 'link: explicit'; the alias was ignored."
    ]


def test_read_glossary_reads_each_concept_file_of_the_folder_as_the_build_does(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    concepts = tmp_path / "book" / "concepts"
    concepts.mkdir(parents=True)
    (concepts / "transference.md").write_text(concept_source("related: [denial]\n"), encoding="utf-8")
    (concepts / "denial.md").write_text(concept_source("", "Denial"), encoding="utf-8")
    (concepts / "latin.md").write_bytes(b"---\nterm: Caf\xe9\nsummary: A place.\n---\n")
    (concepts / "blank.md").write_bytes(b"\n\n\xfc")  # its first line break is its first byte
    (concepts / "nosummary.md").write_text("---\nterm: Nothing\n---\n", encoding="utf-8")
    (concepts / "notes.txt").write_text("not a concept", encoding="utf-8")
    (concepts / "sub").mkdir()
    (concepts / "sub" / "deeper.md").write_text(concept_source("", "Deeper"), encoding="utf-8")
    glossary = read_glossary(tmp_path / "book")
    assert [(c.slug, c.term, c.src_uri, c.path) for c in glossary.sorted()] == [
        ("denial", "Denial", "concepts/denial.md", "book/concepts/denial.md"),
        ("transference", "Transference", "concepts/transference.md", "book/concepts/transference.md"),
    ]
    assert glossary.related == {"denial": ("transference",), "transference": ("denial",)}
    assert messages(caplog) == [
        "ERROR: book/concepts/blank.md:3: the file is not UTF-8 text (byte 0xfc); save it as UTF-8 in your editor. "
        "The concept was left out.",
        "ERROR: book/concepts/latin.md:2: the file is not UTF-8 text (byte 0xe9); save it as UTF-8 in your editor. "
        "The concept was left out.",
        "ERROR: book/concepts/nosummary.md:1: a concept needs 'summary' in its front matter (term: the display "
        "name; summary: one or two plain sentences). The concept was left out of the glossary.",
    ]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        pytest.param(
            "zzz: 1\n",
            "WARNING: docs/concepts/transference.md:4: unknown front-matter key 'zzz' — the known keys are term, "
            "summary, aliases, related, link, broader, contrasts, developed_from.",
            id="an unknown key with no near one",
        ),
        pytest.param(
            "link: sometimes\n",
            "WARNING: docs/concepts/transference.md:4: 'link' must be 'auto' or 'explicit', not 'sometimes'; "
            "using 'auto'.",
            id="an unknown link mode",
        ),
        pytest.param(
            f"link: {'x' * 38}\n",
            f"WARNING: docs/concepts/transference.md:4: 'link' must be 'auto' or 'explicit', not '{'x' * 38}'; "
            "using 'auto'.",
            id="a link mode of 40 characters in quotes is shown whole",
        ),
        pytest.param(
            f"link: {'x' * 39}\n",
            f"WARNING: docs/concepts/transference.md:4: 'link' must be 'auto' or 'explicit', not '{'x' * 39}…; "
            "using 'auto'.",
            id="a longer one is cut at 40",
        ),
    ],
)
def test_a_fixable_front_matter_flaw_is_a_warning_and_the_concept_is_kept(
    caplog: pytest.LogCaptureFixture, extra: str, expected: str
) -> None:
    found = read_concept("concepts/transference.md", "docs/concepts/transference.md", concept_source(extra))
    assert found is not None and (found.term, found.link) == ("Transference", "auto")
    assert messages(caplog) == [expected]


@pytest.mark.parametrize(
    ("src_uri", "expected"),
    [
        (
            "concepts/Object Relations.md",
            "rename the file to 'concepts/object-relations.md' (lowercase words joined by hyphens)",
        ),
        ("concepts/???.md", "rename the file to the term in lowercase Latin letters, words joined by hyphens"),
    ],
)
def test_a_file_name_that_is_not_a_slug_is_a_warning_with_the_new_name(
    caplog: pytest.LogCaptureFixture, src_uri: str, expected: str
) -> None:
    found = read_concept(src_uri, f"docs/{src_uri}", concept_source(""))
    assert found is not None and found.slug == src_uri[len("concepts/") : -len(".md")]
    slug = found.slug
    assert messages(caplog) == [f"WARNING: docs/{src_uri}: the file name '{slug}' is not a valid slug; {expected}."]


def test_a_summary_of_45_words_is_kept_quietly_and_of_46_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    source = "---\nterm: Transference\nsummary: {}\n---\n"
    found = read_concept("concepts/t.md", "docs/concepts/t.md", source.format(" ".join(["word"] * 45)))
    assert found is not None and len(found.summary.split()) == 45
    assert messages(caplog) == []
    found = read_concept("concepts/t.md", "docs/concepts/t.md", source.format(" ".join(["word"] * 46)))
    assert found is not None
    assert messages(caplog) == [
        "WARNING: docs/concepts/t.md:3: the summary has 46 words; shorten it to at most 45 (move detail into the "
        "page body)."
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "---\nterm: 42\nsummary: A short definition.\n---\n",
            "docs/concepts/t.md:2: 'term' was read by YAML as a number, not text; put it in quotes, e.g. term: \"42\"",
            id="a number as term",
        ),
        pytest.param(
            "---\nterm: Transference\nsummary: '  '\n---\n",
            "docs/concepts/t.md:3: 'summary' is empty; write its text after 'summary:'",
            id="a blank summary",
        ),
        pytest.param(
            "---\nterm: '*Transference*'\nsummary: A short definition.\n---\n",
            "docs/concepts/t.md:2: the term '*Transference*' contains '*'; names are plain text (no Markdown, HTML, "
            "'{: ...}' attributes or [[...]]): remove it",
            id="markup in the term",
        ),
        pytest.param(
            "---\nterm: Transference\nsummary: See [[denial]].\n---\n",
            "docs/concepts/t.md:3: the summary contains '[[...]]'; a summary is plain text: name the concept in "
            "words instead",
            id="a reference in the summary",
        ),
        pytest.param(
            "---\nsummary: A short definition.\n---\n",
            "docs/concepts/t.md:1: a concept needs 'term' in its front matter (term: the display name; summary: one "
            "or two plain sentences)",
            id="no term",
        ),
        pytest.param(
            "---\nlink: auto\n---\n",
            "docs/concepts/t.md:1: a concept needs 'term' and 'summary' in its front matter (term: the display "
            "name; summary: one or two plain sentences)",
            id="neither",
        ),
    ],
)
def test_an_unusable_concept_is_an_error_and_left_out(
    caplog: pytest.LogCaptureFixture, source: str, expected: str
) -> None:
    assert read_concept("concepts/t.md", "docs/concepts/t.md", source) is None
    assert messages(caplog) == [f"ERROR: {expected}. The concept was left out of the glossary."]


def test_a_concept_related_to_itself_or_to_no_concept_is_a_warning_and_the_rest_is_symmetric(
    caplog: pytest.LogCaptureFixture,
) -> None:
    found = [
        read_concept(f"concepts/{slug}.md", f"docs/concepts/{slug}.md", concept_source(extra, term))
        for slug, term, extra in [
            ("anxiety", "Anxiety", "related: [anxiety, defense, denail]\n"),
            ("defense", "Defense", ""),
            ("denial", "Denial", "related: [defense]\n"),
        ]
    ]
    glossary = build_glossary([c for c in found if c is not None])
    assert glossary.related == {"anxiety": ("defense",), "defense": ("anxiety", "denial"), "denial": ("defense",)}
    assert messages(caplog) == [
        "WARNING: docs/concepts/anxiety.md:4: 'related' lists the concept itself ('anxiety'); remove it.",
        "WARNING: docs/concepts/anxiety.md:4: 'related' names an unknown concept 'denail' — did you mean 'denial'?",
    ]


def test_a_concept_file_becomes_a_concept_with_every_field_as_written(caplog: pytest.LogCaptureFixture) -> None:
    source = (
        "---\nterm: Q\nsummary: A  short\n  definition.\nlink: explicit\naliases: [Quality factor]\n"
        "related: [denial]\n---\n\nBody text.\n"
    )
    found = read_concept("concepts/q.md", "docs/concepts/q.md", source)
    assert found is not None
    assert (found.slug, found.term, found.summary, found.src_uri, found.path) == (
        "q",
        "Q",  # one letter is a term only a concept linked explicitly may have
        "A short definition.",
        "concepts/q.md",
        "docs/concepts/q.md",
    )
    assert (found.aliases, found.related, found.link, found.body) == (
        ("Quality factor",),
        ("denial",),
        "explicit",
        "\nBody text.\n",
    )
    assert messages(caplog) == []


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("Ada Lovelace", True),  # one name as text
        (["Ada Lovelace", "Mary Ainsworth"], True),
        (["A"] * 20, True),  # at most 20 names
        (["A"] * 21, False),
        ("x" * 80, True),  # each at most 80 characters
        ("x" * 81, False),
        (["Ada", "x" * 81], False),
        ([], False),  # at least one
        ("", False),  # a name is not empty
        ("   ", False),
        (["Ada", " "], False),
        (["Ada", 3], False),  # each a text
        (3, False),
        (None, False),
        ({"name": "Ada"}, False),
        (("Ada",), False),  # YAML gives lists, never tuples
    ],
)
def test_a_chapters_authors_are_a_name_or_a_list_of_names(value: object, ok: bool) -> None:
    from conceptbook.glossary.chapters import _is_names

    assert _is_names(value) is ok


def test_a_chapters_key_terms_are_checked_one_by_one(caplog: pytest.LogCaptureFixture) -> None:
    from conceptbook.glossary.keyterms import KeyTermsChoice, _checked

    caplog.set_level("WARNING", logger="mkdocs.hooks.glossary")
    slugs = ("ego", "nothing", "ego", "id", *(f"c{n}" for n in range(16)))
    lines = (3, 4, 5, None, *range(10, 26))
    mentioned = {"ego", *(f"c{n}" for n in range(16))}
    keys = _checked(
        "docs/chapters/a.md",
        KeyTermsChoice(slugs, lines),
        mentioned,
        lambda slug: slug != "nothing",
        lambda slug: " (did you mean 'no-thing'?)." if slug == "nothing" else ".",
    )
    assert keys == ["ego", *(f"c{n}" for n in range(14))]  # the first 15 that pass
    assert [r.getMessage() for r in caplog.records] == [
        "docs/chapters/a.md:4: 'key_terms' names 'nothing', which is not a concept (did you mean 'no-thing'?). "
        "Concepts live in docs/concepts/<slug>.md.",
        "docs/chapters/a.md:5: 'key_terms' lists 'ego' twice; delete one.",
        "docs/chapters/a.md: 'key_terms' lists 'id', but the chapter's teaching text never mentions it (the "
        "objectives, takeaways, summary and questions do not count); mention it where the chapter teaches it, or "
        "delete it from 'key_terms'.",
        "docs/chapters/a.md:3: 'key_terms' lists 17 concepts; the key-terms box holds at most 15: keep the ones a "
        "student should revise.",
    ]
    caplog.clear()
    assert _checked("docs/chapters/a.md", KeyTermsChoice((), ()), set(), bool, str) == []
    assert caplog.records == []


def test_a_quoted_passage_without_the_term_marked_is_all_before_it() -> None:
    from conceptbook.glossary.capability import _quote

    assert _quote({"context": "A passage.", "highlight": None}) == {"before": "A passage.", "term": "", "after": ""}
    assert _quote({"context": "A big ego here.", "highlight": (6, 9)}) == {
        "before": "A big ",
        "term": "ego",
        "after": " here.",
    }


@pytest.mark.parametrize(
    ("value", "line"),
    [("[]", 4), ("[Not A Slug]", 4), ("ego", 4), ("[ego, 3]", 4)],
)
def test_key_terms_that_are_not_a_list_of_slugs_are_refused_at_their_line(
    tmp_path: Path, value: str, line: int
) -> None:
    chapter = f"---\ntitle: One\ndescription: The first.\nkey_terms: {value}\n---\n\n# One\n\nThe **ego** mediates.\n"
    files = {
        "index.md": "# Home\n",
        "chapters/one.md": chapter,
        "concepts/ego.md": "---\nterm: Ego\nsummary: The self.\n---\n",
    }
    result = build_small_site(tmp_path, files)
    assert result.problems == [
        f"WARNING: docs/chapters/one.md:{line}: 'key_terms' must be a list of concept slugs (file names in "
        "docs/concepts/ without .md), at most 15, e.g. key_terms: [transference, countertransference]; delete it to "
        "list the concepts the chapter defines in bold."
    ]


def test_source_lines_count_each_occurrence_of_a_text_outside_code() -> None:
    from conceptbook.glossary.sourcelines import SourceLines

    source = "ego one\n`ego` in code\nego two\n\nego three\n```\nego\n```\nlast ego\n"
    lines = SourceLines(source)
    assert lines.first("ego") == 1 and lines.first("absent") is None
    assert [lines.next("ego") for _ in range(5)] == [1, 3, 5, 9, 9]  # code skipped; then the last one again
    claimed = SourceLines(source)
    first, second, third = claimed.claim("ego"), claimed.claim("ego"), claimed.claim("ego")
    assert (first, second, third) == (("ego", 0), ("ego", 1), ("ego", 2))
    assert [claimed.line_of(c) for c in (third, first, ("ego", 40), ("absent", 0))] == [5, 1, 9, None]


def test_a_glossary_letter_s_id_and_the_glossary_json_bytes() -> None:
    from conceptbook.glossary.capability import _glossary_json, _letter_id

    assert [_letter_id(c) for c in ("T", "ö", "1", "—")] == [
        "glossary--letter-t",
        "glossary--letter-ö",
        "glossary--other",
        "glossary--other",
    ]
    assert _glossary_json([{"slug": "ego", "term": "Ego, «das Ich»"}]) == (
        '{"format":"psychodynamic-theory-glossary","version":2,"description":"One object per concept; URLs are '
        'relative to the site root. See about.html#glossary-data.","concepts":[{"slug":"ego","term":"Ego, «das Ich»"}]}\n'
    )


def test_generated_headings_join_the_contents_under_the_page_s_title_or_at_its_top() -> None:
    from types import SimpleNamespace

    from mkdocs.structure.toc import AnchorLink

    from conceptbook.glossary.capability import _append_toc

    title = AnchorLink("Glossary", "glossary", 1)
    page = SimpleNamespace(toc=SimpleNamespace(items=[title]))
    _append_toc(page, [("glossary--letter-a", "A", True), ("glossary--letter-b", "B", False)])
    assert [(i.title, i.id, i.level) for i in title.children] == [("A", "glossary--letter-a", 2)]
    bare = SimpleNamespace(toc=SimpleNamespace(items=[AnchorLink("Intro", "intro", 2)]))  # no H1: at the top
    _append_toc(bare, [("glossary--other", "Other", True)])
    assert [(i.title, i.id, i.level) for i in bare.toc.items] == [
        ("Intro", "intro", 2),
        ("Other", "glossary--other", 2),
    ]
    empty = SimpleNamespace(toc=SimpleNamespace(items=[]))
    _append_toc(empty, [("glossary--other", "Other", True)])
    assert [i.id for i in empty.toc.items] == ["glossary--other"]


@pytest.mark.parametrize("key", ["authors", "reviewed_by"])
@pytest.mark.parametrize("value", ["3", "[Ada Lovelace, '']", "{name: Ada}"])
def test_a_chapter_s_authors_and_reviewers_must_be_names(
    key: str, value: str, caplog: pytest.LogCaptureFixture
) -> None:
    from conceptbook.glossary.chapters import check_chapter

    source = f"---\ntitle: One\ndescription: The first chapter.\n{key}: {value}\n---\n\n# One\n"
    with caplog.at_level("WARNING"):
        check_chapter("docs/chapters/one.md", source)
    assert caplog.messages == [
        f"docs/chapters/one.md:4: '{key}' must be a name or a list of names (at most 20, each under 80 "
        f"characters), e.g. {key}: [Ada Lovelace]"
    ]


@pytest.mark.parametrize("people", ["authors: Ada Lovelace", "reviewed_by: [Ada Lovelace, Grace Hopper]"])
def test_a_chapter_s_people_written_as_names_pass(people: str, caplog: pytest.LogCaptureFixture) -> None:
    from conceptbook.glossary.chapters import check_chapter

    with caplog.at_level("WARNING"):
        meta = check_chapter("docs/chapters/one.md", f"---\ntitle: One\ndescription: The first.\n{people}\n---\n")
    assert meta is not None and caplog.messages == []


@pytest.mark.parametrize(
    ("key", "value", "line"),
    [
        ("title", "'<b>One</b>'", 2),
        ("description", "'A <i>first</i> chapter.'", 3),
        ("subtitle", "'<em>Why</em>'", 4),
        ("authors", "['<img src=x>']", 4),
        ("reviewed_by", "[Ada, '<a href=x>Bo</a>']", 4),
    ],
)
def test_html_in_any_text_a_chapter_shows_from_its_front_matter_is_reported(
    key: str, value: str, line: int, caplog: pytest.LogCaptureFixture
) -> None:
    from conceptbook.glossary.chapters import check_chapter

    front = {"title": "One", "description": "The first chapter."}
    lines = [f"{k}: {value if k == key else v}" for k, v in front.items()]
    if key not in front:
        lines.append(f"{key}: {value}")
    with caplog.at_level("WARNING"):
        check_chapter("docs/chapters/one.md", "---\n" + "\n".join(lines) + "\n---\n")
    tag = value.split("<")[1].split(">")[0].split()[0]
    assert caplog.messages == [
        f"docs/chapters/one.md:{line}: '{key}' contains the HTML '<{tag}'; front-matter values are plain text "
        f"and shown as written: remove it."
    ]


def test_a_chapter_s_title_and_description_are_read_with_their_white_space_folded() -> None:
    from conceptbook.glossary.chapters import check_chapter

    meta = check_chapter(
        "docs/chapters/one.md", "---\ntitle: '  One  '\ndescription: |\n  The  first\n  chapter.\n---\n"
    )
    assert meta is not None and (meta.title, meta.description) == ("One", "The first chapter.")


def _warnings(caplog: pytest.LogCaptureFixture, concepts: list) -> tuple[object, list[str]]:
    with caplog.at_level("WARNING"):
        glossary = build_glossary(concepts)
    return glossary, caplog.messages


@pytest.mark.parametrize("latin_first", [True, False])
def test_a_name_in_lookalike_letters_is_reported_whichever_file_comes_first(
    latin_first: bool, caplog: pytest.LogCaptureFixture
) -> None:
    """The concepts are read in slug order; the name in other letters is the one reported."""
    from engine_support import concept

    latin, cyrillic = ("a-scope", "b-scope") if latin_first else ("b-scope", "a-scope")
    _glossary, messages = _warnings(caplog, [concept(latin, "Scope"), concept(cyrillic, "Ѕсоре")])
    assert messages == [
        f"docs/concepts/{cyrillic}.md: the name 'Ѕсоре' looks the same as 'Scope' of docs/concepts/{latin}.md, but "
        "is written with other letters ('Ѕ' is U+0405 CYRILLIC CAPITAL LETTER DZE, 'с' is U+0441 CYRILLIC SMALL "
        "LETTER ES, 'о' is U+043E CYRILLIC SMALL LETTER O, 'р' is U+0440 CYRILLIC SMALL LETTER ER, 'е' is U+0435 "
        "CYRILLIC SMALL LETTER IE); a reader could not tell the two apart: retype it in Latin letters, or choose "
        "another name."
    ]


def test_a_concept_s_own_lookalike_names_pass_and_its_later_names_are_still_compared(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from engine_support import concept

    concepts = [concept("a-mode", "Mode"), concept("b-tone", "Tone", "Tоne", "Моde")]  # Cyrillic о, М о
    _glossary, messages = _warnings(caplog, concepts)
    assert [m.split(":")[0] + ": " + m.split("'")[1] for m in messages] == ["docs/concepts/b-tone.md: Моde"]


def test_an_alias_that_repeats_the_term_or_another_alias_is_kept_once(caplog: pytest.LogCaptureFixture) -> None:
    from engine_support import concept

    glossary, messages = _warnings(caplog, [concept("ego", "Ego", "ego", "Self", "Self")])
    assert glossary.concepts["ego"].aliases == ("Self",) and messages == []


def test_a_concept_without_front_matter_relating_to_itself_is_reported_without_a_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Concepts made in code (the plain-Markdown runs, the tests) have no front matter."""
    from engine_support import concept

    _glossary, messages = _warnings(caplog, [concept("ego", "Ego", related=("ego",))])
    assert messages == ["docs/concepts/ego.md: 'related' lists the concept itself ('ego'); remove it."]


def test_a_lookalike_name_s_character_without_a_unicode_name_is_named_by_its_code(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A private-use character is read from YAML and kept in a name; it has no Unicode name."""
    from engine_support import concept

    _glossary, messages = _warnings(caplog, [concept("a", "Scope\ue000"), concept("b", "Ѕсоре\ue000")])
    assert (
        len(messages) == 1
        and "'е' is U+0435 CYRILLIC SMALL LETTER IE, '\\ue000' is U+E000 (no name in Unicode));" in messages[0]
    )


def test_related_concepts_are_listed_by_term_not_by_file_name(caplog: pytest.LogCaptureFixture) -> None:
    from engine_support import concept

    concepts = [
        concept("hub", "Hub", related=("a-last", "z-first")),
        concept("z-first", "Anxiety"),
        concept("a-last", "Über-Ich"),
    ]
    glossary, messages = _warnings(caplog, concepts)
    assert glossary.related["hub"] == ("z-first", "a-last") and messages == []  # Anxiety, then Über-Ich under U
    assert glossary.related["a-last"] == ("hub",) and glossary.related["z-first"] == ("hub",)
