"""The "Cite this chapter" box (hooks/conceptbook/citations/citeme.py): its exact APA reference and
BibTeX entry on a small site, hostile front matter that comes out as text and still
parses as BibTeX, one box on every chapter of the real site and none elsewhere, and
CITATION.cff saying what mkdocs.yml says about the book and crediting every named chapter author."""

from __future__ import annotations

import datetime
import json
import re
import threading
from pathlib import Path
from types import SimpleNamespace

import bibtexparser
import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from sitebuild import CONFIG, ROOT, build_small_site

URL = "https://psychodynamic-theory.github.io/textbook/chapters/one.html"
CHAPTER = """---
title: Splitting and repair
description: A chapter for tests.
authors: [Ada Lovelace, "de la Tour, Jean"]
last_reviewed: 2026-11-22
---

# Splitting and repair

Some text.
"""
HOSTILE_TITLE = (
    "Bad <img src=x onerror=alert(1)> <i>it</i> {brace} } \\\\ \"quoted\" 'single' <script>alert(2)</script>"
)
HOSTILE = f"""---
title: {json.dumps(HOSTILE_TITLE)}
description: A chapter for tests.
authors: {json.dumps(["Evil}, Eve{", "<b>Bold</b> Name"])}
last_reviewed: 2026-11-22
---

# Hostile

Some text.
"""


def box_of(page: Path) -> tuple[str, str]:
    """The box's APA reference (inner HTML) and BibTeX entry (text) on a built page."""
    (box,) = HTMLParser(page.read_text(encoding="utf-8")).css("details.cite-this")
    apa = box.css_first(".cite-this__apa")
    bibtex = box.css_first("pre > code")
    assert apa is not None and bibtex is not None
    return apa.inner_html or "", bibtex.text()


def test_a_chapter_gets_its_apa_reference_and_bibtex_entry(tmp_path: Path) -> None:
    result = build_small_site(tmp_path, {"index.md": "# Home\n", "chapters/one.md": CHAPTER})
    assert (result.failed, result.problems) == (None, [])
    apa, bibtex = box_of(tmp_path / "site" / "chapters" / "one.html")
    assert apa == (
        "Lovelace, A., &amp; de la Tour, J. (2026). Splitting and repair. In <em>Psychodynamic Theory</em> (Chapter 1). "
        f'<a href="{URL}">{URL}</a>'
    )
    assert bibtex == (
        "@incollection{psychodynamictheory-one,\n"
        "  author = {Lovelace, Ada and de la Tour, Jean},\n"
        "  editor = {{Psychodynamic Theory Open Textbook contributors}},\n"
        "  title = {Splitting and Repair},\n"
        "  booktitle = {Psychodynamic Theory},\n"
        "  year = {2026},\n"
        "  month = {nov},\n"
        f"  url = {{{URL}}}\n"
        "}"
    )
    page = (tmp_path / "site" / "chapters" / "one.html").read_text(encoding="utf-8")
    assert '<pre class="copy cite-this__bibtex">' in page  # Material's copy button, for this block only
    assert "Splitting and repair. In" not in (tmp_path / "site" / "search" / "search_index.json").read_text()


def test_a_chapter_without_authors_or_date_is_cited_to_the_books_contributors(tmp_path: Path) -> None:
    chapter = CHAPTER.replace('authors: [Ada Lovelace, "de la Tour, Jean"]\nlast_reviewed: 2026-11-22\n', "")
    result = build_small_site(tmp_path, {"index.md": "# Home\n", "chapters/one.md": chapter})
    assert (result.failed, result.problems) == (None, [])
    apa, _ = box_of(tmp_path / "site" / "chapters" / "one.html")
    assert apa.startswith("Psychodynamic Theory Open Textbook contributors. (n.d.). Splitting and repair. In ")


def test_hostile_front_matter_comes_out_as_text_and_the_bibtex_still_parses(tmp_path: Path) -> None:
    result = build_small_site(tmp_path, {"index.md": "# Home\n", "chapters/one.md": HOSTILE})
    # chapters.py already reports HTML in a title; the box must be safe all the same.
    assert any("'title' contains the HTML '<img'" in m for m in result.problems), result.text()
    assert not any("Traceback" in m for m in result.messages)
    page = (tmp_path / "site" / "chapters" / "one.html").read_text(encoding="utf-8")
    tree = HTMLParser(page)
    (box,) = tree.css("details.cite-this")
    for selector in ("img", "script", "i", "b", "strong"):
        assert box.css(selector) == [], f"<{selector}> from the front matter reached the box"
    apa, bibtex = box_of(tmp_path / "site" / "chapters" / "one.html")
    assert "&lt;\u2060img src=x onerror=alert(1)&gt;" in apa
    assert "&lt;\u2060script&gt;alert(2)&lt;\u2060/script&gt;" in apa
    assert "{brace} }" in apa  # braces are text in HTML
    library = bibtexparser.parse_string(bibtex)
    assert library.failed_blocks == []
    (entry,) = library.entries
    assert entry.key == "psychodynamictheory-one"
    assert set(entry.fields_dict) == {"author", "editor", "title", "booktitle", "year", "month", "url"}
    title = entry.fields_dict["title"].value
    # The author's braces and backslash are kept as commands BibTeX does not count as braces.
    assert "\\textbraceleft{}Brace\\textbraceright{} \\textbraceright{} \\textbackslash" in title, title
    assert re.sub(r"\\text(?:less|greater|braceleft|braceright|backslash)(?:\{\})?", "", title).count("{") == 0, title
    assert "\\emph" not in title and "Brace" in title and "onerror" in title.lower()
    assert entry.fields_dict["author"].value.count("{") == entry.fields_dict["author"].value.count("}")


def chapters(site: Path) -> list[Path]:
    return sorted((site / "chapters").glob("*.html"))


def test_the_boxes_are_formatted_beside_the_page_rendering_and_a_pandoc_failure_still_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pandoc formats the boxes in a background thread (common/background.py) while the
    pages render; what it raises still stops the build, with the same message."""
    import threading

    from conceptbook.citations import capability, formatter

    threads: list[str] = []
    real = capability.format_csl

    def spy(*args: object) -> object:
        threads.append(threading.current_thread().name)
        return real(*args)

    monkeypatch.setattr(capability, "format_csl", spy)
    chapter = CHAPTER.replace("Splitting and repair", "Splitting and repair in a thread")
    result = build_small_site(tmp_path / "ok", {"index.md": "# Home\n", "chapters/one.md": chapter})
    assert result.failed is None and not result.problems, result.text()
    assert len(threads) == 1 and threads[0].startswith("mkdocs-background"), threads

    failing = tmp_path / "pandoc"
    failing.write_text("#!/bin/sh\necho 'pandoc: out of memory' >&2\nexit 1\n")
    failing.chmod(0o755)
    monkeypatch.setattr(formatter, "pandoc_path", lambda: str(failing))
    chapter = CHAPTER.replace("Splitting and repair", "Splitting and repair with no Pandoc")
    result = build_small_site(tmp_path / "bad", {"index.md": "# Home\n", "chapters/one.md": chapter})
    assert result.failed is not None
    assert result.problems == [
        "ERROR: the 'Cite this chapter' boxes: Pandoc could not format them: pandoc: out of memory; fix the "
        "chapter it names, or reinstall Pandoc with pip install -r requirements.txt if it names none."
    ], result.text()


def chapter_authors(path: Path) -> tuple[list[str], int]:
    """A chapter's `authors` as CONTRIBUTING describes them (a name or a list), and the line."""
    text = path.read_text(encoding="utf-8")
    front = text.split("\n---", 1)[0] if text.startswith("---\n") else ""
    value = (yaml.safe_load(front.removeprefix("---\n")) or {}).get("authors") if front else None
    names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    line = next((n for n, s in enumerate(text.splitlines(), 1) if s.startswith("authors:")), 1)
    return [" ".join(str(n).split()) for n in names if str(n).strip()], line


def bibtex_name(name: str, group: str) -> str:
    """CONTRIBUTING's rule for a name: 'Ada Lovelace' and 'de la Tour, Jean' are people;
    the book's contributors (and a one-word name) are a group, printed as written."""
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        return f"{family}, {given}"
    if name == group or " " not in name:
        return f"{{{name}}}"
    given, family = name.rsplit(" ", 1)
    return f"{family}, {given}"


def test_every_chapter_of_the_real_site_has_exactly_one_cite_box_crediting_its_own_authors(site: Path) -> None:
    """The rule CONTRIBUTING states: the box credits the chapter's `authors`, in their
    order, and a chapter without `authors` is cited to the book's contributors."""
    with open(CONFIG, encoding="utf-8") as f:
        group = yaml.load(f, Loader=yaml.BaseLoader)["site_author"]
    assert len(chapters(site)) == len(list((ROOT / "docs" / "chapters").glob("*.md")))
    counts = {p.name: len(HTMLParser(p.read_text(encoding="utf-8")).css("details.cite-this")) for p in chapters(site)}
    assert set(counts.values()) == {1}, counts
    faults = []
    for page in chapters(site):
        apa, bibtex = box_of(page)
        key = f"psychodynamictheory-{page.stem}"
        assert bibtex.startswith(f"@incollection{{{key},\n"), page.name
        assert bibtex.endswith(f"url = {{https://psychodynamic-theory.github.io/textbook/chapters/{page.name}}}\n}}")
        source = ROOT / "docs" / "chapters" / f"{page.stem}.md"
        names, line = chapter_authors(source)
        expected = " and ".join(bibtex_name(n, group) for n in names or [group])
        found = re.search(r"^  author = \{(.*)\},$", bibtex, re.MULTILINE)
        if found is None or found.group(1) != expected:
            faults.append(
                f"docs/chapters/{source.name}:{line}: the Cite this chapter box credits "
                f"{found.group(1) if found else 'nobody'!r}, but the chapter's authors are {expected!r}; "
                f"write each person as 'Ada Lovelace' or 'de la Tour, Jean' (hooks/conceptbook/citations/citeme.py)"
            )
        first = bibtex_name((names or [group])[0], group).strip("{}").split(",")[0]
        if not apa.startswith(first):
            faults.append(f"docs/chapters/{source.name}:{line}: the APA reference does not start with {first!r}: {apa}")
    if faults:  # the messages alone: file:line, what is wrong, the fix
        pytest.fail("\n".join(faults), pytrace=False)


def test_a_named_author_beside_the_contributors_is_credited_as_contributing_md_shows(tmp_path: Path) -> None:
    """CONTRIBUTING's own example: `authors: [Psychodynamic Theory Open Textbook contributors, Ada Example]`."""
    chapter = CHAPTER.replace(
        'authors: [Ada Lovelace, "de la Tour, Jean"]',
        "authors: [Psychodynamic Theory Open Textbook contributors, Ada Example]",
    )
    result = build_small_site(tmp_path, {"index.md": "# Home\n", "chapters/one.md": chapter})
    assert (result.failed, result.problems) == (None, [])
    apa, bibtex = box_of(tmp_path / "site" / "chapters" / "one.html")
    assert apa.startswith(
        "Psychodynamic Theory Open Textbook contributors, &amp; Example, A. (2026). Splitting and repair. In "
    ), apa
    assert "  author = {{Psychodynamic Theory Open Textbook contributors} and Example, Ada},\n" in bibtex, bibtex


def test_no_other_page_has_a_cite_box_and_search_does_not_index_it(site: Path) -> None:
    others = [p for p in site.rglob("*.html") if "chapters" not in p.parts and "assets" not in p.parts]
    assert others
    holding = [str(p.relative_to(site)) for p in others if "cite-this" in p.read_text(encoding="utf-8")]
    assert holding == []  # concept pages, glossary, print.html (the whole book) ...
    assert "Cite this chapter" not in (site / "search" / "search_index.json").read_text(encoding="utf-8")


def test_citation_cff_says_what_mkdocs_yml_says_about_the_book() -> None:
    with open(CONFIG, encoding="utf-8") as f:
        config = yaml.load(f, Loader=yaml.BaseLoader)  # BaseLoader: mkdocs.yml has !!python tags
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for citation in (cff, cff["preferred-citation"]):
        assert citation["title"].split(":")[0] == config["site_name"]
        assert citation["url"] == config["site_url"]
        assert citation["authors"][0] == {"name": config["site_author"]}
    assert cff["repository-code"] == config["repo_url"]
    assert cff["license"] == "CC-BY-SA-4.0"
    assert "CC BY-SA 4.0" in config["copyright"]
    assert "Attribution-ShareAlike 4.0" in (ROOT / "LICENSE-CONTENT.md").read_text(encoding="utf-8")


def test_citation_cff_is_released_on_the_last_day_a_chapter_was_reviewed() -> None:
    """The book has no release tags; a chapter's review (`last_reviewed`) is what dates its
    own citation, so the book's release is the latest of them, and its version that date."""
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    reviewed = []
    for path in sorted((ROOT / "docs" / "chapters").glob("*.md")):
        found = re.search(r"^last_reviewed:\s*(\d{4}-\d{2}-\d{2})\s*$", path.read_text(encoding="utf-8"), re.M)
        if found:
            reviewed.append(datetime.date.fromisoformat(found.group(1)))
    latest = max(reviewed)
    want = (latest, latest.strftime("%Y.%m.%d"))
    if (cff.get("date-released"), cff.get("version")) != want:
        pytest.fail(
            f"CITATION.cff: date-released {cff.get('date-released')} and version {cff.get('version')!r}, but the "
            f"latest chapter review is {latest}; set 'date-released: {latest}' and 'version: \"{want[1]}\"'.",
            pytrace=False,
        )


def cff_name(author: dict[str, str]) -> str:
    return author.get("name") or f"{author.get('given-names', '')} {author.get('family-names', '')}".strip()


def test_citation_cff_credits_every_named_chapter_author_after_the_contributors() -> None:
    """CONTRIBUTING: a name in a chapter's `authors` is credited in that chapter's box and,
    after the contributors as a group, in CITATION.cff (GitHub's "Cite this repository")."""
    with open(CONFIG, encoding="utf-8") as f:
        group = yaml.load(f, Loader=yaml.BaseLoader)["site_author"]
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    faults = []
    for path in sorted((ROOT / "docs" / "chapters").glob("*.md")):
        names, line = chapter_authors(path)
        for name in names:
            if name == group:
                continue
            family, _, given = bibtex_name(name, group).strip("{}").partition(", ")
            entry = f'  - given-names: "{given}"\n    family-names: "{family}"' if given else f'  - name: "{family}"'
            for label, citation in (("authors", cff), ("preferred-citation: authors", cff["preferred-citation"])):
                credited = {cff_name(a) for a in citation["authors"]}
                if f"{given} {family}".strip() not in credited:
                    faults.append(
                        f"CITATION.cff: {name!r}, an author of docs/chapters/{path.name}:{line}, is not credited "
                        f"under '{label}:'; add these lines at the end of that list:\n{entry}"
                    )
    if faults:  # the messages alone: file:line, what is wrong, the fix
        pytest.fail("\n".join(faults), pytrace=False)


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        pytest.param(
            "title: '  Grief  and\n  loss '\nauthors: '  Ada   Lovelace '\nlast_reviewed: 2026-11-22\n",
            ("Grief and loss", ("Ada Lovelace",), datetime.date(2026, 11, 22)),
            id="one author as a string",
        ),
        pytest.param(
            "title: Grief\nauthors: [Ada Lovelace, 7, '  ', 'de la Tour, Jean']\nlast_reviewed: soon\n",
            ("Grief", ("Ada Lovelace", "de la Tour, Jean"), None),
            id="a list: only its names",
        ),
        pytest.param("title: Grief\nauthors: 7\n", ("Grief", (), None), id="authors neither a name nor a list"),
        pytest.param("title: '   '\n", None, id="a blank title"),
        pytest.param("title: 1900\n", None, id="a title that is not text"),
        pytest.param("description: no title\n", None, id="no title"),
        pytest.param("title: a\ntitle: b\n", None, id="front matter our reader refuses"),
    ],
)
def test_a_chapter_is_citable_with_a_title_its_authors_and_its_review_date(
    front: str, expected: tuple[str, tuple[str, ...], datetime.date | None] | None
) -> None:
    from conceptbook.citations.citeme import Chapter, read_chapter

    chapter = read_chapter("chapters/part-1/03-Grief_and Loss.md", f"---\n{front}---\n# Grief\n", URL, 3)
    if expected is None:
        assert chapter is None
    else:
        title, authors, reviewed = expected
        assert chapter == Chapter("03-griefandloss", title, authors, reviewed, URL, 3)
        unnamed = read_chapter("chapters/Öü_ä.md", f"---\n{front}---\n", None)
        assert unnamed is not None and (unnamed.slug, unnamed.number) == ("chapter", None)  # no letter a key can hold


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Lovelace, Ada", {"family": "Lovelace", "given": "Ada"}),
        ("Lovelace,  Ada, Jr.", {"family": "Lovelace", "given": "Ada, Jr."}),  # a suffix stays with the given name
        ("Ada Augusta Lovelace", {"family": "Lovelace", "given": "Ada Augusta"}),  # the last word is the family
        ("Ada Lovelace", {"family": "Lovelace", "given": "Ada"}),
        ("Plato", {"literal": "Plato"}),
        ("The book's contributors", {"literal": "The book's contributors"}),  # the book's own group author
    ],
)
def test_a_chapter_author_is_a_csl_person_or_printed_as_written(name: str, expected: dict[str, str]) -> None:
    from conceptbook.citations.citeme import Book, _name

    assert _name(name, Book("A book", "The book's contributors")) == expected


def _boxes(
    monkeypatch: pytest.MonkeyPatch, result: object, seconds: float = 300, after: float = 5
) -> tuple[object, list[tuple[str, str]]]:
    """A Citations whose boxes' Pandoc run is `result` (a Future), as on_nav leaves it, with the parts it places."""
    from concurrent.futures import Future

    from conceptbook.citations import capability
    from conceptbook.citations.citeme import Book, Chapter

    monkeypatch.setattr(capability, "PANDOC_SECONDS", seconds)
    citations = capability.Citations.__new__(capability.Citations)
    placed: list[tuple[str, str]] = []
    citations.site = SimpleNamespace(place=lambda src, marker, html: placed.append((src, html)))
    citations.render = lambda name, apa, bibtex: f"{name}: {apa} | {bibtex}"
    citations.book = Book("Book", "Contributors")
    citations.chapters = {
        f"chapters/{slug}.md": Chapter(slug, slug.title(), (), None, None) for slug in ("one", "two", "three")
    }
    future: Future[object] = Future()
    if result is not None:
        future.set_result(result)
    else:  # done only `after` seconds (5: waiting without a time limit fails the test instead of hanging it)
        timer = threading.Timer(after, future.set_result, [({"book-one": "APA one"}, {"book-one": "@one"})])
        timer.daemon = True
        timer.start()
    citations.formatting = future
    return citations, placed


def test_each_chapter_gets_its_box_when_pandoc_formatted_it_both_ways_and_once(monkeypatch: pytest.MonkeyPatch) -> None:
    apa = {"book-one": "APA one", "book-two": "APA two"}
    bibtex = {"book-one": "@one", "book-three": "@three"}
    citations, placed = _boxes(monkeypatch, (apa, bibtex))
    citations._format_cite_boxes()
    citations._format_cite_boxes()  # the run is used once: a second call places nothing
    assert placed == [("chapters/one.md", "cite-this: APA one | @one")]


def test_boxes_pandoc_did_not_format_in_time_stop_the_build_with_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.exceptions import PluginError

    citations, placed = _boxes(monkeypatch, None, seconds=-59.5)  # waits PANDOC_SECONDS + 60 = 0.5 s
    with pytest.raises(PluginError) as error:
        citations._format_cite_boxes()
    assert str(error.value) == (
        "the 'Cite this chapter' boxes: not formatted within 0.5 s; run the build again, and report it if it recurs."
    )
    assert placed == []


def test_the_boxes_wait_for_a_pandoc_run_that_ends_within_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    citations, placed = _boxes(monkeypatch, None, seconds=-58.5, after=0.3)  # waits up to 1.5 s; done at 0.3 s
    citations._format_cite_boxes()
    assert placed == [("chapters/one.md", "cite-this: APA one | @one")]
