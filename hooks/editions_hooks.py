"""MkDocs hooks for the book's other editions (registered in mkdocs.yml).

The work is in hooks/conceptbook/editions/capability.py (one method per event); this file
only connects it to the build and reads the one setting the editions take from outside:

- `print.html`, the whole book on one page, is rendered from what the build itself
  finished (each section's content with every generated part in place), after every
  build (`on_post_build`), so the site, `mkdocs serve` and the offline zip always hold it.
- `<!-- downloads -->` on a page becomes the list of editions (overrides/editions/).
  With EDITIONS_DIR set (the deploy workflow sets it to dist/), the PDF, EPUB and
  offline zip found there are published at downloads/<name>, and their sizes shown;
  without it (a local build, and so the offline zip) the links lead to the copies on
  the hosted site, and each says that it needs the network: a reader of the zip on a
  USB stick must not take a dead link for a broken book. A book with no site_url has
  no hosted copy to point at: each such edition is listed without a link, and the
  build warns once with the fix.

`mkdocs serve` loads this module once: each build's state is made afresh in `on_config`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from conceptbook.editions.capability import Editions
from conceptbook.settings import Settings, SettingsError

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

editions: Editions | None = None


def _editions() -> Editions:
    if editions is None:  # pragma: no cover - MkDocs always calls on_config first
        raise RuntimeError("the editions hooks ran without on_config")
    return editions


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global editions
    try:  # EDITIONS_DIR, read and checked in one place for the whole engine
        settings = Settings.read(Path(config.config_file_path).parent)
    except SettingsError as error:
        raise PluginError(f"{error}.") from None
    editions = Editions(config, settings)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _editions().on_files(files, config)
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _editions().on_nav(nav)
    return nav


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    _editions().on_env(env, files)
    return env


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _editions().on_page_content(content, page)


@event_priority(-110)  # after page assembly (0) and the safety hooks' marks (-100): the marks go outside theirs
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    _editions().on_page_context(page)
    return context


@event_priority(-110)  # after the engine's late parts (0), glightbox (0) and the final safety check (-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _editions().on_post_page(output, page)


def on_post_build(config: MkDocsConfig) -> None:
    _editions().on_post_build(config)
