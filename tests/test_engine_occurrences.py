"""Unit tests of glossary/occurrences.py: the plain text of a rendered block, and the
sentence a backlink quotes, shortened around the mention when it is long."""

from __future__ import annotations

import pytest

from conceptbook.glossary.occurrences import CONTEXT_MAX_WORDS, PageMentions, clean_text, quote_at, sentence_at

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


def _quote(text: str, mention: str, raw_html=None, length: int | None = None):
    return quote_at(text, text.index(mention), len(mention) if length is None else length, raw_html)


@pytest.mark.parametrize(
    ("text", "mention", "raw_html", "expected"),
    [
        pytest.param(
            "a \x02wzxhzdk:0\x03 b transference here.",
            "transference",
            lambda i: "&amp;",
            ("a & b transference here.", (6, 18)),
            id="a stashed entity before the mention",
        ),
        pytest.param(
            "a \x0238\x03 b transference here.",
            "transference",
            None,
            ("a & b transference here.", (6, 18)),
            id="an escape",
        ),
        pytest.param(
            "Tea \x02wzxhzdk:0\x03 transference \x02wzxhzdk:0\x03 x.",
            "transference",
            lambda i: "<b>",
            ("Tea transference x.", (4, 16)),
            id="dropped HTML around the mention",
        ),
        pytest.param(
            "A\x00b \x01c transference.", "transference", None, ("Ab c transference.", (5, 17)), id="control characters"
        ),
        pytest.param(
            "One. Two.  The  transference   here! Next one.",
            "transference",
            None,
            ("The transference here!", (4, 16)),
            id="its own sentence, white space folded",
        ),
        pytest.param(
            "  The transference here.", "transference", None, ("The transference here.", (4, 16)), id="leading space"
        ),
    ],
)
def test_the_quote_marks_exactly_the_mention(text: str, mention: str, raw_html, expected) -> None:
    quote, mark = _quote(text, mention, raw_html)
    assert (quote, mark) == expected
    assert quote[mark[0] : mark[1]] == mention


def test_a_mention_of_several_words_is_marked_whole() -> None:
    assert _quote("The object relations view.", "object", length=len("object relations")) == (
        "The object relations view.",
        (4, 20),
    )


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("Then W. R. D. Fairbairn wrote. Next one.", "W. R. D. Fairbairn", ("Then W. R. D. Fairbairn wrote.", (5, 23))),
        ("So the Ego. Ideal came. Next one.", "Ego. Ideal", ("So the Ego. Ideal came.", (7, 17))),
        ("First one. Then Anna O. Next one.", "Anna O.", ("Then Anna O.", (5, 12))),  # ends the sentence
    ],
)
def test_a_sentence_never_ends_inside_the_mention(
    text: str, mention: str, expected: tuple[str, tuple[int, int]]
) -> None:
    """A name with initials or a period is quoted whole, with its mark (never cut at "W.")."""
    assert _quote(text, mention) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(Klein. Fairbairn) then saw transference here.", "(Klein. Fairbairn) then saw transference here."),
        # the parentheses of an earlier sentence are closed: each ")" is counted once
        ("One (a). Two (Klein. Fairbairn) saw transference here.", "Two (Klein. Fairbairn) saw transference here."),
    ],
)
def test_parentheses_at_the_start_of_the_text_or_after_an_earlier_sentence_hold_their_periods(
    text: str, expected: str
) -> None:
    assert _quote(text, "transference")[0] == expected


def test_no_mark_without_a_length() -> None:
    assert _quote("The transference here.", "transference", length=0) == ("The transference here.", None)


def test_the_mark_in_a_shortened_quote_counts_the_ellipsis_and_the_dropped_words() -> None:
    text = " ".join(WORDS[:30]) + " transference " + " ".join(WORDS[30:]) + "."
    quote, mark = _quote(text, "transference")
    prefix = "… " + " ".join(WORDS[15:30]) + " "
    assert quote.startswith(prefix) and mark == (len(prefix), len(prefix) + len("transference"))


def test_the_mark_of_a_mention_that_opens_a_long_sentence_has_no_prefix() -> None:
    quote, mark = _quote("transference " + " ".join(WORDS) + ".", "transference")
    assert quote.endswith(" …") and mark == (0, len("transference"))


def test_a_mention_longer_than_the_shortened_quote_is_not_marked() -> None:
    text = " ".join(WORDS) + "."
    quote, mark = _quote(text, "w20", length=len(text) - 1 - text.index("w20"))
    assert quote == "… " + " ".join(WORDS[5:50]) + " …"
    assert mark is None


def test_sentence_at_resolves_entities_through_the_pages_stash() -> None:
    assert sentence_at("x \x02wzxhzdk:0\x03 y.", 0, lambda i: "&eacute;") == "x é y."


def test_a_concept_is_defined_once_in_order_of_first_bold_mention() -> None:
    mentions = PageMentions()
    for slug in ("ego", "id", "ego", "superego", "id"):
        mentions.define(slug)
    assert mentions.defined == ["ego", "id", "superego"]


def test_a_sentence_one_word_over_the_limit_drops_its_first_word_with_an_ellipsis() -> None:
    text = " ".join(WORDS[:20]) + " transference " + " ".join(WORDS[20:45]) + "."
    quote, mark = _quote(text, "transference")
    assert quote == "… " + " ".join(WORDS[1:20]) + " transference " + " ".join(WORDS[20:45]) + "."
    assert mark is not None and quote[mark[0] : mark[1]] == "transference"


def test_a_mention_that_ends_the_text_is_marked() -> None:
    assert _quote("The transference", "transference") == ("The transference", (4, 16))


# Every abbreviation the sentence splitter knows, and periods inside parentheses, each followed by
# a capital or a number, and each shown with the sentence before it, which must be cut off (so the
# test fails both when an abbreviation ends a quote and when a real end of sentence no longer does).
ABBREVIATED = [
    "(Kernberg, 1975, p. 12)",
    "(Kernberg, 1975, pp. 12-14)",
    "(D. W. Winnicott, 1953)",
    "(A. Freud, 1936/1937)",
    "(see Chapter 3. It says so)",
    "e.g. Klein",
    "i.e. Anna Freud",
    "cf. Klein",
    "Klein vs. Freud",
    "Smith et al. (1990)",
    "Dr. Klein",
    "Mr. Z",
    "Ms. K",
    "Mrs. Klein",
    "St. Louis",
    "ch. 3",
    "chap. 3",
    "vol. 2",
    "Vol. 2",
    "vols. 2-3",
    "para. 4",
    "ed. 2",
    "Ed. Strachey",
    "eds. Smith",
    "Eds. Smith",
    "fig. 2",
    "Fig. 2",
    "trans. Strachey",
]


@pytest.mark.parametrize("phrase", ABBREVIATED)
def test_a_sentence_goes_on_after_an_abbreviation_or_an_initial(phrase: str) -> None:
    text = f"Before it ends here. Splitting is named in {phrase} as a defense. After it starts here."
    assert sentence_at(text, text.index("Splitting")) == f"Splitting is named in {phrase} as a defense."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("It starts at age 5. Splitting follows.", "Splitting follows.", id="a number"),
        pytest.param("It is in the DSM. Splitting follows.", "Splitting follows.", id="a capitalized word"),
        pytest.param("It is a trap. Splitting follows.", "Splitting follows.", id="a word ending in p"),
        pytest.param("It is noted. Splitting follows.", "Splitting follows.", id="a word ending in ed"),
        pytest.param("The trail is hot. 5 follow.", "5 follow.", id="before a number"),
        pytest.param("This is Criterion A. Splitting follows.", "Splitting follows.", id="a single capital"),
        pytest.param("(See Chapter 3.) Splitting follows.", "Splitting follows.", id="a closed parenthesis"),
        pytest.param("A) one. B) two. Splitting follows.", "Splitting follows.", id="a stray closing parenthesis"),
    ],
)
def test_a_period_after_a_longer_word_still_ends_the_sentence(text: str, expected: str) -> None:
    assert sentence_at(text, text.rindex(expected.split()[0])) == expected
