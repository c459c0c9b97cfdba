"""Loading docs/references.bib and checking it: every problem is a file:line message.

The .bib file is parsed by bibtexparser, which keeps each entry's line and reports blocks
it cannot read instead of giving up on the file. Pandoc, which formats the entries, is then
given only the entries that were read and kept (see `Bibliography.clean_text`), so one
broken entry is one error message, not a failed build with a parser traceback.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, ParsingFailedBlock

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


@dataclass(frozen=True)
class Entry:
    key: str
    type: str
    fields: dict[str, str]
    line: int  # 1-based line of the entry's '@' in the .bib file
    raw: str

    @property
    def doi(self) -> str | None:
        doi = self.fields.get("doi", "").strip()
        return doi or None


@dataclass
class Bibliography:
    path: str  # as named in messages: docs/references.bib
    entries: dict[str, Entry] = field(default_factory=dict)

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def clean_text(self) -> str:
        """The entries that were read and kept, for Pandoc (one per key)."""
        return "\n\n".join(entry.raw for entry in self.entries.values()) + "\n"


def load(path: str, text: str) -> Bibliography:
    """Parse and check the bibliography; report every problem; keep every usable entry."""
    bibliography = Bibliography(path)
    library = _parse(path, text)
    for block in library.failed_blocks:
        line = block.start_line + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            first = bibliography_line(library, block.key)
            log.warning(
                f"{where(path, line)}: duplicate key '{block.key}' (first used on line {first}); "
                f"give one of the entries another key (add a, b ... when surname and year repeat), or delete the copy."
            )
        elif isinstance(block, ParsingFailedBlock):
            reason = (str(block.error).strip().splitlines() or [type(block.error).__name__])[0]
            log.error(
                f"{where(path, line)}: this entry cannot be read ({reason}); "
                f"check its braces, quotes and the commas between fields."
            )
    dois: dict[str, str] = {}
    for raw_entry in library.entries:
        entry = Entry(
            key=raw_entry.key,
            type=raw_entry.entry_type.lower(),
            fields={k.lower(): str(f.value).strip() for k, f in raw_entry.fields_dict.items()},
            line=raw_entry.start_line + 1,
            raw=raw_entry.raw,
        )
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
    return bibliography


def _parse(path: str, text: str) -> bibtexparser.Library:
    """The parsed file; if the parser gives up on it (it does on some unclosed braces),
    each entry is parsed on its own so the broken ones can be named by line and the rest kept."""
    try:
        return bibtexparser.parse_string(text)
    except Exception:  # the parser's own crash on broken input: reported below, by entry
        pass
    library = bibtexparser.Library()
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("@")] + [len(lines)]
    for begin, end in itertools.pairwise(starts):
        chunk = "".join(lines[begin:end])
        try:
            parsed = bibtexparser.parse_string("\n" * begin + chunk)
        except Exception as error:
            log.error(
                f"{where(path, begin + 1)}: this entry cannot be read ({type(error).__name__}); "
                f"check its braces, quotes and the commas between fields."
            )
            continue
        for block in parsed.blocks:
            library.add(block, fail_on_duplicate_key=False)
    return library


def bibliography_line(library: bibtexparser.Library, key: str) -> int:
    for entry in library.entries:
        if entry.key == key:
            return entry.start_line + 1
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
                f"add {' or '.join(repr(c) for c in choices)} — an APA reference to a {entry.type} needs it."
            )
