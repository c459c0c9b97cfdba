"""`make offline`: the built site zipped into one folder a reader unpacks and opens."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from sitebuild import ROOT

SCRIPT = ROOT / "scripts" / "make_offline_zip.py"


def make_zip(site: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(site), str(out)], capture_output=True, text=True, check=False
    )


def test_the_zip_holds_the_whole_site_under_one_folder(site: Path, tmp_path: Path) -> None:
    result = make_zip(site, tmp_path / "book.zip")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "book.zip") as archive:
        names = set(archive.namelist())
    files = {f"psychodynamic-theory/{p.relative_to(site).as_posix()}" for p in site.rglob("*") if p.is_file()}
    assert names == files
    assert "psychodynamic-theory/index.html" in names
    assert "psychodynamic-theory/search/search_index.js" in names  # search from disk needs the inlined index


def test_the_zip_is_reproducible(site: Path, tmp_path: Path) -> None:
    make_zip(site, tmp_path / "a.zip")
    make_zip(site, tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_zipping_without_a_build_says_what_to_do(tmp_path: Path) -> None:
    result = make_zip(tmp_path / "missing", tmp_path / "x.zip")
    assert result.returncode != 0
    assert "run 'make build' first" in result.stderr
