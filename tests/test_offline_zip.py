"""`make offline`: the built site zipped into one folder a reader unpacks and opens."""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from pathlib import Path

from sitebuild import ROOT, engine_env

SCRIPT = ROOT / "scripts" / "make_offline_zip.py"


def make_zip(site: Path, out: Path, epoch: int | str | None = None) -> subprocess.CompletedProcess[str]:
    env = engine_env()
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


# --- The hosted download ---------------------------------------------------------------

DOWNLOAD = "downloads/psychodynamic-theory-offline.zip"  # beside the site, a stable URL
SIZE_TOLERANCE = 0.4  # the pages say "about N MB"; beyond this, update the number


def test_the_deploy_workflow_publishes_the_zip_beside_the_site() -> None:
    """The zip is made from a first build, then a last build with EDITIONS_DIR=dist
    publishes it (with the PDF and EPUB) at downloads/<name> (hooks/conceptbook/editions/capability.py)."""
    import yaml

    from conceptbook.editions.capability import DOWNLOADS_DIR, EDITIONS

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    names = [step.get("name", "") for step in steps]
    commands = [step.get("run", "") for step in steps]
    zipped = next(i for i, run in enumerate(commands) if "make offline" in run)
    published = next((i for i, run in enumerate(commands) if "EDITIONS_DIR=dist" in run), None)
    uploaded = next(i for i, step in enumerate(steps) if "upload-pages-artifact" in step.get("uses", ""))
    assert published is not None, f"deploy.yml: no build publishes the editions (EDITIONS_DIR=dist); steps: {names}"
    assert zipped < published < uploaded, "deploy.yml: zip the site, then rebuild with the editions, then upload"
    assert f"{DOWNLOADS_DIR}/{Path(DOWNLOAD).name}" == DOWNLOAD
    assert Path(DOWNLOAD).name in {name for name, _, _ in EDITIONS}, "hooks/editions_hooks.py does not publish the zip"


def test_home_and_about_link_the_download_with_its_size(site: Path, tmp_path: Path) -> None:
    import re

    from mkdocs.utils import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        site_url = yaml_load(f)["site_url"]
    result = make_zip(site, tmp_path / "book.zip")
    assert result.returncode == 0, result.stderr
    actual = (tmp_path / "book.zip").stat().st_size / 1e6
    for page in ("index.md", "about.md"):
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        link = re.search(
            r"\[Download the offline edition\]\(([^)]+)\) \(a zip file of about (\d+(?:\.\d+)?) MB\)", text
        )
        assert link, f"docs/{page}: no '[Download the offline edition](URL) (a zip file of about N MB)'"
        assert link.group(1) == site_url + DOWNLOAD, f"docs/{page}: the download link should be {site_url + DOWNLOAD}"
        stated = float(link.group(2))
        assert abs(actual - stated) <= SIZE_TOLERANCE * stated, (
            f"docs/{page}: says about {stated:g} MB, but the zip is {actual:.1f} MB; update the number"
        )


def test_a_date_that_is_not_a_number_is_named_with_the_fix(site: Path, tmp_path: Path) -> None:
    result = make_zip(site, tmp_path / "x.zip", "yesterday")
    assert result.returncode != 0 and not (tmp_path / "x.zip").exists()
    assert result.stderr.strip() == (
        "error: SOURCE_DATE_EPOCH='yesterday': not a time in seconds since 1970; set it to a whole number "
        "such as $(git log -1 --format=%ct), or unset it."
    )
