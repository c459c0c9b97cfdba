"""Turning concept names into links while Markdown is rendered.

The MkDocs hooks drive this extension (they hand in a `Linker` with the build's glossary
and set the page); it also runs on its own under plain Python-Markdown, reading the
concept files itself (`makeExtension(docs_dir=..., page=...)`, see common/standalone.py
for the options, how to set the page and what happens when something is missing). On its
own it also adds the hidden definitions its links' tips show (templates in
overrides/glossary/), which the hooks add after search indexing.

Two pieces plug into Python-Markdown for every page:

- `ReferenceProcessor`, an inline pattern for `[[slug]]` and `[[slug|text]]`, which
  always links (and warns about an unknown slug with the nearest known one);
- `AutoLinker`, a tree processor that links the first mention of each `auto` concept
  in a chapter and records every section's first mention of every concept.

Working on the element tree rather than on Markdown text means code spans and code
blocks (stashed or atomic), raw HTML (stashed), image alt text (an attribute) and link
text (inside `<a>`) are never touched, without any parsing of our own. Raw inline HTML
stays in the text as stash markers: an opening `<a>`, `<code>`, `<kbd>` or `<samp>`
marker switches linking off until its closing marker. The tree processor runs after
`toc` (priority 5) so headings already carry their ids, and before MkDocs' `relpath`
(priority 0), which turns our `../concepts/x.md` hrefs into page URLs and checks them
like any author's link.

The table extension splits a row at every `|` before inline patterns run, so a
preprocessor turns the `|` of `[[slug|text]]` into a private character first, and a
postprocessor turns any that is left (in code, say) back.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from conceptbook.common.gate import gate
from conceptbook.common.standalone import BookExtension

from .chapters import is_chapter
from .matcher import TermMatcher
from .model import CONCEPT_DIR, Glossary, is_concept_file, read_glossary, slug_of
from .occurrences import Occurrence, PageMentions, quote_at
from .render import TEMPLATE_DIR, Renderer
from .report import did_you_mean, log, where
from .sections import is_recap_box, section_kind
from .sourcelines import SourceLines

# Any `[[…]]` on one line; handleMatch tells a good reference from a malformed one.
REFERENCE = r"\[\[([^\n]*?)\]\]"
PIPE = "\ufdd0"  # a noncharacter: stands for the `|` of a reference while tables are split
_PIPED_REFERENCE = re.compile(r"\[\[([^\[\]|\n]*)\|([^\[\]\n]*)\]\]")
_SEPARATOR = re.compile(f"[|{PIPE}]")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_RAW_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>\s*$")
# Raw inline HTML elements whose content is never linked.
RAW_SKIP = {"a", "code", "kbd", "samp", "pre", "script", "style", "abbr", "button", "label", "sup", "svg", "math"}
LINK_CLASS = "concept-link"
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = {"p", "li", "td", "th", "dd", "dt", "figcaption", "blockquote"}
# Never linked inside: code, widgets and chrome whose text is not prose.
SKIP = {"code", "pre", "kbd", "samp", "script", "style", "abbr", "summary", "label", "button", "sup", "svg", "math"}
SKIP_CLASSES = {"admonition-title", "headerlink", "md-typeset__table"}
BOLD = {"strong", "b"}
# A term link's tip: the id of the hidden element that holds its definition (the tip
# contract, CONTRIBUTING.md "Changing the code"); concept_hooks adds those elements.
TIP_PREFIX = "tip-concept-"


@dataclass
class PageContext:
    """The page being rendered, set by the hooks before each page's Markdown runs."""

    src_uri: str
    path: str  # for messages: docs/chapters/x.md
    source: str  # the file's raw text, to find line numbers
    is_chapter: bool
    own_slug: str | None = None  # set on a concept's own page: never link to itself
    concept_dir: str | None = None  # relative path from this page to concepts/
    mentions: PageMentions = field(default_factory=PageMentions)
    warned: set[str] = field(default_factory=set)
    lines: SourceLines = field(init=False)
    # id(link element) -> which occurrence of its source text it is (SourceLines.claim)
    reference_lines: dict[int, tuple[str, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lines = SourceLines(self.source)

    def warn_once(self, cause: str, message: str) -> bool:
        if cause in self.warned:
            return False
        self.warned.add(cause)
        log.warning(message)
        return True

    def line(self, needle: str) -> int | None:
        """The line of the first occurrence of `needle` in the page's prose (not in code)."""
        return self.lines.first(needle)


class Linker:
    """Shared by every page's Markdown instance during one build."""

    def __init__(self, glossary: Glossary) -> None:
        self.page: PageContext | None = None
        self.load(glossary)

    def load(self, glossary: Glossary) -> None:
        """Use this build's concepts (the Markdown extension keeps the same linker)."""
        self.glossary = glossary
        self.matcher = TermMatcher(
            {name: c.slug for c in glossary.concepts.values() if c.link == "auto" for name in c.names},
            claimed=[name for c in glossary.concepts.values() if c.link != "auto" for name in c.names],
        )
        self._hints: dict[str, str] = {}

    def hint(self, slug: str) -> str:
        """' — did you mean …?' for an unknown slug, searched once per slug and build."""
        if slug not in self._hints:
            self._hints[slug] = did_you_mean(slug, self.glossary.concepts) or " —"
        return self._hints[slug]

    def href(self, slug: str) -> str:
        assert self.page is not None
        if self.page.concept_dir is None:  # once per page: relpath is slow
            here = posixpath.dirname(self.page.src_uri) or "."
            self.page.concept_dir = posixpath.relpath(CONCEPT_DIR, here) + "/"
        return f"{self.page.concept_dir}{slug}.md".removeprefix("./")

    def make_link(self, slug: str, text: str) -> etree.Element:
        """A term link that follows the tip contract: docs/assets/javascripts/toggletip.js
        shows the definition the page holds in the hidden element `tip`."""
        tip = f"{TIP_PREFIX}{slug}"
        link = etree.Element(
            "a",
            {
                "href": self.href(slug),
                "class": LINK_CLASS,
                "data-concept": slug,
                "data-tip": tip,
                "aria-describedby": tip,
            },
        )
        link.text = text
        return link


class ReferenceProcessor(InlineProcessor):
    def __init__(self, linker: Linker, no_page: Callable[[], None]) -> None:
        super().__init__(REFERENCE)
        self.linker = linker
        self.no_page = no_page

    def handleMatch(self, m, data):
        page = self.linker.page
        if page is None:
            self.no_page()
            return None, None, None
        raw = m.group(0).replace(PIPE, "|")  # as the author wrote it
        claimed = page.lines.claim(raw)  # its line is looked up only for a message

        def at() -> str:
            return where(page.path, page.lines.line_of(claimed))

        inner = m.group(1)
        parts = _SEPARATOR.split(inner, maxsplit=1)
        slug, label = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else None)
        if "[[" in inner:
            page.warn_once(
                f"nested:{raw}",
                f"{at()}: '{raw}' opens a reference inside another one; references cannot be "
                f"nested — close the first with ']]' before the next '[['.",
            )
            return raw, m.start(0), m.end(0)
        if not slug:
            page.warn_once(
                f"no-slug:{raw}",
                f"{at()}: the reference '{raw}' names no concept; write [[slug]] or "
                f"[[slug|text]] with the concept's file name, e.g. [[transference|the transference]].",
            )
            return label or raw, m.start(0), m.end(0)
        if label == "":
            page.warn_once(
                f"no-text:{raw}",
                f"{at()}: the reference '{raw}' has no text after '|'; write [[{slug}]] to show "
                f"the concept's term, or put the link text after the '|'.",
            )
        if slug not in self.linker.glossary:
            page.warn_once(
                f"unknown:{slug}",
                f"{at()}: unknown concept '{slug}' in '{raw}'{self.linker.hint(slug)} "
                f"Concepts live in docs/{CONCEPT_DIR}<slug>.md.",
            )
            return label or slug, m.start(0), m.end(0)
        text = label or _display_term(self.linker.glossary[slug].term, data[: m.start(0)])
        if slug == page.own_slug:
            return text, m.start(0), m.end(0)
        link = self.linker.make_link(slug, text)
        page.reference_lines[id(link)] = claimed
        return link, m.start(0), m.end(0)


class PipeProtector(Preprocessor):
    """`[[slug|text]]` → `[[slug\ufdd0text]]`, so that a table row keeps it in one cell."""

    def run(self, lines: list[str]) -> list[str]:
        return [_PIPED_REFERENCE.sub(rf"[[\1{PIPE}\2]]", line) if "[[" in line else line for line in lines]


class PipeRestorer(Postprocessor):
    """Any protected `|` that did not become a link (in code, say) is a `|` again."""

    def run(self, text: str) -> str:
        return text.replace(PIPE, "|")


class AutoLinker(Treeprocessor):
    def __init__(self, md: Markdown, linker: Linker, no_page: Callable[[], None]) -> None:
        super().__init__(md)
        self.linker = linker
        self.no_page = no_page

    def run(self, root: etree.Element) -> None:
        page = self.linker.page
        if page is None:
            self.no_page()
            return
        self.page = page
        self.linked: set[str] = set()
        self.anchor, self.section = "", ""
        self.unindexed_level: int | None = None  # inside e.g. "References" (and its subsections)
        self.recap_level: int | None = None  # inside e.g. "Key takeaways" (hooks/conceptbook/glossary/sections.py)
        self.recap_boxes = 0  # inside e.g. the "Learning objectives" box
        self.bold = 0  # inside <strong>: a mention here defines the concept
        # The first mention of each concept in each section (the first bold one, if any):
        # (slug, anchor) -> (section, block, text, offset, length, bold).
        self.pending: dict[tuple[str, str], tuple[str, etree.Element | None, str, int, int, bool]] = {}
        # Characters of the page's text (in `itertext` order) before the current one, and
        # where each block starts: a mention's offset in its block picks its sentence.
        self.cursor = 0
        self.block_start: dict[int, int] = {}
        self.raw_open: dict[str, int] = {}  # raw inline HTML elements open here: tag -> depth
        self._walk(root, None)
        for link in root.iter("a"):  # the links that survived: each needs its tip on the page
            slug = link.get("data-concept")
            if slug and link.get("data-tip"):
                page.mentions.tips[slug] = None
        block_text: dict[int, str] = {}
        for (slug, anchor), (section, block, text, offset, length, bold) in self.pending.items():
            if block is not None:
                if id(block) not in block_text:
                    block_text[id(block)] = "".join(block.itertext())
                text = block_text[id(block)]
            context, mark = quote_at(text, offset, length, self._raw_html)
            page.mentions.occurrences[slug].append(Occurrence(page.src_uri, anchor, section, context, mark, bold))

    def _raw_html(self, index: int) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        raw = blocks[index] if 0 <= index < len(blocks) else ""
        return raw if isinstance(raw, str) else ""

    def _is_space(self, marker: re.Match[str]) -> bool:
        """Whether a stash marker holds an entity for white space (`&nbsp;`, `&#160;` ...)."""
        raw = self._raw_html(int(marker.group(1)))
        return bool(_ENTITY.fullmatch(raw)) and html.unescape(raw).isspace()

    def _matchable(self, text: str) -> str:
        """`text` with each white-space entity's marker read as spaces of the same length, so
        "object&nbsp;relations theory" is found (probe T19) and offsets stay those of `text`."""
        if "\x02" not in text:
            return text
        return HTML_PLACEHOLDER_RE.sub(lambda m: " " * len(m.group(0)) if self._is_space(m) else m.group(0), text)

    # -- traversal ----------------------------------------------------------------

    def _walk(self, parent: etree.Element, block: etree.Element | None) -> None:
        children = list(parent)  # before the text is scanned, which inserts links
        text = parent.text
        if text:
            self._scan(parent, None, text, block)  # may shorten parent.text: links follow it
            self.cursor += len(text)
        for child in children:
            tag = child.tag
            if not isinstance(tag, str):  # a comment: `itertext` skips it, so do we
                pass
            elif tag in HEADINGS:
                self._skip(child)
                self._enter_section(child)
                self._unlink_inside(child, "a heading (headings become table-of-contents entries)")
            elif tag == "a":
                self._skip(child)
                if child.get("data-concept") and self._in_recap():
                    # No link in a recap: the teaching text gets the concept's first link.
                    _replace_with_text(parent, child, "".join(child.itertext()))
                elif child.get("data-concept") and not self._in_raw():
                    self._reference(child, block)
                else:
                    self._unlink_inside(child, "a link (a link cannot hold another link)")
            elif tag in SKIP or ("class" in child.attrib and SKIP_CLASSES.intersection(child.attrib["class"].split())):
                self._skip(child)
                self._unlink_inside(child, "a title or code")
            else:
                if tag in BLOCKS:
                    self.block_start[id(child)] = self.cursor
                recap_box = tag == "div" and _is_recap_box(child)
                bold = tag in BOLD
                self.recap_boxes += recap_box
                self.bold += bold
                if tag == "div" and "footnote" in (child.get("class") or "").split():
                    self._walk_footnotes(child, block)
                else:
                    self._walk(child, child if tag in BLOCKS else block)
                self.recap_boxes -= recap_box
                self.bold -= bold
            tail = child.tail
            if tail:
                self._scan(parent, child, tail, block)
                self.cursor += len(tail)

    def _walk_footnotes(self, footnotes: etree.Element, block: etree.Element | None) -> None:
        """The footnotes, which Markdown puts after the last section: they belong to the
        teaching text that cites them, not to that section (a chapter ending with
        "References" made a footnote-only mention unlinked and uncounted, probe T39)."""
        state = (self.unindexed_level, self.recap_level, self.anchor, self.section)
        self.unindexed_level = self.recap_level = None
        self.anchor, self.section = "", ""
        self._walk(footnotes, block)
        self.unindexed_level, self.recap_level, self.anchor, self.section = state

    def _skip(self, element: etree.Element) -> None:
        """Move the cursor over an element whose text is not scanned."""
        self.cursor += sum(map(len, element.itertext()))

    def _enter_section(self, heading: etree.Element) -> None:
        level = int(heading.tag[1])
        title = "".join(_text_without_permalink(heading)).strip()
        kind = section_kind(title)
        if self.unindexed_level is None or level <= self.unindexed_level:
            self.unindexed_level = level if kind == "listing" else None
        if self.recap_level is None or level <= self.recap_level:
            self.recap_level = level if kind == "recap" else None
        if level == 1:
            self.anchor, self.section = "", ""
        else:
            self.anchor, self.section = heading.get("id", ""), title

    # -- raw inline HTML ----------------------------------------------------------

    def _in_raw(self) -> bool:
        return any(self.raw_open.values())

    def _in_recap(self) -> bool:
        return self.page.is_chapter and (self.recap_level is not None or self.recap_boxes > 0)

    def _open_segments(self, text: str) -> list[tuple[int, int]]:
        """The parts of `text` outside raw `<a>`, `<code>` … elements, as (start, end).

        Raw inline HTML is a stash marker in the text; the marker of an opening tag
        switches linking off, the closing one on again, across elements and tails.
        """
        if "\x02" not in text:
            return [] if self._in_raw() else [(0, len(text))]
        segments: list[tuple[int, int]] = []
        at = 0
        for marker in HTML_PLACEHOLDER_RE.finditer(text):
            if self._is_space(marker):  # white space: the text goes on across it
                continue
            if not self._in_raw() and marker.start() > at:
                segments.append((at, marker.start()))
            tag = _RAW_TAG.match(self._raw_html(int(marker.group(1))))
            if tag is not None and tag.group(2).lower() in RAW_SKIP and not tag.group(3):
                name = tag.group(2).lower()
                self.raw_open[name] = max(0, self.raw_open.get(name, 0) + (-1 if tag.group(1) else 1))
            at = marker.end()
        if not self._in_raw() and at < len(text):
            segments.append((at, len(text)))
        return segments

    # -- mentions -----------------------------------------------------------------

    def _mention(self, slug: str, offset: int, length: int, text: str, block: etree.Element | None) -> None:
        """Record a mention at `offset` of the text node `text` (the cursor is at its start)."""
        if not self.page.is_chapter or self.unindexed_level is not None or self._in_recap():
            return
        self.page.mentions.add(slug)
        bold = self.bold > 0
        if bold:
            self.page.mentions.define(slug)
        key = (slug, self.anchor)
        known = self.pending.get(key)
        if known is None or (bold and not known[5]):
            if block is None:
                self.pending[key] = (self.section, None, text, offset, length, bold)
            else:
                at = self.cursor - self.block_start[id(block)] + offset
                self.pending[key] = (self.section, block, "", at, length, bold)

    def _reference(self, link: etree.Element, block: etree.Element | None) -> None:
        slug = link.get("data-concept", "")
        self.linked.add(slug)
        text = "".join(link.itertext())
        self.cursor -= len(text)  # _skip moved past the link: its text starts here
        self._mention(slug, 0, len(text), text, block)
        self.cursor += len(text)

    def _scan(self, parent: etree.Element, after: etree.Element | None, text: str, block: etree.Element | None) -> None:
        """Record mentions in `text` and link the page's first mention of each concept."""
        if text.isspace():  # most tails: the line breaks between blocks (no stash marker either)
            return
        segments = self._open_segments(text)
        if not self.page.is_chapter or self.unindexed_level is not None or self._in_recap():
            return
        pieces: list[etree.Element] = []
        head = text
        last = 0
        matchable = self._matchable(text)
        for first, end in segments:
            for match in self.linker.matcher.finditer(matchable[first:end]):
                start, stop = first + match.start, first + match.end
                found = text[start:stop]
                self._mention(match.slug, start, stop - start, text, block)
                if match.slug in self.linked:
                    continue
                self.linked.add(match.slug)
                link = self.linker.make_link(match.slug, found)
                if pieces:
                    pieces[-1].tail = text[last:start]
                else:
                    head = text[:start]
                pieces.append(link)
                last = stop
        if not pieces:
            return
        pieces[-1].tail = text[last:]
        if after is None:
            parent.text = head
            index = 0
        else:
            after.tail = head
            index = list(parent).index(after) + 1
        for offset, link in enumerate(pieces):
            parent.insert(index + offset, link)

    # -- references where links are not allowed -----------------------------------

    def _unlink_inside(self, element: etree.Element, place: str) -> None:
        for parent in list(element.iter()):
            for child in list(parent):
                slug = child.get("data-concept") if child.tag == "a" else None
                if not slug:
                    continue
                text = "".join(child.itertext())
                claimed = self.page.reference_lines.get(id(child))
                line = (claimed and self.page.lines.line_of(claimed)) or self.page.line("[[" + slug)
                self.page.warn_once(
                    f"place:{slug}:{place}",
                    f"{where(self.page.path, line)}: the reference [[{slug}]] sits inside "
                    f"{place}, where it cannot be a link; move it into the text around it.",
                )
                _replace_with_text(parent, child, text)


# A dot that ends an abbreviation, not a sentence: "e.g.", "i.e.", "cf.", "vs." ... ("etc."
# often ends a sentence, so it is not here).
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:cf|vs|viz|approx|ca|dr|mr|mrs|ms|prof|st|pp?|ch|vol|eds?|no|fig|al)\.)$",
    re.IGNORECASE,
)


def _display_term(term: str, before: str) -> str:
    """A term as it reads mid-sentence: 'Guilt' becomes 'guilt', but 'Strange Situation',
    'CBT' and a term that opens a sentence keep their capitals. A dot after an
    abbreviation ("e.g. [[guilt]]") does not open a sentence (probe R21)."""
    text = before.rstrip()
    opens_sentence = not text or (text[-1] in ".!?:" and not _ABBREVIATION.search(text))
    if opens_sentence or any(c.isupper() for c in term[1:]):
        return term
    return term[:1].lower() + term[1:]


def _is_recap_box(element: etree.Element) -> bool:
    """An admonition whose title names a recap (`!!! abstract "Learning objectives"`)."""
    if "admonition" not in (element.get("class") or "").split():
        return False
    title = next((c for c in element if "admonition-title" in (c.get("class") or "").split()), None)
    return title is not None and is_recap_box("".join(title.itertext()))


def _text_without_permalink(element: etree.Element) -> list[str]:
    parts = [element.text or ""]
    for child in element:
        if "headerlink" not in (child.get("class") or ""):
            parts.extend(_text_without_permalink(child))
        parts.append(child.tail or "")
    return parts


def _replace_with_text(parent: etree.Element, child: etree.Element, text: str) -> None:
    text += child.tail or ""
    index = list(parent).index(child)
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    parent.remove(child)


class ConceptExtension(BookExtension):
    """Hosted: registered once per build with the build's `Linker`; MkDocs calls
    `extendMarkdown` for each page. On its own: made by `makeExtension(**options)`."""

    NAME = "conceptbook.glossary.linker"
    HOLDS = CONCEPT_DIR
    TEMPLATES = TEMPLATE_DIR
    log = log

    def __init__(self, linker: Linker | None = None, **options: Any) -> None:
        super().__init__(hosted=linker is not None, **options)
        self.linker = linker or Linker(Glossary())
        self.read_from: Path | None = None  # the docs folder this instance's glossary was read from
        self.docs_dir: Path | None = None  # the page's
        self.renderer: tuple[Path, Renderer] | None = None

    def start_page(self, source: str) -> None:
        self.linker.page = None
        book = self.book()
        if book is None:
            return
        docs_dir, src_uri = book
        self.docs_dir = docs_dir
        if self.read_from != docs_dir.resolve():  # once per instance and folder
            self.linker.load(read_glossary(docs_dir))
            self.read_from = docs_dir.resolve()
        page = PageContext(
            src_uri=src_uri, path=f"{docs_dir.name}/{src_uri}", source=source, is_chapter=is_chapter(src_uri)
        )
        if is_concept_file(src_uri) and slug_of(src_uri) in self.linker.glossary:
            page.own_slug = slug_of(src_uri)  # a concept's own page never links to itself
        self.linker.page = page

    def late_parts(self) -> str:
        """The hidden definitions the page's term links show (the tip contract), as the hooks add them."""
        page = self.linker.page
        if page is None or not page.mentions.tips or self.docs_dir is None:
            return ""
        folder = self.overrides(self.docs_dir)
        if folder is None:
            return ""
        if self.renderer is None or self.renderer[0] != folder:
            self.renderer = (folder, Renderer(folder))
        views = [
            {"slug": slug, "term": c.term, "summary": c.summary, "url": self.linker.href(slug)}
            for slug in page.mentions.tips
            for c in [self.linker.glossary[slug]]
        ]
        return "\n".join(self.renderer[1].render("tip-source", concept=view) for view in views)

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        # Before the table processor splits rows (it runs on blocks, after all preprocessors).
        md.preprocessors.register(PipeProtector(md), "concept_pipes", 5)
        # Above `reference` (170) so `[[x]]` is never read as a reference-style link.
        # Only where the page has a "[[" (common/gate.py).
        gate(md, ReferenceProcessor(self.linker, self.no_page), "concept_reference", 175, "[[")
        # After `toc` (5): heading ids exist. Before `relpath` (0): our .md hrefs get resolved.
        md.treeprocessors.register(AutoLinker(md, self.linker, self.no_page), "concept_autolink", 4)
        # After raw HTML (30) is back in place, so a `|` in stashed code is restored too.
        md.postprocessors.register(PipeRestorer(md), "concept_pipes", 5)
        self.register_late_parts(md, 2)  # after the autolinker (4) and the citations' (3), as the hooks order them


def makeExtension(**options: Any) -> ConceptExtension:
    """The extension on its own: Python-Markdown calls this for "conceptbook.glossary.linker"."""
    return ConceptExtension(**options)
