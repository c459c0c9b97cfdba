"""Turning concept names into links while Markdown is rendered.

Two pieces plug into Python-Markdown for every page:

- `ReferenceProcessor`, an inline pattern for `[[slug]]` and `[[slug|text]]`, which
  always links (and warns about an unknown slug with the nearest known one);
- `AutoLinker`, a tree processor that links the first mention of each `auto` concept
  in a chapter and records every section's first mention of every concept.

Working on the element tree rather than on Markdown text means code spans and code
blocks (stashed or atomic), raw HTML (stashed), image alt text (an attribute) and link
text (inside `<a>`) are never touched, without any parsing of our own. The tree
processor runs after `toc` (priority 5) so headings already carry their ids, and before
MkDocs' `relpath` (priority 0), which turns our `../concepts/x.md` hrefs into page URLs
and checks them like any author's link.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from .matcher import TermMatcher
from .model import CONCEPT_DIR, Glossary
from .occurrences import Occurrence, PageMentions, sentence_around
from .report import did_you_mean, line_of, log, where

REFERENCE = r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]"
LINK_CLASS = "concept-link"
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = {"p", "li", "td", "th", "dd", "dt", "figcaption", "blockquote"}
# Never linked inside: code, widgets and chrome whose text is not prose.
SKIP = {"code", "pre", "kbd", "samp", "script", "style", "abbr", "summary", "label", "button", "sup", "svg", "math"}
SKIP_CLASSES = {"admonition-title", "headerlink", "md-typeset__table"}
# Sections that list sources or other chapters rather than discuss ideas: a name there
# is neither linked nor counted as a place where the book discusses the concept.
UNINDEXED_SECTIONS = {"references", "reference", "related chapters", "further reading", "sources"}


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

    def warn_once(self, cause: str, message: str) -> None:
        if cause not in self.warned:
            self.warned.add(cause)
            log.warning(message)

    def line(self, needle: str) -> int | None:
        return line_of(self.source, needle)


class Linker:
    """Shared by every page's Markdown instance during one build."""

    def __init__(self, glossary: Glossary) -> None:
        self.page: PageContext | None = None
        self.load(glossary)

    def load(self, glossary: Glossary) -> None:
        """Use this build's concepts (the Markdown extension keeps the same linker)."""
        self.glossary = glossary
        self.matcher = TermMatcher(
            {name: c.slug for c in glossary.concepts.values() if c.link == "auto" for name in c.names}
        )

    def href(self, slug: str) -> str:
        assert self.page is not None
        if self.page.concept_dir is None:  # once per page: relpath is slow
            here = posixpath.dirname(self.page.src_uri) or "."
            self.page.concept_dir = posixpath.relpath(CONCEPT_DIR, here) + "/"
        return f"{self.page.concept_dir}{slug}.md".removeprefix("./")

    def make_link(self, slug: str, text: str) -> etree.Element:
        concept = self.glossary[slug]
        link = etree.Element("a", {"href": self.href(slug), "class": LINK_CLASS, "data-concept": slug})
        link.set("title", concept.summary)  # Material shows it as a tooltip (content.tooltips)
        link.text = text
        return link


class ReferenceProcessor(InlineProcessor):
    def __init__(self, linker: Linker) -> None:
        super().__init__(REFERENCE)
        self.linker = linker

    def handleMatch(self, m, data):  # type: ignore[override]
        page = self.linker.page
        slug, label = m.group(1).strip(), (m.group(2) or "").strip()
        if page is None:
            return None, None, None
        if slug not in self.linker.glossary:
            hint = did_you_mean(slug, self.linker.glossary.concepts) or " —"
            page.warn_once(
                f"unknown:{slug}",
                f"{where(page.path, page.line(m.group(0)))}: unknown concept '{slug}' in "
                f"'{m.group(0)}'{hint} Concepts live in docs/{CONCEPT_DIR}<slug>.md.",
            )
            return label or slug, m.start(0), m.end(0)
        text = label or _display_term(self.linker.glossary[slug].term, data[: m.start(0)])
        if slug == page.own_slug:
            return text, m.start(0), m.end(0)
        return self.linker.make_link(slug, text), m.start(0), m.end(0)


class AutoLinker(Treeprocessor):
    def __init__(self, md: Markdown, linker: Linker) -> None:
        super().__init__(md)
        self.linker = linker

    def run(self, root: etree.Element) -> None:
        page = self.linker.page
        if page is None:
            return
        self.page = page
        self.linked: set[str] = set()
        self.anchor, self.section = "", ""
        self.unindexed_level: int | None = None  # inside e.g. "References" (and its subsections)
        self.pending: list[tuple[str, str, str, etree.Element | None, str]] = []
        self._walk(root, None)
        for slug, anchor, section, block, text in self.pending:
            context = sentence_around("".join(block.itertext()) if block is not None else text, text)
            page.mentions.occurrences[slug].append(Occurrence(page.src_uri, anchor, section, context))

    # -- traversal ----------------------------------------------------------------

    def _walk(self, parent: etree.Element, block: etree.Element | None) -> None:
        if parent.text:
            self._scan(parent, None, parent.text, block)
        for child in list(parent):
            tag = child.tag
            if tag in HEADINGS:
                self._enter_section(child)
                self._unlink_inside(child, "a heading (headings become table-of-contents entries)")
            elif tag == "a":
                if child.get("data-concept"):
                    self._reference(parent, child, block)
                else:
                    self._unlink_inside(child, "a link (a link cannot hold another link)")
            elif tag in SKIP or ("class" in child.attrib and SKIP_CLASSES.intersection(child.attrib["class"].split())):
                self._unlink_inside(child, "a title or code")
            else:
                self._walk(child, child if tag in BLOCKS else block)
            if child.tail:
                self._scan(parent, child, child.tail, block)

    def _enter_section(self, heading: etree.Element) -> None:
        level = int(heading.tag[1])
        title = "".join(_text_without_permalink(heading)).strip()
        if self.unindexed_level is None or level <= self.unindexed_level:
            self.unindexed_level = level if title.casefold() in UNINDEXED_SECTIONS else None
        if level == 1:
            self.anchor, self.section = "", ""
        else:
            self.anchor, self.section = heading.get("id", ""), title

    # -- mentions -----------------------------------------------------------------

    def _mention(self, slug: str, text: str, block: etree.Element | None) -> None:
        if not self.page.is_chapter or self.unindexed_level is not None:
            return
        mentions = self.page.mentions
        mentions.add(slug)
        if not any(p[0] == slug and p[1] == self.anchor for p in self.pending):
            self.pending.append((slug, self.anchor, self.section, block, text))

    def _reference(self, parent: etree.Element, link: etree.Element, block: etree.Element | None) -> None:
        slug = link.get("data-concept", "")
        self.linked.add(slug)
        self._mention(slug, "".join(link.itertext()), block)

    def _scan(self, parent: etree.Element, after: etree.Element | None, text: str, block: etree.Element | None) -> None:
        """Record mentions in `text` and link the page's first mention of each concept."""
        if not self.page.is_chapter or self.unindexed_level is not None:
            return
        pieces: list[etree.Element] = []
        head = text
        last = 0
        for match in self.linker.matcher.finditer(text):
            found = text[match.start : match.end]
            self._mention(match.slug, found, block)
            if match.slug in self.linked:
                continue
            self.linked.add(match.slug)
            link = self.linker.make_link(match.slug, found)
            if pieces:
                pieces[-1].tail = text[last : match.start]
            else:
                head = text[: match.start]
            pieces.append(link)
            last = match.end
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
                self.page.warn_once(
                    f"place:{slug}:{place}",
                    f"{where(self.page.path, self.page.line('[[' + slug))}: the reference [[{slug}]] sits inside "
                    f"{place}, where it cannot be a link; move it into the text around it.",
                )
                _replace_with_text(parent, child, text)


def _display_term(term: str, before: str) -> str:
    """A term as it reads mid-sentence: 'Guilt' becomes 'guilt', but 'Strange Situation',
    'CBT' and a term that opens a sentence keep their capitals."""
    opens_sentence = not before.strip() or before.rstrip()[-1] in ".!?:"
    if opens_sentence or any(c.isupper() for c in term[1:]):
        return term
    return term[:1].lower() + term[1:]


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


class ConceptExtension(Extension):
    """Registered once per build; MkDocs calls `extendMarkdown` for each page."""

    def __init__(self, linker: Linker) -> None:
        super().__init__()
        self.linker = linker

    def extendMarkdown(self, md: Markdown) -> None:
        # Above `reference` (170) so `[[x]]` is never read as a reference-style link.
        md.inlinePatterns.register(ReferenceProcessor(self.linker), "concept_reference", 175)
        # After `toc` (5): heading ids exist. Before `relpath` (0): our .md hrefs get resolved.
        md.treeprocessors.register(AutoLinker(md, self.linker), "concept_autolink", 4)
