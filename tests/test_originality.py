"""The book's sentences are its own: no run of ten words from the source articles the
project started from appears anywhere in docs/.

The articles are not in the repository, so the check runs against their committed
fingerprint (tests/data/seed-fingerprint.txt: hashes of their ten-word runs, made by
scripts/seed_fingerprint.py). It runs everywhere, CI included. Where the articles sit
beside the checkout (../shared/seeds/), a further test proves the fingerprint is theirs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.seed_fingerprint import FINGERPRINT, SEEDS, digest, fingerprint, load, render, runs, seed_texts
from sitebuild import DOCS, ROOT


def _shown(page: Path) -> str:
    """docs/chapters/x.md for the book; chapters/x.md for a planted page outside it."""
    return (
        page.relative_to(ROOT).as_posix() if page.is_relative_to(ROOT) else page.relative_to(page.parents[1]).as_posix()
    )


def copied_runs(pages: list[Path], hashes: set[str]) -> list[str]:
    found = []
    for page in pages:
        for run in sorted(runs(page.read_text(encoding="utf-8"))):
            if digest(run) in hashes:
                found.append(f"{_shown(page)}: '{run}'")
    return found


def test_no_run_of_ten_words_is_copied_from_the_seed_articles() -> None:
    hashes = load()
    assert len(hashes) > 1000, f"{FINGERPRINT.relative_to(ROOT)} looks truncated ({len(hashes)} hashes)"
    copied = copied_runs(sorted(DOCS.rglob("*.md")), hashes)
    assert not copied, "rewrite these in the book's own words:\n" + "\n".join(copied)


def test_runs_are_every_ten_word_window_without_years() -> None:
    words = "one two three four five six seven eight nine ten eleven"
    assert runs(words) == {
        "one two three four five six seven eight nine ten",
        "two three four five six seven eight nine ten eleven",
    }
    assert runs("Bowlby wrote in 1969 about the bond that keeps a child close by") == set()
    assert runs("Curly \u2019quotes\u2019 AND Case fold into the same words as straight ones here") == runs(
        "curly 'quotes' and case fold into the same words as straight ones here"
    )


def test_a_planted_copied_run_is_reported_with_its_page(tmp_path: Path) -> None:
    source = "The quiet river carried every boat downstream past the old mill before evening came."
    hashes = set(fingerprint([source]))
    docs = tmp_path / "docs"
    (docs / "chapters").mkdir(parents=True)
    copied = docs / "chapters" / "copied.md"
    copied.write_text("# Copied\n\nAs we saw, the quiet river carried every boat downstream past the old mill.\n")
    clean = docs / "chapters" / "clean.md"
    clean.write_text("# Clean\n\nA river, a boat and a mill, in other words entirely.\n")
    found = copied_runs([clean, copied], hashes)
    assert found == [  # eleven copied words are two overlapping runs of ten
        "chapters/copied.md: 'quiet river carried every boat downstream past the old mill'",
        "chapters/copied.md: 'the quiet river carried every boat downstream past the old'",
    ]


def test_the_fingerprint_file_is_sorted_unique_hashes_under_its_header() -> None:
    text = FINGERPRINT.read_text(encoding="utf-8")
    hashes = sorted(load())
    assert text == render(hashes), f"{FINGERPRINT.relative_to(ROOT)} is not what scripts/seed_fingerprint.py writes"
    malformed = [h for h in hashes if not re.fullmatch(r"[0-9a-f]{16}", h)]
    assert not malformed, f"not blake2b-64 hex digests: {malformed[:5]}"


@pytest.mark.seeds  # left out where ../shared/seeds is absent (tests/conftest.py says so in the summary)
def test_the_fingerprint_is_made_from_the_seed_articles() -> None:
    texts = seed_texts()
    assert texts, f"no seed articles in {SEEDS}"
    assert FINGERPRINT.read_text(encoding="utf-8") == render(fingerprint(texts)), (
        f"{FINGERPRINT.relative_to(ROOT)} is stale: run `python scripts/seed_fingerprint.py`"
    )
    sentence = next(iter(sorted(runs(texts[0]))))
    assert digest(sentence) in load(), "a run of the first seed article is missing from the fingerprint"
