"""Building sites from tests: the real one, and small throw-away ones in tmp_path.

Both go through MkDocs' own API (load_config + build), never a subprocess, so a test
sees every warning the build logs under the `mkdocs` logger tree.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
DOCS = ROOT / "docs"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")

from mkdocs.commands.build import build  # noqa: E402  (after the environment is set)
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort, MkDocsException  # noqa: E402


@dataclass
class BuildResult:
    site: Path
    messages: list[str] = field(default_factory=list)  # "WARNING: text" for every warning/error
    failed: str | None = None  # MkDocs' own abort message, if the build stopped

    @property
    def problems(self) -> list[str]:
        return [m for m in self.messages if not m.startswith("INFO")]

    def text(self) -> str:
        return "\n".join(self.messages)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def engine_env(**extra: str) -> dict[str, str]:
    """The environment for a subprocess that imports the engine: this checkout's hooks/ first
    (the venv's conceptbook.pth may name another checkout's)."""
    return {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), **extra}


@contextlib.contextmanager
def collect_warnings() -> Iterator[list[str]]:
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


def site_root_path(config_file: Path = CONFIG) -> str:
    """The path part of site_url ('/textbook/'), where the hosted site's root lives."""
    from urllib.parse import urlsplit

    from mkdocs.utils import yaml_load

    with open(config_file, encoding="utf-8") as f:
        site_url = yaml_load(f).get("site_url") or "/"
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def build_site(site_dir: Path, *, config_file: Path = CONFIG, strict: bool = True, **overrides: Any) -> BuildResult:
    """Build with MkDocs' API; never raises for a failed build, returns what it logged."""
    result = BuildResult(site=site_dir)
    with collect_warnings() as messages:
        try:
            config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict, **overrides)
            build(config)
        except (Abort, MkDocsException) as error:
            result.failed = str(error)
    result.messages = list(messages)
    return result


def write_small_site(tmp_path: Path, files: dict[str, str]) -> Path:
    """Write a throw-away book's docs/ under tmp_path, without building it; return docs/.

    `files` maps a path under docs/ to its text. The scripts and stylesheets that
    mkdocs.yml names are copied in from the real docs/.
    """
    docs = tmp_path / "docs"
    for shared in ("assets/javascripts", "assets/stylesheets"):  # named by mkdocs.yml itself
        if not (docs / shared).exists():
            shutil.copytree(DOCS / shared, docs / shared)
    for name, text in files.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return docs


def small_site_nav(files: dict[str, str]) -> list[Any]:
    """The home page (if any), then every chapter in `files`, sorted."""
    chapters = sorted(n for n in files if n.startswith("chapters/"))
    return [n for n in ("index.md",) if n in files] + chapters


def build_small_site(tmp_path: Path, files: dict[str, str], nav: list[Any] | None = None) -> BuildResult:
    """A throw-away site with the real hooks, theme and settings, and only `files` as docs.

    Writes `files` (write_small_site), then builds. Without a `nav`, every chapter is listed.
    """
    docs = write_small_site(tmp_path, files)
    return build_site(tmp_path / "site", docs_dir=str(docs), nav=small_site_nav(files) if nav is None else nav)
