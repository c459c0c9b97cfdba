"""What the book's Markdown extensions share: running under the hooks or on their own.

The term linker (`conceptbook.glossary.linker`) and citations (`conceptbook.citations.cite`)
each run one of two ways:

- **hosted**: the MkDocs hooks make the extension with the build's data (a `Linker`, a
  `Citer`) and set the page before each page's Markdown; the extension loads nothing.
- **on its own**, under plain Python-Markdown (or an engine that runs only Python-Markdown
  extensions, such as Zensical)::

      markdown.Markdown(
          extensions=["conceptbook.glossary.linker", "conceptbook.citations.cite"],
          extension_configs={
              "conceptbook.glossary.linker": {"docs_dir": "docs", "page": "chapters/attachment.md"},
              "conceptbook.citations.cite": {"docs_dir": "docs", "page": "chapters/attachment.md"},
          },
      )

  Python-Markdown calls each module's `makeExtension(**options)`. The extension reads
  what it needs from the folders its options name (the concept files; references.bib),
  once per extension instance, and the page from its `page` option.

Options, the same for both extensions (citations add `bibliography`):

- `docs_dir`: the book's docs folder, which holds concepts/ and references.bib.
- `page`: the page being converted, as its path under `docs_dir` (chapters/attachment.md):
  where links point from, what messages name, and (for terms) whether first mentions are
  linked, which happens in chapters only. To convert several pages with one Markdown
  instance, set it before each with Python-Markdown's own `setConfig("page", ...)` on the
  extension (it is in `md.registeredExtensions`); the page's text is what `convert` gets.
- `overrides_dir`: the theme's custom_dir, whose templates make the late parts (default:
  the folder `overrides` beside `docs_dir`, as in this book).
- `late_parts`: add at the end of the page what the hooks add after search indexing: the
  hidden definitions the term links' tips show, and the References list with the hidden
  references the citations' tips show. On by default when on its own; off when hosted.

Links keep their `.md` targets (`../concepts/transference.md`): under MkDocs its `relpath`
step turns them into page URLs; on its own, a later step (or the reader) has to.

Nothing here fails with a traceback. Without `docs_dir` or `page` (or, hosted, without a
page set by the host) the extension warns once per instance, naming what is missing and
the fix, and leaves the text as written; an option naming a path that is not there is an
error (once) that names the option, the path and the fix, and the text is left as
written too. An unknown option is a warning naming the options there are.
"""

from __future__ import annotations

import logging
import posixpath
import xml.etree.ElementTree as etree
from pathlib import Path, PureWindowsPath
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from conceptbook.glossary.report import did_you_mean

# The page's text as written: before pymdownx.snippets (32) pastes files in and before
# Python-Markdown's own whitespace normalising (30), so line numbers are the file's.
START_PRIORITY = 35


class BookExtension(Extension):
    """A Markdown extension of the book that a host drives or that configures itself."""

    NAME = ""  # the module Python-Markdown loads, which messages name
    HOLDS = ""  # what `docs_dir` must hold, for messages: "concepts/"
    TEMPLATES = ""  # its folder of templates under overrides/
    log = logging.getLogger("mkdocs.hooks")

    def __init__(self, hosted: bool, options: dict[str, list[Any]] | None = None, **kwargs: Any) -> None:
        self.config = {
            "docs_dir": ["", f"The book's docs folder (it holds {self.HOLDS})."],
            "page": ["", "The page being converted, as its path under docs_dir: chapters/attachment.md."],
            "overrides_dir": ["", "The theme's custom_dir with the templates (default: overrides/ beside docs_dir)."],
            "late_parts": [not hosted, "Add what the hooks add after search indexing (on when not hosted)."],
            **(options or {}),
        }
        self.hosted = hosted
        self.warned: set[str] = set()
        self.missing: tuple[str, str] | None = None  # why this page has no page context: (cause, message)
        super().__init__(**kwargs)

    # -- messages -----------------------------------------------------------------------

    def report(self, cause: str, message: str, level: int = logging.WARNING) -> None:
        """Log `message` once per extension instance and cause."""
        if cause not in self.warned:
            self.warned.add(cause)
            self.log.log(level, message)

    def no_page(self) -> None:
        """Called where the extension would work on a page but has none: say why, once."""
        if self.hosted:
            self.report(
                "no-page",
                f"{self.NAME}: a page was converted while its host had set no page, so the page was left as "
                f"written; the host sets the page before each page's Markdown (the MkDocs hooks do in "
                f"on_page_markdown), or run the extension on its own with the docs_dir and page options.",
            )
        elif self.missing is not None:
            self.report(*self.missing)

    def setConfig(self, key: str, value: Any) -> None:
        if key not in self.config:
            hint = did_you_mean(key, self.config) or " —"
            self.report(
                f"option:{key}",
                f"{self.NAME}: unknown option '{key}'{hint} The options are {', '.join(self.config)}; it was ignored.",
            )
            return
        super().setConfig(key, value)

    # -- options ------------------------------------------------------------------------

    def book(self) -> tuple[Path, str] | None:
        """The checked docs folder and page; None when either is missing or unusable, after
        an error for a bad path (once) and with `missing` saying why for no_page()."""
        self.missing = None
        docs_value = str(self.getConfig("docs_dir") or "")
        if not docs_value:
            self.missing = (
                "no-docs-dir",
                f"{self.NAME}: no docs_dir option, so there is nothing to read ({self.HOLDS}) and the page was "
                f"left as written; set docs_dir to the book's docs folder and page to the page's path under it, "
                f"e.g. extension_configs={{'{self.NAME}': {{'docs_dir': 'docs', 'page': 'chapters/attachment.md'}}}}.",
            )
            return None
        docs_dir = Path(docs_value)
        if not docs_dir.is_dir():
            self.report(
                f"docs_dir:{docs_value}",
                f"{self.NAME}: the option docs_dir is '{docs_value}', which is not a folder, so pages are left as "
                f"written; set it to the book's docs folder (the one that holds {self.HOLDS}), absolute or "
                f"relative to the folder Python runs in.",
                logging.ERROR,
            )
            return None
        page_value = str(self.getConfig("page") or "")
        if not page_value:
            self.missing = (
                "no-page",
                f"{self.NAME}: no page option, so the page was left as written; set page to the page's path "
                f"under docs_dir (e.g. chapters/attachment.md), for each page with the extension's "
                f"setConfig('page', ...).",
            )
            return None
        page = posixpath.normpath(page_value.replace("\\", "/"))
        inside = not (page_value.startswith(("/", "\\")) or PureWindowsPath(page_value).drive or page.startswith(".."))
        if not inside or not page.endswith(".md") or not (docs_dir / page).is_file():
            what = (
                "is not a path under docs_dir"
                if not inside
                else "is not a Markdown file (.md)"
                if not page.endswith(".md")
                else f"names no file: {docs_dir / page} does not exist"
            )
            self.report(
                f"page:{page_value}",
                f"{self.NAME}: the option page is '{page_value}', which {what}, so the page was left as written; "
                f"set it to the page's path under docs_dir ({docs_value}), e.g. chapters/attachment.md.",
                logging.ERROR,
            )
            return None
        return docs_dir, page

    def overrides(self, docs_dir: Path) -> Path | None:
        """The overrides folder (with this extension's templates); None after an error (once) if they are not there."""
        value = str(self.getConfig("overrides_dir") or "")
        folder = Path(value) if value else docs_dir.parent / "overrides"
        if (folder / self.TEMPLATES).is_dir():
            return folder
        option = (
            f"the option overrides_dir is '{value}'" if value else f"docs_dir has no overrides/ beside it ({folder})"
        )
        self.report(
            f"overrides:{folder}",
            f"{self.NAME}: {option}, and {folder / self.TEMPLATES} is not a folder of templates, so the late parts "
            f"were left out; set overrides_dir to the theme's custom_dir (the book's overrides/), or late_parts "
            f"to false.",
            logging.ERROR,
        )
        return None

    # -- the page -----------------------------------------------------------------------

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)  # so md.registeredExtensions holds it (setConfig per page)
        if not self.hosted:  # a host sets the page itself
            md.preprocessors.register(_PageStart(md, self), f"{self.TEMPLATES}_page", START_PRIORITY)

    def start_page(self, source: str) -> None:
        """Set up the page about to be converted from `source` (not called when hosted)."""
        raise NotImplementedError

    def late_parts(self) -> str:
        """HTML added at the end of the page (late_parts on), or ''."""
        raise NotImplementedError

    def register_late_parts(self, md: Markdown, priority: int) -> None:
        """A tree processor at `priority`: after the extension's own, which collect what the parts list."""
        md.treeprocessors.register(_LateParts(md, self), f"{self.TEMPLATES}_late_parts", priority)


class _PageStart(Preprocessor):
    def __init__(self, md: Markdown, extension: BookExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        self.extension.start_page("\n".join(lines))
        return lines


class _LateParts(Treeprocessor):
    """The late parts, stashed as raw HTML at the end of the page (a postprocessor would also
    run on every heading's text, which `toc` puts through them to make its ids)."""

    def __init__(self, md: Markdown, extension: BookExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        parts = self.extension.late_parts() if self.extension.getConfig("late_parts") else ""
        if parts:
            holder = etree.SubElement(root, "p")  # the raw-HTML step puts `parts` in its place
            holder.text = self.md.htmlStash.store(parts.rstrip())
            holder.tail = "\n"
