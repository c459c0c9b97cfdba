"""Loading docs/references.bib and checking it: every problem is a file:line message.

The .bib file is parsed by bibtexparser, which keeps each entry's line and reports blocks
it cannot read instead of giving up on the file. Pandoc, which formats the entries, is then
given only the entries that were read and kept (see `Bibliography.clean_text`), so one
broken entry is one error message, not a failed build with a parser traceback.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field, replace

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, ParsingFailedBlock

from .fields import (
    LINK_FIELDS,
    MAX_CROSSREF_DEPTH,
    MAX_ENTRY_CHARS,
    MAX_FIELDS,
    FieldError,
    check_doi,
    check_eprint,
    check_pubmed,
    check_url,
    crossref_targets,
    expand,
    invisible_characters,
    neutralise_commands,
    serialise,
    unbraced_and,
)
from .report import log, where

# What each entry type needs to be formatted as an APA reference ("|" = either field).
REQUIRED: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "journal|journaltitle", "year|date"),
    "book": ("author|editor", "title", "publisher", "year|date"),
    "incollection": ("author", "title", "booktitle", "editor", "publisher", "year|date"),
    "inbook": ("author", "title", "booktitle", "publisher", "year|date"),
    "online": ("author|editor|organization", "title", "year|date"),
    "misc": ("title", "year|date"),
}
GENERIC_REQUIRED = ("author|editor", "title", "year|date")
KEY_SHAPE = re.compile(r"^[a-z]+[0-9]{4}[a-z]?$")
# What Pandoc and an HTML id can hold without surprise (the scheme above is only advice).
SAFE_KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_:.+-]*$")


@dataclass(frozen=True)
class Entry:
    key: str
    type: str
    fields: dict[str, str]
    line: int  # 1-based line of the entry's '@' in the .bib file
    raw: str

    @property
    def family(self) -> str | None:
        """The first author's (or editor's) surname, folded, for formatter.format_book;
        None when there is none (a work cited by its title may read like another)."""
        names = self.fields.get("author") or self.fields.get("editor") or ""
        first = re.split(r"\s+and\s+", names.strip(), maxsplit=1)[0].strip()
        if not first:
            return None
        family = first.split(",", 1)[0] if "," in first else first.rsplit(" ", 1)[-1]
        folded = unicodedata.normalize("NFKD", re.sub(r"[{}\\]", "", family)).casefold()
        return "".join(c for c in folded if c.isalnum()) or None

    @property
    def doi(self) -> str | None:
        doi = self.fields.get("doi", "").strip()
        return doi or None


@dataclass
class Bibliography:
    path: str  # as named in messages: docs/references.bib
    entries: dict[str, Entry] = field(default_factory=dict)
    refused: set[str] = field(default_factory=set)  # keys of entries left out with an error

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def clean_text(self) -> str:
        """The entries that were read and kept, for Pandoc (one per key)."""
        return "\n\n".join(entry.raw for entry in self.entries.values()) + "\n"


def decode(path: str, data: bytes) -> str:
    """The .bib file's text; bytes that are not UTF-8 are an error naming their line
    (and are read as U+FFFD, so the rest of the file is still checked)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        # UTF-16 (with or without its byte-order mark): as UTF-8 it is unreadable, or,
        # without the mark, "valid" text with a NUL between letters and no entry in it.
        log.error(
            f"{where(path, 1)}: the file is saved as UTF-16, not UTF-8, so no entry in it can be "
            f"read; save the file as UTF-8 in your editor (in 'Save as', choose the encoding UTF-8)."
        )
        encoding = (
            "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-16-be" if data[:1] == b"\x00" else "utf-16-le"
        )
        return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as problem:
        line = data.count(b"\n", 0, problem.start) + 1
        log.error(
            f"{where(path, line)}: the file is not UTF-8 (byte 0x{data[problem.start]:02x} cannot be read; "
            f"it was probably saved as Latin-1 or Windows-1252); save the file as UTF-8 in your editor."
        )
        return data.decode("utf-8", errors="replace")


def load(path: str, text: str) -> Bibliography:
    """Parse and check the bibliography; report every problem; keep every usable entry.

    Each kept entry's `raw` is re-written from its checked fields (fields.py): that text,
    not the file as written, is what Pandoc formats."""
    bibliography = Bibliography(path)
    library = _parse(path, text, bibliography.refused)
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            first = bibliography_line(library, block.key)
            log.warning(
                f"{where(path, line)}: duplicate key '{block.key}' (first used on line {first}); "
                f"give one of the entries another key (add a, b ... when surname and year repeat), or delete the copy."
            )
        elif isinstance(block, ParsingFailedBlock):
            key = _block_key(block.raw)
            if key:
                bibliography.refused.add(key)
            named = f"entry {key!r}" if key else "this entry"
            if isinstance(block, DuplicateFieldKeyBlock):  # a field written twice
                names = ", ".join(f"'{name}'" for name in sorted(block.duplicate_keys))
                log.error(
                    f"{where(path, line)}: {named} has the field{'s' if len(block.duplicate_keys) > 1 else ''} "
                    f"{names} twice, so it is left out; keep one of the two."
                )
                continue
            reason = (str(block.error).strip().splitlines() or [""])[0]
            log.error(
                f"{where(path, line)}: {named} cannot be read ({reason or 'a brace or quote in it is never closed'}); "
                f"check its braces, quotes and the commas between fields."
            )
    strings = {string.key.lower(): str(string.value) for string in library.strings}
    dois: dict[str, str] = {}
    for raw_entry in library.entries:
        entry = _checked_entry(path, raw_entry, strings)
        if entry is None:
            bibliography.refused.add(raw_entry.key)
            continue
        _check_entry(path, entry)
        if entry.doi:
            doi = entry.doi.lower()
            if doi in dois:
                log.warning(
                    f"{where(path, entry.line)}: entry '{entry.key}' has the same DOI as '{dois[doi]}' ({entry.doi}); "
                    f"they are one work: keep one entry and cite its key."
                )
            else:
                dois[doi] = entry.key
        bibliography.entries[entry.key] = entry
    _check_crossrefs(path, bibliography)
    return bibliography


def _checked_entry(path: str, raw_entry: bibtexparser.model.Entry, strings: dict[str, str]) -> Entry | None:
    """The entry with every field expanded and made safe (fields.py), or None when it is refused."""
    line = (raw_entry.start_line or 0) + 1
    key = raw_entry.key
    here = where(path, line)
    if not SAFE_KEY.match(key):
        log.error(
            f"{here}: the key '{key}' has characters a citation key cannot hold; "
            f"use lowercase ASCII letters and the year, e.g. 'bowlby1969'. The entry is left out."
        )
        return None
    raw = raw_entry.raw or ""
    if len(raw) > MAX_ENTRY_CHARS or len(raw_entry.fields) > MAX_FIELDS:
        size = f"{len(raw):,} characters and {len(raw_entry.fields)} fields"
        log.error(
            f"{here}: entry '{key}' is too large ({size}; the limit is {MAX_ENTRY_CHARS:,} characters "
            f"and {MAX_FIELDS} fields); shorten it to the fields an APA reference needs. The entry is left out."
        )
        return None
    fields: dict[str, str] = {}
    for field_ in raw_entry.fields:
        name = field_.key.lower()
        at = where(path, field_.start_line + 1)
        try:
            value = expand(str(field_.value), strings).strip()
        except FieldError as problem:
            log.error(f"{at}: the field '{name}' of entry '{key}' {problem}. The entry is left out.")
            return None
        if name == "url" and (why := check_url(value)):
            log.warning(f"{at}: entry '{key}' has url = {{{value}}}: {why}. The url is left out.")
            continue
        if name == "doi" and (why := check_doi(value)):
            log.warning(f"{at}: entry '{key}' has doi = {{{value}}}: {why}. The DOI is left out.")
            continue
        if name == "eprint" and (why := check_eprint(value, _eprinttype(raw_entry))):
            log.warning(f"{at}: entry '{key}' has eprint = {{{value}}}: {why}. The eprint is left out.")
            continue
        if name in ("pmid", "pmcid") and (why := check_pubmed(name, value)):
            log.warning(f"{at}: entry '{key}' has {name} = {{{value}}}: {why}. The {name} is left out.")
            continue
        if hidden := invisible_characters(value):
            named = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '')}".rstrip() for c in hidden)
            log.warning(
                f"{at}: the field '{name}' of entry '{key}' contains the invisible character {named}, which makes "
                f"the reference read differently from what is written (or hides a difference); delete it. "
                f"It is left out of the reference."
            )
            value = "".join(c for c in value if c not in hidden)
        try:
            value, replaced = neutralise_commands(value)
        except FieldError as problem:
            log.error(f"{at}: the field '{name}' of entry '{key}' {problem}. The entry is left out.")
            return None
        if replaced:
            commands = ", ".join(dict.fromkeys(replaced))
            log.warning(
                f"{at}: the field '{name}' of entry '{key}' uses {commands}, which would make a link, image, note or "
                f"markup in the reference; write plain text (a link belongs in the url or doi field). "
                f"Only its text is kept."
            )
        if name == "publisher" and unbraced_and(value):
            log.warning(
                f"{at}: the publisher of entry '{key}' has ' and ' outside braces, so BibTeX reads two publishers "
                f"and prints them joined by ';'; if it is one name, brace it twice: publisher = {{{{{value}}}}}."
            )
        fields[name] = value
    total = sum(len(value) for value in fields.values())
    if total > MAX_ENTRY_CHARS:
        log.error(
            f"{here}: entry '{key}' is too large ({total:,} characters once its @string macros are expanded; "
            f"the limit is {MAX_ENTRY_CHARS:,}); shorten it. The entry is left out."
        )
        return None
    entry_type = raw_entry.entry_type.lower()
    return Entry(
        key=key,
        type=entry_type,
        fields=fields,
        line=line,
        raw=serialise(entry_type, key, fields),
    )


def _eprinttype(raw_entry: bibtexparser.model.Entry) -> str:
    for field_ in raw_entry.fields:
        if field_.key.lower() in ("eprinttype", "archiveprefix"):
            return str(field_.value).strip('{}" ')
    return ""


def _check_crossrefs(path: str, bibliography: Bibliography) -> None:
    """Entries may name others in crossref/xdata/xref (Pandoc copies their fields): the
    named entry must exist, and the chain must end within MAX_CROSSREF_DEPTH steps and never
    come back (Pandoc would follow a loop for ever). A bad link is removed from the entry."""
    entries = bibliography.entries

    def chain_problem(start: str) -> str | None:
        seen = [start]
        frontier = [start]
        for _depth in range(MAX_CROSSREF_DEPTH + 1):
            following = []
            for key in frontier:
                for _name, target in crossref_targets(entries[key].fields) if key in entries else []:
                    if target in seen:
                        return f"the chain {' → '.join([*seen, target])} comes back to itself"
                    seen.append(target)
                    following.append(target)
            if not following:
                return None
            frontier = following
        return f"the chain {' → '.join(seen)} is more than {MAX_CROSSREF_DEPTH} steps deep"

    for key, entry in list(entries.items()):
        targets = crossref_targets(entry.fields)
        if not targets:
            continue
        problem = None
        for name, target in targets:
            if target not in entries:
                problem = f"its {name} names '{target}', which has no entry"
                break
        problem = problem or chain_problem(key)
        if problem is None:
            continue
        log.error(
            f"{where(path, entry.line)}: entry '{key}': {problem}; name an entry that exists and does not lead "
            f"back (at most {MAX_CROSSREF_DEPTH} steps), or copy the fields you need into the entry. "
            f"The {', '.join(n for n, _ in targets)} field is left out."
        )
        fields = {k: v for k, v in entry.fields.items() if k not in LINK_FIELDS}
        entries[key] = replace(entry, fields=fields, raw=serialise(entry.type, key, fields))


def _parse(path: str, text: str, refused: set[str]) -> bibtexparser.Library:
    """The parsed file, values as written (fields.expand reads them); if the parser gives up
    on it (it does on some unclosed braces), each entry is parsed on its own so the broken
    ones can be named by line and the rest kept; their keys go into `refused`. An entry starts
    on a line whose first character other than white space is @."""
    try:
        return bibtexparser.parse_string(text, parse_stack=[])
    except Exception:  # the parser's own crash on broken input: reported below, by entry
        pass
    library = bibtexparser.Library()
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.lstrip().startswith("@")] + [len(lines)]
    for begin, end in itertools.pairwise(starts):
        chunk = "".join(lines[begin:end])
        try:
            parsed = bibtexparser.parse_string("\n" * begin + chunk, parse_stack=[])
        except Exception:  # the parser's own crash on this entry
            key = _block_key(chunk)
            log.error(
                f"{where(path, begin + 1)}: {f'entry {key!r}' if key else 'this entry'} cannot be read (a brace or "
                f"quote in it is never closed); check its braces, quotes and the commas between fields."
            )
            if key:
                refused.add(key)
            continue
        for block in parsed.blocks:
            library.add(block, fail_on_duplicate_key=False)
    return library


_BLOCK_KEY = re.compile(r"^\s*@\s*\w+\s*[{(]\s*([^\s,{}()]+)\s*,")


def _block_key(raw: str | None) -> str | None:
    """The key of an entry that could not be parsed, if its first line shows one."""
    found = _BLOCK_KEY.match(raw or "")
    return found.group(1) if found else None


def bibliography_line(library: bibtexparser.Library, key: str) -> int:
    for entry in library.entries:
        if entry.key == key:
            return (entry.start_line or 0) + 1
    return 0


def _check_entry(path: str, entry: Entry) -> None:
    if not KEY_SHAPE.match(entry.key):
        log.warning(
            f"{where(path, entry.line)}: the key '{entry.key}' does not follow the book's scheme; use the first "
            f"author's surname in lowercase ASCII letters and the year, e.g. 'bowlby1969' (a, b ... for repeats)."
        )
    required = REQUIRED.get(entry.type, GENERIC_REQUIRED)
    for need in required:
        choices = need.split("|")
        if not any(entry.fields.get(choice) for choice in choices):
            log.warning(
                f"{where(path, entry.line)}: entry '{entry.key}' (@{entry.type}) has no '{choices[0]}' field; "
                f"add {' or '.join(repr(c) for c in choices)} — an APA reference to {_a_or_an(entry.type)} {entry.type} needs it."
            )


def _a_or_an(word: str) -> str:
    """The article a type's name takes in a message: "an article", "an incollection", "a book".
    Entry types are lowercase English words or compounds, so the first letter decides."""
    return "an" if word[:1] in ("a", "e", "i", "o", "u") else "a"
