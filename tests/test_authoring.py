"""Unit tests of hooks/conceptbook/authoring/: which lines count as prose, the key a hand-typed
citation should become, where a link points and what the build says about it. Expected values
are written out; the messages' wording is also checked on a throw-away book in
tests/test_contributing.py."""

from __future__ import annotations

import logging

import pytest

from conceptbook.authoring import check_page
from conceptbook.authoring.links import FileIndex, local_path, missing_targets, targets
from conceptbook.authoring.prose import guessed_key, hand_typed_citations, placeholders, prose_lines

# --- prose.py -----------------------------------------------------------------------------

FENCED = """---
title: T
...
A
```py
x
~~~
```
B `code (Bowlby, 1969)` C ``a ` b`` D
  ~~~
```
~~~
E"""


def test_prose_lines_skip_front_matter_and_fenced_code_and_blank_inline_code() -> None:
    assert list(prose_lines(FENCED)) == [(4, "A"), (9, "B" + " " * 23 + "C" + " " * 11 + "D"), (13, "E")]


def test_prose_lines_keep_front_matter_when_asked() -> None:
    assert list(prose_lines(FENCED, front_matter=True))[:4] == [(1, "---"), (2, "title: T"), (3, "..."), (4, "A")]


@pytest.mark.parametrize(
    ("source", "lines"),
    [
        pytest.param("---\ntitle: T\n---  \nA", [(4, "A")], id="closing line with trailing spaces"),
        pytest.param("---\ntitle: T\nA", [(1, "---"), (2, "title: T"), (3, "A")], id="never closed: all prose"),
        pytest.param("x\n---\ny\n---\nz", [(1, "x"), (2, "---"), (3, "y"), (4, "---"), (5, "z")], id="not at the top"),
        pytest.param("---\n---\nA", [(3, "A")], id="empty front matter"),
        pytest.param("", [], id="empty page"),
    ],
)
def test_front_matter_is_only_the_block_that_opens_the_page(source: str, lines: list[tuple[int, str]]) -> None:
    assert list(prose_lines(source)) == lines


@pytest.mark.parametrize(
    ("surname", "year", "key"),
    [
        ("Bowlby", "1969", "bowlby1969"),
        ("Ainsworth-Éwing", "1978b", "ainsworthewing1978b"),
        ("O'Neil", "2001", "oneil2001"),
        ("MØLLER", "2020", "mller2020"),
    ],
)
def test_the_key_a_hand_typed_citation_should_become(surname: str, year: str, key: str) -> None:
    assert guessed_key(surname, year) == key


def test_a_citation_in_the_front_matter_is_reported_with_its_line() -> None:
    source = "---\nsummary: As shown (Bowlby, 1969).\n---\n\n# T\n"
    assert hand_typed_citations("docs/concepts/t.md", source) == [
        "docs/concepts/t.md:2: '(Bowlby, 1969)' is a citation typed by hand; write [@bowlby1969] instead, after "
        "adding the work's entry with that key to docs/references.bib (CONTRIBUTING.md, Citations)"
    ]


def test_an_unknown_key_asks_for_the_entry_first() -> None:
    assert hand_typed_citations("docs/x.md", "(Main et al., 1985)", {"bowlby1969"}.__contains__) == [
        "docs/x.md:1: '(Main et al., 1985)' is a citation typed by hand; write [@main1985] instead, after "
        "adding the work's entry with that key to docs/references.bib (CONTRIBUTING.md, Citations)"
    ]


def test_a_hand_typed_reference_line_and_each_citation_on_a_line_are_reported_in_order() -> None:
    source = (
        "# References\n"
        "- Bowlby, J. (1969). Attachment. Basic Books.\n"
        "Winnicott, D. W. (1953, March 4). Transitional objects.\n"
        "Both (Klein, 1946) and (Fairbairn, 1952) said so.\n"
    )
    assert hand_typed_citations("docs/x.md", source, {"fairbairn1952"}.__contains__) == [
        "docs/x.md:1: a hand-typed reference section; delete it: the build lists the works the page cites "
        "(CONTRIBUTING.md, Citations)",
        "docs/x.md:2: a hand-typed reference; delete it and cite the work in the text with its key, e.g. "
        "[@bowlby1969] (CONTRIBUTING.md, Citations)",
        "docs/x.md:3: a hand-typed reference; delete it and cite the work in the text with its key, e.g. "
        "[@bowlby1969] (CONTRIBUTING.md, Citations)",
        "docs/x.md:4: '(Klein, 1946)' is a citation typed by hand; write [@klein1946] instead, after adding the "
        "work's entry with that key to docs/references.bib (CONTRIBUTING.md, Citations)",
        "docs/x.md:4: '(Fairbairn, 1952)' is a citation typed by hand; write [@fairbairn1952] instead (its entry "
        "is in docs/references.bib)",
    ]


def test_one_placeholder_is_named_without_a_list_of_others() -> None:
    assert placeholders("docs/x.md", "# X\nTODO: write\n") == (
        "docs/x.md:2: 'TODO:' from the template is still here; replace each with your text (make test fails "
        "while any is left)"
    )
    assert placeholders("docs/x.md", "TODO: a\nTODO: b\n") == (
        "docs/x.md:1: 'TODO:' from the template is still here (and 1 more, on lines 2); replace each with your "
        "text (make test fails while any is left)"
    )


# --- links.py -----------------------------------------------------------------------------

LINKS = """# X

[a](plain.md "title") and ![b](<with space.png>) and [c]( spaced.md )
<!-- [hidden](gone.md)
[hidden too](gone.md) -->
[ref]: <defined.md>
   [three]: three.md
    [four]: indented-code.md
[^1]: a footnote, [not](a-link-either.md)
<img SRC='single.svg'> <a href="double.md">x</a> <img src = "">
`[code](code.md)`
[empty](<>)
"""


def test_targets_are_every_link_and_image_with_its_line() -> None:
    assert targets(LINKS) == [
        (3, "plain.md"),
        (3, "with space.png"),
        (3, "spaced.md"),
        (6, "defined.md"),
        (7, "three.md"),
        (9, "a-link-either.md"),
        (10, "single.svg"),
        (10, "double.md"),
        (10, ""),
        (12, ""),
    ]


@pytest.mark.parametrize(
    ("target", "path"),
    [
        ("", None),
        ("   ", None),
        ("#part", None),
        ("/site-absolute.md", None),
        ("{{ macro }}", None),
        ("@citation", None),
        ("https://example.org/a.md", None),
        ("mailto:a@example.org", None),
        ("c+d.e-f:x", None),
        ("?query", None),
        ("1abc:x.md", "1abc:x.md"),
        (" page.md?a=1#part ", "page.md"),
        ("page.md#part?x", "page.md"),
        ("my%20file.md", "my file.md"),
        # tabs and line breaks, typed or as character references, are dropped as a browser drops them
        ("chap\tter.md", "chapter.md"),
        ("chap&#10;ter.md#x", "chapter.md"),
        ("ch\r\napter.md", "chapter.md"),
    ],
)
def test_the_file_part_of_a_relative_target(target: str, path: str | None) -> None:
    assert local_path(target) == path


class _File:
    def __init__(self, src_uri: str) -> None:
        self.src_uri = src_uri


def index(*uris: str) -> FileIndex:
    return FileIndex([_File(u) for u in uris])  # type: ignore[misc]


def test_the_index_knows_every_file_and_folder() -> None:
    found = index("index.md", "chapters/one.md", "assets/figures/a.svg")
    assert found.known == ["index.md", "chapters/one.md", "assets/figures/a.svg"]
    assert found.present == {
        "index.md",
        "chapters/one.md",
        "assets/figures/a.svg",
        "",
        "chapters",
        "assets/figures",
    }


Q = "q" * 20  # a name like no file of BOOK
BOOK = index("index.md", "chapters/x.md", "chapters/attachment.md", "guide/index.md", "assets/figures/a.svg")


@pytest.mark.parametrize(
    "target", ["../", "./", "../guide/", "../guide", "../assets/figures", "attachment.md", "../index.md"]
)
def test_a_link_to_an_existing_file_or_folder_is_not_reported(target: str) -> None:
    assert missing_targets("docs/chapters/x.md", "chapters/x.md", f"[a]({target})\n", BOOK) == []


def test_a_link_to_the_home_folder_from_the_top_is_not_reported() -> None:
    assert missing_targets("docs/index.md", "index.md", "[a](./)\n[b](guide/)\n", BOOK) == []


def test_a_missing_target_is_reported_once_and_an_image_is_called_an_image() -> None:
    source = f"[a]({Q}.md)\n![b]({Q}.PNG)\n[c]({Q}.md)\n"
    assert missing_targets("docs/chapters/x.md", "chapters/x.md", source, BOOK) == [
        f"docs/chapters/x.md:1: the link '{Q}.md' points to docs/chapters/{Q}.md, which does not exist; no file "
        "has a similar name; docs/chapters/ holds attachment.md, x.md. Correct the path or add the file.",
        f"docs/chapters/x.md:2: the image '{Q}.PNG' points to docs/chapters/{Q}.PNG, which does not exist; no "
        "file has a similar name; docs/chapters/ holds attachment.md, x.md. Correct the path or add the file.",
    ]


def test_every_link_of_a_page_is_checked_after_a_skipped_or_an_existing_one() -> None:
    source = f"[top](#part)\n[ok](attachment.md)\n[bad]({Q}.md)\n[again]({Q}.md)\n![img]({Q}.svg)\n[x](../chaptersX)\n"
    assert [m.split(": the ")[0] for m in missing_targets("docs/chapters/x.md", "chapters/x.md", source, BOOK)] == [
        "docs/chapters/x.md:3",
        "docs/chapters/x.md:5",
        "docs/chapters/x.md:6",
    ]


def test_a_target_outside_the_docs_folder_is_shown_as_resolved() -> None:
    assert missing_targets("docs/chapters/x.md", "chapters/x.md", "[o](../../outside.md)\n", BOOK) == [
        "docs/chapters/x.md:1: the link '../../outside.md' points to ../outside.md, which does not exist; the "
        "folder docs/../ has no files; correct the path or add the file."
    ]


def test_a_top_level_page_named_otherwise_calls_its_folder_dot() -> None:
    assert missing_targets("elsewhere.md", "index.md", f"[a]({Q}.md)\n", BOOK) == [
        f"elsewhere.md:1: the link '{Q}.md' points to {Q}.md, which does not exist; no file has a similar name; "
        "./ holds index.md. Correct the path or add the file."
    ]


def test_a_page_whose_path_does_not_end_with_its_uri_is_named_as_given() -> None:
    assert missing_targets("elsewhere/x.md", "chapters/x.md", "[a](atachment.md)\n", BOOK) == [
        "elsewhere/x.md:1: the link 'atachment.md' points to chapters/atachment.md, which does not exist; did "
        "you mean 'attachment.md'? (a path is relative to the page's own folder, chapters/)"
    ]


def test_a_suggestion_from_a_top_level_page_is_relative_to_the_top() -> None:
    assert missing_targets("docs/index.md", "index.md", "[a](chapters/atachment.md)\n", BOOK) == [
        "docs/index.md:1: the link 'chapters/atachment.md' points to docs/chapters/atachment.md, which does not "
        "exist; did you mean 'chapters/attachment.md'? (a path is relative to the page's own folder, docs/)"
    ]


def test_a_folder_with_more_than_eight_files_is_listed_up_to_eight() -> None:
    many = index(*(f"notes/{c}.md" for c in "jihgfedcba"))
    assert missing_targets("docs/notes/a.md", "notes/a.md", "[x](zzzzzzzzzzzz.md)\n", many) == [
        "docs/notes/a.md:1: the link 'zzzzzzzzzzzz.md' points to docs/notes/zzzzzzzzzzzz.md, which does not "
        "exist; no file has a similar name; docs/notes/ holds a.md, b.md, c.md, d.md, e.md, f.md, g.md, h.md, …. "
        "Correct the path or add the file."
    ]
    eight = index(*(f"notes/{c}.md" for c in "hgfedcba"))
    assert missing_targets("docs/notes/a.md", "notes/a.md", "[x](zzzzzzzzzzzz.md)\n", eight) == [
        "docs/notes/a.md:1: the link 'zzzzzzzzzzzz.md' points to docs/notes/zzzzzzzzzzzz.md, which does not "
        "exist; no file has a similar name; docs/notes/ holds a.md, b.md, c.md, d.md, e.md, f.md, g.md, h.md. "
        "Correct the path or add the file."
    ]


def test_a_near_name_needs_a_ratio_of_six_tenths() -> None:
    # 'chapters/abcdefgh.md' against 'chapters/abcdwxyz.md': 32 of 40 characters match (0.8);
    # 'chapters/a.md' against 'chapters/wxyz.md': 0.69; 'q/r.md' against 'chapters/x.md': 0.42.
    book = index("chapters/abcdwxyz.md", "chapters/x.md")
    assert [
        m.split("; ", 1)[1]
        for m in missing_targets("docs/chapters/x.md", "chapters/x.md", "[a](abcdefgh.md)\n[b](../q/r.md)\n", book)
    ] == [
        "did you mean 'abcdwxyz.md'? (a path is relative to the page's own folder, docs/chapters/)",
        "the folder docs/q/ has no files; correct the path or add the file.",
    ]


# --- __init__.py: what the build logs -------------------------------------------------------


class _Page:
    def __init__(self, src_uri: str, generated_by: str | None = None, abs_src_path: str | None = "/docs/x.md"):
        self.src_uri = src_uri
        self.generated_by = generated_by
        self.abs_src_path = abs_src_path


SOURCE = f"# X\n\n(Bowlby, 1969) and [a]({Q}.md)\n\nTODO: write\n"


def logged(page: _Page, caplog: pytest.LogCaptureFixture) -> list[tuple[str, int, str]]:
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        check_page(page, "docs/chapters/x.md", SOURCE, BOOK, {"bowlby1969"}.__contains__)  # type: ignore[arg-type]
    return [(r.name, r.levelno, r.getMessage()) for r in caplog.records]


def test_check_page_warns_about_citations_and_links_and_informs_about_placeholders(
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert logged(_Page("chapters/x.md"), caplog) == [
        (
            "mkdocs.hooks.authoring",
            logging.WARNING,
            "docs/chapters/x.md:3: '(Bowlby, 1969)' is a citation typed by hand; write [@bowlby1969] instead "
            "(its entry is in docs/references.bib)",
        ),
        (
            "mkdocs.hooks.authoring",
            logging.WARNING,
            f"docs/chapters/x.md:3: the link '{Q}.md' points to docs/chapters/{Q}.md, which does not exist; no "
            "file has a similar name; docs/chapters/ holds attachment.md, x.md. Correct the path or add the file.",
        ),
        (
            "mkdocs.hooks.authoring",
            logging.INFO,
            "docs/chapters/x.md:5: 'TODO:' from the template is still here; replace each with your text (make "
            "test fails while any is left)",
        ),
    ]


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(_Page("chapters/x.md", generated_by="a plugin"), id="generated"),
        pytest.param(_Page("chapters/x.md", abs_src_path=None), id="no source file"),
    ],
)
def test_check_page_leaves_pages_without_a_source_alone(page: _Page, caplog: pytest.LogCaptureFixture) -> None:
    assert logged(page, caplog) == []
