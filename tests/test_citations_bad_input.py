"""Every kind of bad citation input gets one message naming the file, the line and the fix,
and fails a strict build — proven on small throw-away sites built in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitebuild import build_small_site

BIB = """@book{bowlby1969,
  author = {Bowlby, J.},
  title = {{Attachment and loss: Vol. 1. Attachment}},
  publisher = {Basic Books},
  year = {1969},
}

@article{shedler2010,
  author = {Shedler, J.},
  title = {{The efficacy of psychodynamic psychotherapy}},
  journal = {American Psychologist},
  year = {2010},
  doi = {10.1037/a0018378},
}
"""

CHAPTER = """---
title: A chapter
description: A chapter for tests.
---

# A chapter

Attachment is a bond [@bowlby1969], and @shedler2010 reviewed the evidence.
"""


def files(chapter: str = CHAPTER, bib: str = BIB) -> dict[str, str]:
    return {"index.md": "# Home\n", "chapters/one.md": chapter, "references.bib": bib}


def test_the_good_small_site_builds_cleanly_with_its_bibliography(tmp_path: Path) -> None:
    result = build_small_site(tmp_path, files())
    assert (result.failed, result.problems) == (None, [])
    page = (tmp_path / "site" / "chapters" / "one.html").read_text(encoding="utf-8")
    assert (
        '<a aria-describedby="tip-ref-bowlby1969" class="citation" data-tip="tip-ref-bowlby1969" '
        'href="../bibliography.html#ref-bowlby1969">Bowlby, 1969</a>'
    ) in page
    assert '<div class="tip-source" id="tip-ref-shedler2010" hidden>Shedler, J. (2010).' in page
    data = json.loads((tmp_path / "site" / "bibliography.json").read_text(encoding="utf-8"))
    assert [e["key"] for e in data["entries"]] == ["bowlby1969", "shedler2010"]
    assert data["entries"][1]["cited_by"] == [{"title": "1. A chapter", "url": "chapters/one.html"}]


def chapter_with(line: str) -> str:
    return CHAPTER + f"\n{line}\n"


BAD = [
    pytest.param(
        files(chapter_with("As Bowlby argued [@bowlby1996].")),
        "WARNING: docs/chapters/one.md:10: unknown citation key 'bowlby1996' in '[@bowlby1996]' — did you mean "
        "'bowlby1969'? Every key needs an entry in docs/references.bib.",
        id="unknown key",
    ),
    pytest.param(
        files(chapter_with("As Blos argued [@blos1969].")),  # not 'bowlby1969': another surname
        "WARNING: docs/chapters/one.md:10: unknown citation key 'blos1969' in '[@blos1969]' — "
        "Every key needs an entry in docs/references.bib.",
        id="unknown key with no plausible match: no unrelated suggestion",
    ),
    pytest.param(
        files(chapter_with("As Bowlby argued [@bowlbi1969].")),
        "WARNING: docs/chapters/one.md:10: unknown citation key 'bowlbi1969' in '[@bowlbi1969]' — did you mean "
        "'bowlby1969'? Every key needs an entry in docs/references.bib.",
        id="unknown key with a slip in the surname",
    ),
    pytest.param(
        files(chapter_with("As Bowlby argued [@bowlby1969 p. 23].")),
        "WARNING: docs/chapters/one.md:10: malformed citation '[@bowlby1969 p. 23]': '@bowlby1969 p. 23': put a comma "
        "between the key and the locator, e.g. '@key, p. 23'. Write e.g. [@bowlby1969] or "
        "[see @bowlby1969, p. 23; @ainsworth1978] (see CONTRIBUTING.md, Citations).",
        id="malformed citation",
    ),
    pytest.param(
        files(CHAPTER.replace(", and @shedler2010 reviewed the evidence", "")),
        "WARNING: docs/references.bib:8: entry 'shedler2010' is cited by no page; cite it with [@shedler2010] "
        "where the book uses it, or delete the entry.",
        id="entry nobody cites",
    ),
    pytest.param(
        files(bib=BIB.replace("  publisher = {Basic Books},\n", "")),
        "WARNING: docs/references.bib:1: entry 'bowlby1969' (@book) has no 'publisher' field; add 'publisher' — "
        "an APA reference to a book needs it.",
        id="missing required field",
    ),
    pytest.param(
        files(
            bib=BIB
            + "\n@book{bowlby1969,\n  author = {Bowlby, J.},\n  title = {{Other}},\n  publisher = {X},\n  year = {1969},\n}\n"
        ),
        "WARNING: docs/references.bib:16: duplicate key 'bowlby1969' (first used on line 1); give one of the entries "
        "another key (add a, b ... when surname and year repeat), or delete the copy.",
        id="duplicate key",
    ),
    pytest.param(
        files(
            chapter_with("Also [@shedler2011]."),
            BIB + "\n@article{shedler2011,\n  author = {Shedler, J.},\n  title = {{Copy}},\n  journal = {J},\n"
            "  year = {2011},\n  doi = {10.1037/A0018378},\n}\n",
        ),
        "WARNING: docs/references.bib:16: entry 'shedler2011' has the same DOI as 'shedler2010' (10.1037/A0018378); "
        "they are one work: keep one entry and cite its key.",
        id="duplicate DOI",
    ),
    pytest.param(
        files(bib=BIB + "\n@book{broken1999,\n  author = {Broken, B.},\n  title = {Unclosed,\n"),
        "ERROR: docs/references.bib:16: entry 'broken1999' cannot be read (a brace or quote in it is never closed); "
        "check its braces, quotes and the commas between fields.",
        id="unparseable bib",
    ),
    pytest.param(
        files(bib=BIB.replace("bowlby1969", "Bowlby-1969"), chapter=CHAPTER.replace("bowlby1969", "Bowlby-1969")),
        "WARNING: docs/references.bib:1: the key 'Bowlby-1969' does not follow the book's scheme; use the first "
        "author's surname in lowercase ASCII letters and the year, e.g. 'bowlby1969' (a, b ... for repeats).",
        id="key outside the scheme",
    ),
]


@pytest.mark.parametrize(("site_files", "expected"), BAD)
def test_bad_citation_input_fails_with_a_message_naming_file_line_and_fix(
    tmp_path: Path, site_files: dict[str, str], expected: str
) -> None:
    result = build_small_site(tmp_path, site_files)
    assert result.failed, "a strict build with bad input must fail"
    assert any(message.startswith(expected) for message in result.problems), result.text()
    assert not any("Traceback" in m for m in result.messages)


def test_an_unknown_key_is_reported_once_per_page(tmp_path: Path) -> None:
    result = build_small_site(tmp_path, files(chapter_with("[@bowlby1996] and again [@bowlby1996].")))
    assert sum("bowlby1996" in m for m in result.problems) == 1, result.text()


def test_citations_in_code_stay_code(tmp_path: Path) -> None:
    result = build_small_site(tmp_path, files(chapter_with("Write `[@nokey1999]` to cite.")))
    assert (result.failed, result.problems) == (None, [])
    page = (tmp_path / "site" / "chapters" / "one.html").read_text(encoding="utf-8")
    assert "<code>[@nokey1999]</code>" in page


def test_a_new_book_with_a_home_page_and_no_chapter_yet_builds_cleanly(tmp_path: Path) -> None:
    """No chapter has a "Cite this chapter" box to format and no page cites a work: the build
    still makes every generated page, with nothing to report."""
    result = build_small_site(tmp_path, {"index.md": "# Home\n\nA book without chapters yet.\n"})
    assert (result.failed, result.problems) == (None, []), result.text()
    for name in ("index.html", "glossary.html", "book-map.html", "print.html"):
        assert (result.site / name).is_file(), name


def test_a_page_written_where_the_bibliography_is_generated_is_named_and_left_out(tmp_path: Path) -> None:
    book = {**files(), "bibliography.md": "# My own list\n", "bibliography.json": "{}"}
    result = build_small_site(tmp_path, book)
    assert [m for m in result.problems if "this path is generated" in m] == [
        "ERROR: docs/bibliography.md: this path is generated from docs/references.bib, so the file is ignored; "
        "rename or delete it.",
        "ERROR: docs/bibliography.json: this path is generated from docs/references.bib, so the file is ignored; "
        "rename or delete it.",
    ]
    assert "My own list" not in (result.site / "bibliography.html").read_text(encoding="utf-8")


def test_a_citation_in_a_book_without_references_bib_is_one_warning_with_the_fix(tmp_path: Path) -> None:
    book = {key: text for key, text in files(chapter_with("Again [@shedler2010].")).items() if key != "references.bib"}
    result = build_small_site(tmp_path, book)
    assert [m for m in result.problems if "citation" in m] == [
        "WARNING: docs/chapters/one.md:8: citation '[@bowlby1969]' but the book has no docs/references.bib; create it "
        "with a BibTeX entry for each work you cite."
    ], result.text()
    assert "[@bowlby1969]" in (result.site / "chapters" / "one.html").read_text(encoding="utf-8")


def test_the_references_are_in_the_chapter_s_contents_and_a_concept_cites_under_its_kind(tmp_path: Path) -> None:
    """The page's sidebar lists "References" after its own headings; the bibliography's "Cited in"
    names a concept page as "<term> (concept)", a chapter by its number and title."""
    from test_questions_site import toc

    book = {
        **files(CHAPTER + "\n## Findings\n\nMore [@shedler2010].\n"),
        "concepts/attachment.md": "---\nterm: Attachment\nsummary: A bond.\n---\n\nSee [@bowlby1969].\n",
    }
    result = build_small_site(tmp_path, book)
    assert (result.failed, result.problems) == (None, []), result.text()
    chapter = (result.site / "chapters" / "one.html").read_text(encoding="utf-8")
    assert toc(chapter) == [("#findings", "Findings"), ("#references", "References")]
    data = json.loads((result.site / "bibliography.json").read_text(encoding="utf-8"))
    assert [(e["key"], [c["title"] for c in e["cited_by"]]) for e in data["entries"]] == [
        ("bowlby1969", ["1. A chapter", "Attachment (concept)"]),
        ("shedler2010", ["1. A chapter"]),
    ]
