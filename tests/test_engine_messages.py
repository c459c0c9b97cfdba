"""The pieces every engine message is made of, word for word: where it points
(common/report.py), the clause that says what is wrong with a front-matter value and
how to fix it (glossary/names.py), and the slug a hint suggests (common/text.py).

The bad-input builds check whole messages for one example each; these golden pairs pin
every branch, so a message cannot quietly point at the wrong line or lose its fix."""

from __future__ import annotations

import datetime

import pytest

from conceptbook.common.report import line_at, where
from conceptbook.common.text import slug
from conceptbook.glossary.names import type_problem


@pytest.mark.parametrize(
    ("text", "index", "start_line", "expected"),
    [
        pytest.param("one\ntwo\nthree", 0, 1, 1, id="start of the text"),
        pytest.param("one\ntwo\nthree", 3, 1, 1, id="on the first line's newline"),
        pytest.param("one\ntwo\nthree", 4, 1, 2, id="start of the second line"),
        pytest.param("one\ntwo\nthree", 9, 1, 3, id="in the third line"),
        pytest.param("\ntwo", 1, 1, 2, id="after a leading newline"),
        pytest.param("one\ntwo\nthree", 4, 10, 11, id="counted from a later first line"),
    ],
)
def test_line_at_gives_the_1_based_line_of_a_position(text: str, index: int, start_line: int, expected: int) -> None:
    assert line_at(text, index, start_line) == expected


def test_line_at_starts_at_line_1_by_default() -> None:
    assert line_at("one\ntwo", 4) == 2


@pytest.mark.parametrize(
    ("line", "expected"),
    [(12, "docs/chapters/one.md:12"), (None, "docs/chapters/one.md"), (0, "docs/chapters/one.md")],
)
def test_where_names_the_file_and_the_line_when_there_is_one(line: int | None, expected: str) -> None:
    assert where("docs/chapters/one.md", line) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            True,
            "'term' was read by YAML as true (yes/no/on/off are booleans); put the text in quotes, e.g. term: \"Yes\"",
            id="true",
        ),
        pytest.param(
            False,
            "'term' was read by YAML as false (yes/no/on/off are booleans); put the text in quotes, e.g. term: \"Yes\"",
            id="false",
        ),
        pytest.param(
            3, "'term' was read by YAML as a number, not text; put it in quotes, e.g. term: \"3\"", id="integer"
        ),
        pytest.param(
            2.5, "'term' was read by YAML as a number, not text; put it in quotes, e.g. term: \"2.5\"", id="float"
        ),
        pytest.param(
            datetime.date(2026, 11, 22),
            "'term' was read by YAML as a date, not text; put it in quotes, e.g. term: \"2026-11-22\"",
            id="date",
        ),
        pytest.param(None, "'term' is empty; write its text after 'term:'", id="empty"),
        pytest.param(
            ["a"],
            "'term' must be text, not a list; write it on one line after 'term:' (or use '>-' for several lines)",
            id="list",
        ),
        pytest.param(
            {"a": 1},
            "'term' must be text, not a mapping; write it on one line after 'term:' (or use '>-' for several lines)",
            id="mapping",
        ),
        pytest.param(
            {1},
            "'term' must be text, not set; write it on one line after 'term:' (or use '>-' for several lines)",
            id="any other type, by its name",
        ),
    ],
)
def test_type_problem_says_what_yaml_read_and_how_to_write_text(value: object, expected: str) -> None:
    assert type_problem("term", value) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Object relations", "object-relations"),
        ("Freud's models", "freuds-models"),  # an apostrophe joins the word, it does not split it
        ("Winnicott\u2019s holding", "winnicotts-holding"),
        ("Klein\u02bcs positions", "kleins-positions"),
        ("Straße", "strasse"),
    ],
)
def test_slug_joins_words_with_hyphens_and_drops_apostrophes(name: str, expected: str) -> None:
    assert slug(name) == expected
