"""Chapter and figure numbers come from the reading order (hooks/conceptbook/numbering/): unit tests
of the rules, and throw-away books whose nav is moved around."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conceptbook.numbering.core import chapter_numbers, figures, label
from sitebuild import build_small_site


def chapter(title: str, body: str) -> str:
    return f"---\ntitle: {title}\ndescription: A chapter for tests.\n---\n\n# {title}\n\n{body}\n"


def figure(name: str, caption: str) -> str:
    ident = f' id="{name}"' if name else ""
    return (
        f'<figure markdown="span"{ident}>\n  ![A box.](../assets/box.svg)\n'
        f"  <figcaption>{caption}</figcaption>\n</figure>\n"
    )


BOX = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#fff"/></svg>\n'


def book(**chapters: str) -> dict[str, str]:
    return {"index.md": "# Home\n\n<!-- chapter-cards -->\n", "assets/box.svg": BOX} | {
        f"chapters/{name}.md": text for name, text in chapters.items()
    }


ALPHA = chapter(
    "Alpha",
    "As @fig-ladder shows, and later @fig-circle too.\n\n"
    + figure("fig-ladder", "A ladder.")
    + "\n"
    + figure("", "A figure nothing refers to.")
    + "\n"
    + figure("fig-circle", "A circle."),
)
BETA = chapter("Beta", "Compare @fig-ladder with @fig-square.\n\n" + figure("fig-square", "A square."))


def heading(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", html, re.DOTALL)
    assert match is not None
    return match.group(1)


def captions(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<figcaption>(.*?)</figcaption>", html, re.DOTALL)]


def links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="([^"]*#fig-[^"]*)">([^<]*)</a>', html)


# -- the rules ------------------------------------------------------------------------


def test_chapters_are_numbered_in_reading_order_and_other_pages_are_not() -> None:
    order = ["index.md", "chapters/b.md", "about.md", "chapters/a.md", "concepts/x.md"]
    assert chapter_numbers(order, lambda src: src.startswith("chapters/")) == {"chapters/b.md": 1, "chapters/a.md": 2}


def test_figures_are_found_in_order_with_their_ids_lines_and_captions() -> None:
    text = "Text.\n<figure id=\"fig-a\">\n<figcaption>A.</figcaption>\n</figure>\n<figure>\n</figure>\n<figure id='b'>x</figure>\n"
    found = figures(text)
    assert [(f.index, f.name, f.line) for f in found] == [(1, "fig-a", 2), (2, "", 5), (3, "b", 7)]
    assert text[found[0].caption :].startswith("A.</figcaption>")
    assert found[1].caption is None and found[2].caption is None  # no <figcaption> inside them
    assert figures("<figcaption>not a figure</figcaption>") == []


def test_a_label_is_chapter_dot_figure() -> None:
    assert label(7, 2) == "Figure 7.2"


# -- books ----------------------------------------------------------------------------


def test_titles_captions_and_references_follow_the_reading_order(tmp_path: Path) -> None:
    result = build_small_site(tmp_path, book(alpha=ALPHA, beta=BETA))
    assert result.problems == []
    alpha = (result.site / "chapters/alpha.html").read_text(encoding="utf-8")
    beta = (result.site / "chapters/beta.html").read_text(encoding="utf-8")
    assert heading(alpha) == '<span class="chapter-number">1.</span> Alpha'
    assert "<title>2. Beta - " in beta
    assert captions(alpha) == [
        "Figure 1.1. A ladder.",
        "Figure 1.2. A figure nothing refers to.",
        "Figure 1.3. A circle.",
    ]
    assert links(alpha) == [("#fig-ladder", "Figure 1.1"), ("#fig-circle", "Figure 1.3")]
    assert links(beta) == [("alpha.html#fig-ladder", "Figure 1.1"), ("#fig-square", "Figure 2.1")]
    home = (result.site / "index.html").read_text(encoding="utf-8")
    assert re.findall(r">(\d+\. \w+)</a>", home) == ["1. Alpha", "2. Beta"]


def test_moving_a_chapter_renumbers_it_its_figures_and_every_reference(tmp_path: Path) -> None:
    files = book(alpha=ALPHA, beta=BETA)
    result = build_small_site(tmp_path, files, nav=["index.md", "chapters/beta.md", "chapters/alpha.md"])
    assert result.problems == []
    alpha = (result.site / "chapters/alpha.html").read_text(encoding="utf-8")
    beta = (result.site / "chapters/beta.html").read_text(encoding="utf-8")
    assert heading(beta) == '<span class="chapter-number">1.</span> Beta'
    assert heading(alpha) == '<span class="chapter-number">2.</span> Alpha'
    assert captions(beta) == ["Figure 1.1. A square."]
    assert links(beta) == [("alpha.html#fig-ladder", "Figure 2.1"), ("#fig-square", "Figure 1.1")]
    assert links(alpha) == [("#fig-ladder", "Figure 2.1"), ("#fig-circle", "Figure 2.3")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "See @fig-ladr.\n\n" + figure("fig-ladder", "A ladder."),
            "docs/chapters/alpha.md:8: unknown figure '@fig-ladr' — did you mean 'fig-ladder'?",
        ),
        (
            "Text.\n\n" + figure("fig-ladder", "Figure 5.1. A ladder."),
            "docs/chapters/alpha.md:12: the caption starts with a number typed by hand ('Figure 5.1.') — delete it",
        ),
        (
            "As [@fig-ladder] shows.\n\n" + figure("fig-ladder", "A ladder."),
            "docs/chapters/alpha.md:8: '[@fig-ladder]' — a figure reference takes no brackets: write @fig-ladder",
        ),
        (
            "Text.\n\n" + figure("fig-ladder", "A ladder.") + figure("fig-ladder", "Again."),
            "docs/chapters/alpha.md:14: the figure id 'fig-ladder' is also used at docs/chapters/alpha.md:10",
        ),
        (
            'Text.\n\n<figure markdown="span" id="fig-bare">\n  ![A box.](../assets/box.svg)\n</figure>\n',
            "docs/chapters/alpha.md:10: this figure has no caption — add <figcaption>",
        ),
    ],
    ids=["unknown-reference", "typed-number", "bracketed", "duplicate-id", "no-caption"],
)
def test_figure_mistakes_are_reported_with_file_line_and_fix(tmp_path: Path, body: str, expected: str) -> None:
    result = build_small_site(tmp_path, book(alpha=chapter("Alpha", body)))
    assert any(expected in message for message in result.problems), result.problems
    assert result.failed is not None  # strict: the warning fails the build
    assert not any("citation" in message for message in result.problems)  # never taken for a citation


def test_a_reference_in_code_is_shown_not_resolved(tmp_path: Path) -> None:
    body = "Write `@fig-ladder` to refer to it, as @fig-ladder does.\n\n" + figure("fig-ladder", "A ladder.")
    result = build_small_site(tmp_path, book(alpha=chapter("Alpha", body)))
    assert result.problems == []
    html = (result.site / "chapters/alpha.html").read_text(encoding="utf-8")
    assert "<code>@fig-ladder</code>" in html
    assert links(html) == [("#fig-ladder", "Figure 1.1")]


def test_the_real_book_numbers_its_figures_by_chapter(site: Path) -> None:
    defenses = (site / "chapters/defenses.html").read_text(encoding="utf-8")
    order = re.findall(r"^\s*- chapters/([\w-]+)\.md", (Path(__file__).parent.parent / "mkdocs.yml").read_text(), re.M)
    number = order.index("defenses") + 1
    assert heading(defenses) == f'<span class="chapter-number">{number}.</span> Defenses'
    assert captions(defenses)[:2] == [
        f"Figure {number}.1. Vaillant's levels of defense, least adaptive at the bottom, with examples. "
        "Source: adapted from Vaillant (1992).",
        f"Figure {number}.2. Horney's three directions of coping with other people. Source: adapted from Horney (1945).",
    ]
    assert not re.search(r"Figure \d+\.\d+\.\s*Figure", defenses)
