"""Golden input/expected pairs for the linker: what gets linked, and what never does."""

from __future__ import annotations

import pytest

from engine_support import link, render


@pytest.mark.parametrize(
    ("markdown", "expected_html"),
    [
        pytest.param(
            "Transference matters.",
            f"<p>{link('transference', 'Transference')} matters.</p>",
            id="term at start of paragraph",
        ),
        pytest.param(
            "It is about transference",
            f"<p>It is about {link('transference', 'transference')}</p>",
            id="term at end of paragraph",
        ),
        pytest.param(
            "Transference, then transference.",
            f"<p>{link('transference', 'Transference')}, then transference.</p>",
            id="only the first mention on a page",
        ),
        pytest.param(
            "A secure attachment.",
            f"<p>A {link('secure-attachment', 'secure attachment')}.</p>",
            id="longest match wins",
        ),
        pytest.param("Two defenses.", f"<p>Two {link('defense', 'defenses')}.</p>", id="plural"),
        pytest.param(
            "A defence mechanism.",
            f"<p>A {link('defense', 'defence')} mechanism.</p>",
            id="alias, leftmost then longest",
        ),
        pytest.param(
            "Counter-transference.",
            f"<p>{link('countertransference', 'Counter-transference')}.</p>",
            id="hyphenated alias",
        ),
        pytest.param(
            "*Deep **transference** here*",
            f"<p><em>Deep <strong>{link('transference', 'transference')}</strong> here</em></p>",
            id="nested emphasis",
        ),
        pytest.param("The café self.", f"<p>The {link('cafe-self', 'café self')}.</p>", id="unicode"),
        pytest.param("(transference)", f"<p>({link('transference', 'transference')})</p>", id="punctuation around"),
        pytest.param(
            "Denial and the object.", "<p>Denial and the object.</p>", id="explicit concepts are not auto-linked"
        ),
        pytest.param(
            "See [[denial]] here.",
            f"<p>See {link('denial', 'denial')} here.</p>",
            id="explicit reference, mid-sentence lowercase",
        ),
        pytest.param(
            "Done. [[denial]] next.",
            f"<p>Done. {link('denial', 'Denial')} next.</p>",
            id="explicit reference opening a sentence keeps its capital",
        ),
        pytest.param(
            "[[strange-situation]] test",
            f"<p>{link('strange-situation', 'Strange Situation')} test</p>",
            id="proper-noun term keeps capitals",
        ),
        pytest.param(
            "See [[denial|refusing to see]].",
            f"<p>See {link('denial', 'refusing to see')}.</p>",
            id="explicit reference with text",
        ),
        pytest.param(
            "Transference and [[transference|it again]].",
            f"<p>{link('transference', 'Transference')} and {link('transference', 'it again')}.</p>",
            id="explicit reference always links",
        ),
        pytest.param(
            "[[transference|it]] and transference.",
            f"<p>{link('transference', 'it')} and transference.</p>",
            id="an explicit reference is the page's first link",
        ),
    ],
)
def test_links_in_chapter_prose(markdown: str, expected_html: str) -> None:
    html, _ = render(markdown)
    assert html == expected_html


@pytest.mark.parametrize(
    "markdown",
    [
        pytest.param("## Transference\n", id="heading"),
        pytest.param("Some `transference` code.", id="code span"),
        pytest.param("```\ntransference\n```", id="fenced code block"),
        pytest.param("    transference in indented code", id="indented code block"),
        pytest.param("[about transference](https://example.org)", id="existing link"),
        pytest.param("<https://example.org/transference>", id="autolink URL"),
        pytest.param("![transference diagram](x.png)", id="image alt text"),
        pytest.param("<div>transference in raw HTML</div>", id="raw HTML block"),
        pytest.param('!!! note "On transference"\n\n    Body.', id="admonition title"),
        pytest.param('??? question "What is transference?"\n\n    Body.', id="details summary"),
        pytest.param("Text.[^transference]\n\n[^transference]: A note.", id="footnote marker"),
    ],
)
def test_never_links_inside(markdown: str) -> None:
    """A mention in a skipped place is not linked, and does not use up the page's one link:
    the plain mention in the prose after it is the one that links."""
    html, _ = render(markdown + "\n\nTransference in prose.")
    assert html.count('data-concept="transference"') == 1, html
    assert f"<p>{link('transference', 'Transference')} in prose.</p>" in html, html


def test_a_footnote_label_that_names_a_concept_is_left_intact() -> None:
    html, _ = render("Text.[^transference]\n\n[^transference]: A note.")
    assert '<sup id="fnref:transference"><a class="footnote-ref" href="#fn:transference">1</a></sup>' in html, html
    assert '<li id="fn:transference">' in html, html


def test_a_link_inside_an_admonition_body_is_allowed() -> None:
    html, _ = render('!!! note "Title"\n\n    About transference.')
    assert link("transference", "transference") in html


def test_nothing_is_auto_linked_outside_chapters() -> None:
    html, page = render("Transference and [[denial]].", src_uri="about.md")
    assert 'data-concept="transference"' not in html
    assert 'data-concept="denial"' in html  # explicit references link everywhere
    assert page.mentions.order == []  # only chapters count as the book


def test_a_concept_page_does_not_link_to_itself() -> None:
    html, _ = render("About [[denial]] and [[transference]].", src_uri="concepts/denial.md", own_slug="denial")
    assert 'data-concept="denial"' not in html
    assert "About denial and" in html
    assert 'href="transference.md"' in html


def test_a_term_link_carries_no_summary_only_the_id_of_its_tip() -> None:
    from conceptbook.glossary.model import build_glossary
    from engine_support import concept

    hostile = concept("transference", "Transference", summary='A "quoted" <script>alert(1)</script> & more.')
    html, _ = render("Transference.", glossary=build_glossary([hostile]))
    assert "<script>" not in html and "quoted" not in html and "title=" not in html
    assert 'data-tip="tip-concept-transference"' in html


def test_mentions_are_recorded_per_section_in_order_with_context() -> None:
    text = (
        "# Chapter\n\nIntro on attachment.\n\n## First part\n\nHere transference grows. "
        "Then attachment again.\n\n- A list on [[denial]].\n\n## Second part\n\nTransference once more.\n"
    )
    _, page = render(text)
    assert page.mentions.order == ["attachment", "transference", "denial"]
    sections = {
        slug: [(o.anchor, o.section, o.context) for o in occ] for slug, occ in page.mentions.occurrences.items()
    }
    assert sections["attachment"] == [
        ("", "", "Intro on attachment."),
        ("first-part", "First part", "Then attachment again."),
    ]
    assert sections["transference"] == [
        ("first-part", "First part", "Here transference grows."),
        ("second-part", "Second part", "Transference once more."),
    ]
    assert sections["denial"] == [("first-part", "First part", "A list on denial.")]


def test_a_reference_in_a_heading_is_unlinked_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    html, _ = render("## About [[denial]]\n")
    assert "data-concept" not in html
    assert "About Denial" in html or "About denial" in html
    assert "docs/chapters/demo.md:1: the reference [[denial]] sits inside a heading" in caplog.text


def test_unknown_reference_warns_once_with_line_and_suggestion(caplog: pytest.LogCaptureFixture) -> None:
    html, _ = render("First line.\n\nSee [[transferense]] and [[transferense]].\n\nAlso [[counter-transferense]].\n")
    assert "transferense" in html
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    # Once per unknown slug: the repeat is quiet, a second, different slug has its own warning.
    assert warnings == [
        "docs/chapters/demo.md:3: unknown concept 'transferense' in '[[transferense]]' — did you mean "
        "'transference'? Concepts live in docs/concepts/<slug>.md.",
        "docs/chapters/demo.md:5: unknown concept 'counter-transferense' in '[[counter-transferense]]' — did you "
        "mean 'countertransference'? Concepts live in docs/concepts/<slug>.md.",
    ]
    assert caplog.records[0].name.startswith("mkdocs.")  # so --strict counts it


def test_reference_sections_are_neither_linked_nor_indexed() -> None:
    text = (
        "# Chapter\n\n## References\n\nSmith (2000). *Transference*.\n\n### Older\n\nOn attachment.\n\n"
        "## Related chapters\n\n- Attachment and [[denial]].\n\n## Afterword\n\nTransference at last.\n"
    )
    html, page = render(text)
    assert page.mentions.order == ["transference"]
    assert [o.section for o in page.mentions.occurrences["transference"]] == ["Afterword"]
    assert html.count("concept-link") == 2  # the explicit [[denial]] still links; "Transference at last"


# -- mutation testing (issue 27): what the run of 2026-12-06 found unchecked ------------------


def _occurrences(page) -> dict[str, list[tuple]]:
    return {
        slug: [(o.anchor, o.section, o.context, o.mark, o.defines) for o in found]
        for slug, found in page.mentions.occurrences.items()
    }


def test_warn_once_says_whether_it_warned(caplog: pytest.LogCaptureFixture) -> None:
    from conceptbook.glossary.linker import PageContext

    page = PageContext(src_uri="chapters/a.md", path="docs/chapters/a.md", source="", is_chapter=True)
    assert page.warn_once("cause", "first") is True
    assert page.warn_once("cause", "again") is False
    assert [r.getMessage() for r in caplog.records] == ["first"]


@pytest.mark.parametrize(
    ("markdown", "expected_html"),
    [
        pytest.param(
            "See [[denial|this|that]].",
            f"<p>See {link('denial', 'this|that')}.</p>",
            id="only the first | separates the text",
        ),
        pytest.param(
            "A [[x [[denial]] b",
            "<p>A [[x [[denial]] b</p>",
            id="a nested reference stays as written, brackets and all",
        ),
        pytest.param("A [[|the text]] b", "<p>A the text b</p>", id="no slug: its text is kept"),
        pytest.param("A [[|]] b", "<p>A [[|]] b</p>", id="no slug and no text: kept as written"),
        pytest.param("A [[nosuch|the text]] b", "<p>A the text b</p>", id="an unknown slug with text: the text"),
        pytest.param("A [[nosuch]] b", "<p>A nosuch b</p>", id="an unknown slug alone: the slug"),
        pytest.param(
            "See [[denial|]] b",
            f"<p>See {link('denial', 'denial')} b</p>",
            id="an empty text after the bar: the term",
        ),
        pytest.param(
            "Chapter X [[denial]] b",
            f"<p>Chapter X {link('denial', 'denial')} b</p>",
            id="a capital X before it does not open a sentence",
        ),
    ],
)
def test_malformed_and_unusual_references_render_exactly(markdown: str, expected_html: str) -> None:
    html, _ = render(markdown)
    assert html == expected_html


def test_a_term_with_a_capital_second_letter_keeps_its_capitals_mid_sentence() -> None:
    from conceptbook.glossary.model import build_glossary
    from engine_support import GLOSSARY_CONCEPTS, concept

    glossary = build_glossary([*GLOSSARY_CONCEPTS, concept("iq", "IQ", link="explicit")])
    html, _ = render("A high [[iq]] here.", glossary=glossary)
    assert html == f"<p>A high {link('iq', 'IQ')} here.</p>"


def test_each_malformed_reference_warns_once_for_its_own_text(caplog: pytest.LogCaptureFixture) -> None:
    render(
        "[[x [[denial]] [[y [[denial]] [[x [[denial]]\n\n[[|a]] [[|b]] [[|a]]\n\n[[denial|]] [[object|]] [[denial|]]\n"
    )
    assert [r.getMessage() for r in caplog.records] == [
        "docs/chapters/demo.md:1: '[[x [[denial]]' opens a reference inside another one; references cannot be "
        "nested — close the first with ']]' before the next '[['.",
        "docs/chapters/demo.md:1: '[[y [[denial]]' opens a reference inside another one; references cannot be "
        "nested — close the first with ']]' before the next '[['.",
        "docs/chapters/demo.md:3: the reference '[[|a]]' names no concept; write [[slug]] or [[slug|text]] with the "
        "concept's file name, e.g. [[transference|the transference]].",
        "docs/chapters/demo.md:3: the reference '[[|b]]' names no concept; write [[slug]] or [[slug|text]] with the "
        "concept's file name, e.g. [[transference|the transference]].",
        "docs/chapters/demo.md:5: the reference '[[denial|]]' has no text after '|'; write [[denial]] to show the "
        "concept's term, or put the link text after the '|'.",
        "docs/chapters/demo.md:5: the reference '[[object|]]' has no text after '|'; write [[object]] to show the "
        "concept's term, or put the link text after the '|'.",
    ]


def test_a_footnote_after_a_listing_section_belongs_to_the_teaching_text() -> None:
    """Probe T39: the footnotes come after "References" in the tree, but are not in it."""
    html, page = render("## Part\n\nText.[^1]\n\n## References\n\nSmith.\n\n[^1]: About transference.\n")
    assert f"<p>About {link('transference', 'transference')}.&#160;" in html
    assert page.mentions.order == ["transference"]
    assert _occurrences(page) == {"transference": [("", "", "About transference.", (6, 18), False)]}


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        pytest.param(
            "## Part\n\nTransference first. Transference second.",
            [("part", "Part", "Transference first.", (0, 12), False)],
            id="the first mention of a section",
        ),
        pytest.param(
            "## Part\n\n**Transference** first. **Transference** second.",
            [("part", "Part", "Transference first.", (0, 12), True)],
            id="the first of two bold mentions",
        ),
        pytest.param(
            "## Part\n\nTransference plain. Then **transference** defined. Last **transference**.",
            [("part", "Part", "Then transference defined.", (5, 17), True)],
            id="the first bold mention over a plain one before it",
        ),
    ],
)
def test_which_mention_of_a_section_is_its_occurrence(markdown: str, expected: list[tuple]) -> None:
    _, page = render(markdown)
    assert _occurrences(page) == {"transference": expected}


def test_a_mention_in_text_outside_any_block_is_quoted_from_its_own_text() -> None:
    html, page = render('<div markdown="span">About transference and [[denial]].</div>')
    assert html == (f"<div>About {link('transference', 'transference')} and {link('denial', 'denial')}.</div>")
    assert _occurrences(page) == {
        "transference": [("", "", "About transference and", (6, 18), False)],
        "denial": [("", "", "denial", (0, 6), False)],
    }


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        pytest.param(
            "See [[denial]] and then transference here.",
            {
                "denial": [("", "", "See denial and then transference here.", (4, 10), False)],
                "transference": [("", "", "See denial and then transference here.", (20, 32), False)],
            },
            id="a mention after a reference in its block",
        ),
        pytest.param(
            "See [[denial|*refusing* to see]] and transference.",
            {
                "denial": [("", "", "See refusing to see and transference.", (4, 19), False)],
                "transference": [("", "", "See refusing to see and transference.", (24, 36), False)],
            },
            id="a reference whose text has markup",
        ),
    ],
)
def test_a_reference_is_marked_where_it_stands_and_moves_what_follows(markdown: str, expected: dict) -> None:
    _, page = render(markdown)
    assert _occurrences(page) == expected


@pytest.mark.parametrize(
    ("markdown", "expected_html"),
    [
        pytest.param("## About [[denial]]\n", '<h2 id="about-denial">About denial</h2>', id="at the end"),
        pytest.param("## [[denial]] first\n", '<h2 id="denial-first">Denial first</h2>', id="at the start"),
        pytest.param(
            "## About *this* and [[denial]] today\n",
            '<h2 id="about-this-and-denial-today">About <em>this</em> and denial today</h2>',
            id="after an element",
        ),
        pytest.param(
            "## *One* [[denial]] and *two* [[object]] end\n",
            '<h2 id="one-denial-and-two-object-end"><em>One</em> denial and <em>two</em> object end</h2>',
            id="two, each after an element",
        ),
        pytest.param(
            "## *One*[[denial]] end\n", '<h2 id="onedenial-end"><em>One</em>denial end</h2>', id="right after"
        ),
        pytest.param("## [[denial]]\n", '<h2 id="denial">Denial</h2>', id="alone"),
    ],
)
def test_a_reference_in_a_heading_becomes_its_text_in_place(markdown: str, expected_html: str) -> None:
    html, _ = render(markdown)
    assert html == expected_html


def test_an_admonition_without_a_title_is_teaching_text() -> None:
    html, page = render('!!! note ""\n\n    About transference.')
    assert html == f'<div class="admonition note">\n<p>About {link("transference", "transference")}.</p>\n</div>'
    assert page.mentions.order == ["transference"]


def test_a_learning_objectives_title_with_markup_is_still_a_recap_box() -> None:
    html, page = render('!!! abstract "Learning *objectives*"\n\n    About transference.\n\nTransference later.')
    assert html == (
        '<div class="admonition abstract">\n<p class="admonition-title">Learning <em>objectives</em></p>\n'
        f"<p>About transference.</p>\n</div>\n<p>{link('transference', 'Transference')} later.</p>"
    )
    assert _occurrences(page) == {"transference": [("", "", "Transference later.", (0, 12), False)]}


@pytest.mark.parametrize(
    ("src_uri", "href"),
    [
        ("about.md", "concepts/denial.md"),
        ("chapters/demo.md", "../concepts/denial.md"),
        ("chapters/part/deep.md", "../../concepts/denial.md"),
        ("concepts/ego.md", "denial.md"),
    ],
)
def test_a_reference_links_to_the_concept_file_relative_to_the_page(src_uri: str, href: str) -> None:
    html, _ = render("See [[denial]].", src_uri=src_uri)
    assert html == f"<p>See {link('denial', 'denial', href=href)}.</p>"


def test_a_reference_an_earlier_hook_rewrote_is_found_by_its_slug(caplog: pytest.LogCaptureFixture) -> None:
    """The Markdown the linker sees is not the file (the numbering hook rewrote it): the
    message names the line of the file's first `[[slug`."""
    import markdown

    from conceptbook.glossary.linker import ConceptExtension, Linker, PageContext
    from engine_support import make_glossary

    linker = Linker(make_glossary())
    source = "Intro.\n\n## About [[denial|the denial]]\n"
    linker.page = PageContext(src_uri="chapters/a.md", path="docs/chapters/a.md", source=source, is_chapter=True)
    html = markdown.Markdown(extensions=["toc", ConceptExtension(linker)]).convert("## About [[denial]]\n")
    assert html == '<h2 id="about-denial">About denial</h2>'
    assert [r.getMessage() for r in caplog.records] == [
        "docs/chapters/a.md:3: the reference [[denial]] sits inside a heading (headings become table-of-contents "
        "entries), where it cannot be a link; move it into the text around it."
    ]


@pytest.mark.parametrize(
    ("markdown", "expected_html"),
    [
        pytest.param(
            "Secure&nbsp;attachment matters.",
            f"<p>{link('secure-attachment', 'Secure&nbsp;attachment')} matters.</p>",
            id="a named space entity joins a name",
        ),
        pytest.param(
            "A secure&#160;attachment.",
            f"<p>A {link('secure-attachment', 'secure&#160;attachment')}.</p>",
            id="a numbered one too",
        ),
        pytest.param(
            "A secure&amp;attachment here.",
            f"<p>A secure&amp;{link('attachment', 'attachment')} here.</p>",
            id="an entity that is not a space does not",
        ),
    ],
)
def test_only_an_entity_for_white_space_joins_the_words_of_a_name(markdown: str, expected_html: str) -> None:
    html, _ = render(markdown)
    assert html == expected_html


def test_a_heading_without_an_id_gives_its_sections_occurrences_no_anchor() -> None:
    """Without the toc extension (Python-Markdown on its own) headings have no id."""
    import markdown

    from conceptbook.glossary.linker import ConceptExtension, Linker, PageContext
    from engine_support import make_glossary

    linker = Linker(make_glossary())
    text = "## Part\n\nTransference here.\n"
    linker.page = PageContext(src_uri="chapters/a.md", path="docs/chapters/a.md", source=text, is_chapter=True)
    html = markdown.Markdown(extensions=[ConceptExtension(linker)]).convert(text)
    assert html == f"<h2>Part</h2>\n<p>{link('transference', 'Transference')} here.</p>"
    assert _occurrences(linker.page) == {"transference": [("", "Part", "Transference here.", (0, 12), False)]}


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        pytest.param(
            "## *Part* two\n\nTransference here.\n",
            {"transference": [("part-two", "Part two", "Transference here.", (0, 12), False)]},
            id="a title that opens with markup",
        ),
        pytest.param("## *Key takeaways*\n\nTransference here.\n", {}, id="a recap title in markup"),
    ],
)
def test_a_heading_is_read_by_its_whole_text(markdown: str, expected: dict) -> None:
    _, page = render(markdown)
    assert _occurrences(page) == expected


def test_only_a_link_in_a_heading_is_unlinked(caplog: pytest.LogCaptureFixture) -> None:
    """An element that is not a link keeps its attributes, even one named like a term link's."""
    html, _ = render('## About *denial*{: data-concept="denial" }\n')
    assert html == '<h2 id="about-denial">About <em data-concept="denial">denial</em></h2>'
    assert caplog.records == []


TRANSFERENCE = link("transference", "transference")


@pytest.mark.parametrize(
    ("markdown", "expected_html"),
    [
        pytest.param(
            "A&nbsp;b <code>transference</code> then transference.",
            f"<p>A&nbsp;b <code>transference</code> then {TRANSFERENCE}.</p>",
            id="raw code after a space entity",
        ),
        pytest.param(
            '<a href="x">about </code> transference</a> and transference.',
            f'<p><a href="x">about </code> transference</a> and {TRANSFERENCE}.</p>',
            id="a stray closing tag of another kind does not end an open link",
        ),
        pytest.param(
            "<sup><sup>x</sup> transference</sup> and transference.",
            f"<p><sup><sup>x</sup> transference</sup> and {TRANSFERENCE}.</p>",
            id="the same raw element nested",
        ),
        pytest.param(
            "See <code>transference *x* y</code> and transference.",
            f"<p>See <code>transference <em>x</em> y</code> and {TRANSFERENCE}.</p>",
            id="raw code that holds an element",
        ),
    ],
)
def test_nothing_inside_raw_inline_html_is_linked(markdown: str, expected_html: str) -> None:
    html, _ = render(markdown)
    assert html == expected_html


@pytest.mark.parametrize(
    ("markdown", "expected_html", "place"),
    [
        pytest.param(
            "[see [[denial]]](https://example.org)",
            '<p><a href="https://example.org">see denial</a></p>',
            "a link (a link cannot hold another link)",
            id="in a link",
        ),
        pytest.param(
            '!!! note "About [[denial]]"\n\n    Body.',
            '<div class="admonition note">\n<p class="admonition-title">About denial</p>\n<p>Body.</p>\n</div>',
            "a title or code",
            id="in an admonition title",
        ),
    ],
)
def test_a_reference_where_no_link_may_stand_becomes_its_text_with_a_warning_naming_the_place(
    caplog: pytest.LogCaptureFixture, markdown: str, expected_html: str, place: str
) -> None:
    html, _ = render(markdown)
    assert html == expected_html
    assert [r.getMessage() for r in caplog.records] == [
        f"docs/chapters/demo.md:1: the reference [[denial]] sits inside {place}, where it cannot be a link; "
        "move it into the text around it."
    ]


def test_a_reference_in_a_recap_becomes_its_plain_text() -> None:
    html, page = render("## Key takeaways\n\n- About [[denial|*refusing* to see]].")
    assert html == '<h2 id="key-takeaways">Key takeaways</h2>\n<ul>\n<li>About refusing to see.</li>\n</ul>'
    assert page.mentions.order == []


def test_only_a_term_link_asks_for_a_tip() -> None:
    """An element given a term link's attributes by hand (attr_list) is not a term link."""
    html, page = render('Some *x*{: data-concept="denial" data-tip="tip-concept-denial" } here.')
    assert html == '<p>Some <em data-concept="denial" data-tip="tip-concept-denial">x</em> here.</p>'
    assert dict(page.mentions.tips) == {}


def test_a_plural_that_is_an_explicit_concepts_name_is_not_auto_linked(caplog: pytest.LogCaptureFixture) -> None:
    """Linker.load hands the matcher the explicit concepts' names as claimed: the auto
    concept's generated plural gives way (and build_glossary reports the clash)."""
    from conceptbook.glossary.model import build_glossary
    from engine_support import concept

    glossary = build_glossary(
        [
            concept("object-relation", "Object relation"),
            concept("object-relations", "Object relations", link="explicit"),
        ]
    )
    html, _ = render("Object relations theory. Object relation here.", glossary=glossary)
    assert html == f"<p>Object relations theory. {link('object-relation', 'Object relation')} here.</p>"
    assert len(caplog.records) == 1 and "the plural 'Object relations'" in caplog.records[0].getMessage()


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        pytest.param("**Key *transference* idea**", ("Key transference idea", (4, 16), True), id="emphasis in bold"),
        pytest.param("**A *b* transference**", ("A b transference", (4, 16), True), id="bold after emphasis in it"),
        pytest.param("**x** then transference", ("x then transference", (7, 19), False), id="after the bold closed"),
    ],
)
def test_a_mention_is_bold_exactly_while_inside_bold(markdown: str, expected: tuple) -> None:
    _, page = render(markdown)
    assert _occurrences(page) == {"transference": [("", "", *expected)]}
    assert page.mentions.occurrences["transference"][0].src_uri == "chapters/demo.md"


def test_a_box_in_a_listing_section_is_part_of_it() -> None:
    """Only the footnotes' div leaves the section it stands in; any other div stays in it."""
    _, page = render("## References\n\n!!! note\n\n    About transference.\n\n## Later\n\nTransference.")
    assert _occurrences(page) == {"transference": [("later", "Later", "Transference.", (0, 12), False)]}


def test_references_unlinked_in_two_places_warn_once_each_with_their_text(caplog: pytest.LogCaptureFixture) -> None:
    html, _ = render('## About [[denial|*the* denial]]\n\n!!! note "On [[object]]"\n\n    Body.')
    assert html == (
        '<h2 id="about-the-denial">About the denial</h2>\n<div class="admonition note">\n'
        '<p class="admonition-title">On object</p>\n<p>Body.</p>\n</div>'
    )
    assert [r.getMessage() for r in caplog.records] == [
        "docs/chapters/demo.md:1: the reference [[denial]] sits inside a heading (headings become table-of-contents "
        "entries), where it cannot be a link; move it into the text around it.",
        "docs/chapters/demo.md:3: the reference [[object]] sits inside a title or code, where it cannot be a link; "
        "move it into the text around it.",
    ]
