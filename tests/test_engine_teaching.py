"""Where the teaching is (issue 14, part 2): recap sections, defining mentions, key terms,
and the marked quote of a backlink.

Unit tests render Markdown through the linker (tests/engine_support.py); one small site
proves the whole path (front matter, box, tip sources, backlinks) and each message.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from conceptbook.glossary.keyterms import KEY_TERMS_MAX, KeyTermsChoice, choose
from conceptbook.glossary.occurrences import quote_at
from conceptbook.glossary.sections import RECAP_BOXES, RECAP_SECTIONS, section_kind
from engine_support import render
from sitebuild import ROOT, build_small_site

RECAP_CHAPTER = """# Chapter

!!! abstract "Learning objectives"

    - Explain transference and [[denial]].

## Teaching

Here **transference** is defined, and countertransference is mentioned.

## Key takeaways

- Transference, countertransference and [[denial]] again.

### A subsection of the takeaways

Attachment only here.

## Later teaching

Attachment at last, in teaching text.
"""


def test_recap_sections_get_no_link_and_no_occurrence() -> None:
    html, page = render(RECAP_CHAPTER)
    objectives, teaching = html.split("<h2", 1)[0], html.split('id="teaching"', 1)[1].split("<h2", 1)[0]
    assert "concept-link" not in objectives, "the objectives box took a first link"
    assert 'data-concept="transference"' in teaching and 'data-concept="countertransference"' in teaching
    takeaways = html.split('id="key-takeaways"', 1)[1].split('id="later-teaching"', 1)[0]
    assert "concept-link" not in takeaways
    assert "[[denial]]" not in html and "and denial again" in html  # a reference in a recap is its text
    assert 'data-concept="attachment"' in html.split('id="later-teaching"', 1)[1]
    sections = {slug: [o.section for o in occ] for slug, occ in page.mentions.occurrences.items()}
    assert sections == {
        "transference": ["Teaching"],
        "countertransference": ["Teaching"],
        "attachment": ["Later teaching"],
    }
    assert "denial" not in page.mentions.order  # mentioned only in recaps
    assert list(page.mentions.tips) == ["transference", "countertransference", "attachment"]


def test_a_bold_mention_defines_and_becomes_the_quoted_occurrence() -> None:
    _, page = render("# C\n\n## Part\n\nTransference in passing. Then **transference** is defined here.\n")
    [occurrence] = page.mentions.occurrences["transference"]
    assert occurrence.defines
    assert occurrence.context == "Then transference is defined here."
    start, end = occurrence.mark or (0, 0)
    assert occurrence.context[start:end] == "transference"
    assert page.mentions.defined == ["transference"]


def test_the_quote_marks_the_mention_even_when_shortened() -> None:
    text = "Intro. " + " ".join(f"w{i}" for i in range(60)) + " transference " + " ".join(f"x{i}" for i in range(60))
    quote, mark = quote_at(text, text.index("transference"), len("transference"))
    assert quote.startswith("… ") and quote.endswith(" …")
    assert mark is not None and quote[mark[0] : mark[1]] == "transference"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Key takeaways", "recap"),
        ("  SUMMARY ", "recap"),
        ("Related chapters", "listing"),
        ("Transference", "teaching"),
    ],
)
def test_section_kinds_are_read_from_the_title(title: str, kind: str) -> None:
    assert section_kind(title) == kind


def test_contributing_names_every_recap_title() -> None:
    text = " ".join((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split()).casefold()
    assert not [t for t in (*RECAP_SECTIONS, *RECAP_BOXES) if f"*{t}*" not in text]


def _choose(defined: list[str], mentioned: list[str], choice: KeyTermsChoice | None) -> tuple[list[str], list[str]]:
    return choose("docs/chapters/c.md", defined, mentioned, choice, lambda s: s != "nonsense", lambda s: " —")


def test_key_terms_are_the_defined_concepts_and_the_rest_are_also_mentioned() -> None:
    assert _choose(["b", "a"], ["a", "b", "c"], None) == (["b", "a"], ["c"])


def test_more_defined_concepts_than_the_cap_asks_for_key_terms(caplog: pytest.LogCaptureFixture) -> None:
    slugs = [f"c{i}" for i in range(KEY_TERMS_MAX + 2)]
    with caplog.at_level(logging.WARNING):
        keys, also = _choose(slugs, slugs, None)
    assert len(keys) == KEY_TERMS_MAX and also == slugs[KEY_TERMS_MAX:]
    assert caplog.messages == [
        "docs/chapters/c.md: the chapter defines 17 concepts in bold, and the key-terms box holds at most 15; "
        "list the 15 or fewer a student should revise under 'key_terms:' in the front matter, "
        "e.g. key_terms: [c0, c1, c2]"
    ]


def test_as_many_defined_concepts_as_the_box_holds_need_no_key_terms(caplog: pytest.LogCaptureFixture) -> None:
    slugs = [f"c{i}" for i in range(KEY_TERMS_MAX)]
    with caplog.at_level(logging.WARNING):
        assert _choose(slugs, slugs, None) == (slugs, [])
    assert caplog.messages == []


def test_key_terms_from_front_matter_may_name_as_many_concepts_as_the_box_holds_and_no_more(
    caplog: pytest.LogCaptureFixture,
) -> None:
    slugs = tuple(f"c{i}" for i in range(KEY_TERMS_MAX + 1))
    lines = tuple(range(5, 5 + len(slugs)))
    with caplog.at_level(logging.WARNING):
        keys, _also = _choose([], list(slugs), KeyTermsChoice(slugs[:KEY_TERMS_MAX], lines[:KEY_TERMS_MAX]))
    assert keys == list(slugs[:KEY_TERMS_MAX]) and caplog.messages == []
    with caplog.at_level(logging.WARNING):
        keys, _also = _choose([], list(slugs), KeyTermsChoice(slugs, lines))
    assert keys == list(slugs[:KEY_TERMS_MAX])
    assert caplog.messages == [
        f"docs/chapters/c.md:5: 'key_terms' lists {KEY_TERMS_MAX + 1} concepts; the key-terms box holds at most "
        f"{KEY_TERMS_MAX}: keep the ones a student should revise."
    ]


def test_key_terms_from_front_matter_are_checked_with_their_lines(caplog: pytest.LogCaptureFixture) -> None:
    choice = KeyTermsChoice(("a", "nonsense", "a", "unmentioned"), (6, 7, 8, 9))
    with caplog.at_level(logging.WARNING):
        keys, also = _choose(["b"], ["a", "b"], choice)
    assert (keys, also) == (["a"], ["b"])
    assert [m.split(":")[1] for m in caplog.messages] == ["7", "8", "9"]
    assert "not a concept" in caplog.messages[0] and "twice" in caplog.messages[1]
    assert "never mentions it" in caplog.messages[2]


def test_a_small_site_shows_key_terms_tips_and_marked_backlinks(tmp_path: Path) -> None:
    chapter = (
        "---\ntitle: A chapter\ndescription: A chapter for tests.\nkey_terms: [transference,\n  nonsense]\n---\n\n"
        + RECAP_CHAPTER.replace("[[denial]]", "denial")
    )
    concept = "---\nterm: {}\nsummary: A short definition of {}.\n---\n"
    files = {
        "index.md": "# Home\n",
        "chapters/one.md": chapter,
        **{f"concepts/{s}.md": concept.format(s.title(), s) for s in ("transference", "countertransference")},
        "concepts/attachment.md": concept.format("Attachment", "attachment"),
    }
    result = build_small_site(tmp_path, files)
    assert [p.removeprefix("WARNING: ").split(" — ")[0] for p in result.problems] == [
        "docs/chapters/one.md:5: 'key_terms' names 'nonsense', which is not a concept"
    ]
    page = (result.site / "chapters" / "one.html").read_text(encoding="utf-8")
    box = page.split('<aside class="admonition abstract key-concepts"', 1)[1].split("</aside>", 1)[0]
    assert "<dd>A short definition of transference.</dd>" in box
    assert "Also mentioned:" in box and "Countertransference" in box and "Attachment" in box
    assert page.count('id="tip-concept-transference"') == 1 and "title=" not in box
    index = json.loads((result.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    chapter_text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("chapters/"))
    assert "A short definition" not in chapter_text, "tip sources and the box must not be indexed"
    glossary = {c["slug"]: c for c in json.loads((result.site / "glossary.json").read_text())["concepts"]}
    [occurrence] = glossary["transference"]["occurrences"]
    assert occurrence["defines"] is True and occurrence["section"] == "Teaching"
    concept_page = (result.site / "concepts" / "transference.html").read_text(encoding="utf-8")
    assert "Defined in" in concept_page and "Here <mark>transference</mark> is defined" in concept_page


@pytest.mark.parametrize(
    ("front", "lines"),
    [
        pytest.param(  # the slug also in the line above the key: found from the key's line on
            "title: A\ndescription: On transference and defense.\nkey_terms: [defense, transference]\n",
            (4, 4),
            id="one line",
        ),
        pytest.param(
            "title: A\ndescription: On transference.\nkey_terms:\n  - defense\n  - transference\n",
            (5, 6),
            id="one slug a line",
        ),
        pytest.param(  # a quoted key is not found by its name: the slugs are looked for from line 2 on
            '"key_terms": [defense]\ntitle: A\ndescription: D.\n',
            (2,),
            id="quoted key",
        ),
        pytest.param(  # written with a YAML escape: not found as typed, so the key's own line
            'title: A\ndescription: D.\nkey_terms: ["trans\\u0066erence"]\n',
            (4,),
            id="escaped",
        ),
    ],
)
def test_each_key_term_has_the_line_it_is_written_on(front: str, lines: tuple[int, ...]) -> None:
    from conceptbook.glossary.chapters import check_chapter

    meta = check_chapter("docs/chapters/c.md", f"---\n{front}---\n\n# A\n")
    assert meta is not None and meta.key_terms is not None
    assert meta.key_terms.lines == lines


def test_a_marker_only_the_engine_places_is_an_error_on_its_line_in_a_chapter(caplog: pytest.LogCaptureFixture) -> None:
    from conceptbook.glossary.chapters import check_chapter
    from conceptbook.glossary.markers import ENGINE_ONLY

    body = "".join(f"Text.\n\n{marker}\n\n" for marker in ENGINE_ONLY)  # markers on lines 10, 14, 18, 22
    with caplog.at_level(logging.ERROR):
        check_chapter("docs/chapters/c.md", f"---\ntitle: A\ndescription: D.\n---\n\n# A\n\n{body}")
    assert caplog.messages == [
        f"docs/chapters/c.md:{line}: '{marker}' is a marker the engine places itself, not one for a chapter; delete it."
        for line, marker in zip((10, 14, 18, 22), ENGINE_ONLY, strict=True)
    ]


@pytest.mark.parametrize(
    ("front", "messages"),
    [
        pytest.param(
            "title: [a, b]\nzzzqqq: 1\n",
            [
                "docs/chapters/c.md:3: unknown front-matter key 'zzzqqq' — a chapter may use title, description, "
                "authors, reviewed_by, last_reviewed, key_terms.",
                "docs/chapters/c.md:2: 'title' must be text, not a list; write it on one line after 'title:' (or use "
                "'>-' for several lines)",
                "docs/chapters/c.md:1: a chapter needs 'description' as text in its front matter, e.g. 'description: "
                "One sentence on what the chapter teaches.'",
            ],
            id="a list for a title, an unknown key",
        ),
        pytest.param(
            "description: D.\n",
            ["docs/chapters/c.md:1: a chapter needs 'title' as text in its front matter, e.g. 'title: Attachment'"],
            id="no title",
        ),
        pytest.param(
            "title: T\ndescription: 4\n",
            [
                "docs/chapters/c.md:3: 'description' was read by YAML as a number, not text; put it in quotes, e.g. "
                'description: "4"'
            ],
            id="a number for a description",
        ),
    ],
)
def test_a_chapter_whose_title_or_description_is_missing_or_not_text_is_named_and_not_used(
    caplog: pytest.LogCaptureFixture, front: str, messages: list[str]
) -> None:
    from conceptbook.glossary.chapters import check_chapter

    with caplog.at_level(logging.WARNING):
        assert check_chapter("docs/chapters/c.md", f"---\n{front}---\n\n# A\n") is None
    assert caplog.messages == messages


def test_a_description_may_be_as_long_as_its_limit_and_no_longer(caplog: pytest.LogCaptureFixture) -> None:
    from conceptbook.glossary.chapters import DESCRIPTION_MAX_CHARS, check_chapter

    for length in (DESCRIPTION_MAX_CHARS, DESCRIPTION_MAX_CHARS + 1):
        with caplog.at_level(logging.WARNING):
            meta = check_chapter("docs/chapters/c.md", f"---\ntitle: T\ndescription: {'d' * length}\n---\n\n# T\n")
        assert meta is not None and meta.description == "d" * length
    assert caplog.messages == [
        f"docs/chapters/c.md:3: the description has {DESCRIPTION_MAX_CHARS + 1} characters; keep it under "
        f"{DESCRIPTION_MAX_CHARS} (it is the page's search-engine snippet and home-page card)."
    ]
