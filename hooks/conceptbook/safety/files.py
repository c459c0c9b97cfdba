"""Files of docs/ that cannot be published as they are: reported once, with the fix.

- a Markdown page that is not UTF-8 text is left out;
- a file or folder name with a quote, '<', '>', '&' or a control character is left out
  (the theme prints page addresses into attributes unescaped);
- a file of a type browsers run scripts in (.html, .xml, ...) is left out;
- an SVG file is read as XML and published without what may run code (safety/svg.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mkdocs.structure.files import File, Files

from conceptbook.common.report import where

from .report import log
from .svg import check_svg


def drop_unreadable(files: Files, path_of: Callable[[File], str], read: Callable[[File], str]) -> None:
    """Remove every Markdown page that is not UTF-8, after an error naming the byte.
    `read` gives a file's text (common.files.Sources: this is the build's first read)."""
    for file in list(files.documentation_pages()):
        try:
            read(file)
        except UnicodeDecodeError as error:
            raw = file.content_bytes
            line = raw.count(b"\n", 0, error.start) + 1
            log.error(
                f"{where(path_of(file), line)}: the file is not UTF-8 text (byte 0x{raw[error.start]:02x}); "
                f"save it as UTF-8 in your editor. The page was left out of the build."
            )
            files.remove(file)


# Characters that end an HTML attribute or start markup: the theme prints a page's path
# into attributes unescaped (Material's edit button), so a name holding one could add
# attributes (onmouseover=...) to the page. Control characters break lines and logs.
UNSAFE_NAME = re.compile(r"[\"'<>&`\x00-\x1f\x7f]")
# Files a browser opens as documents that run their own scripts; MkDocs copies every
# file of docs/ as it is, so one of these would publish a page the checks never read.
ACTIVE_SUFFIXES = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt", ".mht", ".mhtml", ".svgz")


def drop_unsafe_names(files: Files, path_of: Callable[[File], str]) -> None:
    """Remove every file whose path holds a character that breaks out of an attribute."""
    for file in _sources(files):
        found = UNSAFE_NAME.search(file.src_uri)
        if found is None:
            continue
        log.error(
            f"{path_of(file)}: the file or folder name contains {found.group(0)!r}, which would break out of "
            f"the HTML attributes where the theme prints a page's address (its edit button); rename it with "
            f"lowercase letters, digits and hyphens only. The file was left out of the build."
        )
        files.remove(file)


def drop_active_files(files: Files, path_of: Callable[[File], str]) -> None:
    """Remove every file of a type a browser runs scripts in (SVG is checked on its own)."""
    for file in _sources(files):
        suffix = "." + file.src_uri.rsplit(".", 1)[-1].lower() if "." in file.src_uri else ""
        if suffix not in ACTIVE_SUFFIXES:
            continue
        log.error(
            f"{path_of(file)}: a {suffix} file is published as it is, and a browser runs any script in it, "
            f"which the book's checks never read; delete it (write a page in Markdown, draw a figure as a .svg "
            f"file). The file was left out of the build."
        )
        files.remove(file)


def check_svg_files(files: Files, path_of: Callable[[File], str], replace: Callable[[File, str], None]) -> None:
    """Report what every SVG file may not carry; publish a clean copy of a faulty one."""
    for file in _sources(files):
        if not file.src_uri.lower().endswith(".svg"):
            continue
        try:
            text = file.content_bytes.decode("utf-8")
        except UnicodeDecodeError as error:
            log.error(
                f"{path_of(file)}: the SVG is not UTF-8 text (byte {error.start}); save it as UTF-8. The file was left out of the build."
            )
            files.remove(file)
            continue
        result = check_svg(text)
        if result.error is not None:
            log.error(
                f"{path_of(file)}: the SVG is not well-formed XML ({result.error}), so no browser can show it; "
                f"export it again from your drawing program. The file was left out of the build."
            )
            files.remove(file)
            continue
        for message in dict.fromkeys(f"{where(path_of(file), f.line)}: {f.fault.message}" for f in result.findings):
            log.error(f"{message}. The published copy leaves it out.")
        if result.findings:
            replace(file, result.clean)


def _sources(files: Files) -> list[File]:
    """The files that come from docs/ (not those a hook or plugin generates)."""
    return [file for file in files if file.generated_by is None]
