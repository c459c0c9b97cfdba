"""Unit tests of hooks/conceptbook/glossary/model.py on strings and small folders: what a
concept file becomes, and every message about one, with literal expected values (the
mutation run of 2026-12-06 found these unchecked; issue 27)."""

from __future__ import annotations

import pytest

from conceptbook.glossary.model import misplaced_concept, read_concept


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
