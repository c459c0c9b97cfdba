"""Every list-driven rule, tested for each entry of its list and for what the list leaves out.

The expected entries are written here, not read from the module under test: a title
dropped from the recap list, a required field dropped from an entry type, a scheme added
to the safe list or a relation type lost each fail a test below (issue 27). Lists:

- the kinds of a chapter's headings (hooks/conceptbook/glossary/sections.py),
- the fields each BibTeX entry type needs (hooks/conceptbook/citations/bibliography.py),
- the URL schemes a link may use (hooks/conceptbook/safety/html.py),
- the relation types of concept front matter (hooks/conceptbook/maps/relations.py, glossary/model.py).
"""

from __future__ import annotations

import logging

import pytest

from conceptbook.citations.bibliography import load
from conceptbook.glossary.model import build_glossary, read_concept
from conceptbook.glossary.sections import is_recap_box, section_kind
from conceptbook.maps.relations import Graph, arrow_for, read_graph
from conceptbook.safety.rules import unsafe_scheme

# --- Headings: listing, recap, teaching ----------------------------------------------------

LISTING = ["References", "Reference", "Related chapters", "Further reading", "Sources"]
RECAP = ["Key takeaways", "Summary", "Review questions", "Check your understanding", "Reflection questions"]
# Near misses and ordinary teaching headings: none of them is on either list.
TEACHING = [
    "Introduction",
    "Key ideas",
    "Takeaways",
    "Questions",
    "Reflection",
    "Reflections on practice",
    "Summary of the evidence",
    "Review of the research",
    "Learning objectives",  # a box title, not a heading title
    "Referencing the unconscious",
    "Sourcing memories",
]


@pytest.mark.parametrize("title", LISTING)
def test_each_listing_title_is_a_listing_section(title: str) -> None:
    assert section_kind(title) == "listing"
    assert section_kind(f"  {title.upper()} ") == "listing"  # compared without case or outer space


@pytest.mark.parametrize("title", RECAP)
def test_each_recap_title_is_a_recap_section(title: str) -> None:
    assert section_kind(title) == "recap"
    assert section_kind(title.upper().replace(" ", "  ")) == "recap"  # runs of spaces count as one


@pytest.mark.parametrize("title", TEACHING)
def test_a_title_on_neither_list_is_teaching_text(title: str) -> None:
    assert section_kind(title) == "teaching"


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Learning objectives", True), ("learning  OBJECTIVES", True)]
    + [(title, False) for title in [*RECAP, *LISTING, "Objectives", "Learning goals", "Note"]],
)
def test_only_the_learning_objectives_box_is_a_recap_box(title: str, expected: bool) -> None:
    assert is_recap_box(title) is expected


# --- BibTeX: the fields each entry type needs ------------------------------------------------

# type -> its requirements, each a tuple of fields any one of which will do.
REQUIRED = {
    "article": [("author",), ("title",), ("journal", "journaltitle"), ("year", "date")],
    "book": [("author", "editor"), ("title",), ("publisher",), ("year", "date")],
    "incollection": [("author",), ("title",), ("booktitle",), ("editor",), ("publisher",), ("year", "date")],
    "inbook": [("author",), ("title",), ("booktitle",), ("publisher",), ("year", "date")],
    "online": [("author", "editor", "organization"), ("title",), ("year", "date")],
    "misc": [("title",), ("year", "date")],
    # Any other type (here @phdthesis, @report) needs what every reference needs.
    "phdthesis": [("author", "editor"), ("title",), ("year", "date")],
    "report": [("author", "editor"), ("title",), ("year", "date")],
}
VALUES = {"year": "1975", "date": "1975-03"}  # any other field: a word


def bib(kind: str, fields: list[str]) -> str:
    lines = [f"  {name} = {{{VALUES.get(name, 'Something')}}}," for name in fields]
    return "@" + kind + "{kernberg1975,\n" + "\n".join(lines) + "\n}\n"


def warnings_for(text: str, caplog: pytest.LogCaptureFixture) -> list[str]:
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        load("docs/references.bib", text)
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.parametrize("kind", REQUIRED)
def test_an_entry_with_every_required_field_and_nothing_else_is_accepted(
    kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Also the other direction: a field added to the type's list would be missing here."""
    assert warnings_for(bib(kind, [need[0] for need in REQUIRED[kind]]), caplog) == []


@pytest.mark.parametrize(
    ("kind", "need"), [(kind, need) for kind, needs in REQUIRED.items() for need in needs], ids=str
)
def test_each_required_field_of_each_entry_type_is_reported_when_missing(
    kind: str, need: tuple[str, ...], caplog: pytest.LogCaptureFixture
) -> None:
    """The message up to its fix; the fix's wording is checked below."""
    others = [n[0] for n in REQUIRED[kind] if n != need]
    choices = " or ".join(f"'{name}'" for name in need)
    messages = warnings_for(bib(kind, others), caplog)
    assert [m.split(" — ")[0] for m in messages] == [
        f"docs/references.bib:1: entry 'kernberg1975' (@{kind}) has no '{need[0]}' field; add {choices}"
    ]


A_OR_AN = {"article": "an", "incollection": "an", "inbook": "an", "online": "an"}


@pytest.mark.parametrize("kind", REQUIRED)
def test_the_missing_field_message_ends_with_its_fix_in_plain_english(
    kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    need = REQUIRED[kind][-1]  # year | date, which every type needs
    messages = warnings_for(bib(kind, [n[0] for n in REQUIRED[kind][:-1]]), caplog)
    assert [m.split(" — ")[1] for m in messages] == [f"an APA reference to {A_OR_AN.get(kind, 'a')} {kind} needs it."]
    assert need == ("year", "date")


@pytest.mark.parametrize(
    ("kind", "fix"),
    [
        ("electronic", "an APA reference to an electronic needs it."),
        ("unpublished", "an APA reference to an unpublished needs it."),
        ("manual", "an APA reference to a manual needs it."),
    ],
)
def test_the_article_before_a_type_follows_its_first_letter(
    kind: str, fix: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Types outside the list above, whose first letters (e, u) no listed type starts with."""
    messages = warnings_for(bib(kind, ["author", "title"]), caplog)
    assert [m.split(" — ")[1] for m in messages] == [fix]


@pytest.mark.parametrize(
    ("kind", "field"),
    [(kind, name) for kind, needs in REQUIRED.items() for need in needs if len(need) > 1 for name in need[1:]],
)
def test_each_alternative_field_stands_in_for_the_first(
    kind: str, field: str, caplog: pytest.LogCaptureFixture
) -> None:
    fields = [field if field in need else need[0] for need in REQUIRED[kind]]
    assert warnings_for(bib(kind, fields), caplog) == []


def test_the_incollection_with_no_editor_is_reported(caplog: pytest.LogCaptureFixture) -> None:
    """The fault named in issue 27, written out in full."""
    text = (
        "@incollection{kernberg1975,\n  author = {Kernberg, O. F.},\n  title = {Splitting},\n"
        "  booktitle = {Borderline conditions},\n  publisher = {Jason Aronson},\n  year = {1975},\n}\n"
    )
    assert [m.split(" — ")[0] for m in warnings_for(text, caplog)] == [
        "docs/references.bib:1: entry 'kernberg1975' (@incollection) has no 'editor' field; add 'editor'"
    ]


# --- URL schemes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/",
        "https://example.org/",
        "HTTPS://example.org/",
        "mailto:editor@example.org",
        "chapters/defenses.html",
        "../concepts/splitting.html#top",
        "#references",
        "/textbook/",
        "//example.org/",  # protocol-relative: no scheme of its own
        "page.html?next=javascript:x",  # a colon after the path's start is not a scheme
    ],
)
def test_allowed_schemes_and_relative_urls_pass(url: str) -> None:
    assert unsafe_scheme(url) is None


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("JaVaScRiPt:alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"),
        (" \njavascript:alert(1)", "javascript"),
        ("vbscript:msgbox", "vbscript"),
        ("data:text/html,<script>alert(1)</script>", "data"),
        ("file:///etc/passwd", "file"),
        ("ftp://example.org/", "ftp"),
        ("tel:+4412345", "tel"),
        ("blob:https://example.org/1", "blob"),
    ],
)
def test_every_other_scheme_is_refused(url: str, scheme: str) -> None:
    assert unsafe_scheme(url) == scheme


# --- Relation types ---------------------------------------------------------------------------


def concept(slug: str, extra: str = "") -> str:
    return f"---\nterm: {slug.capitalize()} concept\nsummary: A short definition.\n{extra}---\n"


def graph_of(files: dict[str, str]) -> Graph:
    concepts = [read_concept(f"concepts/{s}.md", f"docs/concepts/{s}.md", t) for s, t in files.items()]
    return read_graph(build_glossary(c for c in concepts if c is not None))


@pytest.mark.parametrize(
    ("key", "on_a", "on_b"),
    [
        ("broader", {"broader": ("b",)}, {"narrower": ("a",)}),
        ("developed_from", {"developed_from": ("b",)}, {"led_to": ("a",)}),
        ("contrasts", {"contrasts": ("b",)}, {"contrasts": ("a",)}),
        ("related", {"related": ("b",)}, {"related": ("a",)}),
    ],
)
def test_each_relation_key_a_concept_may_write_and_its_inverse(
    key: str, on_a: dict, on_b: dict, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        graph = graph_of({"a": concept("a", f"{key}: [b]\n"), "b": concept("b")})
    assert (graph.of("a"), graph.of("b"), caplog.records) == (on_a, on_b, [])


@pytest.mark.parametrize("key", ["narrower", "led_to", "see_also", "opposite", "broader_than"])
def test_a_relation_key_the_list_leaves_out_is_an_unknown_key_and_adds_no_relation(
    key: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Inverses are derived, never written: `narrower: [b]` is refused, not half-read."""
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        graph = graph_of({"a": concept("a", f"{key}: [b]\n"), "b": concept("b")})
    messages = [r.getMessage() for r in caplog.records]
    assert (graph.of("a"), graph.of("b")) == ({}, {})
    assert len(messages) == 1 and messages[0].startswith(f"docs/concepts/a.md:4: unknown front-matter key '{key}'")


@pytest.mark.parametrize(
    ("kind", "arrow"),
    [
        ("broader", "end"),  # from the narrower concept, the arrow points at the broader one
        ("led_to", "end"),  # from the older idea, the arrow points at the later one
        ("narrower", "start"),
        ("developed_from", "start"),
        ("contrasts", ""),
        ("related", ""),
        ("see_also", ""),
    ],
)
def test_which_end_of_a_line_carries_the_arrow_for_each_relation(kind: str, arrow: str) -> None:
    assert arrow_for(kind) == arrow


def test_a_concept_shows_its_relation_groups_in_the_books_order(caplog: pytest.LogCaptureFixture) -> None:
    """broader, developed_from, contrasts, narrower, led_to, related; neighbours by term."""
    files = {
        "m": concept("m", "related: [r]\ncontrasts: [c]\nbroader: [b]\ndeveloped_from: [d]\n"),
        "b": concept("b"),
        "c": concept("c"),
        "d": concept("d"),
        "r": concept("r"),
        "n": concept("n", "broader: [m]\n"),
        "l": concept("l", "developed_from: [m]\n"),
        "z": concept("z", "broader: [m]\n"),
    }
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        graph = graph_of(files)
    assert list(graph.of("m").items()) == [
        ("broader", ("b",)),
        ("developed_from", ("d",)),
        ("contrasts", ("c",)),
        ("narrower", ("n", "z")),
        ("led_to", ("l",)),
        ("related", ("r",)),
    ]
    assert caplog.records == []
