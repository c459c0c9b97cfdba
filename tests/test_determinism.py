"""Two builds with the same SOURCE_DATE_EPOCH are byte-identical (reproducible releases).

The second build runs in its own Python process with another PYTHONHASHSEED: output
that depends on set or dict-of-hash order would differ between processes, never within one.
It also runs from the command line, as `make build` does, where the first ran through
MkDocs' API in the test process: the two must give the same bytes.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

from sitebuild import CONFIG, BuildResult


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def other_seed() -> str:
    """A hash seed that differs from this process's (random unless PYTHONHASHSEED is set)."""
    return "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"


def first_difference(name: str, a: bytes, b: bytes) -> str:
    left, right = a.decode("utf-8", "replace").splitlines(), b.decode("utf-8", "replace").splitlines()
    for line in difflib.unified_diff(left, right, lineterm="", n=0):
        if line.startswith(("-", "+")) and not line.startswith(("---", "+++")):
            return f"{name}: first difference: {line[:200]}"
    return f"{name}: differs (binary)"


def test_two_builds_in_processes_with_different_hash_seeds_are_byte_identical(
    real_build: BuildResult, tmp_path: Path
) -> None:
    env = {**os.environ, "PYTHONHASHSEED": other_seed(), "NO_MKDOCS_2_WARNING": "1"}
    env.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    again = tmp_path / "again"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--verbose", "-f", str(CONFIG), "-d", str(again)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    first, second = tree(real_build.site), tree(again)
    assert first.keys() == second.keys(), f"files only in one build: {sorted(first.keys() ^ second.keys())}"
    differing = [first_difference(name, first[name], second[name]) for name in first if first[name] != second[name]]
    assert not differing, "files that differ between two builds:\n" + "\n".join(differing)
