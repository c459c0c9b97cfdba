"""The question bank as the build sees it: one method per MkDocs event.

- on_files: every docs/questions/<chapter>.yml is read (and kept out of the site as a raw
  file); the answer key page and the exports join the files, filled in on_env.
- on_page_content: a chapter with a bank is checked against what only its page knows
  (the number of learning objectives, its headings), and the bank's HTML is made. It
  joins the finished page under the chapter's "Check your understanding" heading in
  on_post_page, after the search plugin has indexed the page: answers and feedback are
  not search results.
- on_env: every chapter is rendered, so the rules over a whole chapter (count, levels,
  key terms) are checked, concept pages get their "Test yourself" links, and the answer
  key, the instructors' summary and the exports are written.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink

from conceptbook.common.report import where
from conceptbook.common.templates import template_env
from conceptbook.glossary.markers import CONNECTIONS_MARKER
from conceptbook.glossary.report import did_you_mean

from . import exports
from .model import Bank, BankError, Item, chapter_key, load
from .rules import chapter_problems, counts, item_problems

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import TableOfContents

    from conceptbook.common.book import Book

log = logging.getLogger("mkdocs.hooks.questions")

BANK_DIR = "questions/"  # under docs/
HEADING = "check-your-understanding"  # the id of the heading a bank goes under
MARKER = "<!-- questions -->"
ANSWER_KEY = "answer-key.md"
ANSWER_KEY_MARKER = "<!-- answer-key -->"
SUMMARY_MARKER = "<!-- question-bank -->"  # on the instructors' page: counts and downloads
TEST_YOURSELF_ID = "concept--test-yourself"
EXPORT_DIR = "downloads/questions/"
_OBJECTIVES = re.compile(r'^!!! abstract "Learning objectives"[^\n]*\n((?:[ \t]*\n|    .*\n)*)', re.MULTILINE)
_BULLET = re.compile(r"^    [-*] ", re.MULTILINE)

ANSWER_KEY_SOURCE = f"""---
title: Answer key
description: The answers to every chapter's Check your understanding questions, with the feedback for each option.
search:
  exclude: true
---

# Answer key

The answers to the questions at the end of each chapter, with the reason for each option.
Try the questions in the chapter first: they are there to help you remember.

{ANSWER_KEY_MARKER}
"""


def objectives_in(source: str) -> int | None:
    """How many bullets the chapter's learning objectives box holds; None without a box."""
    match = _OBJECTIVES.search(source)
    return len(_BULLET.findall(match.group(1))) if match else None


def heading_ids(toc: TableOfContents) -> list[str]:
    found: list[str] = []
    stack = list(toc.items)
    while stack:
        item = stack.pop(0)
        found.append(item.id)
        stack[0:0] = list(item.children)
    return found


class Questions:
    def __init__(self, book: Book) -> None:
        self.book = book
        self.config = book.config
        self.path = book.path
        self.source = book.source
        self.templates = template_env(book.overrides / "questions")
        book.assembly.declare(TEST_YOURSELF_ID, CONNECTIONS_MARKER, 2, "the Test yourself questions")  # after them
        self.banks: dict[str, Bank] = {}  # chapter src_uri -> its bank
        self.tests: dict[str, list[dict[str, str]]] = {}  # concept slug -> items that test it
        self.titles: dict[str, str] = {}  # chapter src_uri -> its numbered title

    def render(self, name: str, **data: Any) -> str:
        return self.templates.get_template(f"{name}.html").render(**data)

    # -- on_files -------------------------------------------------------------------

    def on_files(self, files: Files, config: MkDocsConfig) -> None:
        self.banks, self.tests, self.titles = {}, {}, {}
        chapters = {f.src_uri for f in files.documentation_pages()}
        for file in list(files):
            if not file.src_uri.startswith(BANK_DIR):
                continue
            files.remove(file)  # the data, not a page: never copied to the site as it is
            path = self.path(file)
            name = file.src_uri[len(BANK_DIR) :]
            if not name.endswith(".yml"):
                log.warning(f"{path}: docs/questions/ holds one <chapter>.yml per chapter; rename or move this file.")
                continue
            chapter = f"chapters/{name.removesuffix('.yml')}.md"
            if chapter not in chapters:
                log.warning(
                    f"{path}: no chapter docs/{chapter} for this bank; name the file after its chapter's file "
                    "(a chapter in a subfolder of docs/chapters/: the same subfolder of docs/questions/)."
                )
                continue
            try:
                bank, problems = load(chapter, path, self.source(file))
            except BankError as error:
                log.warning(f"{where(path, error.line)}: {error.message}.")
                continue
            for line, message in problems:
                log.warning(f"{where(path, line)}: {message}.")
            self.banks[chapter] = bank
        if self.banks:
            files.append(File.generated(config, ANSWER_KEY, content=ANSWER_KEY_SOURCE))
            for name in exports.FILES:
                files.append(File.generated(config, EXPORT_DIR + name, content=b""))  # filled in on_env

    # -- pages --------------------------------------------------------------------

    def on_page_content(
        self,
        content: str,
        page: Page,
        known_concept: Callable[[str], bool],
        concepts: list[str],
        known_key: Callable[[str], bool],
    ) -> str:
        src_uri = page.file.src_uri
        bank = self.banks.get(src_uri)
        heading = f'id="{HEADING}"'
        if bank is None:
            if heading in content and src_uri.startswith("chapters/"):
                log.warning(
                    f"{self.path(page.file)}: the chapter has a 'Check your understanding' heading but no question bank; "
                    f"write docs/{BANK_DIR}{src_uri.removeprefix('chapters/').removesuffix('.md')}.yml (see CONTRIBUTING.md, 'Questions')."
                )
            return content
        sections = heading_ids(page.toc)
        self.titles[src_uri] = page.title or src_uri
        objectives = objectives_in(self.source(page.file))
        for item in bank.items:
            for line, message in item_problems(
                item,
                known_concept=known_concept,
                concept_hint=lambda slug: did_you_mean(slug, concepts),
                objectives=objectives,
                sections=sections,
                known_key=known_key,
            ):
                log.warning(f"{where(bank.path, line)}: {message}.")
        if heading not in content:
            log.warning(
                f"{self.path(page.file)}: {bank.path} has questions for this chapter but it has no "
                "'## Check your understanding' heading; add the heading where the questions go (after the Summary)."
            )
            return content
        self.book.place(
            src_uri, MARKER, self.render("bank", chapter=chapter_key(src_uri), items=[_view(i) for i in bank.items])
        )
        end = content.find("</h2>", content.find(heading))
        return f"{content[: end + 5]}\n{MARKER}\n{content[end + 5 :]}"

    # -- on_env ---------------------------------------------------------------------

    def on_env(
        self,
        files: Files,
        key_terms: dict[str, list[str]],
        chapter_order: list[str],
        relative: Callable[[str, str], str],
        concepts: list[tuple[str, str, str]],
    ) -> None:
        self.book.carry.keep("questions.titles", self.titles)  # a dirty rebuild: see common/incremental.py
        if not self.banks:
            return
        order = [src for src in chapter_order if src in self.banks]
        for src in order:
            bank = self.banks[src]
            for line, message in chapter_problems(bank, key_terms.get(src, [])):
                log.warning(f"{where(bank.path, line)}: {message}.")
        chapter_url = {src: files.get_file_from_path(src).url for src in order if files.get_file_from_path(src)}  # type: ignore[union-attr]
        # "Test yourself" on each concept page: links to the questions that test it.
        for src in order:
            for number, item in enumerate(self.banks[src].items, start=1):
                for slug in item.concepts:
                    self.tests.setdefault(slug, []).append(
                        {
                            "chapter": self.titles.get(src, src),
                            "number": str(number),
                            "url": f"{chapter_url[src]}#q-{item.id}",
                            "stem": item.stem,
                        }
                    )
        for slug, entries in self.tests.items():
            concept = files.get_file_from_path(f"concepts/{slug}.md")
            if concept is None or concept.page is None or not self.book.carry.built(concept.src_uri):
                continue
            for entry in entries:
                entry["href"] = relative(entry["url"], concept.url)
            items = concept.page.toc.items
            (items[0].children if items and items[0].level == 1 else items).append(
                AnchorLink("Test yourself", TEST_YOURSELF_ID, 2)
            )
            block = functools.partial(self.render, "test-yourself", id=TEST_YOURSELF_ID, items=entries)
            self.book.place(concept.src_uri, CONNECTIONS_MARKER, block, 1, replaces=False)  # just after them
        chapters: list[dict[str, Any]] = [
            {
                "title": self.titles.get(src, src),
                "key": chapter_key(src),
                "items": [_view(i) for i in self.banks[src].items],
                "counts": counts(self.banks[src]),
            }
            for src in order
        ]
        key = files.get_file_from_path(ANSWER_KEY)
        if key is not None and key.page is not None and key.page.content:
            for chapter, src in zip(chapters, order, strict=True):
                chapter["url"] = relative(chapter_url[src], key.url)
            key.page.content = key.page.content.replace(ANSWER_KEY_MARKER, self.render("answer-key", chapters=chapters))
            items = key.page.toc.items
            parent = items[0].children if items and items[0].level == 1 else items
            for chapter in chapters:
                parent.append(AnchorLink(chapter["title"], f"answers--{chapter['key']}", 2))
        made = exports.make_all(
            self.config.site_name,
            [(c["title"], self.banks[src]) for c, src in zip(chapters, order, strict=True)],
            concepts,
            self.book.settings.source_date_epoch,
        )
        for name, data in made.items():
            file = files.get_file_from_path(EXPORT_DIR + name)
            if file is not None:
                file.content_bytes = data
        for file in files.documentation_pages():
            page = file.page
            if page is not None and page.content and SUMMARY_MARKER in page.content:
                rows = [{"title": c["title"], "counts": c["counts"], "total": len(c["items"])} for c in chapters]
                page.content = page.content.replace(
                    SUMMARY_MARKER,
                    self.render(
                        "summary",
                        rows=rows,
                        levels=exports.LEVELS,
                        types=exports.TYPES,
                        downloads=[(relative(EXPORT_DIR + n, file.url), n, what) for n, what in exports.FILES.items()],
                        answer_key=relative(files.get_file_from_path(ANSWER_KEY).url, file.url),  # type: ignore[union-attr]
                    ),
                )


def _view(item: Item) -> dict[str, Any]:
    """One question as the templates see it: plain values, every text escaped by Jinja."""
    view: dict[str, Any] = {
        "id": item.id,
        "type": item.type,
        "level": item.level,
        "stem": item.stem,
        "vignette": item.vignette,
        "section": item.section,
        "concepts": list(item.concepts),
    }
    if item.type in ("multiple-choice", "multiple-response"):
        view["options"] = [{"text": o.text, "correct": o.correct, "feedback": o.feedback} for o in item.options]
    elif item.type == "true-false":
        view["options"] = [
            {"text": "True", "correct": item.answer is True, "feedback": item.explanation},
            {"text": "False", "correct": item.answer is False, "feedback": item.explanation},
        ]
        view["explanation"] = item.explanation
    elif item.type == "matching":
        view["pairs"] = [{"prompt": p.prompt, "match": p.match} for p in item.pairs]
        view["choices"] = exports.matching_choices(item)
        view["explanation"] = item.explanation
    else:
        view["model_answer"] = item.model_answer
        view["marking_points"] = list(item.marking_points)
    return view
