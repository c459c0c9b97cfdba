"""Files of docs/ that cannot be published as they are: reported once, with the fix.

- a Markdown page that is not UTF-8 text is left out;
- a file or a folder that is a link (symlink) to something outside docs/ is left out:
  MkDocs follows links, so one could publish any file of the machine that builds the book
  (/etc/passwd, /proc/self/environ with the build's secrets, a whole folder);
- a file or folder name with a quote, '<', '>', '&', a control character or an invisible
  one (bidi controls, zero-width spaces, line separators) is left out (the theme prints
  page addresses into attributes unescaped, and nav and breadcrumbs show the name);
- a file of a type the book does not publish is left out: only an allow-list of types
  (pages, images, figures, fonts, styles, scripts, text, data and media) is copied, since
  browsers run scripts in many others (.html, .xml, and also .rss, .atom ...);
- an SVG file is read as XML and published without what may run code (safety/svg.py).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable

from mkdocs.structure.files import File, Files

from conceptbook.common.report import where

from .report import log
from .rules import names
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
# Invisible characters (Unicode Cf: bidi controls, zero-width; Zl, Zp: line and paragraph
# separators) show a name other than the file's: "bidi\u202egpj.md" reads "bidijpg.md".
UNSAFE_NAME = re.compile(r"[\"'<>&`\x00-\x1f\x7f]")
INVISIBLE_CATEGORIES = ("Cf", "Zl", "Zp", "Cc")
# Files a browser opens as documents that run their own scripts; MkDocs copies every
# file of docs/ as it is, so one of these would publish a page the checks never read.
ACTIVE_SUFFIXES = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt", ".mht", ".mhtml", ".svgz")
# The types the book publishes (anything else is left out: an allow-list, because the
# types a browser runs scripts in are many: .rss and .atom run one from disk in Chromium).
# .svg is checked on its own (svg.py); .md and .markdown are pages, checked as HTML.
PUBLISHED_SUFFIXES = frozenset(
    "." + suffix
    for suffix in names(
        "md markdown bib yml yaml txt csv tsv json css js map png jpg jpeg gif webp avif ico svg pdf epub zip "
        "woff woff2 ttf otf mp3 mp4 m4a webm ogg oga ogv wav vtt"
    )
)
PUBLISHED_NAMES = frozenset(["license", "licence", "copying", "notice", "authors", "readme"])  # no suffix


def drop_outside_links(files: Files, docs_dir: str, path_of: Callable[[File], str]) -> None:
    """Remove every file that is, or lies in a folder that is, a link to outside docs/;
    each such link is reported once (a linked folder, not each file in it)."""
    docs = os.path.realpath(docs_dir)
    reported: set[str] = set()
    for file in _sources(files, docs_dir):
        if _inside(docs, os.path.realpath(file.abs_src_path or "")):
            continue
        link = _outermost_link(docs_dir, file.src_uri)
        files.remove(file)
        if link in reported:
            continue
        reported.add(link)
        shown = os.path.relpath(link, os.path.dirname(os.path.abspath(docs_dir))).replace(os.sep, "/")
        kind = "folder" if os.path.isdir(link) else "file"
        log.error(
            f"{shown}: this {kind} is a link (symlink) to {os.path.realpath(link)}, outside docs/, and MkDocs "
            f"would publish what it points to as it is (a link can reach any file of the machine that builds "
            f"the book); copy the {kind} into docs/ instead of linking it. It was left out of the build."
        )


def _inside(folder: str, path: str) -> bool:
    return os.path.commonpath([folder, path]) == folder


def _outermost_link(docs_dir: str, src_uri: str) -> str:
    """The first folder or file on the way from docs/ to `src_uri` that leads outside docs/."""
    docs = os.path.realpath(docs_dir)
    path = os.path.abspath(docs_dir)
    for part in src_uri.split("/"):
        path = os.path.join(path, part)
        if not _inside(docs, os.path.realpath(path)):
            return path
    return path


def unsafe_name_character(name: str) -> str | None:
    """The first character of `name` that may not be in a published file's name, or None."""
    found = UNSAFE_NAME.search(name)
    if found is not None:
        return found.group(0)
    return next((c for c in name if unicodedata.category(c) in INVISIBLE_CATEGORIES), None)


def drop_unsafe_names(files: Files, path_of: Callable[[File], str]) -> None:
    """Remove every file whose path holds a character that breaks out of an attribute or hides."""
    for file in _sources(files):
        found = unsafe_name_character(file.src_uri)
        if found is None:
            continue
        if UNSAFE_NAME.match(found):
            what = (
                f"{found!r}, which would break out of the HTML attributes where the theme prints a page's "
                f"address (its edit button)"
            )
        else:
            what = (
                f"the invisible character U+{ord(found):04X} {unicodedata.name(found, '')}".rstrip()
                + ", which makes the name read as another one in the navigation and the address bar"
            )
        log.error(
            f"{path_of(file)}: the file or folder name contains {what}; rename it with "
            f"lowercase letters, digits and hyphens only. The file was left out of the build."
        )
        files.remove(file)


def drop_active_files(files: Files, docs_dir: str, path_of: Callable[[File], str]) -> None:
    """Remove every file of docs/ of a type the book does not publish (SVG is checked on its own)."""
    for file in _sources(files, docs_dir):
        name = file.src_uri.rsplit("/", 1)[-1]
        suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if suffix in PUBLISHED_SUFFIXES or (not suffix and name.lower() in PUBLISHED_NAMES):
            continue
        if suffix in ACTIVE_SUFFIXES:
            log.error(
                f"{path_of(file)}: a {suffix} file is published as it is, and a browser runs any script in it, "
                f"which the book's checks never read; delete it (write a page in Markdown, draw a figure as a "
                f".svg file). The file was left out of the build."
            )
        else:
            kind = f"a {suffix} file" if suffix else "a file without a type (.png, .pdf ...)"
            log.error(
                f"{path_of(file)}: {kind} is not a type the book publishes, and a browser may open it as a "
                f"document that runs scripts, which the book's checks never read; delete it, or save it as one "
                f"of {', '.join(sorted(PUBLISHED_SUFFIXES))}. The file was left out of the build."
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


def _sources(files: Files, docs_dir: str | None = None) -> list[File]:
    """The files that come from docs/ (not those a hook or plugin generates); with `docs_dir`,
    not the theme's own files either (MkDocs has added them before on_files)."""
    docs = os.path.abspath(docs_dir) if docs_dir else None
    return [
        file
        for file in files
        if file.generated_by is None and (docs is None or os.path.abspath(file.src_dir or "") == docs)
    ]
