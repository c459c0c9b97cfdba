"""MkDocs hooks for the book's other editions (registered in mkdocs.yml).

The editions themselves are made from the finished site by hooks/conceptbook/editions/ (see its
__init__). This file only connects them to the build:

- `print.html`, the whole book on one page, is assembled after every build
  (`on_post_build`, once every page is written), so the site, `mkdocs serve` and the
  offline zip always hold it. A placeholder joins the files early so that Markdown
  links to it validate under --strict.
- `<!-- downloads -->` on a page becomes the list of editions (overrides/editions/).
  With EDITIONS_DIR set (the deploy workflow sets it to dist/), the PDF, EPUB and
  offline zip found there are published at downloads/<name>, and their sizes shown;
  without it (a local build, and so the offline zip) the links lead to the copies on
  the hosted site, and each says that it needs the network: a reader of the zip on a
  USB stick must not take a dead link for a broken book. A book with no site_url has
  no hosted copy to point at: each such edition is listed without a link, and the
  build warns once with the fix.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from conceptbook.common.templates import template_env
from conceptbook.editions import print_page

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.editions")
DOWNLOADS_MARKER = "<!-- downloads -->"
DOWNLOADS_DIR = "downloads"
EDITIONS_ENV = "EDITIONS_DIR"
EDITIONS = (  # file name, link text, what it is
    ("psychodynamic-theory.pdf", "PDF", "for printing or reading on a tablet, with bookmarks and a linked glossary"),
    ("psychodynamic-theory.epub", "EPUB", "for e-readers and reading apps; the text reflows to fit the screen"),
    (
        "psychodynamic-theory-offline.zip",
        "Offline website (zip)",
        "unpack it and open index.html: search and definitions work with no network",
    ),
)


def _editions_dir(config: MkDocsConfig) -> Path | None:
    value = os.environ.get(EDITIONS_ENV, "")
    if not value:
        return None
    folder = Path(value)
    return folder if folder.is_absolute() else Path(config.config_file_path).parent / folder


def on_files(files: Files, config: MkDocsConfig) -> Files:
    files.append(File.generated(config, print_page.PRINT_PAGE, content="<!-- written after the build -->\n"))
    folder = _editions_dir(config)
    if folder is not None:
        for name, _label, _description in EDITIONS:
            if (folder / name).is_file():
                files.append(File.generated(config, f"{DOWNLOADS_DIR}/{name}", abs_src_path=str(folder / name)))
    return files


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(size // 1000, 1)} kB"


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if DOWNLOADS_MARKER not in content:
        return content
    folder = _editions_dir(config)
    editions = []
    for name, label, description in EDITIONS:
        published = folder is not None and (folder / name).is_file()
        target = f"{DOWNLOADS_DIR}/{name}"
        if published:
            url = get_relative_url(target, page.url)
        elif config.site_url:
            url = f"{config.site_url}{target}"
        else:
            url = ""
        editions.append(
            {
                "label": label,
                "description": description,
                "url": url,
                "online": not published,  # the hosted copy: it needs the network
                "size": _size(folder / name) if published and folder is not None else "",
            }
        )
    if not config.site_url and any(edition["online"] for edition in editions):
        log.warning(
            f"docs/{page.file.src_uri}: {DOWNLOADS_MARKER} lists editions that this build does not publish, "
            "and mkdocs.yml has no site_url to link their hosted copies; set site_url, or build with "
            f"{EDITIONS_ENV}=dist after 'make pdf epub offline'."
        )
    env = template_env(Path(config.theme.custom_dir or Path(config.config_file_path).parent / "overrides") / "editions")
    listing = env.get_template("downloads.html").render(
        editions=editions,
        online=[edition for edition in editions if edition["online"]],
        print_url=get_relative_url(print_page.PRINT_PAGE, page.url),
    )
    return content.replace(DOWNLOADS_MARKER, listing, 1)


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    if not (site / "index.html").is_file():  # a book with no home page (some test books)
        log.info("no index.html, so no print.html: the whole-book page takes its frame and order from the home page")
        return
    print_page.write(site)
