"""The book's sentences are its own: no run of ten words from the source articles the
project started from (../shared/seeds/) appears anywhere in docs/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitebuild import DOCS, ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 10  # words
YEAR = re.compile(r"\b(1[89]|20)\d\d\b")


def runs(text: str) -> set[str]:
    """Every run of RUN words, except runs with a year in them: those are citations,
    and citing the same book as the seeds is the point, not a copy."""
    words = re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))
    found = (" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1))
    return {run for run in found if not YEAR.search(run)}


def test_no_sentence_is_copied_from_the_seed_articles() -> None:
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        pytest.skip(f"the seed articles are not beside this checkout ({SEEDS}); nothing to compare")
    source = set().union(*(runs(p.read_text(encoding="utf-8")) for p in seeds))
    copied = []
    for page in sorted(DOCS.rglob("*.md")):
        for run in sorted(runs(page.read_text(encoding="utf-8")) & source):
            copied.append(f"{page.relative_to(ROOT)}: '{run}'")
    assert not copied, "rewrite these in the book's own words:\n" + "\n".join(copied)


def test_the_check_catches_a_copied_sentence(tmp_path: Path) -> None:
    text = "one two three four five six seven eight nine ten eleven"
    assert runs(text) & runs("Intro. " + text + " outro") == runs(text)
