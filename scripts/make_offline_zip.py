"""Zip the built site into one archive a reader can unpack and open from disk.

Entries are sorted and stamped with SOURCE_DATE_EPOCH so the zip is reproducible.
"""

from __future__ import annotations

import sys
import time
import zipfile
from pathlib import Path

from conceptbook.settings import FIRST_ZIP_EPOCH, Settings, SettingsError

TOP = "psychodynamic-theory"  # the folder a reader sees after unzipping


def main(site: Path, out: Path) -> None:
    if not (site / "index.html").is_file():
        sys.exit(f"error: {site}/index.html not found; run 'make build' first.")
    try:
        epoch = Settings.read(Path.cwd()).source_date_epoch
    except SettingsError as error:
        sys.exit(f"error: {error}.")
    stamp = time.gmtime(max(epoch, FIRST_ZIP_EPOCH))[:6]  # zip cannot store dates before 1980
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{TOP}/{path.relative_to(site).as_posix()}", stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    size = out.stat().st_size / 1e6
    print(f"Wrote {out} ({size:.1f} MB). Unzip it and open {TOP}/index.html in a browser.")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make_offline_zip.py SITE_DIR OUT.zip")
    main(Path(sys.argv[1]), Path(sys.argv[2]))
