"""`make offline`: the built site zipped into one folder a reader unpacks and opens."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from sitebuild import ROOT

SCRIPT = ROOT / "scripts" / "make_offline_zip.py"


def make_zip(site: Path, out: Path, epoch: int | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(site), str(out)], capture_output=True, text=True, check=False, env=env
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
    # Every entry carries SOURCE_DATE_EPOCH's time, not the clock's (two zips made seconds
    # apart could not show the difference: DOS timestamps have a 2-second resolution).
    epoch = 1_700_000_000  # 2023-11-14 22:13:20 UTC
    for name in ("a.zip", "b.zip"):
        result = make_zip(site, tmp_path / name, epoch)
        assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        stamps = {info.date_time for info in archive.infolist()}
    assert stamps == {time.gmtime(epoch)[:6]}
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_dates_before_1980_are_stamped_1980_because_zip_cannot_hold_them(site: Path, tmp_path: Path) -> None:
    result = make_zip(site, tmp_path / "old.zip", epoch=0)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "old.zip") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_zipping_without_a_build_says_what_to_do(tmp_path: Path) -> None:
    result = make_zip(tmp_path / "missing", tmp_path / "x.zip")
    assert result.returncode != 0
    assert "run 'make build' first" in result.stderr
