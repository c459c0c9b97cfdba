"""What Pandoc may see of a .bib entry: each field's value, checked and made safe.

Pandoc reads a .bib field as LaTeX, so a field can make markup: `\\href{javascript:…}{x}`
becomes a live link, `\\includegraphics{…}` an image, `\\footnote{…}` a footnote. And it
follows `crossref`/`xdata` to other entries, without end on a loop. So Pandoc is never
given the .bib file as written: bibliography.load re-writes every kept entry from its
checked fields (`Entry.raw`), and this module decides what a field may hold.

- Every field Pandoc makes a link from is checked: `url` must be an http(s) address,
  `doi` a DOI (10.NNNN/…, optionally as a doi.org address), `eprint` an arXiv or PubMed
  number (as its `eprinttype` says), `pmid` and `pmcid` PubMed numbers; any other value
  is dropped with a message (the reference is then printed without that link).
- Invisible characters (bidi controls such as U+202E, zero-width spaces) are removed
  with a message: they show a title other than the one written.
- LaTeX commands: only an allow-list of accents, letters, escapes and text styles is
  kept. Any other command is replaced by the text of its last argument
  (`\\href{javascript:…}{click}` → `click`), with a message naming it; so is TeX's
  `^^5c` spelling of a backslash. Commands nested deeper than MAX_COMMAND_DEPTH are an
  error, not a recursion without end.
- @string macros are expanded here (with `#` concatenation), within the size limit;
  an undefined macro is a message, not its name printed as the title.
- Limits: an entry's size and field count, and a crossref chain's depth, are bounded;
  an entry over a limit is refused with file:line and the limit.
"""

from __future__ import annotations

import re
import unicodedata

MAX_ENTRY_CHARS = 10_000  # the book's longest entry is under 700 characters
MAX_FIELDS = 40  # the book's entries have at most 10
MAX_STRING_DEPTH = 10  # @string macros built from other macros
MAX_CROSSREF_DEPTH = 2  # an entry may inherit from one that inherits from one more
MAX_COMMAND_DEPTH = 20  # \\emph{\\textbf{...}} nested in one field
LINK_FIELDS = ("crossref", "xdata", "xref")  # fields that name other entries (Pandoc follows them)

# Commands Pandoc turns into text or text styles, never into links, images, notes or anchors.
ALLOWED_COMMANDS = frozenset(
    {
        # accents and special letters
        *("'", "`", "^", '"', "~", "=", ".", "u", "v", "H", "c", "d", "b", "t", "r", "k"),
        *("l", "L", "o", "O", "ae", "AE", "oe", "OE", "aa", "AA", "ss", "i", "j"),
        # escaped characters and spacing
        *("&", "%", "$", "#", "_", "{", "}", " ", ",", "-", "/", "@"),
        # text styles and dashes
        *("emph", "textit", "textbf", "textsc", "textsuperscript", "textsubscript", "textup", "textrm"),
        *("textsf", "textmd", "textnormal", "mkbibquote", "enquote", "mbox", "textendash", "textemdash"),
        *("ldots", "dots", "textquoteright", "textquoteleft", "textquotedblleft", "textquotedblright"),
    }
)
_COMMAND = re.compile(r"\\([A-Za-z]+|[^A-Za-z\s]|\s)")
_CARET = re.compile(r"\^\^(?:[0-9a-f]{2}|.)", re.DOTALL)  # TeX's ^^5c is a backslash
_INVISIBLE_CATEGORIES = ("Cf", "Zl", "Zp")
# Fields Pandoc turns into links, beside url and doi: what each must look like.
_EPRINT = {
    "arxiv": re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z][a-z.-]+/\d{7})(?:v\d+)?$", re.IGNORECASE),
    "pubmed": re.compile(r"^\d{1,9}$"),
}
_PMID = re.compile(r"^\d{1,9}$")
_PMCID = re.compile(r"^PMC\d{1,9}$", re.IGNORECASE)
_URL = re.compile(r"^https?://[^\s\"'<>\\{}]+$", re.IGNORECASE)
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/[^\s\"'<>\\{}]+$", re.IGNORECASE)
_MONTHS = frozenset(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])
_UNBRACED_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


class FieldError(Exception):
    """A field that cannot be used; the message says why and how to fix it."""


def _group_end(text: str, start: int, opening: str, closing: str) -> int:
    """Index just after the group opened at text[start]; an unclosed group closes as if a
    brace followed the text (len(text) + 1), so that its text runs to the end."""
    depth = 0
    i = start
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text) + 1


def neutralise_commands(value: str, depth: int = 0) -> tuple[str, list[str]]:
    """`value` with every command outside ALLOWED_COMMANDS replaced by its last argument's
    text (braced, so it prints as typed), and the names of the commands replaced.
    Raises FieldError for commands nested more than MAX_COMMAND_DEPTH deep."""
    if depth > MAX_COMMAND_DEPTH:
        raise FieldError(f"nests LaTeX commands more than {MAX_COMMAND_DEPTH} levels deep; write plain text")
    if depth == 0 and _CARET.search(value):
        value = _CARET.sub("", value)
        carets = ["^^ (TeX's spelling of a character by its code)"]
    else:
        carets = []
    out: list[str] = []
    replaced: list[str] = []
    i = 0
    while i < len(value):
        match = _COMMAND.match(value, i) if value[i] == "\\" else None
        if match is None:
            out.append(value[i])
            i += 1
            continue
        name = match.group(1)
        end = match.end()
        if name in ALLOWED_COMMANDS:
            out.append(match.group(0))
            i = end
            continue
        replaced.append("\\" + name)
        arguments: list[str] = []
        while True:  # [optional] and {mandatory} arguments, spaces between them allowed
            j = end
            while j < len(value) and value[j] in " \t\n":
                j += 1
            if j < len(value) and value[j] in "[{":
                closing = "]" if value[j] == "[" else "}"
                group_end = _group_end(value, j, value[j], closing)
                if value[j] == "{":
                    arguments.append(value[j + 1 : group_end - 1])
                end = group_end
            else:
                break
        if arguments:
            text, inner = neutralise_commands(arguments[-1], depth + 1)
            replaced.extend(inner)
            out.append("{" + text + "}")
        i = end
    return "".join(out), carets + replaced


def split_concatenation(raw: str) -> list[str]:
    """The pieces of a BibTeX value joined by `#` (outside braces and quotes)."""
    pieces: list[str] = []
    depth = 0
    quoted = False
    start = 0
    for i, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            pieces.append(raw[start:i].strip())
            start = i + 1
    pieces.append(raw[start:].strip())
    return pieces


def expand(raw: str, strings: dict[str, str], limit: int = MAX_ENTRY_CHARS) -> str:
    """A raw BibTeX value ({…}, "…", a number, a macro, or those joined by #) as its text.

    Raises FieldError for an undefined macro, macros nested too deep (a macro naming
    itself), or a value longer than `limit` once expanded. The work is bounded too: at
    most `limit` pieces are looked at, so even macros of empty strings cannot explode."""
    budget = [limit]

    def text_of(value: str, depth: int) -> str:
        if depth > MAX_STRING_DEPTH:
            raise FieldError(f"nests @string macros more than {MAX_STRING_DEPTH} levels deep (or a macro names itself)")
        parts: list[str] = []
        size = 0
        for piece in split_concatenation(value):
            budget[0] -= 1
            if budget[0] < 0:
                raise FieldError(f"joins more than {limit:,} pieces with # once its @string macros are expanded")
            if len(piece) >= 2 and (piece[0], piece[-1]) in (("{", "}"), ('"', '"')):
                text = piece[1:-1]
            elif piece.isdigit():
                text = piece
            elif piece.lower() in strings:
                text = text_of(strings[piece.lower()], depth + 1)
            elif piece.lower() in _MONTHS:
                text = piece.lower()
            else:
                raise FieldError(
                    f"uses the @string macro '{piece}', which the file does not define; define it with "
                    f"@string{{{piece} = {{…}}}} above the entry, or write the text in braces: {{…}}"
                )
            size += len(text)
            if size > limit:
                raise FieldError(f"is longer than {limit:,} characters once its @string macros are expanded")
            parts.append(text)
        return "".join(parts)

    return text_of(raw, 0)


def check_url(value: str) -> str | None:
    """Why the url field cannot be a link, or None when it is an http(s) address."""
    if _URL.match(value.strip()):
        return None
    return "a url must be a web address starting with https:// (or http://)"


def check_doi(value: str) -> str | None:
    """Why the doi field is not a DOI, or None."""
    if _DOI.match(value.strip()):
        return None
    return "a DOI starts with 10. and a number, then a slash, e.g. doi = {10.1037/a0018378}"


def check_eprint(value: str, eprinttype: str) -> str | None:
    """Why the eprint field cannot be a link (Pandoc links arXiv and PubMed numbers), or None."""
    kind = eprinttype.strip().lower()
    pattern = _EPRINT.get(kind)
    if pattern is None:
        return (
            f"eprinttype {eprinttype!r} is not one the book links (arxiv or pubmed); give the link as "
            f"url = {{https://...}} instead"
        )
    if pattern.match(value.strip()):
        return None
    example = "2101.00001" if kind == "arxiv" else "12345678"
    return f"{'an arXiv' if kind == 'arxiv' else 'a PubMed'} eprint is its number, e.g. eprint = {{{example}}}"


def check_pubmed(name: str, value: str) -> str | None:
    """Why a pmid/pmcid field is not a PubMed number (Pandoc links it), or None."""
    pattern, example = (_PMID, "12345678") if name == "pmid" else (_PMCID, "PMC1234567")
    if pattern.match(value.strip()):
        return None
    return f"a {name} is a PubMed number, e.g. {name} = {{{example}}}"


def invisible_characters(value: str) -> list[str]:
    """The invisible characters of `value` (bidi controls, zero-width, line separators)."""
    return [c for c in dict.fromkeys(value) if unicodedata.category(c) in _INVISIBLE_CATEGORIES]


def unbraced_and(value: str) -> bool:
    """Whether ' and ' appears outside braces (BibTeX then reads two names)."""
    depth = 0
    outer: list[str] = []
    for char in value:
        if char == "{":
            depth += 1
            outer.append("x")
        elif char == "}":
            depth -= 1
        elif depth == 0:
            outer.append(char)
    return bool(_UNBRACED_AND.search("".join(outer)))


def crossref_targets(fields: dict[str, str]) -> list[tuple[str, str]]:
    """(field, key) for every entry this one names in crossref/xdata/xref."""
    targets = []
    for name in LINK_FIELDS:
        for key in fields.get(name, "").split(","):
            if key.strip():
                targets.append((name, key.strip()))
    return targets


def serialise(entry_type: str, key: str, fields: dict[str, str]) -> str:
    """One entry as BibTeX, every value braced (the form Pandoc reads)."""
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items())
    return f"@{entry_type}{{{key},\n{body}}}"
