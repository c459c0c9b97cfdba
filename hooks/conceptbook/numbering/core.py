"""Chapter and figure numbers from the reading order: the rules, with no MkDocs or Markdown.

A chapter's number is its place among the chapters of the nav (1, 2, 3 ...). A figure is
a `<figure>` element of a chapter; figures are numbered in the order they stand in the
chapter: the third figure of chapter 7 is "Figure 7.3". A figure that text refers to
has an id that starts with `fig-`:

    <figure markdown="span" id="fig-defense-levels">
      ![...](../assets/figures/defense-levels.svg)
      <figcaption>Vaillant's levels of defense ...</figcaption>
    </figure>

and the text refers to it as `@fig-defense-levels` (Quarto's and pandoc-crossref's
convention), which the build writes as a link, "Figure 7.1". Moving a chapter in the
nav renumbers the chapter, its figures and every reference to them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# A <figure ...> start tag (not <figcaption>), with its attributes; its id is the attribute
# named exactly `id` (not `data-id` or `xml:id`).
_FIGURE = re.compile(r"<figure(?=[\s>/])(?P<attrs>[^>]*)>", re.IGNORECASE)
_ID = re.compile(r"""(?<![\w:-])id\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'>]+))""", re.IGNORECASE)
_CAPTION = re.compile(r"<figcaption(?=[\s>])[^>]*>", re.IGNORECASE)
_FIGURE_END = re.compile(r"</figure\s*>", re.IGNORECASE)
# A number typed by hand at the start of a caption: "Figure 5.1." or "Fig. 2:".
HAND_NUMBER = re.compile(r"\s*(?:Figure|Fig\.)\s*\d+(?:\.\d+)*\s*[.:]?", re.IGNORECASE)
# A reference: @fig-name, not part of a word, an e-mail address or inline code. The
# optional `[`/`[-` before it is Pandoc's citation bracket, which figures do not take.
NAME = r"fig-[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?"
REFERENCE = re.compile(rf"(?P<bracket>\[-?)?(?<![\w@`/:.=?&])@(?P<name>{NAME})(?P<close>\])?")


@dataclass(frozen=True)
class Figure:
    """One figure of a chapter: its number within the chapter, id (may be empty) and line."""

    index: int  # 1, 2, 3 ... within its chapter
    name: str  # the id, "fig-defense-levels", or "" for a figure nothing refers to
    line: int  # of its <figure> tag, in the text scanned
    start: int  # character offsets of the <figure> tag
    end: int
    caption: int | None  # offset just after its <figcaption ...> tag, None without one


def figures(text: str) -> list[Figure]:
    """Every `<figure>` in `text`, in order, with the offset of its caption."""
    found = []
    for index, match in enumerate(_FIGURE.finditer(text), start=1):
        id_match = _ID.search(match.group("attrs"))
        name = ""
        if id_match is not None:
            name = next(g for g in id_match.group("dq", "sq", "bare") if g is not None)
        end = _FIGURE_END.search(text, match.end())
        caption = _CAPTION.search(text, match.end(), end.start() if end else len(text))
        found.append(
            Figure(
                index=index,
                name=name,
                line=text.count("\n", 0, match.start()) + 1,
                start=match.start(),
                end=match.end(),
                caption=caption.end() if caption else None,
            )
        )
    return found


def chapter_numbers(reading_order: Iterable[str], is_chapter: Callable[[str], bool]) -> dict[str, int]:
    """Each chapter's number: its place among the chapters of the reading order."""
    chapters = [src for src in reading_order if is_chapter(src)]
    return {src: number for number, src in enumerate(chapters, start=1)}


def label(chapter: int, figure: int) -> str:
    """'Figure 7.3'."""
    return f"Figure {chapter}.{figure}"
