"""The engine's settings from the environment: read in one place, checked, once per build.

Three settings come from the environment, by convention rather than from mkdocs.yml:

- `SOURCE_DATE_EPOCH` (reproducible-builds.org): the time stamped into the files the
  build makes (the question bank's zips and Anki deck, print.html's date). `make` sets it
  from the last commit; unset, a fixed date, so two builds give the same bytes.
- `EDITIONS_DIR`: a folder where `make pdf epub offline` left the editions; a build with
  it publishes them under downloads/ (the deploy workflow sets it to dist/).
- `CONCEPTBOOK_CACHE`: where what Pandoc, Graphviz and the question exports made is kept
  between builds (common/store.py); unset, `.cache/conceptbook/` beside mkdocs.yml;
  `off`, nothing is kept.

Every module that needs one is handed the `Settings` made at the start of the build
(common/book.py); none reads the environment itself. A value that cannot be used stops
the build with a message that names the variable, the value and the fix.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_EPOCH = 1767225600  # 2026-01-01, when SOURCE_DATE_EPOCH is unset
FIRST_ZIP_EPOCH = 315532800  # 1980-01-01: the earliest date a zip file can hold


class SettingsError(ValueError):
    """A setting that cannot be used; the message names it and the fix."""


@dataclass(frozen=True)
class Settings:
    source_date_epoch: int = DEFAULT_EPOCH
    editions_dir: Path | None = None
    cache_dir: Path | None = None

    @classmethod
    def read(cls, root: Path, environ: Mapping[str, str] | None = None) -> Settings:
        """The settings in `environ` (the process's environment by default); relative
        paths are read from `root`, the folder of mkdocs.yml."""
        env = os.environ if environ is None else environ
        return cls(
            source_date_epoch=_epoch(env.get("SOURCE_DATE_EPOCH", "")),
            editions_dir=_folder(root, env.get("EDITIONS_DIR", "")),
            cache_dir=_cache(root, env.get("CONCEPTBOOK_CACHE", "")),
        )


def _epoch(value: str) -> int:
    if not value.strip():
        return DEFAULT_EPOCH
    try:
        epoch = int(value.strip())
    except ValueError:
        epoch = -1
    if epoch < 0:
        raise SettingsError(
            f"SOURCE_DATE_EPOCH={value!r}: not a time in seconds since 1970; set it to a whole number "
            "such as $(git log -1 --format=%ct), or unset it"
        )
    return epoch


def _cache(root: Path, value: str) -> Path | None:
    if value.strip().lower() == "off":
        return None
    return _folder(root, value) or root / ".cache" / "conceptbook"


def _folder(root: Path, value: str) -> Path | None:
    if not value:
        return None
    folder = Path(value)
    return folder if folder.is_absolute() else root / folder
