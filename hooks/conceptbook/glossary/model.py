"""Concepts: loading docs/concepts/*.md, checking their front matter, relating them.

A concept that cannot be used (broken YAML, no term or summary) is reported as an error
and left out; a concept with a fixable flaw (summary too long, unknown related slug, a
key misspelled) is reported as a warning and kept. Both fail `mkdocs build --strict`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from conceptbook.common.text import slug as slug_for

from .forms import lookalike_key, name_key, plural, sort_key
from .frontmatter import FrontMatter, FrontMatterError, parse
from .markers import ENGINE_ONLY, KEY_CONCEPTS_MARKER
from .names import LIST_MAX_ITEMS, SUMMARY_MAX_WORDS, name_problem, summary_problem, type_problem
from .report import did_you_mean, line_of, log, where

CONCEPT_DIR = "concepts/"
# broader, contrasts, developed_from: typed relations, read and checked by hooks/conceptbook/maps/relations.py.
KNOWN_KEYS = ("term", "summary", "aliases", "related", "link", "broader", "contrasts", "developed_from")
LINK_MODES = ("auto", "explicit")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

LinkMode = Literal["auto", "explicit"]


@dataclass
class Concept:
    slug: str
    term: str
    summary: str
    src_uri: str  # e.g. concepts/transference.md
    path: str  # as shown in messages, e.g. docs/concepts/transference.md
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()  # as declared; see Glossary.related for the symmetric set
    link: LinkMode = "auto"
    body: str = ""
    front_matter: FrontMatter | None = (
        None  # as read, for capabilities with keys of their own (hooks/conceptbook/maps/)
    )

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


@dataclass
class Glossary:
    """All concepts of one build, keyed by slug, with relations made symmetric."""

    concepts: dict[str, Concept] = field(default_factory=dict)
    related: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __contains__(self, slug: object) -> bool:
        return slug in self.concepts

    def __getitem__(self, slug: str) -> Concept:
        return self.concepts[slug]

    def sorted(self) -> list[Concept]:
        return sorted(self.concepts.values(), key=lambda c: (sort_key(c.term), c.term.casefold(), c.slug))


def slug_of(src_uri: str) -> str:
    return src_uri[len(CONCEPT_DIR) : -len(".md")]


def is_concept_file(src_uri: str) -> bool:
    return src_uri.startswith(CONCEPT_DIR) and src_uri.endswith(".md") and "/" not in src_uri[len(CONCEPT_DIR) :]


def misplaced_concept(src_uri: str) -> str | None:
    """Why a page under concepts/ is not a concept file, with the fix; None if it is not misplaced."""
    if not src_uri.startswith(CONCEPT_DIR) or is_concept_file(src_uri):
        return None
    name = src_uri.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return (
        f"a concept file must sit directly in docs/{CONCEPT_DIR} and end in .md, so this one is not a concept; "
        f"move or rename it to docs/{CONCEPT_DIR}{name}.md."
    )


def _string_list(fm: FrontMatter, key: str, path: str) -> tuple[str, ...]:
    value = fm.data.get(key)
    if value is None:
        return ()
    line = where(path, fm.line_of_key(key))
    if isinstance(value, str):
        log.warning(
            f"{line}: '{key}' must be a list, not one piece of text (a comma does not split it); "
            f"write it as {key}: [first, second]; it was ignored."
        )
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        log.warning(f"{line}: '{key}' must be a list of names, e.g. {key}: [first, second]; it was ignored.")
        return ()
    if len(value) > LIST_MAX_ITEMS:
        log.warning(f"{line}: '{key}' has {len(value)} entries; keep at most {LIST_MAX_ITEMS}; it was ignored.")
        return ()
    return tuple(" ".join(v.split()) for v in value)


def _aliases(fm: FrontMatter, path: str, link: str) -> tuple[str, ...]:
    kept = []
    for alias in _string_list(fm, "aliases", path):
        problem = name_problem(alias, "alias", link)
        if problem:
            log.warning(f"{where(path, fm.line_of_key('aliases'))}: {problem}; the alias was ignored.")
        else:
            kept.append(alias)
    return tuple(kept)


def _check_body(fm: FrontMatter, path: str) -> None:
    """The engine's own markers are placed by the engine; written in a body they would be filled twice."""
    for marker in (KEY_CONCEPTS_MARKER, *ENGINE_ONLY):
        line = line_of(fm.body, marker, fm.body_line)
        if line is not None:
            log.error(
                f"{where(path, line)}: '{marker}' is a marker the engine places itself, not one for a "
                f"concept's body; delete it."
            )


def read_concept(src_uri: str, path: str, source: str) -> Concept | None:
    """One concept from its file's text, or None (after an error message) if unusable."""
    slug = slug_of(src_uri)
    try:
        fm = parse(source)
    except FrontMatterError as error:
        log.error(f"{where(path, error.line)}: {error.message}. The concept was left out of the glossary.")
        return None

    for key in fm.data:
        if key not in KNOWN_KEYS:
            hint = did_you_mean(key, KNOWN_KEYS) or f" — the known keys are {', '.join(KNOWN_KEYS)}."
            log.warning(f"{where(path, fm.line_of_key(key))}: unknown front-matter key '{key}'{hint}")

    missing = [k for k in ("term", "summary") if k not in fm.data]
    if missing:
        log.error(
            f"{where(path, 1)}: a concept needs {' and '.join(repr(k) for k in missing)} in its front matter "
            f"(term: the display name; summary: one or two plain sentences). The concept was left out of the glossary."
        )
        return None
    for key in ("term", "summary"):
        value = fm.data[key]
        if not isinstance(value, str) or not value.strip():
            log.error(
                f"{where(path, fm.line_of_key(key))}: {type_problem(key, value)}. "
                f"The concept was left out of the glossary."
            )
            return None

    link = fm.data.get("link", "auto")
    if link not in LINK_MODES:
        shown = repr(link) if len(repr(link)) <= 40 else repr(link)[:40] + "…"
        log.warning(
            f"{where(path, fm.line_of_key('link'))}: 'link' must be 'auto' or 'explicit', not {shown}; using 'auto'."
        )
        link = "auto"

    term = " ".join(fm.data["term"].split())
    problem = name_problem(term, "term", link)
    if problem:
        log.error(f"{where(path, fm.line_of_key('term'))}: {problem}. The concept was left out of the glossary.")
        return None
    summary = " ".join(fm.data["summary"].split())
    problem = summary_problem(summary)
    if problem:
        log.error(f"{where(path, fm.line_of_key('summary'))}: {problem}. The concept was left out of the glossary.")
        return None
    words = len(summary.split())
    if words > SUMMARY_MAX_WORDS:
        log.warning(
            f"{where(path, fm.line_of_key('summary'))}: the summary has {words} words; "
            f"shorten it to at most {SUMMARY_MAX_WORDS} (move detail into the page body)."
        )
    _check_body(fm, path)

    if not SLUG.match(slug):
        suggestion = slug_for(slug)
        fix = (
            f"rename the file to '{CONCEPT_DIR}{suggestion}.md' (lowercase words joined by hyphens)"
            if suggestion
            else "rename the file to the term in lowercase Latin letters, words joined by hyphens"
        )
        log.warning(f"{path}: the file name '{slug}' is not a valid slug; {fix}.")

    return Concept(
        slug=slug,
        term=term,
        summary=summary,
        src_uri=src_uri,
        path=path,
        aliases=_aliases(fm, path, link),
        related=_string_list(fm, "related", path),
        link=link,
        body=fm.body,
        front_matter=fm,
    )


def build_glossary(concepts: Iterable[Concept]) -> Glossary:
    """Index concepts, report clashing names and unknown relations, symmetrize relations."""
    glossary = Glossary()
    for concept in sorted(concepts, key=lambda c: c.slug):
        glossary.concepts[concept.slug] = concept

    # Terms claim their names before any alias does, so an alias can never take over
    # another concept's own term; the later claimant is the one reported.
    owner: dict[str, Concept] = {}
    kept: dict[str, list[str]] = {slug: [] for slug in glossary.concepts}
    claims = [(c, c.term) for c in glossary.concepts.values()]
    claims += [(c, alias) for c in glossary.concepts.values() for alias in c.aliases]
    for concept, name in claims:
        key = name_key(name)
        other = owner.setdefault(key, concept)
        if other is not concept:
            log.warning(
                f"{concept.path}: the name '{name}' is already claimed by {other.path}; "
                f"a term or alias may belong to one concept only — remove it from one of the two files."
            )
        elif name is not concept.term and key != name_key(concept.term) and name not in kept[concept.slug]:
            kept[concept.slug].append(name)
    for concept in glossary.concepts.values():
        concept.aliases = tuple(kept[concept.slug])
    _report_lookalikes(glossary)
    _report_plural_clashes(glossary, owner)

    links: dict[str, set[str]] = {slug: set() for slug in glossary.concepts}
    for concept in glossary.concepts.values():
        for target in concept.related:
            spot = where(concept.path, concept.front_matter.line_of_key("related") if concept.front_matter else None)
            if target == concept.slug:
                log.warning(f"{spot}: 'related' lists the concept itself ('{target}'); remove it.")
            elif target not in glossary.concepts:
                log.warning(
                    f"{spot}: 'related' names an unknown concept '{target}'{unknown_slug_hint(target, glossary)}"
                )
            else:
                links[concept.slug].add(target)
                links[target].add(concept.slug)
    glossary.related = {
        slug: tuple(sorted(targets, key=lambda s: sort_key(glossary.concepts[s].term)))
        for slug, targets in links.items()
    }
    return glossary


def unknown_slug_hint(target: str, glossary: Glossary) -> str:
    """What ends the message about a relation naming no concept: the nearest slug, or the fix."""
    return did_you_mean(target, glossary.concepts) or (
        f" — no file {CONCEPT_DIR}{target}.md exists; correct the slug or remove it."
    )


def read_glossary(docs_dir: Path) -> Glossary:
    """The glossary of the book whose docs folder is `docs_dir`, read from its concept files
    as the MkDocs hooks read them (for a run without MkDocs, conceptbook.glossary.linker).
    A file that is not UTF-8 is an error and left out, as in the build."""
    concepts: list[Concept] = []
    for file in sorted((docs_dir / CONCEPT_DIR).glob("*.md")):
        src_uri = f"{CONCEPT_DIR}{file.name}"
        path = f"{docs_dir.name}/{src_uri}"  # as in the build's messages: docs/concepts/x.md
        data = file.read_bytes()
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            log.error(
                f"{where(path, line)}: the file is not UTF-8 text "
                f"(byte 0x{data[error.start]:02x}); save it as UTF-8 in your editor. The concept was left out."
            )
            continue
        concept = read_concept(src_uri, path, source)
        if concept is not None:
            concepts.append(concept)
    return build_glossary(concepts)


def _report_lookalikes(glossary: Glossary) -> None:
    """A name written in letters of another alphabet that look like Latin ones ("Ѕсоре" in
    Cyrillic, "Scope" in Latin) would be a second concept that looks like the first: the
    one in other letters is reported (an exact clash is reported above, as a claim)."""
    seen: dict[str, tuple[str, Concept]] = {}
    for concept in sorted(glossary.concepts.values(), key=lambda c: c.slug):
        for name in concept.names:
            first_name, first = seen.setdefault(lookalike_key(name), (name, concept))
            if first is concept or name_key(first_name) == name_key(name):
                continue
            odd, plain, odd_owner, plain_owner = (
                (first_name, name, first, concept) if name.isascii() else (name, first_name, concept, first)
            )
            letters = ", ".join(
                f"{c!r} is U+{ord(c):04X} {unicodedata.name(c, '(no name in Unicode)')}"
                for c in dict.fromkeys(odd)
                if not c.isascii()
            )
            log.warning(
                f"{odd_owner.path}: the name '{odd}' looks the same as '{plain}' of {plain_owner.path}, but is "
                f"written with other letters ({letters}); a reader could not tell the two apart: retype it in "
                f"Latin letters, or choose another name."
            )


def _report_plural_clashes(glossary: Glossary, owner: dict[str, Concept]) -> None:
    """The matcher adds each name's regular plural, but never over another concept's own
    name: 'Object relation' does not take 'object relations' from the concept that
    lists it. Such a plural is reported like any other name claimed twice."""
    for concept in glossary.concepts.values():
        for name in concept.names:
            form = plural(name)
            other = owner.get(name_key(form))
            if other is not None and other is not concept:
                log.warning(
                    f"{concept.path}: the plural '{form}' of the name '{name}' is already claimed by "
                    f"{other.path}, so '{form}' links there; a term or alias may belong to one concept only — "
                    f"rename one of the two names (or add the other's plural as its alias if both are meant)."
                )
