"""Rebuilds in `mkdocs serve --dirty`: which pages to build again, and what the others keep.

MkDocs' dirty build reads and renders only the pages whose output is missing or older
than their source. The engine's pages depend on more than their own source: a chapter's
definition tips on the concepts it names, a concept page's "Where this appears" on every
chapter, the print page on all of them. So the engine decides, before any page is read
(`plan`, in `on_nav`), which pages to build again, and removes their output, which makes
MkDocs build them; every other page keeps its output, and each capability keeps what it
learned from that page in the build before (`keep`: a chapter's mentions, a page's
citations, a section of the print page, a page's search entries...).

What is built again:
- a changed chapter, and the concept pages whose passages from it (or whose place among
  its key terms) changed, found once the chapter is read (`also`: MkDocs reads
  docs/chapters/ before docs/concepts/; were it otherwise, every concept page the chapter
  names, before and after, as the glossary's matcher finds them);
- a changed concept page; every page that shows its definition (its tips and key-terms
  boxes, recorded per page as the page's `uses`) is given the new one in its output
  instead (`redefined`: the parts as they were and are now, each found exactly once in
  the page, else the page is built again; `patch` does the same to the page's records
  that hold its HTML, such as its section of the print page);
- the generated pages (glossary, bibliography, answer key...), which MkDocs always builds,
  and any page MkDocs finds newer than its output.
Everything is built again when a change may reach every page: a file added, removed or
renamed, mkdocs.yml, the theme's overrides, any other file of docs/ (the bibliography, a
question bank, a figure), a chapter's front matter or headings, a concept's front matter
other than its summary, a figure's number, or the first dirty build of a process (no
build before it to keep from). `mkdocs build --dirty` is such a first build.

A test builds the real book, edits a chapter and a concept, rebuilds dirty and compares
every file with a full build of the edited book (tests/test_incremental.py).
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import re
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger("mkdocs.hooks.incremental")

# `mkdocs serve --dirty` (or `mkdocs build --dirty`): set by the event module's on_startup.
DIRTY = False

# The two records `plan` reads, kept by the glossary (glossary/capability.py, `on_env`): one
# name on both sides, so a typo cannot make a dirty rebuild miss what a changed page shows.
NAMED = "named"  # src -> the slugs a chapter names
USES = "uses"  # src -> the slugs whose definition a page shows (tips, key terms, "also")

_HEADING = re.compile(r"^#{1,6}\s", re.MULTILINE)
_FRONT = re.compile(r"\A---\n(.*?\n)(?:---|\.\.\.)\s*\n", re.DOTALL)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Snapshot:
    """What one finished build leaves for the next dirty build of the same process."""

    texts: dict[str, str] = field(default_factory=dict)  # src_uri -> the source's text
    setting: str = ""  # mkdocs.yml and the overrides, as `setting_of` reads them
    figures: dict[str, Any] = field(default_factory=dict)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # capability record -> src_uri -> value
    complete: bool = False


_SNAPSHOTS: dict[str, Snapshot] = {}  # config file -> the last complete build's snapshot


def setting_of(config_file: str, overrides: Path) -> str:
    """mkdocs.yml's text and every override's name, size and time: a change is a full build."""
    parts = [Path(config_file).read_text(encoding="utf-8") if config_file else ""]
    for path in sorted(overrides.rglob("*")) if overrides.is_dir() else []:
        if path.is_file():
            stat = path.stat()
            parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


def front_matter(text: str) -> str:
    match = _FRONT.match(text)
    return match.group(1) if match else ""


def _data(text: str) -> dict[str, Any] | None:
    """The front matter's data (as YAML reads it, however it is laid out), or None."""
    try:
        data = yaml.load(front_matter(text), Loader=_LOADER) or {}
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if _HEADING.match(line)]


class Carry:
    """One build's view of the build before it (see the module's docstring)."""

    def __init__(self, config_file: str) -> None:
        self.key = config_file
        self.previous = _SNAPSHOTS.get(config_file) if DIRTY else None
        if self.previous is not None and not self.previous.complete:
            self.previous = None
        self.current = Snapshot()
        self.rebuilt: set[str] | None = None  # None: every page is built
        self.outputs: dict[str, str] = {}  # src_uri -> its output file, in a partial rebuild
        self.changed: set[str] = set()  # the sources whose text changed, in a partial rebuild
        self.patches: dict[str, list[tuple[str, str]]] = {}  # page -> its parts given a new definition
        self.reason = "not a dirty build" if not DIRTY else "the first build of this process"

    @property
    def partial(self) -> bool:
        return self.rebuilt is not None

    def built(self, src_uri: str) -> bool:
        return self.rebuilt is None or src_uri in self.rebuilt

    def plan(
        self,
        pages: Iterable[tuple[str, str, str, bool]],  # (src_uri, text, output, MkDocs would build it)
        others: Iterable[tuple[str, str]],  # (src_uri, text or "") of every other file of docs/
        setting: str,
        figures: dict[str, Any],
        is_chapter: Callable[[str], bool],
        slug_of: Callable[[str], str | None],  # a concept page's slug, else None
        named_in: Callable[[str], set[str]],  # the slugs the matcher finds in a text
        page_of: Callable[[str], str | None],  # a slug's concept page
        redefined: Callable[[str, set[str]], list[tuple[str, str]] | None] = lambda src, slugs: None,
    ) -> None:
        pages = list(pages)
        texts = {src: text for src, text, _out, _new in pages} | dict(others)
        self.current.texts, self.current.setting, self.current.figures = texts, setting, figures
        if not DIRTY:
            return
        changed = self._changed(texts, setting, figures, is_chapter, slug_of)
        if changed is None:  # every page: remove every output, MkDocs builds them all
            self.rebuilt = None
            for _src, _text, output, _new in pages:
                _remove(output)
            log.info(f"Building every page ({self.reason}).")
            return
        previous = self.previous
        assert previous is not None
        order = [src for src, _text, _out, _new in pages]
        # Chapters are read before concept pages (docs/chapters/ sorts first): a concept page
        # is built again only if what a changed chapter says of it changed (`also`, called
        # once the chapter is read); otherwise every concept page it names, now and before.
        chapters = [at for at, src in enumerate(order) if is_chapter(src)]
        concepts = [at for at, src in enumerate(order) if slug_of(src) is not None]
        late = not chapters or not concepts or max(chapters) < min(concepts)
        rebuild: set[str] = set()
        shows: dict[str, set[str]] = {}  # a page not otherwise built again -> the changed summaries it shows
        uses: dict[str, set[str]] = previous.records.get(USES, {})
        mentions: dict[str, set[str]] = previous.records.get(NAMED, {})
        self.outputs = {src: output for src, _text, output, _new in pages}
        rebuild |= {src for src, _text, _out, new in pages if new}  # generated pages, and what MkDocs finds newer
        for src in sorted(changed):  # in one order in every process (a set's order is not)
            rebuild.add(src)
            slug = slug_of(src)
            if slug is None and late:
                continue
            if slug is None:  # a chapter: the concept pages it names, before and after
                for named in mentions.get(src, set()) | named_in(texts[src]):
                    page = page_of(named)
                    if page is not None:
                        rebuild.add(page)
            else:  # a concept: every page that shows its definition (a tip, a key term)
                for page, slugs in uses.items():
                    if slug in slugs:
                        shows.setdefault(page, set()).add(slug)
        self.rebuilt, self.changed = rebuild, changed
        self.reason = f"{len(changed)} changed file(s)"
        # A page whose only change is a definition it shows is given the new one in its
        # output (`redefined`: each part as it was and as it is now); else built again.
        for page, slugs in sorted(shows.items()):
            if page not in rebuild and page in self.outputs and not self._redefine(page, redefined(page, slugs)):
                rebuild.add(page)
        if not changed:
            log.info(f"No text in docs/ changed: building only the {len(rebuild)} generated or touched pages again.")
            return
        names = ", ".join(f"docs/{src}" for src in sorted(changed))
        tail = ", and the concept pages whose passages from it change" if late and any(map(is_chapter, changed)) else ""
        kept = f"; {len(self.patches)} page(s) get the new definition in place" if self.patches else ""
        log.info(f"{names} changed: building {len(rebuild)} of {len(pages)} pages again{tail}{kept}.")
        for src, _text, output, _new in pages:
            if src in rebuild:
                _remove(output)

    def _redefine(self, src_uri: str, parts: list[tuple[str, str]] | None) -> bool:
        """The page's output with each part replaced (`parts`: as it was, as it is now), if
        each part is found in it exactly once; else the page is built again."""
        if parts is None:
            return False
        output = self.outputs[src_uri]
        try:
            html = Path(output).read_bytes().decode("utf-8")
        except (OSError, UnicodeError):
            return False
        if any(html.count(old) != 1 for old, _new in parts):
            return False
        if parts:
            Path(output).write_bytes(self.patch(src_uri, html, parts).encode("utf-8"))
        return True

    def patch(self, src_uri: str, text: str, parts: list[tuple[str, str]] | None = None) -> str:
        """`text` (the page's output, or a record holding part of it, such as its section of
        the print page) with the page's redefined parts in; the parts are kept for `patch`."""
        if parts is not None:
            self.patches[src_uri] = parts
        for old, new in self.patches.get(src_uri, []):
            text = text.replace(old, new, 1)
        return text

    def before(self, name: str, src_uri: str) -> Any:
        """The page's record `name` in the build before, in a partial rebuild (else None)."""
        if not self.partial or self.previous is None:
            return None
        return self.previous.records.get(name, {}).get(src_uri)

    def also(self, src_uri: str) -> None:
        """Build `src_uri` again too (a concept page whose backlinks a changed chapter changed),
        if MkDocs has not reached it yet."""
        if self.rebuilt is not None and src_uri not in self.rebuilt and src_uri in self.outputs:
            self.rebuilt.add(src_uri)
            _remove(self.outputs[src_uri])

    def _changed(
        self,
        texts: dict[str, str],
        setting: str,
        figures: dict[str, Any],
        is_chapter: Callable[[str], bool],
        slug_of: Callable[[str], str | None],
    ) -> set[str] | None:
        """The pages whose source changed, or None when the change may reach every page."""
        previous = self.previous
        if previous is None:
            return None
        if set(texts) != set(previous.texts):
            self.reason = "a file was added, removed or renamed"
            return None
        if setting != previous.setting:
            self.reason = "mkdocs.yml or the theme's overrides changed"
            return None
        if figures != previous.figures:
            self.reason = "a figure's number changed"
            return None
        changed = {src for src, text in texts.items() if text != previous.texts[src]}
        for src in sorted(changed):  # in one order in every process (a set's order is not)
            before, after = previous.texts[src], texts[src]
            if is_chapter(src):
                if _data(before) != _data(after) or _data(before) is None or headings(before) != headings(after):
                    self.reason = f"docs/{src}: its front matter or headings changed"
                    return None
            elif slug_of(src) is not None:
                old, new = _data(before), _data(after)
                if old is None or new is None or {**old, "summary": ""} != {**new, "summary": ""}:
                    self.reason = f"docs/{src}: its front matter beyond the summary changed"
                    return None
            else:
                self.reason = f"docs/{src} changed"
                return None
        return changed

    def keep(self, name: str, mapping: MutableMapping[str, Any]) -> None:
        """`mapping` (one record per page, by source) is the build's record `name`: in a
        partial rebuild, the pages not built again get their record from the build before."""
        if self.partial and self.previous is not None:
            for src, value in self.previous.records.get(name, {}).items():
                if not self.built(src) and src not in mapping and src in self.current.texts:
                    mapping[src] = copy.copy(value)
        self.current.records[name] = dict(mapping)

    def finish(self) -> None:
        """The build is complete: the next dirty build of this process may keep from it."""
        self.current.complete = True
        _SNAPSHOTS[self.key] = self.current


_BUILD: tuple[object, Carry] | None = None


def for_build(config: Any) -> Carry:
    """The `Carry` of the build `config` starts: one for every hook module of the build."""
    global _BUILD
    if _BUILD is None or _BUILD[0] is not config:
        _BUILD = (config, Carry(getattr(config, "config_file_path", "") or ""))
    return _BUILD[1]


def _remove(output: str) -> None:
    with contextlib.suppress(OSError):  # no output yet
        os.remove(output)
