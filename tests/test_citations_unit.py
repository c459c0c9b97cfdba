"""Unit tests of the citation capability: Pandoc's syntax as parsed, and the APA 7 output
of the chosen formatter (Pandoc's citeproc with the vendored APA CSL) for each kind of work."""

from __future__ import annotations

import locale
import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import bibtexparser
import pytest

from conceptbook.citations import bibliography, cite, formatter
from conceptbook.citations.formatter import Formatted, PandocError, format_all
from conceptbook.citations.keys import nearest_key
from conceptbook.citations.syntax import CITATION, Item, MalformedCitation, find_all, parse


def parsed(text: str):
    match = CITATION.search(text)
    assert match is not None, text
    return parse(match)


@pytest.mark.parametrize(
    ("text", "items", "narrative"),
    [
        ("as shown [@bowlby1969].", (Item("bowlby1969"),), False),
        ("[@bowlby1969; @ainsworth1978, p. 23]", (Item("bowlby1969"), Item("ainsworth1978", suffix=", p. 23")), False),
        ("[e.g., @moelbak2020]", (Item("moelbak2020", prefix="e.g.,"),), False),
        ("[see also @shedler2010]", (Item("shedler2010", prefix="see also"),), False),
        ("Levy and colleagues [-@levy2006]", (Item("levy2006", suppress_author=True),), False),
        ("@shedler2010 found", (Item("shedler2010"),), True),
        ("@freud1912 [p. 99] says", (Item("freud1912", suffix="p. 99"),), True),
    ],
)
def test_pandoc_citation_syntax_is_parsed(text: str, items: tuple[Item, ...], narrative: bool) -> None:
    citation = parsed(text)
    assert (citation.items, citation.narrative) == (items, narrative)


@pytest.mark.parametrize(
    "text",
    ["write to me@example.org", "[a link](https://x.org/@user)", "no at sign", "[text][ref]", "[@x](https://x.org)"],
)
def test_things_that_are_not_citations_are_not_found(text: str) -> None:
    assert find_all(text) == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[@bowlby1969 p. 23]", "put a comma between the key and the locator"),
        ("[@bowlby1969 @bowlby1988]", "holds two keys; separate them with ';'"),
        ("[@bowlby1969; ]", "has no @key"),
    ],
)
def test_malformed_citations_say_why(text: str, reason: str) -> None:
    with pytest.raises(MalformedCitation, match=reason):
        parsed(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[see; @bowlby1969]", "'see' has no @key; separate items with ';'"),
        ("[@bowlby1969; ]", "'(empty)' has no @key; separate items with ';'"),
        ("[@bowlby1969,]", "'@bowlby1969,' ends with a comma but has no locator after it"),
        ("[@bowlby1969, , ]", "'@bowlby1969, ,' ends with a comma but has no locator after it"),
    ],
)
def test_each_malformed_citation_s_whole_message(text: str, message: str) -> None:
    with pytest.raises(MalformedCitation) as error:
        parsed(text)
    assert str(error.value) == message


def test_a_locator_of_capital_letters_is_a_locator() -> None:
    """The comma rule strips only commas and spaces: "chap. XX" and "XX" are locators."""
    assert parsed("[@bowlby1969, XX]").items == (Item("bowlby1969", "", ", XX"),)


def test_a_malformed_citation_does_not_hide_the_ones_after_it() -> None:
    assert [c.text for c in find_all("[see; @bowlby1969] and [@bowlby1988], [@shedler2010,] [@freud1900]")] == [
        "[@bowlby1988]",
        "[@freud1900]",
    ]


BIB = r"""
@book{bowlby1969, author = {Bowlby, J.}, title = {{Attachment and loss: Vol. 1. Attachment}},
  publisher = {Basic Books}, year = {1969}}
@incollection{main1990, author = {Main, M. and Solomon, J.},
  title = {{Procedures for identifying infants as disorganized/disoriented during the Ainsworth Strange Situation}},
  editor = {Greenberg, M. T. and Cicchetti, D. and Cummings, E. M.},
  booktitle = {{Attachment in the preschool years: Theory, research, and intervention}},
  pages = {121--160}, publisher = {University of Chicago Press}, year = {1990}}
@article{shedler2010, author = {Shedler, J.}, title = {{The efficacy of psychodynamic psychotherapy}},
  journal = {American Psychologist}, volume = {65}, number = {2}, pages = {98--109}, year = {2010},
  doi = {10.1037/a0018378}}
@incollection{freud1912, author = {Freud, S.}, title = {{The dynamics of transference}},
  editor = {Strachey, J.}, translator = {Strachey, J.},
  booktitle = {{The standard edition of the complete psychological works of Sigmund Freud}},
  volume = {12}, pages = {97--108}, publisher = {Hogarth Press}, year = {1958}, origdate = {1912}}
@article{levy2006, author = {Levy, K. N. and Meehan, K. B. and Kelly, K. M.},
  title = {{Change in attachment patterns}}, journal = {Journal of Consulting and Clinical Psychology},
  volume = {74}, number = {6}, pages = {1027--1040}, year = {2006}}
@article{hayes2011b, author = {Hayes, J. A.}, title = {{Zeta study}}, journal = {Psychotherapy}, year = {2011}}
@article{hayes2011a, author = {Hayes, J. A.}, title = {{Alpha study}}, journal = {Psychotherapy}, year = {2011}}
"""


@pytest.fixture(scope="module")
def apa():
    return format_all(
        BIB,
        [
            "[@bowlby1969]",
            "[@main1990]",
            "@shedler2010",
            "[@freud1912, p. 99]",
            "[@levy2006]",
            "[@hayes2011a; @hayes2011b]",
        ],
    )


@pytest.mark.parametrize(
    ("key", "reference"),
    [
        pytest.param(
            "bowlby1969", "Bowlby, J. (1969). <em>Attachment and loss: Vol. 1. Attachment</em>. Basic Books.", id="book"
        ),
        pytest.param(
            "main1990",
            "Main, M., &amp; Solomon, J. (1990). Procedures for identifying infants as disorganized/disoriented during "
            "the Ainsworth Strange Situation. In M. T. Greenberg, D. Cicchetti, &amp; E. M. Cummings (Eds.), "
            "<em>Attachment in the preschool years: Theory, research, and intervention</em> (pp. 121–160). "
            "University of Chicago Press.",
            id="chapter in an edited book",
        ),
        pytest.param(
            "shedler2010",
            "Shedler, J. (2010). The efficacy of psychodynamic psychotherapy. <em>American Psychologist</em>, "
            '<em>65</em>(2), 98–109. <a href="https://doi.org/10.1037/a0018378">https://doi.org/10.1037/a0018378</a>',
            id="journal article with DOI",
        ),
        pytest.param(
            "freud1912",
            "Freud, S. (1958). The dynamics of transference (J. Strachey, Trans.). In J. Strachey (Ed.), "
            "<em>The standard edition of the complete psychological works of Sigmund Freud</em> (Vol. 12, pp. 97–108). "
            "Hogarth Press. (Original work published 1912)",
            id="Standard Edition reprint",
        ),
        pytest.param(
            "levy2006",
            "Levy, K. N., Meehan, K. B., &amp; Kelly, K. M. (2006). Change in attachment patterns. "
            "<em>Journal of Consulting and Clinical Psychology</em>, <em>74</em>(6), 1027–1040.",
            id="multiple authors",
        ),
        pytest.param(
            "hayes2011a", "Hayes, J. A. (2011a). Alpha study. <em>Psychotherapy</em>.", id="same author-year a"
        ),
        pytest.param(
            "hayes2011b", "Hayes, J. A. (2011b). Zeta study. <em>Psychotherapy</em>.", id="same author-year b"
        ),
    ],
)
def test_reference_list_entries_are_apa_7(apa, key: str, reference: str) -> None:
    assert apa.entries[key] == reference


def text_of(html: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize(
    ("citation", "text"),
    [
        ("[@bowlby1969]", "(Bowlby, 1969)"),
        ("[@main1990]", "(Main &amp; Solomon, 1990)"),
        ("@shedler2010", "Shedler (2010)"),
        ("[@freud1912, p. 99]", "(Freud, 1912/1958, p. 99)"),
        ("[@levy2006]", "(Levy et al., 2006)"),
        ("[@hayes2011a; @hayes2011b]", "(Hayes, 2011a, 2011b)"),
    ],
)
def test_in_text_citations_are_apa_7(apa, citation: str, text: str) -> None:
    assert text_of(apa.citations[citation]) == text


def test_entries_come_in_apa_order(apa) -> None:
    assert list(apa.entries) == [
        "bowlby1969",
        "freud1912",
        "hayes2011a",
        "hayes2011b",
        "levy2006",
        "main1990",
        "shedler2010",
    ]


def test_each_cited_work_is_its_own_link(apa) -> None:
    assert apa.citations["[@hayes2011a; @hayes2011b]"].count('href="#ref-') == 2


def test_a_pandoc_that_hangs_stops_the_build_with_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    from conceptbook.citations import formatter

    def hang(command: list[str], **kwargs: object) -> None:
        assert kwargs["timeout"] == formatter.PANDOC_SECONDS
        raise subprocess.TimeoutExpired(command, formatter.PANDOC_SECONDS)

    monkeypatch.setattr(formatter.subprocess, "run", hang)
    with pytest.raises(formatter.PandocError) as caught:
        formatter.format_all("@book{never, title={Never}}\n", ["[@never] (hangs)"])
    assert str(caught.value) == (
        f"docs/references.bib: Pandoc did not finish within {formatter.PANDOC_SECONDS} s; look for an entry that "
        "is very long or refers to itself, or split docs/references.bib."
    )


def test_a_formatted_result_changed_by_its_caller_is_not_what_the_next_build_gets() -> None:
    bib = "@book{kept, author={Kept, Ann}, title={Kept}, year={2001}, publisher={P}}\n"
    first = format_all(bib, ["[@kept]"])
    first.entries["kept"] = "<script>changed</script>"
    first.citations.clear()
    again = format_all(bib, ["[@kept]"])
    assert "Kept" in again.entries["kept"] and "script" not in again.entries["kept"]
    assert list(again.citations) == ["[@kept]"]


# Keys of the real book's bibliography, a few of them: what a mistyped key is compared with.
BOOK_KEYS = [
    "blagys2000",
    "bowlby1969",
    "bowlby1988",
    "freud1905",
    "freud1915a",
    "freud1915b",
    "klein1946",
    "loftus1974",
    "mcwilliams2004",
    "winnicott1953",
    "nice2022",
    "americanpsychiatricassociation2013",
]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("bowlbi1969", "bowlby1969"),  # a letter of the surname
        ("winnicot1953", "winnicott1953"),  # a missing letter
        ("klien1946", "klein1946"),  # two letters swapped
        ("Bowlby1969", "bowlby1969"),  # a capital
        ("bowlby1996", "bowlby1969"),  # two digits of the year swapped
        ("bowlby1989", "bowlby1988"),  # one digit of the year
        ("freud1915", "freud1915a"),  # the letter after the year left out: before freud1905
        ("mcwiliams2004", "mcwilliams2004"),
        ("americanpsychiatricassociaton2013", "americanpsychiatricassociation2013"),
    ],
)
def test_a_mistyped_key_gets_the_key_it_plausibly_means(typed: str, meant: str) -> None:
    assert nearest_key(typed, BOOK_KEYS) == meant


@pytest.mark.parametrize(
    "typed",
    [
        "blos1967",  # a work the book lacks: not 'loftus1974' (a whole-key match offered it)
        "bowlby2020",  # the surname alone: two digits of the year off
        "klein1955",  # two digits of the year off
        "blagys1946",
        "abc",
    ],
)
def test_a_key_with_no_plausible_match_gets_no_suggestion(typed: str) -> None:
    assert nearest_key(typed, BOOK_KEYS) is None


@pytest.mark.parametrize(
    ("typed", "keys", "meant"),
    [
        # The letter after the year counts: an exact key beats one with a letter more.
        ("freud1915", ["freud1915a", "freud1915"], "freud1915"),
        # A slip in the surname and one in the year weigh the same; then the nearer surname wins.
        ("bowlbi1969", ["bowlby1969", "bowlbi1968"], "bowlbi1968"),
        ("bowlbi1969", ["bowlby1969", "bowlbii1969"], "bowlbii1969"),
        # Two year digits next to each other that are not swapped are two slips: no match.
        ("bowlby1998", ["bowlby1969"], None),
        # Outside the scheme, keys are compared whole: the closest wins; a ratio at the cutoff passes.
        ("nice-2022", BOOK_KEYS, "nice2022"),
        ("nice-2022", ["nice-2021", "nice2022"], "nice2022"),
        ("abcdefghijklmnopqrst", ["abcdefghijklmnopqxyz"], "abcdefghijklmnopqxyz"),  # ratio 34/40 = 0.85
        # A whole-key match ranks 2: before a scheme key with two slips and a wrong letter (2.5).
        ("bowlbi1968a", ["bowlby1969", "bowlbi1968a-x"], "bowlbi1968a-x"),
    ],
)
def test_the_nearest_key_weighs_each_slip_as_documented(typed: str, keys: list[str], meant: str | None) -> None:
    assert nearest_key(typed, keys) == meant


# -- the formatter's own steps ----------------------------------------------------------

SWITCHES = re.compile(r'disambiguate-add-[a-z-]+="(?:true|false)"')


@pytest.fixture
def ascii_locale() -> Iterator[None]:
    """A locale whose default encoding is ASCII, as on a machine not set up for UTF-8: every
    file the formatter reads or writes must name its encoding."""
    before = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, before)


def test_the_fast_style_has_every_disambiguation_off_and_the_standalone_style_only_year_suffixes(
    ascii_locale: None,
) -> None:
    assert SWITCHES.findall(formatter._fast_csl()) == [
        'disambiguate-add-givenname="false"',
        'disambiguate-add-names="false"',
        'disambiguate-add-year-suffix="false"',
    ]
    assert SWITCHES.findall(formatter._standalone_csl()) == [
        'disambiguate-add-givenname="true"',
        'disambiguate-add-names="true"',
        'disambiguate-add-year-suffix="false"',
    ]


def test_a_style_without_year_suffixes_is_an_error_naming_the_function(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    style = tmp_path / "apa.csl"
    style.write_text('<style disambiguate-add-names="true"/>', encoding="utf-8")
    monkeypatch.setattr(formatter, "CSL", style)
    with pytest.raises(PandocError) as raised:
        formatter._standalone_csl()
    assert str(raised.value) == (
        f'{style}: the style no longer has disambiguate-add-year-suffix="true"; update formatter._standalone_csl'
    )


def test_a_bibliography_with_letters_beyond_ascii_is_formatted_whatever_the_locale(
    ascii_locale: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pandoc runs here (no result kept by an earlier test or build stands in for it)."""
    from conceptbook.common import store
    from conceptbook.common.cache import Bounded

    monkeypatch.setattr(store, "STORE", store.Store())
    monkeypatch.setattr(formatter, "_cache", Bounded(16))
    bib = "@book{oeztuerk2001,\n  author = {Öztürk, Ş.},\n  title = {Ünlü},\n  publisher = {Ç},\n  year = {2001},\n}\n"
    for style in ("full", "fast"):
        formatted = format_all(bib, ["[@oeztuerk2001]"], style)
        assert formatted.entries == {"oeztuerk2001": "Öztürk, Ş. (2001). <em>Ünlü</em>. Ç."}
        assert formatted.citations == {
            "[@oeztuerk2001]": '<span class="citation" data-cites="oeztuerk2001">'
            '(<a href="#ref-oeztuerk2001" role="doc-biblioref">Öztürk, 2001</a>)</span>'
        }


def test_two_authors_of_one_surname_are_told_apart_only_by_the_full_style() -> None:
    bib = (
        "@book{smith2000a, author = {Smith, John}, title = {One}, publisher = {P}, year = {2000}}\n"
        "@book{smith2000b, author = {Smith, Anna}, title = {Two}, publisher = {P}, year = {2000}}\n"
    )
    cites = ["[@smith2000a]", "[@smith2000b]"]
    assert [re.sub(r"<[^>]+>", "", html) for html in format_all(bib, cites).citations.values()] == [
        "(J. Smith, 2000)",
        "(A. Smith, 2000)",
    ]
    assert [re.sub(r"<[^>]+>", "", html) for html in format_all(bib, cites, "fast").citations.values()] == [
        "(Smith, 2000)",
        "(Smith, 2000)",
    ]


@pytest.fixture
def failing_pandoc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "pandoc"
    script.write_text("#!/bin/sh\necho 'pandoc: out of memory' >&2\nexit 1\n")
    script.chmod(0o755)
    monkeypatch.setattr(formatter, "pandoc_path", lambda: str(script))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "references.bib",
            "docs/references.bib: Pandoc could not format the bibliography: pandoc: out of memory; fix the entry it "
            "names, or reinstall Pandoc with pip install -r requirements.txt if it names none.",
        ),
        (
            "items.json",
            "the 'Cite this chapter' boxes: Pandoc could not format them: pandoc: out of memory; fix the chapter it "
            "names, or reinstall Pandoc with pip install -r requirements.txt if it names none.",
        ),
    ],
)
def test_pandoc_failing_names_what_it_was_formatting(failing_pandoc: None, name: str, message: str) -> None:
    with pytest.raises(PandocError) as raised:
        formatter._run([], "", "[]", name)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("name", "what"),
    [("references.bib", "docs/references.bib"), ("items.json", "the 'Cite this chapter' boxes")],
)
def test_pandoc_that_does_not_finish_names_what_it_was_formatting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, what: str
) -> None:
    script = tmp_path / "pandoc"
    script.write_text("#!/bin/sh\nexec sleep 30\n")
    script.chmod(0o755)
    monkeypatch.setattr(formatter, "pandoc_path", lambda: str(script))
    monkeypatch.setattr(formatter, "PANDOC_SECONDS", 0.2)
    with pytest.raises(PandocError) as raised:
        formatter._run([], "", "[]", name)
    assert str(raised.value) == (
        f"{what}: Pandoc did not finish within 0.2 s; look for an entry that is very long or refers to itself, "
        "or split docs/references.bib."
    )


def test_escaped_braces_become_commands_so_bibtex_cannot_end_a_field_early() -> None:
    entry = "@book{k,\n  title = {a\\}, note = \\{b},\n}"
    assert formatter.bibtex_safe(entry) == "@book{k,\n  title = {a\\textbraceright{}, note = \\textbraceleft{}b},\n}"


def test_nocase_and_plain_spans_are_unwrapped_inside_out() -> None:
    html = '<span class="nocase">A <span>B</span> C</span> and <span>D <span class="nocase">E</span></span>'
    assert formatter._unwrap_spans(html) == "A B C and D E"


# -- where a citation may not go, and the page's reference list ----------------------------


@pytest.mark.parametrize(
    ("data", "inside"),
    [
        ("[see @a](p.md)", True),
        ("[see @a][ref]", True),
        ("x[@a](p.md)", True),
        ("!x[@a](p.md)", True),  # only the character just before the bracket makes an image
        ("[x] [see @a](p.md)", True),
        ("[a [b] @a](p.md)", True),  # a closed pair inside the link text
        ("[a ![[b]] @a](p.md)", True),  # a nested pair after an image mark is skipped whole
        ("[x@a](p.md) wow!", True),
        ("![alt @a](img.png)", False),  # an image's alt text may hold a citation
        ("![@a](img.png)", False),
        ("[x] @a](p.md)", False),  # the bracket before it is closed
        ("[@a] and more", False),  # brackets, but not a link
        ("@a](p.md) [", False),  # no bracket before it
    ],
)
def test_a_citation_in_the_text_of_a_markdown_link_is_found(data: str, inside: bool) -> None:
    start = data.index("@a")
    assert cite._in_link_text(data, start, start + 2) is inside


@pytest.mark.parametrize(
    ("data", "inside"),
    [
        ('<a href="x">see @a</a>', True),
        ('text <a href="x">see</a> @a <a href="y">more</a>', False),
        ('<a href="x"><b>@a</b></a>', True),
        ("</a> @a", False),  # a stray closing tag never makes the depth negative
        ("</a><a>@a", True),
        ('<a href="x"><a href="y">in</a> @a</a>', True),  # nested: one closing tag leaves the outer link open
        ('<a href="x"><a href="y">in</a></a> @a', False),
    ],
)
def test_a_citation_between_raw_html_link_tags_is_found(data: str, inside: bool) -> None:
    assert cite._in_html_link(data, data.index("@a"), []) is inside


def test_a_stashed_html_link_counts_like_one_written_in_the_text() -> None:
    stash = ['<a href="x">', "<b>", "</a>"]
    open_, bold, close = (f"\x02wzxhzdk:{i}\x03" for i in range(3))
    assert cite._in_html_link(f"{open_}{bold}see @a", len(open_ + bold + "see "), stash) is True
    text = f"{open_}see{close} @a"
    assert cite._in_html_link(text, text.index("@a"), stash) is False
    text = "\x02wzxhzdk:7\x03 @a"  # a placeholder the stash does not hold
    assert cite._in_html_link(text, text.index("@a"), stash) is False
    text = "\x02wzxhzdk:3\x03 @a"  # the first index past the stash's end
    assert cite._in_html_link(text, text.index("@a"), stash) is False


def test_a_pages_references_follow_the_bibliographys_order_and_leave_out_unknown_keys() -> None:
    formatted = Formatted(entries={"shedler2010": "S", "bowlby1969": "B", "ainsworth1978": "A"})
    assert cite.reference_entries(["bowlby1969", "nokey2000", "shedler2010"], formatted) == [
        {"key": "shedler2010", "html": "S"},
        {"key": "bowlby1969", "html": "B"},
    ]


@pytest.mark.parametrize(
    ("page", "href"),
    [
        ("index.md", "bibliography.md#ref-bowlby1969"),
        ("chapters/attachment.md", "../bibliography.md#ref-bowlby1969"),
        ("a/b/c.md", "../../bibliography.md#ref-bowlby1969"),
    ],
)
def test_a_citation_links_to_the_bibliography_from_where_its_page_is(page: str, href: str) -> None:
    citer = cite.Citer()
    citer.page = SimpleNamespace(src_uri=page)  # type: ignore[assignment]
    assert citer.href("bowlby1969") == href


def test_the_key_of_an_entry_that_cannot_be_read_and_an_entrys_line() -> None:
    assert bibliography._block_key("@book{bowlby1969, title = {") == "bowlby1969"
    assert bibliography._block_key("  @ARTICLE ( smith2000 ,") == "smith2000"
    assert bibliography._block_key("% a comment") is None
    assert bibliography._block_key(None) is None
    library = bibtexparser.parse_string("% one\n\n@book{a2000, title = {T}}\n@book{b2000, title = {U}}\n")
    assert [bibliography.bibliography_line(library, key) for key in ("a2000", "b2000", "c2000")] == [3, 4, 0]


# -- fields.py and the e-print type, at their edges --------------------------------------------


@pytest.mark.parametrize(
    ("value", "unbraced"),
    [
        ("{Farrar} and {Giroux}", True),  # each group closes: the 'and' between them is outside
        ("{{Farrar}} and Giroux", True),  # nested braces close too
        ("{Farrar and Giroux}", False),
        ("{Farrar}and{Giroux}", False),  # a braced group reads as a word
    ],
)
def test_and_outside_braces_is_found_after_groups_and_nested_groups(value: str, unbraced: bool) -> None:
    from conceptbook.citations.fields import unbraced_and

    assert unbraced_and(value) is unbraced


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("\\href{a\\}}{click}", "{click}"),  # an escaped brace does not close the group
        ("\\href{a\\}b}{click}", "{click}"),
    ],
)
def test_a_commands_group_ends_at_its_own_closing_brace(value: str, text: str) -> None:
    from conceptbook.citations.fields import neutralise_commands

    assert neutralise_commands(value) == (text, ["\\href"])


def test_an_unclosed_group_runs_to_the_end_of_the_value() -> None:
    from conceptbook.citations.fields import neutralise_commands

    assert neutralise_commands("\\href{open") == ("{open}", ["\\href"])  # every letter, no IndexError
    assert neutralise_commands("\\href{a}{open") == ("{open}", ["\\href"])
    assert neutralise_commands("\\href{a}{{b}") == ("{{b}}", ["\\href"])  # the inner group is closed, the outer not
    assert neutralise_commands("\\href{a}{b}") == ("{b}", ["\\href"])


def test_the_link_fields_say_what_they_must_be() -> None:
    from conceptbook.citations.fields import check_eprint, check_url

    assert check_url("ftp://x.org/a") == "a url must be a web address starting with https:// (or http://)"
    assert check_url("https://x.org/a") is None
    assert check_eprint("PMC1", " PubMed ") == "a PubMed eprint is its number, e.g. eprint = {12345678}"
    assert check_eprint("12x", "arxiv") == "an arXiv eprint is its number, e.g. eprint = {2101.00001}"
    assert check_eprint("12345678", "pubmed") is None


def test_the_eprint_type_is_read_from_either_field_name() -> None:
    library = bibtexparser.parse_string(
        '@misc{a2020, archivePrefix = {arXivX}}\n@misc{b2020, EprintType = "pubmed"}\n@misc{c2020, title = {T}}\n'
    )
    assert [bibliography._eprinttype(entry) for entry in library.entries] == ["arXivX", "pubmed", ""]


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("@book{k,}".encode("utf-16"), "@book{k,}"),  # with the byte-order mark of this machine
        (b"\xfe\xff" + "@book{k,}".encode("utf-16-be"), "@book{k,}"),
        ("@book{k,}".encode("utf-16-be"), "@book{k,}"),  # no mark: a NUL first
        ("@book{k,}".encode("utf-16-le"), "@book{k,}"),  # no mark: a NUL second
        # a mark, then no NUL for 4096 bytes (a long comment in Chinese): the mark alone says it
        (b"\xff\xfe" + ("你好" * 1100 + "@book{k,}").encode("utf-16-le"), "你好" * 1100 + "@book{k,}"),
        (b"\xfe\xff" + ("你好" * 1100 + "@book{k,}").encode("utf-16-be"), "你好" * 1100 + "@book{k,}"),
        # an odd last byte (the file cut short): read as U+FFFD, as UTF-8's bad bytes are
        (b"\xff\xfe" + "@book{k,}".encode("utf-16-le") + b"\x40", "@book{k,}\ufffd"),
    ],
)
def test_a_utf16_bibliography_is_an_error_and_is_still_read(
    data: bytes, text: str, caplog: pytest.LogCaptureFixture
) -> None:
    assert bibliography.decode("docs/references.bib", data) == text
    assert caplog.messages == [
        "docs/references.bib:1: the file is saved as UTF-16, not UTF-8, so no entry in it can be read; save the "
        "file as UTF-8 in your editor (in 'Save as', choose the encoding UTF-8)."
    ]


def test_a_nul_byte_counts_as_utf16_only_in_the_first_4096_bytes(caplog: pytest.LogCaptureFixture) -> None:
    late = b"%" + b" " * 4095 + b"\x00\n@book{k,}"  # the NUL is byte 4097: UTF-8 text with a NUL in it
    assert bibliography.decode("docs/references.bib", late) == late.decode("utf-8")
    assert caplog.messages == []
    early = b"%" + b" " * 4094 + b"\x00\n@book{k,}"  # byte 4096
    bibliography.decode("docs/references.bib", early)
    assert len(caplog.messages) == 1 and "saved as UTF-16" in caplog.messages[0]


def test_a_latin1_byte_is_named_on_its_line(caplog: pytest.LogCaptureFixture) -> None:
    assert bibliography.decode("docs/references.bib", b"\n\xe9t\xe9\n") == "\n\ufffdt\ufffd\n"
    assert caplog.messages == [
        "docs/references.bib:2: the file is not UTF-8 (byte 0xe9 cannot be read; it was probably saved as Latin-1 "
        "or Windows-1252); save the file as UTF-8 in your editor."
    ]


def test_the_bibliography_s_cited_by_links_are_relative_to_its_page_and_the_json_s_to_the_site() -> None:
    """With directory URLs (a book without the offline plugin), the bibliography page is
    bibliography/, so its links to the chapters that cite a work go up a folder; glossary.json's
    and bibliography.json's records keep the URLs from the site's root."""
    from mkdocs.structure.files import File, Files

    from conceptbook.citations.capability import Citations

    files = Files([File(f"chapters/{n}.md", "/docs", "/site", use_directory_urls=True) for n in ("one", "two")])
    citations = Citations.__new__(Citations)  # only what _cited_by reads
    citations.cited_by = {"bowlby1969": ["chapters/two.md", "chapters/gone.md", "chapters/one.md"]}
    citations.titles = {"chapters/one.md": "1. One", "chapters/two.md": "2. Two"}
    assert citations._cited_by("bowlby1969", files, "bibliography/") == [
        {"title": "2. Two", "url": "../chapters/two/"},
        {"title": "1. One", "url": "../chapters/one/"},
    ]
    assert citations._cited_by("bowlby1969", files, None) == [
        {"title": "2. Two", "url": "chapters/two/"},
        {"title": "1. One", "url": "chapters/one/"},
    ]
    assert citations._cited_by("freud1900", files, "bibliography/") == []
    citations.render = lambda name, **data: (name, data)
    assert citations._cited_by_html("bowlby1969", files, "bibliography/") == (
        "cited-by",
        {"pages": [{"title": "2. Two", "url": "../chapters/two/"}, {"title": "1. One", "url": "../chapters/one/"}]},
    )


BRUCKE = (
    "@article{brucke1874,\n  author = {Brücke, Ernst},\n  title = {{Vorlesungen über Physiologie}},\n"
    "  journal = {Wiener Klinik},\n  volume = {1},\n  pages = {98--109},\n  year = {1874},\n}\n"
)


def test_bibliography_json_is_compact_utf8_with_each_work_s_csl(monkeypatch: pytest.MonkeyPatch) -> None:
    """The file other tools import: one line of compact JSON with the text as written
    (ü, not \\u00fc), each record with Pandoc's CSL-JSON item; then a newline."""
    from mkdocs.structure.files import File, Files

    from conceptbook.citations.capability import Citations
    from conceptbook.citations.cite import Citer
    from conceptbook.common import store

    monkeypatch.setattr(store, "STORE", store.Store())
    citations = Citations.__new__(Citations)
    citations.citer = Citer()
    citations.citer.formatted = Formatted(entries={"brucke1874": "Brücke, E. (1874). <em>Wiener Klinik</em>, 98–109."})
    citations.cited_by, citations.titles = {}, {}
    page = File("bibliography.md", "/docs", "/site", use_directory_urls=False)
    raw = citations._json(bibliography.load("docs/references.bib", BRUCKE), Files([]), page)
    assert raw.startswith('{"format":"psychodynamic-theory-bibliography","version":1,"description":"')
    assert raw.endswith("}]}\n") and raw.count("\n") == 1
    assert '"reference":"Brücke, E. (1874). Wiener Klinik, 98–109."' in raw and "\\u" not in raw
    csl = raw.split('"csl":')[1]
    assert csl.startswith('{"author":[{"family":"Brücke","given":"Ernst"}],')
    assert '"id":"brucke1874"' in csl and '"page":"98-109"' in csl


def _fake_pandoc(folder: Path, script: str) -> str:
    program = folder / "pandoc"
    program.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    program.chmod(0o755)
    return str(program)


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Each Pandoc command the formatter runs from here on, with nothing kept from before
    (no store, an empty cache): the tests count them."""
    from conceptbook.common import store
    from conceptbook.common.cache import Bounded

    monkeypatch.setattr(store, "STORE", store.Store())
    monkeypatch.setattr(formatter, "_cache", Bounded(16))
    commands: list[list[str]] = []
    real = formatter._pandoc
    monkeypatch.setattr(formatter, "_pandoc", lambda command, *rest: commands.append(command) or real(command, *rest))
    return commands


def test_the_csl_export_runs_pandoc_once_per_bibliography(runs: list[list[str]]) -> None:
    first = formatter.csl_json(BRUCKE)
    assert formatter.csl_json(BRUCKE) == first and [item["id"] for item in first] == ["brucke1874"]
    assert len(runs) == 1 and runs[0][2:] == ["-f", "biblatex", "-t", "csljson"]


def test_formatting_runs_pandoc_once_per_bibliography_citations_and_style(runs: list[list[str]]) -> None:
    """`mkdocs serve` formats the same book again on every rebuild: the same input is formatted once."""
    first = format_all(BRUCKE, ["[@brucke1874]"])
    assert format_all(BRUCKE, ["[@brucke1874]"]) == first and len(runs) == 1
    assert format_all(BRUCKE, ["[@brucke1874]"], formatter._FAST) == first and len(runs) == 2
    format_all(BRUCKE, ["[@brucke1874, p. 2]"])
    assert len(runs) == 3


def test_pandoc_s_output_is_kept_in_the_store_for_the_next_build_and_dropped_with_a_new_pandoc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold build reads what the last build's Pandoc wrote (the same Pandoc, the same input) instead of
    running it; another Pandoc (its file changed) runs again."""
    from conceptbook.common import store
    from conceptbook.common.cache import Bounded

    monkeypatch.setattr(store, "STORE", store.Store(tmp_path / "store"))
    runs: list[list[str]] = []
    real = formatter._pandoc
    monkeypatch.setattr(formatter, "_pandoc", lambda command, *rest: runs.append(command) or real(command, *rest))
    results = []
    for version in ("pandoc 3", "pandoc 3", "pandoc 4"):
        monkeypatch.setattr(formatter, "_cache", Bounded(16))  # a new build process
        monkeypatch.setattr(store, "program", lambda path, version=version: f"{path}:{version}")
        results.append(format_all(BRUCKE, ["[@brucke1874]"]))
        results.append(formatter.csl_json(BRUCKE))
    assert len(runs) == 4 and results[0::2] == [results[0]] * 3 and results[1::2] == [results[1]] * 3
    assert "Brücke" in results[0].citations["[@brucke1874]"] and [item["id"] for item in results[1]] == ["brucke1874"]
    assert len(list((tmp_path / "store").iterdir())) == 4


def test_the_cite_boxes_run_pandoc_once_per_chapter_list(runs: list[list[str]]) -> None:
    """The boxes' APA and BibTeX, like the citations, are formatted once for the same chapters, each
    kept apart from the other kinds of result (their keys are prefixed by kind)."""
    item = {"id": "book-one", "type": "chapter", "title": "Öne", "author": [{"literal": "Contributors"}]}
    first = formatter.format_csl([item], [{**item, "editor": [{"literal": "Contributors"}]}])
    assert formatter.format_csl([item], [{**item, "editor": [{"literal": "Contributors"}]}]) == first
    assert len(runs) == 2 and "Öne" in first[0]["book-one"] and "Öne" in first[1]["book-one"]
    assert formatter.format_csl([], []) == ({}, {}) and len(runs) == 3  # an empty list is still one run for BibTeX


def test_a_failure_of_the_cite_boxes_bibtex_run_names_the_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    from conceptbook.common import store
    from conceptbook.common.cache import Bounded

    monkeypatch.setattr(store, "STORE", store.Store())
    monkeypatch.setattr(formatter, "_cache", Bounded(16))
    real = formatter._tool

    def failing_bibtex(args: list[str], *rest: object) -> subprocess.CompletedProcess[str]:
        if "bibtex" in args:
            return subprocess.CompletedProcess(args, 64, "", "Unknown field 'x'\n")
        return real(args, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(formatter, "_tool", failing_bibtex)
    item = {"id": "book-one", "type": "chapter", "title": "One", "author": [{"literal": "Contributors"}]}
    with pytest.raises(PandocError) as error:
        formatter.format_csl([item], [item])
    assert str(error.value).startswith(
        "the 'Cite this chapter' boxes: Pandoc could not format them: Unknown field 'x'; fix the chapter it names, "
    )


@pytest.mark.parametrize(
    ("script", "seconds", "message"),
    [
        ("echo 'bad entry' >&2\nexit 3\n", 300, "docs/references.bib: Pandoc could not export CSL-JSON: bad entry"),
        ("sleep 5\n", 0.3, "docs/references.bib: Pandoc did not finish within 0.3 s;"),
    ],
    ids=["fails", "hangs"],
)
def test_the_csl_export_s_failures_name_the_bibliography(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str, seconds: float, message: str
) -> None:
    from conceptbook.common import store
    from conceptbook.common.cache import Bounded

    monkeypatch.setattr(store, "STORE", store.Store())
    monkeypatch.setattr(formatter, "_cache", Bounded(16))
    monkeypatch.setattr(formatter, "pandoc_path", lambda: _fake_pandoc(tmp_path, script))
    monkeypatch.setattr(formatter, "PANDOC_SECONDS", seconds)
    with pytest.raises(PandocError) as error:
        formatter.csl_json(BRUCKE)
    assert str(error.value).startswith(message), str(error.value)


def test_every_entry_named_in_crossref_xdata_and_xref_is_a_target() -> None:
    from conceptbook.citations.fields import crossref_targets

    assert crossref_targets({"xdata": "shared1, shared2", "crossref": "book1", "title": "T", "xref": " ,"}) == [
        ("crossref", "book1"),
        ("xdata", "shared1"),
        ("xdata", "shared2"),
    ]


OK_ENTRY = "@book{ok2001, author = {B, C}, title = {T}, publisher = {P}, year = {2001}}\n"


@pytest.mark.parametrize(
    ("text", "messages", "kept", "refused"),
    [
        pytest.param(
            "@book{x2000, title = {a}, title = {b}, author = {A, B}, publisher = {P}, year = {2000}}\n" + OK_ENTRY,
            [
                "docs/references.bib:1: entry 'x2000' has the field 'title' twice, so it is left out; keep one of the two."
            ],
            ["ok2001"],
            {"x2000"},
            id="a field twice",
        ),
        pytest.param(
            "@book{x2000, title = {a}, year = {1}, title = {b}, year = {2}, author = {A, B}, publisher = {P}}\n"
            + "@book{bad2002, title = {x\n",
            [
                "docs/references.bib:1: entry 'x2000' has the fields 'title', 'year' twice, so it is left out; keep "
                "one of the two.",
                "docs/references.bib:2: entry 'bad2002' cannot be read (a brace or quote in it is never closed); "
                "check its braces, quotes and the commas between fields.",
            ],
            [],
            {"x2000", "bad2002"},
            id="two fields twice, then an unclosed brace",
        ),
        pytest.param(
            OK_ENTRY + "@book{bad2000, author = {A, year = {2000}\n@book{bad2002, title = {x\n",
            [
                "docs/references.bib:2: entry 'bad2000' cannot be read (a brace or quote in it is never closed); "
                "check its braces, quotes and the commas between fields.",
                "docs/references.bib:3: entry 'bad2002' cannot be read (a brace or quote in it is never closed); "
                "check its braces, quotes and the commas between fields.",
            ],
            ["ok2001"],
            {"bad2000", "bad2002"},
            id="two unclosed braces",
        ),
        pytest.param(
            "@book{x2000 title = {a}}\n" + OK_ENTRY + "@book{y2000, title a}\n",
            [
                "docs/references.bib:1: this entry cannot be read (a brace or quote in it is never closed); "
                "check its braces, quotes and the commas between fields.",
                "docs/references.bib:3: entry 'y2000' cannot be read (a brace or quote in it is never closed); "
                "check its braces, quotes and the commas between fields.",
            ],
            ["ok2001"],
            {"y2000"},
            id="no comma after the key, no = after a field",
        ),
    ],
)
def test_entries_that_cannot_be_read_are_named_on_their_lines_and_the_rest_kept(
    caplog: pytest.LogCaptureFixture, text: str, messages: list[str], kept: list[str], refused: set[str]
) -> None:
    read = bibliography.load("docs/references.bib", text)
    assert caplog.messages == messages
    assert (read.path, list(read.entries), read.refused) == ("docs/references.bib", kept, refused)


def test_one_doi_in_two_entries_is_named_whatever_its_case(caplog: pytest.LogCaptureFixture) -> None:
    text = (
        "@article{a2000, author = {A, B}, title = {T}, journal = {J}, year = {2000}, doi = {10.1037/ABC}}\n"
        "@article{b2000, author = {C, D}, title = {U}, journal = {J}, year = {2000}, doi = {10.1037/xyz}}\n"
        "@article{c2000, author = {E, F}, title = {V}, journal = {J}, year = {2000}, doi = {10.1037/abc}}\n"
    )
    assert list(bibliography.load("docs/references.bib", text).entries) == ["a2000", "b2000", "c2000"]
    assert caplog.messages == [
        "docs/references.bib:3: entry 'c2000' has the same DOI as 'a2000' (10.1037/abc); they are one work: keep "
        "one entry and cite its key."
    ]


def test_an_entry_at_its_size_limits_is_kept_and_one_over_is_left_out(caplog: pytest.LogCaptureFixture) -> None:
    from conceptbook.citations.bibliography import MAX_ENTRY_CHARS, MAX_FIELDS

    head = "@book{big2000, author = {A, B}, title = {T}, publisher = {P}, year = {2000}, note = {"
    text = head + "x" * (MAX_ENTRY_CHARS - len(head) - 2) + "}}"
    assert len(text) == MAX_ENTRY_CHARS
    assert list(bibliography.load("docs/references.bib", text + "\n").entries) == ["big2000"]
    over = head + "x" * (MAX_ENTRY_CHARS - len(head) - 1) + "}}\n"
    assert list(bibliography.load("docs/references.bib", over).entries) == []
    extra = "".join(f", x{i} = {{v}}" for i in range(MAX_FIELDS - 5))
    fields = f"@book{{many2000, author = {{A, B}}, title = {{T}}, publisher = {{P}}, year = {{2000}}, note = {{n}}{extra}}}\n"
    assert list(bibliography.load("docs/references.bib", fields).entries) == ["many2000"]
    assert caplog.messages[-1].startswith("docs/references.bib:1: entry 'big2000' is too large (10,001 characters")
    caplog.clear()
    more = fields.replace("many2000", "more2000").replace("}}\n", "}, x99 = {v}}\n")
    assert list(bibliography.load("docs/references.bib", more).entries) == []
    assert caplog.messages == [
        f"docs/references.bib:1: entry 'more2000' is too large ({len(more) - 1:,} characters and {MAX_FIELDS + 1} "
        f"fields; the limit is {MAX_ENTRY_CHARS:,} characters and {MAX_FIELDS} fields); shorten it to the fields "
        "an APA reference needs. The entry is left out."
    ]


def test_a_bad_url_doi_or_pmid_leaves_out_that_field_and_keeps_the_fields_after_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    text = (
        "@article{a2000, url = {javascript:alert(1)}, doi = {not a doi}, pmid = {abc}, author = {A, B},\n"
        "  title = {T}, journal = {J}, year = {2000}}\n"
    )
    entry = bibliography.load("docs/references.bib", text).entries["a2000"]
    assert "url" not in entry.raw and "doi" not in entry.raw and "pmid" not in entry.raw
    for field in ("author = {A, B}", "title = {T}", "journal = {J}", "year = {2000}"):
        assert field in entry.raw
    assert [m.split(": ")[1].split(" = ")[0] for m in caplog.messages] == [
        "entry 'a2000' has url",
        "entry 'a2000' has doi",
        "entry 'a2000' has pmid",
    ]
    assert caplog.messages[0].startswith(
        "docs/references.bib:1: entry 'a2000' has url = {javascript:alert(1)}: a url must be a web address"
    )


def test_when_the_parser_fails_on_the_file_each_entry_is_read_on_its_own(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bibtexparser has crashed on some broken files as a whole: then every entry (from a
    line whose first character other than white space is @ to the next) is parsed alone, on its
    own lines, and only the ones the parser fails on again are left out, by name and line."""
    text = (
        "% the book's works\n"
        "@book{ok2001, author = {B, C}, title = {T}, publisher = {P}, year = {2001}}\n"
        "@book{bad2000, author = {A, B}, title = {crash}, year = {2000}}\n"
        "@article{ok2002,\n  author = {D, E},\n  title = {U},\n  journal = {J},\n  year = {2002},\n}\n"
        "@book{, title = {crash}}\n"
        "@book{ok2001, author = {F, G}, title = {V}, publisher = {P}, year = {2001}}\n"
    )
    real = bibliography.bibtexparser.parse_string

    def crashing(source: str, **options: object) -> object:
        if source == text or "{crash}" in source:
            raise RecursionError("the parser's own crash")
        return real(source, **options)

    monkeypatch.setattr(bibliography.bibtexparser, "parse_string", crashing)
    read = bibliography.load("docs/references.bib", text)
    assert (list(read.entries), read.refused) == (["ok2001", "ok2002"], {"bad2000"})
    assert read.entries["ok2001"].fields["title"] == "T"  # the first of the two
    assert [entry.line for entry in read.entries.values()] == [2, 4]
    assert caplog.messages == [
        "docs/references.bib:3: entry 'bad2000' cannot be read (a brace or quote in it is never closed); check its "
        "braces, quotes and the commas between fields.",
        "docs/references.bib:10: this entry cannot be read (a brace or quote in it is never closed); check its "
        "braces, quotes and the commas between fields.",
        "docs/references.bib:11: duplicate key 'ok2001' (first used on line 2); give one of the entries another key "
        "(add a, b ... when surname and year repeat), or delete the copy.",
    ]


def test_the_per_entry_fallback_reads_a_readable_file_as_the_whole_parse_does(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fallback is only for files the parser gives up on, but what it reads of them must be what a
    whole parse would: entries written after spaces, fields broken over lines, @string macros used by a
    later entry, comments between entries, and the same lines."""
    text = (
        "% the book's works\n"
        " @string{pub = {Hogarth Press}}\n"
        "  @book{ok2001, author = {B, C},\n    title = {Two\n      lines}, publisher = pub, year = {2001}}\n"
        "a comment between entries\n"
        "\t@article{ok2002,\n  author = {D, E},\n  title = {U},\n  journal = {J},\n  year = {2002},\n}\n"
    )
    whole = bibliography.load("docs/references.bib", text)
    real = bibliography.bibtexparser.parse_string

    def crashing(source: str, **options: object) -> object:
        if source == text:
            raise RecursionError("the parser's own crash")
        return real(source, **options)

    monkeypatch.setattr(bibliography.bibtexparser, "parse_string", crashing)
    alone = bibliography.load("docs/references.bib", text)
    assert list(whole.entries) == list(alone.entries) == ["ok2001", "ok2002"]
    assert [entry.line for entry in alone.entries.values()] == [3, 7]
    assert alone.entries["ok2001"].fields["title"] == "Two\n      lines"
    assert alone.entries["ok2001"].fields["publisher"] == "Hogarth Press"
    assert alone.entries == whole.entries and alone.refused == whole.refused == set()
    assert caplog.messages == []


def test_a_refused_entry_or_a_left_out_eprint_leaves_what_follows_it(caplog: pytest.LogCaptureFixture) -> None:
    """Refusing one entry is no reason to stop reading the file, nor leaving out one field to stop
    reading the entry."""
    text = (
        "@book{Bad Key, author = {A, B}, title = {T}, publisher = {P}, year = {2000}}\n"
        "@article{arxiv2020, author = {D, E}, title = {U}, eprint = {12x}, eprinttype = {arxiv},\n"
        "  journal = {J}, year = {2020}}\n" + OK_ENTRY
    )
    read = bibliography.load("docs/references.bib", text)
    assert list(read.entries) == ["arxiv2020", "ok2001"]
    assert read.entries["arxiv2020"].fields == {
        "author": "D, E",
        "title": "U",
        "eprinttype": "arxiv",
        "journal": "J",
        "year": "2020",
    }
    assert [message.split(": ", 1)[0] for message in caplog.messages] == [
        "docs/references.bib:1",
        "docs/references.bib:2",
    ]


def test_a_chain_is_followed_past_an_entry_whose_own_link_is_bad(caplog: pytest.LogCaptureFixture) -> None:
    """a2000 → b2000 → (no entry): b2000 is named for its link; a, checked first, follows its chain into b
    without tripping over the missing end, and keeps its link."""
    work = "author = {A, B}, title = {T}, year = {2000}, publisher = {P}"
    text = f"@book{{a2000, {work}, crossref = {{b2000}}}}\n@book{{b2000, {work}, crossref = {{nobody}}}}\n"
    read = bibliography.load("docs/references.bib", text)
    assert [m.split(";")[0] for m in caplog.messages] == [
        "docs/references.bib:2: entry 'b2000': its crossref names 'nobody', which has no entry"
    ]
    assert read.entries["a2000"].fields["crossref"] == "b2000" and "crossref" not in read.entries["b2000"].fields


def test_bad_crossref_chains_are_named_and_their_links_left_out(caplog: pytest.LogCaptureFixture) -> None:
    """A link to no entry, a chain longer than MAX_CROSSREF_DEPTH (2) steps, and one that comes
    back: each named with its chain; the entry keeps every other field and its type; the
    entries after it are checked too; a chain of two steps is kept."""
    work = "author = {A, B}, title = {T}, year = {2000}"
    text = (
        f"@incollection{{c2000, {work}, booktitle = {{B}}, publisher = {{P}}, crossref = {{nobody}}, xdata = {{d1}}}}\n"
        f"@book{{d1, {work}, publisher = {{P}}, xdata = {{d2}}}}\n"
        f"@book{{d2, {work}, publisher = {{P}}, xdata = {{d3}}}}\n"
        f"@book{{d3, {work}, publisher = {{P}}}}\n"
        f"@book{{loop1, {work}, publisher = {{P}}, xref = {{loop2}}}}\n"
        f"@book{{loop2, {work}, publisher = {{P}}, xref = {{loop1}}}}\n"
        f"@book{{e2000, {work}, publisher = {{P}}, crossref = {{nobody}}}}\n"
    )
    read = bibliography.load("docs/references.bib", text)
    fix = (
        "; name an entry that exists and does not lead back (at most 2 steps), or copy the fields you need into "
        "the entry."
    )
    assert [m for m in caplog.messages if "entry '" in m and "': " in m] == [
        f"docs/references.bib:1: entry 'c2000': its crossref names 'nobody', which has no entry{fix} "
        "The crossref, xdata field is left out.",
        f"docs/references.bib:5: entry 'loop1': the chain loop1 → loop2 → loop1 comes back to itself{fix} "
        "The xref field is left out.",
        f"docs/references.bib:7: entry 'e2000': its crossref names 'nobody', which has no entry{fix} "
        "The crossref field is left out.",
    ]
    c2000 = read.entries["c2000"]
    assert c2000.raw.startswith("@incollection{c2000,\n") and "crossref" not in c2000.raw and "xdata" not in c2000.raw
    assert "crossref" not in c2000.fields and c2000.fields["booktitle"] == "B"
    assert "xdata" in read.entries["d1"].fields  # d1 → d2 → d3: two steps, kept
    assert "xref" in read.entries["loop2"].fields  # its loop was broken at loop1


def test_a_chain_one_step_too_deep_is_named_whole(caplog: pytest.LogCaptureFixture) -> None:
    work = "author = {A, B}, title = {T}, year = {2000}, publisher = {P}"
    text = "".join(
        f"@book{{k{i}, {work}{f', xdata = {{k{i + 1}}}' if i < 3 else ''}}}\n" for i in range(4)
    )  # k0 → k1 → k2 → k3: three steps
    read = bibliography.load("docs/references.bib", text)
    assert [m.split(": ", 2)[2].split(";")[0] for m in caplog.messages if ": entry 'k" in m] == [
        "the chain k0 → k1 → k2 → k3 is more than 2 steps deep"
    ]
    assert "xdata" not in read.entries["k0"].fields and "xdata" in read.entries["k1"].fields


def test_every_invisible_character_and_command_of_a_field_is_named_in_one_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    text = (
        "@book{a2000, author = {A, B}, year = {2000}, publisher = {P},\n"
        "  title = {T\u200bi\u202et\\href{https://x.org}{le}\\footnote{n}}}\n"
    )
    entry = bibliography.load("docs/references.bib", text).entries["a2000"]
    assert entry.fields["title"] == "Tit{le}{n}"
    assert caplog.messages == [
        "docs/references.bib:2: the field 'title' of entry 'a2000' contains the invisible character U+200B ZERO WIDTH "
        "SPACE, U+202E RIGHT-TO-LEFT OVERRIDE, which makes the reference read differently from what is written (or "
        "hides a difference); delete it. It is left out of the reference.",
        "docs/references.bib:2: the field 'title' of entry 'a2000' uses \\href, \\footnote, which would make a link, "
        "image, note or markup in the reference; write plain text (a link belongs in the url or doi field). Only its "
        "text is kept.",
    ]


def test_an_entry_may_be_as_long_as_the_limit_once_its_string_macros_are_expanded(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from conceptbook.citations.bibliography import MAX_ENTRY_CHARS

    def entry(length: int) -> str:  # author 4 + year 4 + publisher 1 + title: the expanded fields' length
        return f'@string{{big = "{"x" * length}"}}\n@book{{a2000, author = {{A, B}}, year = {{2000}}, publisher = {{P}}, title = big}}\n'

    assert list(bibliography.load("docs/references.bib", entry(MAX_ENTRY_CHARS - 9)).entries) == ["a2000"]
    assert caplog.messages == []
    assert list(bibliography.load("docs/references.bib", entry(MAX_ENTRY_CHARS - 8)).entries) == []
    assert caplog.messages == [
        f"docs/references.bib:2: entry 'a2000' is too large ({MAX_ENTRY_CHARS + 1:,} characters once its @string "
        f"macros are expanded; the limit is {MAX_ENTRY_CHARS:,}); shorten it. The entry is left out."
    ]


def test_commands_may_nest_as_deep_as_the_limit_and_no_deeper() -> None:
    from conceptbook.citations.fields import MAX_COMMAND_DEPTH, FieldError, neutralise_commands

    def nested(depth: int) -> str:
        return "\\x{" * depth + "a" + "}" * depth

    assert neutralise_commands(nested(MAX_COMMAND_DEPTH))[0] == "{" * MAX_COMMAND_DEPTH + "a" + "}" * MAX_COMMAND_DEPTH
    with pytest.raises(FieldError, match=f"more than {MAX_COMMAND_DEPTH} levels deep"):
        neutralise_commands(nested(MAX_COMMAND_DEPTH + 1))


def test_a_value_is_split_at_each_hash_outside_braces_and_quotes() -> None:
    from conceptbook.citations.fields import split_concatenation

    assert split_concatenation('a # "x # y" # {b # c} # d') == ["a", '"x # y"', "{b # c}", "d"]
    assert split_concatenation('{say "hi} # x') == ['{say "hi}', "x"]  # a quote inside braces is text
    assert split_concatenation('"a"#"b"') == ['"a"', '"b"']
    assert split_concatenation("{{Title}} # b") == ["{{Title}}", "b"]  # nested braces close in turn


def test_a_command_s_arguments_may_follow_it_after_spaces_tabs_and_newlines() -> None:
    from conceptbook.citations.fields import neutralise_commands

    assert neutralise_commands("\\href  {u} \n{t} end") == ("{t} end", ["\\href"])
    assert neutralise_commands("\\foo\t[o]\n {x}") == ("{x}", ["\\foo"])
    assert neutralise_commands("\\foo X{y}") == (" X{y}", ["\\foo"])  # a letter ends its arguments


def test_string_macros_may_nest_and_grow_to_their_limits_and_no_further() -> None:
    from conceptbook.citations.fields import MAX_STRING_DEPTH, FieldError, expand

    def chain(steps: int) -> dict[str, str]:
        strings = {f"m{i}": f"m{i + 1}" for i in range(steps)}
        return {**strings, f"m{steps}": '"end"'}

    assert expand("m0", chain(MAX_STRING_DEPTH - 1)) == "end"
    with pytest.raises(FieldError, match=f"more than {MAX_STRING_DEPTH} levels deep"):
        expand("m0", chain(MAX_STRING_DEPTH))
    assert expand('"' + "x" * 10 + '"', {}, limit=10) == "x" * 10
    with pytest.raises(FieldError, match="is longer than 10 characters once its @string macros are expanded"):
        expand('"' + "x" * 11 + '"', {}, limit=10)
    with pytest.raises(FieldError, match="is longer than 10 characters"):  # the pieces' lengths add up
        expand('"xxxxxx" # "xxxxx"', {}, limit=10)
    assert expand(" # ".join(['""'] * 10), {}, limit=10) == ""  # as many pieces as the limit, each empty
    with pytest.raises(FieldError, match="joins more than 10 pieces with # once its @string macros are expanded"):
        expand(" # ".join(['""'] * 11), {}, limit=10)
    assert expand('2000 # "a" # 7', {}) == "2000a7"  # a bare number is its digits
