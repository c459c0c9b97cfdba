"""Lint for contributed prose: Markdown style (pymarkdownlnt) and spelling (codespell)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sitebuild import DOCS, ROOT

BIN = Path(sys.executable).parent


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
    assert not faults, "Markdown lint (fix each line shown; rules: https://pymarkdown.readthedocs.io):\n" + "\n".join(
        faults
    )


def test_concept_files_pass_markdown_lint() -> None:
    # A concept file has no H1 of its own: the engine writes the term as the title.
    faults, concepts = front_matter_faults(sorted((DOCS / "concepts").glob("*.md")))
    faults += pymarkdown(*concepts, disable="md041")
    assert not faults, "Markdown lint:\n" + "\n".join(faults)


def test_docs_have_no_misspellings() -> None:
    faults = codespell(DOCS)
    assert not faults, (
        "Spelling (a correct word of the field? add it, lowercase, to tests/codespell-words.txt):\n" + "\n".join(faults)
    )
