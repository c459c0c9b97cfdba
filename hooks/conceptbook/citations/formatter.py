"""APA 7 formatting by Pandoc's citeproc with the vendored APA CSL style (apa.csl).

Pandoc is the formatter (bundled in the pypandoc-binary wheel, so nothing is downloaded
at build time). One run formats every citation of the book and every entry of the
bibliography: each citation goes into its own numbered div, `nocite: @*` adds every entry
to the reference list, and the HTML Pandoc writes is split back into pieces. A second run
exports the entries as CSL-JSON for bibliography.json. Both results are cached by the
hash of their input (a few versions, common/cache.py), so `mkdocs serve` re-runs Pandoc
only when a citation or the .bib changes, and Pandoc's output is kept on disk between
builds (common/store.py). Every run has a time limit (PANDOC_SECONDS): a
Pandoc that hangs stops the build with a message, never forever.

Nothing here formats a reference: the text and punctuation come from Pandoc and the CSL
style. The only edits are to markup: Pandoc's `nocase` spans (from braces in the .bib)
are unwrapped, and each item's link is given the book's href and tip attributes (cite.py).

Pandoc missing or failing is a `PandocError` whose message names the file and the fix;
this module imports no MkDocs, so the Markdown extension runs without it: the MkDocs
adapter (capability.py) turns the error into MkDocs' PandocError, the extension run on
its own logs it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conceptbook.common import store
from conceptbook.common.cache import Bounded

CSL = Path(__file__).with_name("apa.csl")
# Markdown with the extensions a citation needs; raw HTML and TeX off, so an author's text
# in a prefix reaches the page escaped.
READER = "markdown-raw_html-raw_tex-raw_attribute-smart"
_CLUSTER = re.compile(r'<div id="c(\d+)">\s*<p>(.*?)</p>\s*</div>', re.DOTALL)
_ENTRY = re.compile(r'<div id="ref-([^"]+)" class="csl-entry" role="listitem">\s*(.*?)\s*</div>', re.DOTALL)
_BIBTEX_ENTRY = re.compile(r"^@\w+\{([^,\s]+),\n.*?^\}$", re.DOTALL | re.MULTILINE)
_ESCAPED_BRACE = re.compile(r"\\([{}])")
_NOCASE = re.compile(r'<span class="nocase">((?:(?!<span\b).)*?)</span>|<span>((?:(?!<span\b).)*?)</span>', re.DOTALL)


class PandocError(Exception):
    """Pandoc is missing or could not format the input; the message says where and how to fix it."""


@dataclass
class Formatted:
    citations: dict[str, str] = field(default_factory=dict)  # citation text -> HTML
    entries: dict[str, str] = field(default_factory=dict)  # key -> HTML, in APA order


# Results by the hash of their input: the book's citations and entries (two runs), the
# CSL-JSON export, the cite boxes' APA and BibTeX. A few versions of each, for serve.
_cache: Bounded[Any] = Bounded(16)
PANDOC_SECONDS = 300  # a 3,000-entry bibliography takes about a minute here
_FAST = "fast"
CITEPROC = ["-f", READER, "-t", "html5", "--wrap=none", "--citeproc"]


@functools.cache
def pandoc_path() -> str:
    try:
        import pypandoc
    except ImportError as error:  # pragma: no cover - pinned in requirements.txt
        raise PandocError(f"citations need Pandoc: pip install -r requirements.txt ({error})") from None
    return str(pypandoc.get_pandoc_path())


def _run(args: list[str], stdin: str, source: str, name: str = "references.bib", style: str | None = None) -> str:
    """Pandoc with `source` as its bibliography (`name`'s suffix tells Pandoc its format)
    and `style` (the text of a CSL style) as its style, when given."""
    files = {name: source}
    if style is not None:
        files["style.csl"] = style
        args = [*args, "--csl", "{dir}/style.csl"]
    what = "docs/references.bib" if name == "references.bib" else "the 'Cite this chapter' boxes"
    result = _tool([*args, "--bibliography", f"{{dir}}/{name}"], stdin, files, what)
    if result.returncode != 0:
        if name == "references.bib":
            what, fix = "docs/references.bib: Pandoc could not format the bibliography", "fix the entry it names"
        else:
            what, fix = "the 'Cite this chapter' boxes: Pandoc could not format them", "fix the chapter it names"
        raise PandocError(
            f"{what}: {result.stderr.strip() or f'exit status {result.returncode}'}; {fix}, "
            "or reinstall Pandoc with pip install -r requirements.txt if it names none."
        )
    return result.stdout


def _tool(args: list[str], stdin: str | None, files: dict[str, str], what: str) -> subprocess.CompletedProcess[str]:
    """One Pandoc run with `files` written to a folder of its own (`{dir}` in `args` names
    it); a run that succeeded before with the same Pandoc and input is read from the
    store (common/store.py) instead."""
    program = pandoc_path()
    name = store.key(store.program(program), json.dumps([args, stdin, files]))
    kept = store.current().get(name)
    if kept is not None:
        return subprocess.CompletedProcess(args, 0, kept.decode("utf-8"), "")
    with tempfile.TemporaryDirectory(prefix="citations-") as folder:
        for file, text in files.items():
            Path(folder, file).write_text(text, encoding="utf-8")
        result = _pandoc([program, *(arg.replace("{dir}", folder) for arg in args)], stdin, what)
    if result.returncode == 0:
        store.current().put(name, result.stdout.encode("utf-8"))
    return result


def _pandoc(command: list[str], stdin: str | None, what: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            command, input=stdin, capture_output=True, text=True, encoding="utf-8", check=False, timeout=PANDOC_SECONDS
        )
    except subprocess.TimeoutExpired:
        raise PandocError(
            f"{what}: Pandoc did not finish within {PANDOC_SECONDS} s; look for an entry that is very long or "
            "refers to itself, or split docs/references.bib."
        ) from None


def bibtex_safe(entry: str) -> str:
    """Pandoc's BibTeX with each escaped brace (\\{, \\}) written as a command: BibTeX counts
    braces without looking at backslashes, so `title = {a\\}, note = \\{b}` would end the
    title after `a` and make a field `note`."""
    return _ESCAPED_BRACE.sub(lambda m: "\\textbraceleft{}" if m.group(1) == "{" else "\\textbraceright{}", entry)


def _unwrap_spans(html: str) -> str:
    while True:
        changed = _NOCASE.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), html)
        if changed == html:
            return html
        html = changed


def _entries(html: str) -> dict[str, str]:
    return {match.group(1): _unwrap_spans(match.group(2)) for match in _ENTRY.finditer(html)}


def format_all(bib_text: str, citations: list[str], style: str = "full") -> Formatted:
    """Every citation (as written) and every entry of `bib_text`, as HTML (`style` _FAST:
    without disambiguation, see format_book)."""
    digest = hashlib.sha256(json.dumps([bib_text, citations, CSL.stat().st_mtime, style]).encode()).hexdigest()
    cached = _cache.get(digest)
    if cached is not None:
        return cached
    document = "---\nnocite: '@*'\nlink-citations: true\n---\n\n" + "".join(
        f"::: {{#c{i}}}\n{text}\n:::\n\n" for i, text in enumerate(citations)
    )
    csl = _fast_csl() if style == _FAST else CSL.read_text(encoding="utf-8")
    html = _run(CITEPROC, document, bib_text, style=csl)
    formatted = Formatted(entries=_entries(html))
    for match in _CLUSTER.finditer(html):
        formatted.citations[citations[int(match.group(1))]] = _unwrap_spans(match.group(2))
    return _cache.put(digest, formatted)


def _fast_csl() -> str:
    """apa.csl without citation disambiguation (names, initials, year suffixes): Pandoc's
    citeproc compares every entry with every other for it, which grows faster than the
    square of the entries (750 entries: 52 s, against 2 s for 150, on the probe's machine)."""
    text = CSL.read_text(encoding="utf-8")
    for switch in ("disambiguate-add-givenname", "disambiguate-add-names", "disambiguate-add-year-suffix"):
        text = text.replace(f'{switch}="true"', f'{switch}="false"')
    return text


def format_book(entries: dict[str, str], families: dict[str, str | None], citations: dict[str, list[str]]) -> Formatted:
    """Every citation and entry of the book, as format_all would, in time that grows with
    the works whose first authors share a surname rather than with all works.

    APA disambiguates only citations that would read alike: the same first author's
    surname (initials, more names, 2010a/2010b). So the entries whose first author's
    surname (or, without an author, anything) may collide, with every entry cited beside
    them, are formatted with the full style; all entries are formatted once more without
    disambiguation, which gives the list's order and every other entry and citation.
    `entries` maps a key to its BibTeX, `families` a key to its first author's folded
    surname (None: may collide), `citations` a citation's text to its keys."""
    count: dict[str | None, int] = {}
    for family in families.values():
        count[family] = count.get(family, 0) + 1
    shared = {key for key, family in families.items() if family is None or count[family] > 1}
    full_citations = [text for text, keys in citations.items() if shared.intersection(keys)]
    full_keys = shared | {key for text in full_citations for key in citations[text] if key in entries}
    if len(full_keys) == len(entries):
        return format_all("\n\n".join(entries.values()) + "\n", list(citations))
    fast = format_all("\n\n".join(entries.values()) + "\n", [t for t in citations if t not in full_citations], _FAST)
    full = format_all("\n\n".join(entries[k] for k in entries if k in full_keys) + "\n", full_citations)
    return Formatted(
        citations={**fast.citations, **full.citations},
        entries={key: full.entries.get(key, html) if key in shared else html for key, html in fast.entries.items()},
    )


def csl_json(bib_text: str) -> list[dict[str, Any]]:
    """The entries as CSL-JSON items (the format Zotero and citeproc processors exchange)."""
    digest = "csl:" + hashlib.sha256(bib_text.encode()).hexdigest()
    cached = _cache.get(digest)
    if cached is not None:
        return cached
    result = _tool(
        ["{dir}/references.bib", "-f", "biblatex", "-t", "csljson"],
        None,
        {"references.bib": bib_text},
        "docs/references.bib",
    )
    if result.returncode != 0:
        raise PandocError(f"docs/references.bib: Pandoc could not export CSL-JSON: {result.stderr.strip()}")
    return _cache.put(digest, json.loads(result.stdout))


def _standalone_csl() -> str:
    """apa.csl without year suffixes: each chapter's reference stands alone, so chapters
    by the same authors in the same year must not become "2026a", "2026b" (APA's rule
    for entries of one list). Only that switch of the style differs."""
    text = CSL.read_text(encoding="utf-8")
    switch = 'disambiguate-add-year-suffix="true"'
    if switch not in text:  # pragma: no cover - the vendored style has it
        raise PandocError(f"{CSL}: the style no longer has {switch}; update formatter._standalone_csl")
    return text.replace(switch, 'disambiguate-add-year-suffix="false"')


def _apa_standalone(items: list[dict[str, Any]]) -> dict[str, str]:
    """Every item as its own APA reference, in one Pandoc run."""
    source = json.dumps(items, ensure_ascii=False, sort_keys=True)
    digest = "items:" + hashlib.sha256(json.dumps([source, CSL.stat().st_mtime]).encode()).hexdigest()
    cached = _cache.get(digest)
    if cached is not None:
        return cached
    html = _run(CITEPROC, "---\nnocite: '@*'\n---\n", source, "items.json", style=_standalone_csl())
    return _cache.put(digest, _entries(html))


def format_csl(apa: list[dict[str, Any]], bibtex: list[dict[str, Any]]) -> tuple[dict[str, str], dict[str, str]]:
    """CSL-JSON items as APA reference HTML (`apa`) and as BibTeX entries (`bibtex`), by id.

    The same Pandoc and CSL style as the book's citations, in one run, with the style's
    year suffixes switched off: in one list, chapters by the same authors in the same
    year would become "2026a", "2026b" (APA's rule for a list, wrong for a reference that
    stands alone).
    Pandoc's BibTeX writer picks the entry type (a chapter with an editor is an
    @incollection) and escapes LaTeX.
    """
    html = _apa_standalone(apa) if apa else {}
    source = json.dumps(bibtex, ensure_ascii=False, sort_keys=True)
    digest = "bibtex:" + hashlib.sha256(source.encode()).hexdigest()
    cached = _cache.get(digest)
    if cached is None:
        entries = _run(["-f", "csljson", "-t", "bibtex", "--wrap=none"], source, "[]", "items.json")
        cached = _cache.put(digest, {m.group(1): bibtex_safe(m.group(0)) for m in _BIBTEX_ENTRY.finditer(entries)})
    return html, cached
