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


def test_home_and_about_offer_the_zip_through_the_list_of_editions_not_a_link_of_their_own(site: Path) -> None:
    """The list (<!-- downloads -->) links the zip this build publishes, with its real size,
    or the online copy, marked as needing the network; a hand-written link could do neither
    (it pointed online from inside the zip, 'about 6 MB' for a 3.4 MB zip)."""
    from selectolax.lexbor import LexborHTMLParser

    for page in ("index.md", "about.md"):
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        assert "<!-- downloads -->" in text, f"docs/{page}: no list of editions"
        assert DOWNLOAD not in text, f"docs/{page}: a hand-written link to {DOWNLOAD}"
        built = LexborHTMLParser((site / page.replace(".md", ".html")).read_text(encoding="utf-8"))
        zips = [" ".join(li.text().split()) for li in built.css(".downloads li") if "zip" in li.text()]
        assert zips == [
            "Offline website (zip) (online copy, needs an internet connection): unpack it and open index.html: "
            "search and definitions work with no network."
        ]


def test_a_date_that_is_not_a_number_is_named_with_the_fix(site: Path, tmp_path: Path) -> None:
    result = make_zip(site, tmp_path / "x.zip", "yesterday")
    assert result.returncode != 0 and not (tmp_path / "x.zip").exists()
    assert result.stderr.strip() == (
        "error: SOURCE_DATE_EPOCH='yesterday': not a time in seconds since 1970; set it to a whole number "
        "such as $(git log -1 --format=%ct), or unset it."
    )
