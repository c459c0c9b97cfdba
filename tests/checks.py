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
from selectolax.lexbor import LexborNode as Node

from conceptbook.glossary.frontmatter import parse
from conceptbook.glossary.keyterms import KEY_TERMS_MAX
from conceptbook.glossary.matcher import plural
from conceptbook.glossary.model import SUMMARY_MAX_WORDS, name_key
from conceptbook.glossary.sections import RECAP_BOXES, section_kind
from conceptbook.glossary.sourcelines import SourceLines

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


# Pages assembled from other pages: the whole book on one page (hooks/conceptbook/editions/). Its
# links and assets are checked like any page's, but a fault in the text it copies (an
# image without alt text, a plain-http link) is reported once, on the page it came from.
COPIES = frozenset({"print.html"})


def source_pages(site: Path) -> list[Page]:
    return [page for page in pages(site) if page.url not in COPIES]


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
    for page in source_pages(site):
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
    for page in source_pages(site):
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
    """Each concept's glossary entry shows its term, summary, aliases and the number of
    chapters that discuss it, as glossary.json has them."""
    tree = _parse(site / "glossary.html")
    faults = []
    for concept in glossary["concepts"]:
        slug = concept["slug"]
        entry = tree.css_first(f'dt[id="{slug}"]')
        if entry is None:
            faults.append(f"glossary.html: no entry with id '{slug}' for docs/concepts/{slug}.md")
            continue
        if entry.text(strip=True) != concept["term"]:
            faults.append(f"glossary.html#{slug}: shows '{entry.text(strip=True)}', not '{concept['term']}'")
        definition = entry.next
        while definition is not None and definition.tag != "dd":
            definition = definition.next
        shown = " ".join(definition.text(separator=" ").split()) if definition is not None else ""
        if " ".join(concept["summary"].split()) not in shown:
            faults.append(f"glossary.html#{slug}: the entry does not show the summary of docs/concepts/{slug}.md")
        for alias in concept["aliases"]:
            if alias not in shown:
                faults.append(f"glossary.html#{slug}: the entry does not show the alias '{alias}'")
        chapters = len({o["chapter_url"] for o in concept["occurrences"]})
        counted = re.search(r"(\d+) chapters?", shown)
        if chapters and (counted is None or int(counted.group(1)) != chapters):
            faults.append(
                f"glossary.html#{slug}: says {counted.group(0) if counted else 'no count'}, "
                f"but {chapters} chapter(s) discuss it"
            )
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
    """Every related concept in glossary.json is on the page's concept map, in its list of
    relations (the one list a concept page has; a typed relation may stand for it)."""
    faults = []
    for concept in glossary["concepts"]:
        page = site / concept["url"]
        shown = {
            posixpath.basename(a.attributes.get("href") or "").removesuffix(".html")
            for a in _parse(page).css("ul.concept-map__list a")
        }
        missing = set(concept["related"]) - shown
        if missing:
            faults.append(
                f"{concept['url']}: related concepts {sorted(missing)} in glossary.json are missing from "
                f"the concept map's list (it links {sorted(shown)})"
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
                    f'term or alias; add a concept (make new-concept NAME="..."), add it as an alias, '
                    f"or use *italics*"
                )
    return faults


def _headings_and_text(path: Path) -> HTMLParser:
    """A page without its key-terms box and its hidden tip sources, at any depth: they name
    every concept of the chapter, so their text must never count as a section's mention."""
    stat = path.stat()
    return _without_boxes_version(path, stat.st_mtime_ns, stat.st_size)


@cache
def _without_boxes_version(path: Path, mtime_ns: int, size: int) -> HTMLParser:
    tree = HTMLParser(path.read_text(encoding="utf-8"))
    for box in tree.css("aside.key-concepts, div.tip-source"):
        box.decompose()
    return tree


def heading_text(heading: Node) -> str:
    """A heading's text without its permalink symbol."""
    return "".join(
        (n.text(deep=True) if n.tag != "a" or "headerlink" not in (n.attributes.get("class") or "") else "")
        for n in heading.iter(include_text=True)
    ).strip()


def section_text(page: Path, anchor: str) -> tuple[str, set[str]]:
    """Text and linked concept slugs of a page's section: from the heading with id `anchor`
    to the next heading of the same or a higher level (the whole article when no anchor),
    never counting a key-concepts box."""
    tree = _headings_and_text(page)
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
    text = " ".join(n.text(separator=" ") for n in nodes)
    slugs = {a.attributes.get("data-concept") or "" for n in nodes if n.tag != "-text" for a in n.css("a.concept-link")}
    slugs |= {n.attributes.get("data-concept") or "" for n in nodes if n.tag == "a"}
    return text, slugs


def _mentions(text: str, names: list[str]) -> bool:
    folded = " ".join(text.replace("\u2019", "'").split()).casefold()
    return any(name_key(form) in folded for name in names for form in (name, plural(name)))


def backlink_faults(site: Path, glossary: dict) -> list[str]:
    """Every backlink on a concept page lands on a real section of a chapter, and that
    section mentions the concept. A backlink for a named section must carry its #id."""
    faults = []
    for concept in glossary["concepts"]:
        page = site / concept["url"]
        names = [concept["term"], *concept["aliases"]]
        sections = {o["url"]: o["section"] for o in concept["occurrences"]}
        for link in _parse(page).css("a.concept-backlinks__section"):
            href = link.attributes.get("href") or ""
            parts = urlsplit(href)
            target_url = posixpath.normpath(posixpath.join(posixpath.dirname(concept["url"]), parts.path))
            target = site / target_url
            if not target.is_file():
                faults.append(f"{concept['url']} -> {href} (no such chapter)")
                continue
            if parts.fragment and parts.fragment not in _ids(target):
                faults.append(f"{concept['url']} -> {href} (no section with id '{parts.fragment}')")
                continue
            if not parts.fragment and any(
                s and u.split("#")[0] == target_url for u, s in sections.items() if "#" not in u
            ):
                faults.append(f"{concept['url']} -> {href} (a backlink to a named section needs its #id)")
                continue
            text, slugs = section_text(target, parts.fragment)
            if concept["slug"] not in slugs and not _mentions(text, names):
                faults.append(f"{concept['url']} -> {href} (that section does not mention '{concept['term']}')")
    return faults


GLOSSARY_FORMAT = "psychodynamic-theory-glossary"


def glossary_json_faults(site: Path, docs: Path, glossary: dict, version: int) -> list[str]:
    """glossary.json says what docs/about.md documents: its format and version, and for every
    concept the fields of its file and, for every occurrence, the chapter's title, the
    section's heading and a non-empty sentence from that section that names the concept."""
    faults = []
    if glossary.get("format") != GLOSSARY_FORMAT or glossary.get("version") != version:
        faults.append(
            f"glossary.json: format/version are {glossary.get('format')!r}/{glossary.get('version')!r}, "
            f"expected {GLOSSARY_FORMAT!r}/{version}; update docs/about.md and the test together"
        )
    files = {c.slug: c for c in concept_files(docs)}
    records = {c["slug"]: c for c in glossary.get("concepts", [])}
    for slug in sorted(files.keys() - records.keys()):
        faults.append(f"{files[slug].path}: missing from glossary.json; fix the errors the build reports for it")
    for slug in sorted(records.keys() - files.keys()):
        faults.append(f"glossary.json: '{slug}' has no file docs/concepts/{slug}.md")
    for slug in sorted(records.keys() & files.keys()):
        record, data, path = records[slug], files[slug].data, files[slug].path
        expected = {
            "term": " ".join(str(data.get("term", "")).split()),
            "summary": " ".join(str(data.get("summary", "")).split()),
            "link": data.get("link", "auto"),
            "url": f"concepts/{slug}.html",
        }
        for key, value in expected.items():
            if record.get(key) != value:
                faults.append(f"{path}: {key} in glossary.json {record.get(key)!r} differs from the file {value!r}")
        aliases = [" ".join(a.split()) for a in data.get("aliases") or [] if isinstance(a, str)]
        if record.get("aliases") != aliases:
            faults.append(f"{path}: aliases in glossary.json {record.get('aliases')} differ from the file {aliases}")
        if not set(data.get("related") or []) <= set(record.get("related") or []):
            faults.append(f"{path}: related in glossary.json {record.get('related')} lacks some of the file's")
        names = [record["term"], *record.get("aliases", [])]
        for occurrence in record.get("occurrences", []):
            faults += _occurrence_faults(site, path, names, occurrence)
    return faults


def _occurrence_faults(site: Path, path: str, names: list[str], occurrence: dict) -> list[str]:
    where = f"{path}: occurrence {occurrence.get('url')!r} in glossary.json"
    chapter_url, _, anchor = str(occurrence.get("url", "")).partition("#")
    if chapter_url != occurrence.get("chapter_url"):
        return [f"{where}: url does not start with chapter_url {occurrence.get('chapter_url')!r}"]
    page = site / chapter_url
    if not page.is_file():
        return [f"{where}: no such chapter page"]
    tree = _headings_and_text(page)
    faults = []
    h1 = tree.css_first("article h1")
    title = heading_text(h1) if h1 else ""
    if occurrence.get("chapter") != title:
        faults.append(f"{where}: chapter {occurrence.get('chapter')!r} is not the chapter's title {title!r}")
    heading = tree.css_first(f'[id="{anchor}"]') if anchor else None
    section = heading_text(heading) if heading is not None else ""
    if occurrence.get("section") != section:
        faults.append(f"{where}: section {occurrence.get('section')!r} is not the heading at #{anchor}: {section!r}")
    context = " ".join(str(occurrence.get("context", "")).split())
    text, _ = section_text(page, anchor)
    # Compared without whitespace: the page's text nodes split "word</a>," into "word ,".
    words = "".join(text.split())
    core = context.strip("… ").strip()
    if not core:
        faults.append(f"{where}: context is empty; it should quote the sentence that names the concept")
    elif "".join(core.split()) not in words:
        faults.append(f"{where}: context {context[:80]!r} is not text of that section")
    elif not _mentions(core, names):
        faults.append(f"{where}: context {context[:80]!r} does not name the concept")
    return faults


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# -- teaching text and recaps (hooks/conceptbook/glossary/sections.py) ----------------------------


def _is_recap_box(node: Node) -> bool:
    title = node.css_first(".admonition-title")
    return title is not None and " ".join(title.text().split()).casefold() in RECAP_BOXES


def recap_places(page: Path) -> tuple[set[str], list[Node]]:
    """The ids of a chapter's recap headings (and their subsections), and its recap boxes."""
    tree = _parse(page)
    anchors: set[str] = set()
    recap_level: int | None = None
    for heading in tree.css("article h2, article h3, article h4, article h5, article h6"):
        level = int(heading.tag[1])
        if recap_level is None or level <= recap_level:
            recap_level = level if section_kind(heading_text(heading)) == "recap" else None
        if recap_level is not None and heading.attributes.get("id"):
            anchors.add(heading.attributes.get("id") or "")
    boxes = [box for box in tree.css("article .admonition, article details") if _is_recap_box(box)]
    return anchors, boxes


def links_in_recaps(site: Path, docs: Path) -> list[str]:
    """No term link in a recap section or box: the first link of every concept lands in the
    teaching text (the key-terms box, which the engine adds, is not a recap)."""
    faults = []
    for chapter in chapter_files(docs):
        url = f"chapters/{chapter.stem}.html"
        anchors, boxes = recap_places(site / url)
        for box in boxes:
            for link in box.css("a.concept-link"):
                faults.append(f"{url}: '{link.text()}' is linked in a recap box; link it in the teaching text")
        for anchor in sorted(anchors):
            for slug in sorted(_own_section_slugs(site / url, anchor)):
                faults.append(f"{url}#{anchor}: '{slug}' is linked in a recap section; link it in the teaching text")
    return faults


def _own_section_slugs(page: Path, anchor: str) -> set[str]:
    """Concept slugs linked between the heading `anchor` and the next heading of any level."""
    tree = _headings_and_text(page)
    heading = tree.css_first(f'[id="{anchor}"]')
    slugs: set[str] = set()
    node = heading.next if heading is not None else None
    while node is not None and not re.fullmatch(r"h[1-6]", node.tag):
        if node.tag == "a" and "concept-link" in (node.attributes.get("class") or ""):
            slugs.add(node.attributes.get("data-concept") or "")
        elif node.tag != "-text":
            slugs |= {a.attributes.get("data-concept") or "" for a in node.css("a.concept-link")}
        node = node.next
    return slugs


def backlinks_into_recaps(site: Path, glossary: dict) -> list[str]:
    """No occurrence (so no backlink) points into a recap section or quotes a recap box."""
    faults = []
    for concept in glossary["concepts"]:
        for occurrence in concept["occurrences"]:
            chapter_url, _, anchor = occurrence["url"].partition("#")
            anchors, boxes = recap_places(site / chapter_url)
            where = f"{concept['url']}: backlink {occurrence['url']}"
            if anchor in anchors:
                faults.append(f"{where} points into the recap section '{occurrence['section']}'")
            core = "".join(occurrence["context"].strip("… ").split())
            if any(core and core in "".join(box.text(separator=" ").split()) for box in boxes):
                faults.append(f"{where} quotes a recap box: {occurrence['context'][:60]!r}")
    return faults


def unhighlighted_backlinks(site: Path, glossary: dict) -> list[str]:
    """Every quoted sentence under a backlink marks the concept's name with <mark>."""
    faults = []
    for concept in glossary["concepts"]:
        names = [concept["term"], *concept["aliases"]]
        for quote in _parse(site / concept["url"]).css("blockquote.concept-backlinks__context"):
            marks = quote.css("mark")
            if len(marks) != 1 or not _mentions(marks[0].text(), names):
                faults.append(
                    f"{concept['url']}: the quote {quote.text(strip=True)[:60]!r} does not mark "
                    f"'{concept['term']}' once with <mark>"
                )
    return faults


def key_terms_faults(site: Path, docs: Path, glossary: dict) -> list[str]:
    """Each chapter's key-terms box lists 1 to KEY_TERMS_MAX concepts, each with its summary,
    and names every other concept it links on an "Also mentioned" line."""
    summaries = {c["slug"]: " ".join(c["summary"].split()) for c in glossary["concepts"]}
    faults = []
    for chapter in chapter_files(docs):
        url = f"chapters/{chapter.stem}.html"
        box = _parse(site / url).css_first("aside.key-concepts")
        if box is None:
            faults.append(f"{url}: no key-terms box")
            continue
        terms = box.css("dl.key-terms dt a.concept-link")
        if not 1 <= len(terms) <= KEY_TERMS_MAX:
            faults.append(f"{url}: the key-terms box lists {len(terms)} terms; it should list 1 to {KEY_TERMS_MAX}")
        for term in terms:
            slug = term.attributes.get("data-concept") or ""
            definition = term.parent.next
            while definition is not None and definition.tag != "dd":
                definition = definition.next
            shown = " ".join(definition.text().split()) if definition is not None else ""
            if shown != summaries.get(slug):
                faults.append(f"{url}: key term '{slug}' is not followed by its summary")
        listed = {a.attributes.get("data-concept") for a in box.css("a.concept-link")}
        article = _headings_and_text(site / url).css_first("article")
        linked = {a.attributes.get("data-concept") for a in article.css("a.concept-link")} if article else set()
        for slug in sorted(linked - listed, key=str):
            faults.append(f"{url}: '{slug}' is linked in the chapter but not in its key-terms box")
    return faults
