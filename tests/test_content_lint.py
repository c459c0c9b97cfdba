"""Lint for contributed prose: Markdown style (pymarkdownlnt) and spelling (codespell).

Each fault is shown as the book's other messages are: `docs/x.md:12: what is wrong; the
fix`, and a failing test prints only those lines (no assertion diff)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import DOCS, ROOT

BIN = Path(sys.executable).parent
_PYMARKDOWN = re.compile(r"^(?P<path>.+?):(?P<line>\d+):\d+: (?P<rule>MD\d+): (?P<what>.*?)(?: \([a-z0-9,-]+\))?$")
_CODESPELL = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<word>\S+) ==> (?P<fix>.+)$")
# What to do, in words, for the rules a writer meets most; the others link to the rule's page.
FIXES = {
    "MD001": "make each heading one level below the one above it (## then ###, never ## then ####)",
    "MD004": "start bullet points with '-'",
    "MD009": "delete the spaces at the end of the line",
    "MD010": "replace the tab with spaces",
    "MD012": "delete the extra blank line",
    "MD022": "put a blank line before and after the heading",
    "MD025": "keep one '#' heading (the title); make the others '##'",
    "MD031": "put a blank line before and after the fenced block",
    "MD032": "put a blank line before and after the list",
    "MD034": "write the address as <https://...> or [text](https://...)",
    "MD041": "start the page, after its front matter, with its '# Title'",
    "MD047": "end the file with one newline",
}


def where(path: str, line: str) -> str:
    """`docs/x.md:12`, from the absolute or relative path a tool printed."""
    absolute = Path(path) if Path(path).is_absolute() else ROOT / path
    shown = absolute.relative_to(ROOT).as_posix() if absolute.is_relative_to(ROOT) else path
    return f"{shown}:{line}"


def explain(fault: str) -> str:
    """A linter's line as a message with file, line, what is wrong and the fix."""
    found = _PYMARKDOWN.match(fault)
    if found:
        rule = found.group("rule")
        fix = FIXES.get(rule, f"see https://pymarkdown.readthedocs.io/en/latest/plugins/rule_{rule.lower()}/")
        return f"{where(found.group('path'), found.group('line'))}: {found.group('what').rstrip('.')} ({rule}); {fix}"
    found = _CODESPELL.match(fault)
    if found:
        return (
            f"{where(found.group('path'), found.group('line'))}: '{found.group('word')}' looks misspelled; write "
            f"'{found.group('fix')}' (if it is a correct term of the field, add it in lowercase to "
            f"tests/codespell-words.txt)"
        )
    return fault


def fail_with(faults: list[str]) -> None:
    if faults:  # the messages alone: file:line, what is wrong, the fix
        pytest.fail("\n".join(explain(f) for f in faults), pytrace=False)


def pymarkdown(*paths: Path, disable: str = "") -> list[str]:
    """pymarkdownlnt findings ('file:line:col: MDxxx: message'), with the settings in pyproject.toml."""
    args = [str(BIN / "pymarkdown"), "--config", str(ROOT / "pyproject.toml")]
    if disable:
        args += ["--disable-rules", disable]
    result = subprocess.run([*args, "scan", *map(str, paths)], capture_output=True, text=True, cwd=ROOT, check=False)
    if result.returncode not in (0, 1):
        raise AssertionError(f"pymarkdown could not run: {result.stderr}")
    return [line for line in result.stdout.splitlines() if line.strip()]


def codespell(*paths: Path) -> list[str]:
    result = subprocess.run(
        [str(BIN / "codespell"), "--toml", str(ROOT / "pyproject.toml"), *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if result.returncode not in (0, 65):
        raise AssertionError(f"codespell could not run: {result.stderr}")
    return [line for line in result.stdout.splitlines() if line.strip()]


def front_matter_faults(paths: list[Path]) -> tuple[list[str], list[Path]]:
    """A blank line inside front matter, reported once per file; and the files without one.

    pymarkdown stops reading front matter at a blank line and then reports every YAML line
    after it as a Markdown fault (64 lines for one blank line), so such a file gets this one
    message and is not linted until it is fixed."""
    faults, clean = [], []
    for path in paths:
        lines = path.read_text(encoding="utf-8").splitlines()
        end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), 0)
        blank = next((i for i in range(1, end) if not lines[i].strip()), None) if lines[:1] == ["---"] else None
        if blank is None:
            clean.append(path)
        else:
            faults.append(
                f"{path.relative_to(ROOT)}:{blank + 1}: a blank line inside the front matter; delete it "
                f"(the linter stops reading front matter there, so the file was not linted further)"
            )
    return faults, clean


def test_chapters_and_pages_pass_markdown_lint() -> None:
    faults, pages = front_matter_faults([p for p in DOCS.rglob("*.md") if "concepts" not in p.parts])
    faults += pymarkdown(*pages)
    fail_with(faults)


def test_concept_files_pass_markdown_lint() -> None:
    # A concept file has no H1 of its own: the engine writes the term as the title.
    faults, concepts = front_matter_faults(sorted((DOCS / "concepts").glob("*.md")))
    faults += pymarkdown(*concepts, disable="md041")
    fail_with(faults)


def test_docs_have_no_misspellings() -> None:
    fail_with(codespell(DOCS))


def test_lint_faults_read_as_messages_with_file_line_and_fix(tmp_path: Path) -> None:
    page = tmp_path / "x.md"
    page.write_text("---\ntitle: T\n---\n\n# T\n## Heading\n\nA typo: teh end.   \n", encoding="utf-8")
    faults = [explain(f) for f in pymarkdown(page) + codespell(page)]
    shown = page.as_posix()
    assert faults == [
        f"{shown}:5: Headings should be surrounded by blank lines. [Expected: 1; Actual: 0; Below] (MD022); "
        "put a blank line before and after the heading",
        f"{shown}:6: Headings should be surrounded by blank lines. [Expected: 1; Actual: 0; Above] (MD022); "
        "put a blank line before and after the heading",
        f"{shown}:8: Trailing spaces [Expected: 0 or 2; Actual: 3] (MD009); delete the spaces at the end of the line",
        f"{shown}:8: 'teh' looks misspelled; write 'the' (if it is a correct term of the field, add it in "
        "lowercase to tests/codespell-words.txt)",
    ]
    assert explain(f"{ROOT}/docs/a.md:3:1: MD099: Something new (new-rule)") == (
        "docs/a.md:3: Something new (MD099); see https://pymarkdown.readthedocs.io/en/latest/plugins/rule_md099/"
    )
