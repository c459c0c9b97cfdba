"""Chapter and figure numbers as the build sees them: one method per MkDocs event.

- on_nav: the reading order is known, so every chapter gets its number and every figure
  with a `fig-` id its label ("Figure 7.1"); a repeated id is reported.
- on_page_markdown: a chapter's title gets its number ("7. Defenses", which the nav, the
  page's <title> and search show), each of its captions its label, and every `@fig-name`
  on any page becomes a link to the figure, labelled with its number.
- on_page_content: the chapter's heading shows its number.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable
from typing import TYPE_CHECKING

from conceptbook.common.report import where
from conceptbook.glossary.chapters import is_chapter
from conceptbook.glossary.report import did_you_mean, log
from conceptbook.glossary.sourcelines import mask_code

from .core import HAND_NUMBER, REFERENCE, chapter_numbers, figures, label

if TYPE_CHECKING:
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

_HOW = (
    'Give the figure an id, <figure markdown="span" id="fig-name">, and write @fig-name in the text; '
    "the build writes it as 'Figure 7.1' and numbers captions itself"
)


class Numbering:
    def __init__(self, path: Callable[[File], str], source: Callable[[File], str]) -> None:
        self.path = path
        self.source = source
        self.chapters: dict[str, int] = {}  # src_uri -> chapter number
        self.targets: dict[str, tuple[str, str]] = {}  # fig-name -> (src_uri, "Figure 7.1")

    def on_nav(self, reading_order: list[str], files: Files) -> None:
        self.chapters = chapter_numbers(reading_order, is_chapter)
        self.targets = {}
        seen: dict[str, str] = {}  # fig-name -> where it was first given
        for src_uri, number in self.chapters.items():
            file = files.get_file_from_path(src_uri)
            if file is None:
                continue
            path, text = self.path(file), self.source(file)
            for figure in figures(mask_code(text)):
                if not figure.name.startswith("fig-"):
                    continue
                if figure.name in seen:
                    log.warning(
                        f"{where(path, figure.line)}: the figure id '{figure.name}' is also used at "
                        f"{seen[figure.name]} — give each figure its own id."
                    )
                    continue
                seen[figure.name] = where(path, figure.line)
                self.targets[figure.name] = (src_uri, label(number, figure.index))

    def number(self, src_uri: str) -> int | None:
        return self.chapters.get(src_uri)

    def on_page_markdown(self, markdown: str, page: Page, path: str, source: str) -> str:
        src_uri = page.file.src_uri
        first_line = source.count("\n", 0, len(source) - len(markdown)) if source.endswith(markdown) else 0
        number = self.chapters.get(src_uri)
        if number is not None:
            title = page.meta.get("title")
            if isinstance(title, str) and title:
                page.meta["title"] = f"{number}. {title}"  # already escaped (safety/meta.py)
            markdown = self._captions(markdown, number, path, first_line)
        if "@fig-" in markdown:
            markdown = self._references(markdown, src_uri, path, first_line)
        return markdown

    def _captions(self, markdown: str, number: int, path: str, first_line: int) -> str:
        parts: list[str] = []
        at = 0
        for figure in figures(mask_code(markdown)):
            line = first_line + figure.line
            if figure.caption is None:
                log.warning(
                    f"{where(path, line)}: this figure has no caption — add <figcaption>What it shows. "
                    "Source: ...</figcaption> inside it (the build puts its number in front)."
                )
                continue
            caption_start = figure.caption
            typed = HAND_NUMBER.match(markdown, caption_start)
            if typed is not None:
                line = first_line + markdown.count("\n", 0, caption_start) + 1
                log.warning(
                    f"{where(path, line)}: the caption starts with a number typed by hand "
                    f"('{typed.group().strip()}') — delete it: the build numbers figures from the "
                    "reading order, and @fig-name refers to one."
                )
                caption_start = typed.end()
            parts.append(markdown[at : figure.caption])
            parts.append(f'<span class="figure-number">{label(number, figure.index)}.</span> ')
            at = caption_start
            while at < len(markdown) and markdown[at] in " \t":
                at += 1
        parts.append(markdown[at:])
        return "".join(parts)

    def _references(self, markdown: str, src_uri: str, path: str, first_line: int) -> str:
        masked = mask_code(markdown)
        parts: list[str] = []
        at = 0
        for match in REFERENCE.finditer(masked):
            name = match.group("name")
            line = first_line + masked.count("\n", 0, match.start()) + 1
            parts.append(markdown[at : match.start()])
            at = match.end()
            bracket, close = match.group("bracket") or "", match.group("close") or ""
            bracketed = bool(bracket and close)
            if not bracketed:
                parts.append(bracket)  # a "[" or "]" that belongs to something else stays
                at -= len(close)
            if bracketed:
                log.warning(
                    f"{where(path, line)}: '{match.group()}' — a figure reference takes no brackets: "
                    f"write @{name} in the sentence ('as @{name} shows'), which the build writes as 'Figure 7.1'."
                )
            target = self.targets.get(name)
            if target is None:
                log.warning(
                    f"{where(path, line)}: unknown figure '@{name}'{did_you_mean(name, self.targets) or '.'} "
                    f"{_HOW}. Figures of the book: {', '.join(sorted(self.targets)) or 'none yet'}."
                )
                parts.append("&#64;" + html.escape(name))  # shown as written, never a citation
                continue
            target_src, text = target
            if target_src == src_uri:
                href = f"#{name}"
            else:
                href = posixpath.relpath(target_src, posixpath.dirname(src_uri) or ".") + f"#{name}"
            parts.append(f"[{text}]({href})")
        parts.append(markdown[at:])
        return "".join(parts)

    def on_page_content(self, content: str, page: Page) -> str:
        """The chapter's number at the start of its heading: '<h1 id=…><span …>7.</span> Defenses'."""
        number = self.chapters.get(page.file.src_uri)
        start = content.find("<h1") if number is not None else -1
        if start < 0:
            return content
        end = content.find(">", start)
        if end < 0:
            return content
        return f'{content[: end + 1]}<span class="chapter-number">{number}.</span> {content[end + 1 :]}'
