"""Relative links and images that point at a file the book does not have.

MkDocs' own message for this names the page but not the line, calls an image "a link"
and suggests nothing. This check reads the page's source, so it can give the line, and
offers the existing file whose path is nearest (difflib) or, failing that, what the
folder holds. mkdocs.yml sets `validation: links: not_found: info` so that the same
mistake is not reported twice; anchors (`#part`) are still MkDocs' to check.
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
from typing import TYPE_CHECKING
from urllib.parse import unquote

from conceptbook.authoring.prose import prose_lines

if TYPE_CHECKING:
    from mkdocs.structure.files import Files

# [text](target "title"), ![alt](<target>), [id]: target, <img src="..">, <a href="..">.
_INLINE = re.compile(r"\]\(\s*(?:<(?P<angled>[^>\n]*)>|(?P<plain>[^)\s]+))")
# A reference definition, `[label]: target`; not a footnote's text, `[^1]: ...`.
_DEFINITION = re.compile(r"^\s{0,3}\[(?!\^)[^\]\n]+\]:\s*<?(?P<target>[^\s>]+)>?")
_HTML = re.compile(r"""\b(?:src|href)\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_INVISIBLE = re.compile(r"[\t\n\r]")  # the URL standard removes these from any URL
_IMAGE = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
_LISTED = 8  # files of the folder named when nothing is near


def targets(source: str) -> list[tuple[int, str]]:
    """(line, target) of every link and image in the page, outside code and HTML comments."""
    found = []
    if "<!--" in source:
        source = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), source)  # keeps line numbers
    for number, line in prose_lines(source):
        if "](" not in line and "]:" not in line and "=" not in line:  # what each pattern below needs
            continue
        for match in _INLINE.finditer(line):
            found.append((number, match.group("angled") or match.group("plain") or ""))
        definition = _DEFINITION.match(line)
        if definition:
            found.append((number, definition.group("target")))
        for match in _HTML.finditer(line):
            found.append((number, match.group("double") or match.group("single") or ""))
    return found


def local_path(target: str) -> str | None:
    """The file part of a relative target, or None for a URL, an anchor or a site-absolute path.

    Read as the browser reads it: character references decoded (`&#106;avascript:` is a
    scheme, which the safety check reports; not a missing file named `&`), and the tabs
    and line breaks a URL may not hold left out."""
    target = _INVISIBLE.sub("", html.unescape(target)).strip()
    if not target or target.startswith(("#", "/", "{", "@")) or _SCHEME.match(target):
        return None
    path = unquote(re.split(r"[#?]", target, maxsplit=1)[0])
    return path or None


class FileIndex:
    """The build's files and their folders, listed once per build (not once per page: a
    book of 400 chapters asked 400 times over 850 files)."""

    def __init__(self, files: Files) -> None:
        self.known = [f.src_uri for f in files]
        self.present = set(self.known) | {posixpath.dirname(uri) for uri in self.known}


def missing_targets(path: str, src_uri: str, source: str, index: FileIndex) -> list[str]:
    """One message per target (first line only) that resolves to no file of the build."""
    folder = posixpath.dirname(src_uri)
    docs = path[: -len(src_uri)] if path.endswith(src_uri) else ""
    known, present = index.known, index.present
    faults, seen = [], set()
    for number, target in targets(source):
        relative = local_path(target)
        if relative is None or target in seen:
            continue
        resolved = posixpath.normpath(posixpath.join(folder, relative))
        resolved = "" if resolved == "." else resolved  # "../" from chapters/: the top folder, as `present` names it
        if resolved.rstrip("/") in present or posixpath.join(resolved, "index.md") in present:
            continue
        seen.add(target)
        kind = "image" if resolved.lower().endswith(_IMAGE) else "link"
        shown = f"{docs}{resolved}" if not resolved.startswith("..") else resolved
        faults.append(
            f"{path}:{number}: the {kind} '{target}' points to {shown}, which does not exist; "
            f"{_fix(resolved, folder, docs, known)}"
        )
    return faults


def _fix(resolved: str, folder: str, docs: str, known: list[str]) -> str:
    near = difflib.get_close_matches(resolved, known, n=1, cutoff=0.6)
    if near:
        suggestion = posixpath.relpath(near[0], folder or ".")
        return f"did you mean '{suggestion}'? (a path is relative to the page's own folder, {_label(docs, folder)})"
    parent = posixpath.dirname(resolved)
    beside = sorted(posixpath.basename(u) for u in known if posixpath.dirname(u) == parent)
    if beside:
        listed = ", ".join(beside[:_LISTED]) + (", …" if len(beside) > _LISTED else "")
        return f"no file has a similar name; {_label(docs, parent)} holds {listed}. Correct the path or add the file."
    return f"the folder {_label(docs, parent)} has no files; correct the path or add the file."


def _label(docs: str, folder: str) -> str:
    """A folder as messages name it: docs/chapters/, or docs/ for the top."""
    return f"{docs}{folder}/" if folder else docs or "./"
