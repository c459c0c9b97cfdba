"""Unit tests of name matching: whole words, case, plurals, longest match, Unicode."""

from __future__ import annotations

import pytest

from conceptbook.glossary.matcher import TermMatcher, plural

NAMES = {
    "attachment": "attachment",
    "secure attachment": "secure-attachment",
    "defense": "defense",
    "Erikson's stages": "psychosocial",
    "CBT": "cbt",
    "good-enough mother": "good-enough",
    "the unconscious": "unconscious",
    "café self": "cafe",
    "analysis": "analysis",
}


def found(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.slug) for m in TermMatcher(NAMES).finditer(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("secure attachment", [("secure attachment", "secure-attachment")]),
        ("Secure\n  Attachment", [("Secure\n  Attachment", "secure-attachment")]),
        ("insecure attachment", [("attachment", "attachment")]),
        ("attachments and defenses", [("attachments", "attachment"), ("defenses", "defense")]),
        ("non-attachment, attachment-based", []),
        ("Erikson’s stages", [("Erikson’s stages", "psychosocial")]),
        ("CBTs", [("CBTs", "cbt")]),
        ("good-enough mothers", [("good-enough mothers", "good-enough")]),
        ("The Unconscious.", [("The Unconscious", "unconscious")]),
        ("(defense)", [("defense", "defense")]),
        ("“defense,”", [("defense", "defense")]),
        ("defensive", []),
        ("CAFÉ SELF", [("CAFÉ SELF", "cafe")]),
        ("analyses", []),  # irregular plurals are not guessed: add them as aliases
        ("analysises", [("analysises", "analysis")]),
        ("", []),
    ],
)
def test_matches_whole_words_case_insensitively_longest_first(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_term_at_start_and_end_of_text() -> None:
    assert found("Defense is common; so is attachment") == [("Defense", "defense"), ("attachment", "attachment")]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("defense", "defenses"),
        ("analysis", "analysises"),
        ("theory", "theories"),
        ("day", "days"),
        ("approach", "approaches"),
        ("box", "boxes"),
    ],
)
def test_regular_plural_of_the_last_word(name: str, expected: str) -> None:
    assert plural(name) == expected


def test_an_empty_glossary_matches_nothing() -> None:
    assert list(TermMatcher({}).finditer("attachment")) == []


def test_thousands_of_names_share_one_prefix_tree_and_are_all_found() -> None:
    """3,000 names that start alike are one path in the tree, not 3,000 entries at its root:
    the text is walked once, token by token, whatever the number of names."""
    names = {f"concept number {i}": f"c{i}" for i in range(3000)}
    matcher = TermMatcher(names)
    assert sorted(matcher._tree) == [" concept", "concept"]  # the first word, with and without a space before it
    wanted = list(range(0, 3000, 7))
    text = "; ".join(f"concept number {i}" for i in wanted)
    assert [m.slug for m in matcher.finditer(text)] == [f"c{i}" for i in wanted]
    assert [m.slug for m in matcher.finditer("see concept number 2999 and concept number 7")] == ["c2999", "c7"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("(-defense)", [], id="a hyphen glued before, after an opening bracket"),
        pytest.param("attachment,defense", [("attachment", "attachment"), ("defense", "defense")], id="comma"),
        pytest.param("defense.com", [], id="a dot glued to a word that ends the text"),
        pytest.param("see defense.com today", [], id="a dot glued to a word inside the text"),
        pytest.param("defense. Then", [("defense", "defense")], id="a full stop"),
        pytest.param("defense.", [("defense", "defense")], id="a full stop ending the text"),
        pytest.param("e.g.defense", [], id="after an abbreviation's glued dot"),
        pytest.param(".defense", [("defense", "defense")], id="a dot with no word before it"),
    ],
)
def test_punctuation_glued_to_a_name_decides_whether_it_stands_alone(
    text: str, expected: list[tuple[str, str]]
) -> None:
    """A name is a word of its own unless a hyphen, letter or digit is glued to it, or a
    dot joins it to a word on the other side (a web address, "i.e.")."""
    assert found(text) == expected


def test_a_start_that_leads_nowhere_does_not_end_the_search() -> None:
    matcher = TermMatcher({"object relations": "object-relations"})
    found = [(m.start, m.slug) for m in matcher.finditer("object permanence and object relations")]
    assert found == [(22, "object-relations")]


def test_a_two_letter_name_gets_its_plural_and_a_one_letter_name_does_not() -> None:
    matcher = TermMatcher({"Id": "id", "I": "i"})
    text = "The Ids and the Is."
    assert [(text[m.start : m.end], m.slug) for m in matcher.finditer(text)] == [("Ids", "id")]
