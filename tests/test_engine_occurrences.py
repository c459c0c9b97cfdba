"""Unit tests of glossary/occurrences.py: the plain text of a rendered block, and the
sentence a backlink quotes, shortened around the mention when it is long."""

from __future__ import annotations

import pytest

from glossary.occurrences import CONTEXT_MAX_WORDS, clean_text, sentence_at

WORDS = [f"w{i}" for i in range(60)]


@pytest.mark.parametrize(
    ("text", "raw_html", "expected"),
    [
        pytest.param("a \x02wzxhzdk:0\x03 b", None, "a b", id="stashed HTML without the page's stash"),
        pytest.param("a \x02wzxhzdk:0\x03 b", lambda i: "<span>x</span>", "a b", id="stashed HTML is left out"),
        pytest.param("a \x02wzxhzdk:0\x03 b", lambda i: "&eacute;", "a é b", id="a stashed entity is its character"),
        pytest.param("a \x0238\x03 b", None, "a & b", id="a backslash escape is the character"),
        pytest.param("a \x02klzzwxh:1\x03 b", None, "a b", id="any other stash marker is dropped"),
        pytest.param("  a\n\tb  ", None, "a b", id="white space folded"),
    ],
)
def test_clean_text_gives_the_plain_text_of_a_block(text: str, raw_html, expected: str) -> None:
    assert clean_text(text, raw_html) == expected


def test_a_long_sentence_is_cut_around_the_mention_with_ellipses() -> None:
    text = " ".join(WORDS[:30]) + " transference " + " ".join(WORDS[30:]) + "."
    words = sentence_at(text, text.index("transference")).split()
    # A third of the window before the mention, the rest after, cut on both sides.
    assert words[0] == "…" and words[-1] == "…"
    assert words[1:-1] == [*WORDS[15:30], "transference", *WORDS[30:59]]
    assert len(words[1:-1]) == CONTEXT_MAX_WORDS


def test_a_long_sentence_that_opens_with_the_mention_is_cut_at_the_end_only() -> None:
    text = "transference " + " ".join(WORDS) + "."
    assert sentence_at(text, 0) == "transference " + " ".join(WORDS[: CONTEXT_MAX_WORDS - 1]) + " …"


def test_a_long_sentence_that_ends_with_the_mention_is_cut_at_the_start_only() -> None:
    text = " ".join(WORDS) + " transference."
    assert sentence_at(text, text.index("transference")) == "… " + " ".join(WORDS[16:]) + " transference."


def test_a_sentence_of_exactly_the_limit_is_kept_whole() -> None:
    text = "transference " + " ".join(WORDS[: CONTEXT_MAX_WORDS - 1]) + "."
    assert sentence_at(text, 0) == text


def test_a_mention_inside_dropped_html_quotes_the_first_sentence() -> None:
    text = "One. Two \x02wzxhzdk:0\x03 three."
    assert sentence_at(text, text.index("wzxhzdk"), lambda i: "<b>") == "One."


def test_a_control_character_in_the_text_is_never_taken_for_the_mention_mark() -> None:
    """mutmut's last survivor (find -> rfind): a NUL earlier in a block made the backlink
    quote the wrong sentence."""
    text = "A\x00b. Then transference here."
    assert sentence_at(text, text.index("transference")) == "Then transference here."
