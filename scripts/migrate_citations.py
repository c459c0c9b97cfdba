"""Convert hand-typed author–date citations in docs/ into Pandoc citation keys (issue 13).

    .venv/bin/python scripts/migrate_citations.py            # rewrite docs/ in place
    .venv/bin/python scripts/migrate_citations.py --check    # report only, change nothing

Re-runnable and idempotent: text already written with keys is left alone, so the lead can
run it again on the merged tree after other branches have edited chapter prose.

What it converts, in the body of every page under docs/ (front matter, code, HTML lines
such as figure captions and headings are left alone):

- parenthetical "(Bowlby, 1969)", "(Bowlby, 1969, 1988)", "(Main & Solomon, 1990;
  Tronick, 1989)", "(e.g., Moelbak, 2020)", "(see also Shedler, 2010)", "(Freud, 1912/1958a)",
  "(A. Freud, 1936/1937)" -> "[@bowlby1969]", "[e.g., @moelbak2020]" ...;
- narrative "Bowlby (1988)" -> "@bowlby1988"; where the typed names say more than the
  citation would print ("Main and Solomon (1990)", "Turner and colleagues (2008)",
  "Anna Freud (1936/1937)"), the names stay as typed and the year becomes "[-@key]";
- each "## References" / "## Reference" section is deleted (the engine generates it).
  A work listed there that the page's text never cites is kept on the page as a
  "Further reading: [@key]." line, so the page shows the same works as before;
- a stray hand-typed reference line (e.g. in about.md) is deleted when its work is cited.

Anything it cannot map fails loudly with file:line, and nothing is written then.
Works the book used to cite in two shapes (another edition, another year) are mapped by
the UNIFIED table below; each row is a difference that the migration fixed.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import bibtexparser

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BIB = DOCS / "references.bib"

# (normalized first-author surname, year as typed) -> key, for works the book cited in
# two shapes before the migration. Each row is a fix listed in the migration's report.
UNIFIED = {
    (
        "freud",
        "1923/1960",
    ): "freud1923",  # Norton 1960 translation -> the Standard Edition (1961) the conflict chapter cites
    (
        "freud",
        "1936/1966",
    ): "freud1937",  # A. Freud, IUP revised edition 1966 -> Hogarth 1937 translation (defenses chapter)
    ("freud", "1966"): "freud1937",
    ("freud", "1905/1962"): "freud1905",
    (
        "mikulincer",
        "2007",
    ): "mikulincer2016",  # first edition (two concept pages) -> second edition (attachment chapter)
}
YEAR = r"\d{4}[a-z]?(?:/\d{4}[a-z]?)?"
YEARS = rf"{YEAR}(?:,\s*{YEAR})*"
PREFIXES = ("e.g.,", "e.g.", "see also", "see", "cf.", "summarized by", "reviewed by", "for example,", "also")
PARTICLES = {"van", "von", "de", "del", "der", "la", "le", "di", "da"}
REFERENCES_HEADING = re.compile(r"^##\s+References?\s*$", re.MULTILINE | re.IGNORECASE)
PARENTHESIS = re.compile(r"\(([^()\n]*?\d{4}[^()\n]*?)\)")
NARRATIVE = re.compile(rf"\((?P<years>{YEARS})\)")
REFERENCE_LINE = re.compile(
    r"^(?:[-*]\s+)?(?P<names>[^()\n]+?)(?:\s\(Eds?\.\)\.)?\s\((?P<year>\d{4})[a-z]?(?:,[^)]*)?\)\.\s"
)
CITATION_ITEM = re.compile(
    rf"^(?P<prefix>(?:{'|'.join(re.escape(p) for p in PREFIXES)})\s+)?"
    rf"(?P<names>(?:[A-Z]\.\s)*[A-Za-zÀ-ÿ'’ -]+?(?:\s(?:&|and)\s[A-Za-zÀ-ÿ'’ -]+?|\set al\.)?),\s*"
    rf"(?P<years>{YEARS})(?P<locator>,\s*(?:pp?\.|chap\.)\s*[\d–-]+)?$"
)


class MigrationError(Exception):
    pass


def normalize(surname: str) -> str:
    """A surname as keys spell it: lowercase ASCII letters, particles and spaces dropped into it."""
    text = unicodedata.normalize("NFKD", surname)
    return "".join(c for c in text if c.isascii() and c.isalpha()).lower()


@dataclass(frozen=True)
class Work:
    key: str
    surname: str  # normalized first-author (or editor) surname
    year: str
    origdate: str
    authors: int


def load_works() -> list[Work]:
    library = bibtexparser.parse_string(BIB.read_text(encoding="utf-8"))
    works = []
    for entry in library.entries:
        fields = {k.lower(): str(f.value) for k, f in entry.fields_dict.items()}
        names = fields.get("author") or fields.get("editor") or ""
        first = names.split(" and ")[0]
        surname = first.split(",")[0].replace("{", "").replace("}", "")
        year = fields.get("year") or fields.get("date", "")[:4]
        works.append(
            Work(entry.key, normalize(surname), year, fields.get("origdate", "")[:4], len(names.split(" and ")))
        )
    return works


class Mapper:
    def __init__(self, works: list[Work]) -> None:
        self.works = works
        self.surnames = {w.surname for w in works}
        self.shared = {s for s in self.surnames if len({w.key for w in works if w.surname == s and w.origdate}) > 0}

    def key(self, surname: str, year: str) -> str | None:
        """The key of the work by `surname` (normalized) typed with `year` ('1969', '1912/1958a')."""
        bare = re.sub(r"(?<=\d)[a-z]", "", year)
        if (surname, bare) in UNIFIED:
            return UNIFIED[(surname, bare)]
        original, _, published = bare.partition("/")
        found = [
            w
            for w in self.works
            if w.surname == surname
            and (
                (published and w.origdate == original and w.year == published)
                or (not published and (w.year == original or w.origdate == original))
            )
        ]
        keys = {w.key for w in found}
        return keys.pop() if len(keys) == 1 else None

    def work(self, key: str) -> Work:
        return next(w for w in self.works if w.key == key)


@dataclass
class Page:
    path: Path
    text: str
    problems: list[str]
    notes: list[str]

    def where(self, index: int) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.text.count(chr(10), 0, index) + 1}"


def body_start(text: str) -> int:
    match = re.match(r"\A---\n.*?\n(?:---|\.\.\.)\n", text, re.DOTALL)
    return match.end() if match else 0


def convertible(text: str, index: int) -> bool:
    """False inside front matter, code, headings and HTML lines (figure captions)."""
    line_start = text.rfind("\n", 0, index) + 1
    line = text[line_start : text.find("\n", index) if "\n" in text[index:] else len(text)]
    stripped = line.lstrip()
    if stripped.startswith(("<", "#", "```", "    ```")):
        return False
    if text.count("`", line_start, index) % 2 == 1:
        return False
    return text.count("\n```", 0, index) % 2 == 0


def surname_of(names: str) -> str:
    first = re.split(r"\s(?:&|and)\s|\set al\.|,", names)[0].strip()
    first = re.sub(r"^(?:[A-Z]\.\s)+", "", first)  # "A. Freud" -> "Freud"
    return normalize(first)


def convert_parenthetical(page: Page, mapper: Mapper, match: re.Match[str]) -> str | None:
    inner = match.group(1)
    if not re.search(r"[A-Za-z]", inner) or re.fullmatch(r"\d{4}[–-]\d{4}", inner.strip()):
        return None  # life dates and the like: not a citation
    items = []
    for part in inner.split(";"):
        item = CITATION_ITEM.match(part.strip())
        if item is None:
            if re.search(r"[A-Z][a-z]+.*\d{4}", part):
                page.problems.append(f"{page.where(match.start())}: cannot read the citation '{match.group(0)}'")
            return None
        surname = surname_of(item.group("names"))
        prefix = (item.group("prefix") or "").strip()
        years = [y.strip() for y in item.group("years").split(",")]
        for n, year in enumerate(years):
            key = mapper.key(surname, year)
            if key is None:
                page.problems.append(
                    f"{page.where(match.start())}: no entry in docs/references.bib for '{item.group('names')}, {year}' "
                    f"in '{match.group(0)}'; add one (or a row to UNIFIED in this script)"
                )
                return None
            locator = (item.group("locator") or "") if n == len(years) - 1 else ""
            items.append(f"{prefix + ' ' if prefix and n == 0 else ''}@{key}{locator}")
    return "[" + "; ".join(items) + "]"


def convert_narrative(page: Page, mapper: Mapper, text: str, match: re.Match[str]) -> tuple[int, str] | None:
    """(start, replacement) for 'Names (1990)', or None when no surname precedes it."""
    before = text[max(0, match.start() - 120) : match.start()]
    words = list(re.finditer(r"[A-Za-zÀ-ÿ'’-]+", before))
    years = [y.strip() for y in match.group("years").split(",")]
    tail = before.rstrip()
    if not words or not tail or not (tail[-1].isalpha() or tail.endswith(".")):
        return None
    # Walk back over the words just before "(1990)": the farthest surname that, with the
    # year, names a work is the first author ("Main and Solomon", "Brennan, Clark and Shaver").
    candidates = []
    for i in range(len(words) - 1, max(-1, len(words) - 9), -1):
        gap = before[words[i].end() : words[i + 1].start()] if i + 1 < len(words) else before[words[i].end() :]
        if re.search(r"[.:;!?()\[\]]", gap.replace("et al.", "")) and i < len(words) - 1:
            break
        for start in (i - 1, i):
            if start < 0:
                continue
            phrase = " ".join(w.group(0) for w in words[start : i + 1])
            if start == i - 1 and words[start].group(0).lower() not in PARTICLES:
                continue
            surname = normalize(phrase.removesuffix("’s").removesuffix("'s"))
            if all(mapper.key(surname, y) for y in years):
                candidates.append((start, surname))
    if not candidates:
        if words and words[-1].group(0)[0].isupper() and before.rstrip() == before[: words[-1].end()].rstrip():
            page.problems.append(
                f"{page.where(match.start())}: cannot map '{words[-1].group(0)} {match.group(0)}' to an entry in "
                f"docs/references.bib; add the entry (or a row to UNIFIED in this script)"
            )
        return None
    first, surname = min(candidates)
    keys = [mapper.key(surname, y) for y in years]
    start_index = match.start() - len(before) + words[first].start()
    names = text[start_index : match.start()].rstrip()
    single = (
        len(keys) == 1
        and mapper.work(keys[0] or "").authors == 1
        and normalize(names) == surname
        and not any(w.surname == surname and w.key != keys[0] and w.authors == 1 for w in mapper.works if w.origdate)
        and surname != "freud"  # two Freuds in the bibliography: APA prints initials, so keep the typed name
    )
    if single:
        return start_index, f"@{keys[0]}"
    return start_index, f"{names} [" + "; ".join(f"-@{k}" for k in keys) + "]"


def references_section(text: str) -> tuple[int, int] | None:
    match = REFERENCES_HEADING.search(text)
    if match is None:
        return None
    following = re.compile(r"^#{1,2}\s|^<!--", re.MULTILINE).search(text, match.end())
    return match.start(), following.start() if following else len(text)


def listed_works(page: Page, mapper: Mapper, section: str, offset: int) -> list[str]:
    keys = []
    for match in re.finditer(r"^(?:[-*]\s+)?(\S.*)$", section, re.MULTILINE):
        line = match.group(1)
        if line.lower().startswith("## reference"):
            continue
        found = REFERENCE_LINE.match(line + " ")
        year = re.search(r"\((\d{4})[a-z]?[,)]", line)
        original = re.search(r"Original work published (\d{4})", line)
        if found is None or year is None:
            page.problems.append(f"{page.where(offset + match.start())}: cannot read this reference: '{line[:60]}...'")
            continue
        surname = surname_of(found.group("names").replace(", ", ",", 1).split(",")[0])
        typed = f"{original.group(1)}/{year.group(1)}" if original else year.group(1)
        key = mapper.key(surname, typed) or mapper.key(surname, year.group(1))
        if key is None:
            page.problems.append(
                f"{page.where(offset + match.start())}: no entry in docs/references.bib for the reference "
                f"'{line[:60]}...'; add one (or a row to UNIFIED in this script)"
            )
            continue
        keys.append(key)
    return keys


def cited_keys(text: str) -> set[str]:
    return set(re.findall(r"-?@([a-z]+\d{4}[a-z]?)", text))


def migrate(page: Page, mapper: Mapper) -> None:
    text = page.text
    start = body_start(text)
    section = references_section(text)
    listed: list[str] = []
    if section is not None:
        listed = listed_works(page, mapper, text[section[0] : section[1]], section[0])

    out, last = [], start
    for match in PARENTHESIS.finditer(text, start):
        if section and section[0] <= match.start() < section[1]:
            continue
        if not convertible(text, match.start()):
            continue
        replacement = convert_parenthetical(page, mapper, match)
        if replacement is not None:
            out.append(text[last : match.start()] + replacement)
            last = match.end()
    text = text[:start] + "".join(out) + text[last:] if out else text
    section = references_section(text)

    out, last = [], start
    for match in NARRATIVE.finditer(text, start):
        if section and section[0] <= match.start() < section[1]:
            continue
        if match.start() < last or not convertible(text, match.start()):
            continue
        converted = convert_narrative(page, mapper, text, match)
        if converted is not None:
            begin, replacement = converted
            if begin < last:
                continue
            out.append(text[last:begin] + replacement)
            last = match.end()
    text = text[:start] + "".join(out) + text[last:] if out else text

    section = references_section(text)
    if section is not None:
        body_keys = cited_keys(text[: section[0]] + text[section[1] :])
        missing = [k for k in dict.fromkeys(listed) if k not in body_keys]
        keep = f"Further reading: [{'; '.join('@' + k for k in missing)}].\n\n" if missing else ""
        if missing:
            page.notes.append(
                f"{page.path.relative_to(ROOT)}: listed but not cited in the text, kept as further reading: {', '.join(missing)}"
            )
        text = text[: section[0]] + keep + text[section[1] :].lstrip("\n")
        text = text.rstrip("\n") + "\n"

    # Stray hand-typed reference lines (outside a References section), e.g. in about.md.
    def drop(match: re.Match[str]) -> str:
        line = match.group(0)
        surname = surname_of(match.group("names"))
        key = mapper.key(surname, match.group("year"))
        if key is not None and key in cited_keys(text):
            page.notes.append(f"{page.where(text.find(line))}: removed the hand-typed reference to {key}")
            return ""
        return line

    body = text[start:]
    body = re.sub(
        r"^(?P<names>[A-Z][^()\n]+?,\s(?:[A-Z]\.\s?)+(?:,?\s(?:&\s)?[^()\n]+?)?)\s\((?P<year>\d{4})[^)]*\)\.\s[^\n]*\n\n?",
        drop,
        body,
        flags=re.MULTILINE,
    )
    page.text = text[:start] + body


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report what would change; write nothing")
    parser.add_argument("paths", nargs="*", type=Path, help="Markdown files (default: every page under docs/)")
    args = parser.parse_args()
    mapper = Mapper(load_works())
    paths = args.paths or sorted(DOCS.rglob("*.md"))
    pages = [Page(p.resolve(), p.read_text(encoding="utf-8"), [], []) for p in paths]
    for page in pages:
        migrate(page, mapper)
    problems = [p for page in pages for p in page.problems]
    for page in pages:
        for note in page.notes:
            print(note)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} citation(s) could not be mapped; nothing was written.", file=sys.stderr)
        return 1
    changed = [page for page in pages if page.text != page.path.read_text(encoding="utf-8")]
    for page in changed:
        print(f"{'would change' if args.check else 'changed'} {page.path.relative_to(ROOT)}")
        if not args.check:
            page.path.write_text(page.text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
