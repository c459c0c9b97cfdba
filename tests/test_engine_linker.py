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
