"""Two builds with the same SOURCE_DATE_EPOCH are byte-identical (reproducible releases)."""

from __future__ import annotations

from pathlib import Path

from sitebuild import BuildResult, build_site


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(real_build: BuildResult, tmp_path: Path) -> None:
    again = build_site(tmp_path / "again")
    first, second = tree(real_build.site), tree(again.site)
    assert first.keys() == second.keys()
    differing = sorted(name for name in first if first[name] != second[name])
    assert not differing, "files that differ between two builds: " + ", ".join(differing)
