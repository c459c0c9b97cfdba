"""Checkers that guard the book, as functions that return every fault they find.

Each returns a list of messages (empty when all is well) so that one test failure lists
every fault at once, and so that the checkers themselves can be tested on small sites
with a fault planted (tests/test_checkers.py). HTML is read with selectolax, a real
HTML5 parser, never with regular expressions.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from glossary.frontmatter import parse
from glossary.matcher import plural
from glossary.model import SUMMARY_MAX_WORDS, name_key
from glossary.sourcelines import SourceLines

ASSET_TAGS = {"link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}
MIN_CONCEPTS_PER_CHAPTER = 5


@dataclass(frozen=True)
class Page:
    path: Path
    url: str  # relative to the site root, e.g. chapters/attachment.html

    @property
    def tree(self) -> HTMLParser:
        return _parse(self.path)


def _parse(path: Path) -> HTMLParser:
    """A page parsed once while unchanged (tests plant faults by editing built pages)."""
    stat = path.stat()
    return _parse_version(path, stat.st_mtime_ns, stat.st_size)


@cache
def _parse_version(path: Path, mtime_ns: int, size: int) -> HTMLParser:
    return HTMLParser(path.read_text(encoding="utf-8"))


def _ids(path: Path) -> frozenset[str]:
    stat = path.stat()
    return _ids_version(path, stat.st_mtime_ns, stat.st_size)


@cache
def _ids_version(path: Path, mtime_ns: int, size: int) -> frozenset[str]:
    tree = _parse(path)
    ids = {node.attributes.get("id") or "" for node in tree.css("[id]")}
    ids |= {node.attributes.get("name") or "" for node in tree.css("a[name]")}
    return frozenset(ids)


def pages(site: Path) -> list[Page]:
    return [Page(p, p.relative_to(site).as_posix()) for p in sorted(site.rglob("*.html"))]


def _links(page: Page) -> Iterator[tuple[str, str]]:
    """(attribute, value) of every href, src and srcset URL on a page."""
    for node in page.tree.css("[href], [src], [srcset]"):
        attrs = node.attributes
        for attr in ("href", "src"):
            if attrs.get(attr):
                yield attr, attrs[attr] or ""
        if attrs.get("srcset"):
            for candidate in (attrs["srcset"] or "").split(","):
                if candidate.strip():
                    yield "srcset", candidate.split()[0]


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def source_of(docs: Path | None, page_url: str, url: str) -> str:
    """'docs/chapters/x.md:12: ' — where a built page's link is written, when it can be
    found in the page's Markdown (outside code), or '' for a page that has no source."""
    if docs is None:
        return ""
    stem = page_url.removesuffix(".html")
    candidates = [docs / f"{stem}.md", docs / stem.removesuffix("/index") / "index.md"]
    source = next((c for c in candidates if c.is_file()), None)
    if source is None:
        return ""
    parts = urlsplit(url)
    needles = [url, url.replace(".html", ".md"), parts.path.replace(".html", ".md"), f"#{parts.fragment}"]
    lines = SourceLines(source.read_text(encoding="utf-8"))
    line = next((n for n in (lines.first(x) for x in needles if x not in ("", "#")) if n), None)
    path = f"{docs.name}/{source.relative_to(docs).as_posix()}"
    return f"{path}:{line}: " if line else f"{path}: "


def broken_internal_links(site: Path, root_path: str = "/", docs: Path | None = None) -> list[str]:
    """Every internal href/src/srcset must name a file of the site, and every #fragment an id.

    `root_path` is the path of site_url: the 404 page links from it ('/textbook/...'),
    because it is served at any depth. With `docs`, each fault starts with the source
    file and line of the link, where it can be found."""
    faults: list[str] = []
    for page in pages(site):
        for _attr, url in _links(page):
            fault = _link_fault(site, page, url, root_path)
            if fault is not None:
                faults.append(source_of(docs, page.url, url) + fault)
    return list(dict.fromkeys(faults))  # a lightbox image names its file twice: report it once


def _link_fault(site: Path, page: Page, url: str, root_path: str) -> str | None:
    if _is_external(url) or url.startswith(("data:", "javascript:")):
        return None
    parts = urlsplit(url)
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(root_path):
            return f"{page.url} -> {url} (absolute path outside the site's root {root_path})"
        target_url = posixpath.normpath(path[len(root_path) :] or ".")
    elif path:
        target_url = posixpath.normpath(posixpath.join(posixpath.dirname(page.url), path))
    else:
        target_url = page.url
    if target_url.startswith(".."):
        return f"{page.url} -> {url} (points outside the site)"
    target = site / target_url
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return f"{page.url} -> {url} (no such file)"
    if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _ids(target):
        return f"{page.url} -> {url} (no element with id '{unquote(parts.fragment)}')"
    return None


def external_links(site: Path) -> dict[str, list[str]]:
    """External URL -> pages that link to it."""
    found: dict[str, list[str]] = {}
    for page in pages(site):
        for node in page.tree.css("a[href]"):
            url = node.attributes.get("href") or ""
            if urlsplit(url).scheme in ("http", "https"):
                found.setdefault(url, []).append(page.url)
    return found


def insecure_links(site: Path) -> list[str]:
    return [
        f"{pages_[0]} -> {url} (use https://)"
        for url, pages_ in external_links(site).items()
        if url.startswith("http://")
    ]


def external_assets(site: Path) -> list[str]:
    """No page may load anything from another host: the site must work with no network."""
    faults = []
    for page in pages(site):
        for tag, attr in ASSET_TAGS.items():
            for node in page.tree.css(f"{tag}[{attr}]"):
                url = node.attributes.get(attr) or ""
                if tag == "link" and (node.attributes.get("rel") or "") not in (
                    "stylesheet",
                    "preload",
                    "icon",
                    "modulepreload",
                    "manifest",
                ):
                    continue
                if _is_external(url):
                    faults.append(f'{page.url} -> <{tag} {attr}="{url}"> (loads from another host)')
    return faults


def images_without_alt(site: Path) -> list[str]:
    faults = []
    for page in pages(site):
        for node in page.tree.css("img"):
            alt = node.attributes.get("alt")
            if alt is None or not alt.strip():
                faults.append(
                    f"{page.url} -> {node.attributes.get('src')} (image without alt text; "
                    f"describe what it shows in ![...](...))"
                )
    return faults


# -- glossary coverage -----------------------------------------------------------------


@dataclass(frozen=True)
class ConceptFile:
    slug: str
    path: str
    data: dict

    @property
    def names(self) -> list[str]:
        aliases = self.data.get("aliases") or []
        return [str(self.data.get("term") or ""), *(a for a in aliases if isinstance(a, str))]


def concept_files(docs: Path) -> list[ConceptFile]:
    found = []
    for path in sorted((docs / "concepts").glob("*.md")):
        data = parse(path.read_text(encoding="utf-8")).data
        found.append(ConceptFile(path.stem, f"docs/concepts/{path.name}", data))
    return found


def chapter_files(docs: Path) -> list[Path]:
    return sorted((docs / "chapters").glob("*.md"))


def concept_definition_faults(docs: Path, glossary: dict) -> list[str]:
    """Every concept file has a term and a summary within limits, and is in the glossary."""
    faults = []
    listed = {c["slug"] for c in glossary["concepts"]}
    for concept in concept_files(docs):
        term, summary = concept.data.get("term"), concept.data.get("summary")
        if not isinstance(term, str) or not term.strip():
            faults.append(f"{concept.path}: no 'term'; add the display name, e.g. term: Transference")
        if not isinstance(summary, str) or not summary.strip():
            faults.append(f"{concept.path}: no 'summary'; add one or two plain sentences")
        elif len(summary.split()) > SUMMARY_MAX_WORDS:
            faults.append(f"{concept.path}: summary has {len(summary.split())} words; shorten to {SUMMARY_MAX_WORDS}")
        if concept.slug not in listed:
            faults.append(f"{concept.path}: missing from glossary.json; fix the errors the build reports for it")
    return faults


def glossary_page_faults(site: Path, glossary: dict) -> list[str]:
    tree = _parse(site / "glossary.html")
    faults = []
    for concept in glossary["concepts"]:
        entry = tree.css_first(f'dt[id="{concept["slug"]}"]')
        if entry is None:
            faults.append(f"glossary.html: no entry with id '{concept['slug']}' for docs/concepts/{concept['slug']}.md")
        elif entry.text(strip=True) != concept["term"]:
            faults.append(f"glossary.html#{concept['slug']}: shows '{entry.text(strip=True)}', not '{concept['term']}'")
    return faults


def orphan_concepts(glossary: dict) -> list[str]:
    return [
        f"docs/concepts/{c['slug']}.md: no chapter discusses '{c['term']}'; mention it in a chapter "
        + (
            "with [[" + c["slug"] + "]] (its link mode is explicit)"
            if c["link"] == "explicit"
            else "by its term or an alias"
        )
        for c in glossary["concepts"]
        if not c["occurrences"]
    ]


def chapters_with_few_concepts(site: Path, docs: Path) -> list[str]:
    faults = []
    for chapter in chapter_files(docs):
        html = site / "chapters" / f"{chapter.stem}.html"
        article = _parse(html).css_first("article") if html.is_file() else None
        linked = {n.attributes.get("data-concept") for n in article.css("a.concept-link")} if article else set()
        if len(linked) < MIN_CONCEPTS_PER_CHAPTER:
            faults.append(
                f"docs/chapters/{chapter.name}: links {len(linked)} concepts; a chapter should link at "
                f"least {MIN_CONCEPTS_PER_CHAPTER} (use their terms, or [[slug]])"
            )
    return faults


def related_faults(docs: Path, glossary: dict) -> list[str]:
    """Declared relations name real concepts and come out symmetric in glossary.json and on the pages."""
    faults = []
    slugs = {c["slug"] for c in glossary["concepts"]}
    related = {c["slug"]: set(c["related"]) for c in glossary["concepts"]}
    for concept in concept_files(docs):
        for target in concept.data.get("related") or []:
            if target not in slugs:
                faults.append(f"{concept.path}: related concept '{target}' does not exist; fix the slug or remove it")
            elif concept.slug in related and (
                target not in related[concept.slug] or concept.slug not in related[target]
            ):
                faults.append(f"{concept.path}: relation with '{target}' is not symmetric in glossary.json")
    return faults


def related_on_pages_faults(site: Path, glossary: dict) -> list[str]:
    faults = []
    for concept in glossary["concepts"]:
        page = site / concept["url"]
        shown = {
            posixpath.basename(a.attributes.get("href") or "").removesuffix(".html")
            for a in _parse(page).css("ul.concept-related a")
        }
        if shown != set(concept["related"]):
            faults.append(
                f"{concept['url']}: related concepts shown {sorted(shown)} differ from glossary.json "
                f"{sorted(concept['related'])}"
            )
    return faults


_BOLD = re.compile(r"(?<![*\w])\*\*(?!\s)(.+?)(?<!\s)\*\*(?![*\w])")
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_REFERENCE = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")


def undefined_bold_terms(docs: Path) -> list[str]:
    """A term a chapter marks in bold (a term being introduced) must be a concept term or alias."""
    names: set[str] = set()
    for concept in concept_files(docs):
        for name in concept.names:
            names |= {name_key(name), name_key(plural(name))}
    faults = []
    for chapter in chapter_files(docs):
        text = chapter.read_text(encoding="utf-8")
        text = _FENCE.sub(lambda m: "\n" * m.group().count("\n"), text)
        for match in _BOLD.finditer(text):
            shown = _REFERENCE.sub(lambda m: m.group(2) or m.group(1), match.group(1))
            if name_key(shown) not in names:
                line = text.count("\n", 0, match.start()) + 1
                faults.append(
                    f"docs/chapters/{chapter.name}:{line}: **{match.group(1)}** is bold but is not a concept "
                    f'term or alias; add a concept (make new-concept TERM="..."), add it as an alias, '
                    f"or use *italics*"
                )
    return faults


def section_text(page: Path, anchor: str) -> tuple[str, set[str]]:
    """Text and linked concept slugs of a page's section: from the heading with id `anchor`
    to the next heading of the same or a higher level (the whole article when no anchor)."""
    tree = _parse(page)
    article = tree.css_first("article")
    if not anchor:
        nodes = [article] if article else []
    else:
        heading = tree.css_first(f'[id="{anchor}"]')
        if heading is None or not re.fullmatch(r"h[1-6]", heading.tag):
            return "", set()
        level = int(heading.tag[1])
        nodes, node = [], heading.next
        while node is not None and not (re.fullmatch(r"h[1-6]", node.tag) and int(node.tag[1]) <= level):
            nodes.append(node)
            node = node.next
    # The key-concepts box lists every concept of the chapter: it is not a mention.
    nodes = [n for n in nodes if not (n.tag == "aside" and "key-concepts" in (n.attributes.get("class") or ""))]
    text = " ".join(n.text(separator=" ") for n in nodes)
    slugs = {a.attributes.get("data-concept") or "" for n in nodes if n.tag != "-text" for a in n.css("a.concept-link")}
    slugs |= {n.attributes.get("data-concept") or "" for n in nodes if n.tag == "a"}
    return text, slugs


def backlink_faults(site: Path, glossary: dict) -> list[str]:
    """Every backlink on a concept page lands on a real section of a chapter, and that
    section mentions the concept."""
    faults = []
    for concept in glossary["concepts"]:
        page = site / concept["url"]
        names = [concept["term"], *concept["aliases"]]
        for link in _parse(page).css("a.concept-backlinks__section"):
            href = link.attributes.get("href") or ""
            parts = urlsplit(href)
            target = site / posixpath.normpath(posixpath.join(posixpath.dirname(concept["url"]), parts.path))
            if not target.is_file():
                faults.append(f"{concept['url']} -> {href} (no such chapter)")
                continue
            if parts.fragment and parts.fragment not in _ids(target):
                faults.append(f"{concept['url']} -> {href} (no section with id '{parts.fragment}')")
                continue
            text, slugs = section_text(target, parts.fragment)
            folded = " ".join(text.split()).casefold()
            if concept["slug"] not in slugs and not any(name_key(f) in folded for n in names for f in (n, plural(n))):
                faults.append(f"{concept['url']} -> {href} (that section does not mention '{concept['term']}')")
    return faults


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))
