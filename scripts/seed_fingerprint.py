"""The seed articles' fingerprint: hashes of their ten-word runs, no text.

The project started from two source articles that are not part of the repository
(`../shared/seeds/` beside a maintainer's checkout). To check everywhere, CI included,
that no run of ten words from them appears in `docs/`, the repository keeps only a
fingerprint: the sorted, de-duplicated hashes of every normalized ten-word run.

    python scripts/seed_fingerprint.py            # rewrite tests/data/seed-fingerprint.txt
    python scripts/seed_fingerprint.py --check    # exit 1 if the committed file is stale
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
FINGERPRINT = ROOT / "tests" / "data" / "seed-fingerprint.txt"
RUN = 10  # words
YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
HEADER = "# blake2b-64 of every normalized 10-word run of the seed articles (scripts/seed_fingerprint.py)"


def runs(text: str) -> set[str]:
    """Every run of RUN words, lowercased, except runs with a year in them: those are
    citations, and citing the same work as the seeds is the point, not a copy."""
    words = re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))
    found = (" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1))
    return {run for run in found if not YEAR.search(run)}


def digest(run: str) -> str:
    return hashlib.blake2b(run.encode("utf-8"), digest_size=8).hexdigest()


def fingerprint(texts: Iterable[str]) -> list[str]:
    return sorted({digest(run) for text in texts for run in runs(text)})


def render(hashes: list[str]) -> str:
    return HEADER + "\n" + "\n".join(hashes) + "\n"


def load(path: Path = FINGERPRINT) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def seed_texts(seeds: Path = SEEDS) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]


def main(argv: list[str]) -> int:
    texts = seed_texts()
    if not texts:
        print(f"error: no seed articles in {SEEDS}; the fingerprint can only be made beside them.", file=sys.stderr)
        return 2
    wanted = render(fingerprint(texts))
    if "--check" in argv:
        if not FINGERPRINT.is_file() or FINGERPRINT.read_text(encoding="utf-8") != wanted:
            print(
                f"error: {FINGERPRINT.relative_to(ROOT)} is stale; run: python scripts/seed_fingerprint.py",
                file=sys.stderr,
            )
            return 1
        return 0
    FINGERPRINT.write_text(wanted, encoding="utf-8")
    print(f"Wrote {FINGERPRINT.relative_to(ROOT)} ({len(wanted.splitlines()) - 1} hashes).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
