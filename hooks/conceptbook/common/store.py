"""What an outside tool made from an input, kept on disk from one build to the next.

A cold build of the real book spent more than a second in Pandoc (the references, the
cite boxes, CSL-JSON) and Graphviz (the book map), and about as long writing the
question bank's exports, for a bibliography, graph and bank that had not changed since
the last build. The store keeps each such result in a file named by the hash of
everything that decides it:

- for a tool: the program itself (its path, size and modification time, `program`), its
  arguments, its standard input and the text of every file it is given;
- for the engine's own slow work (the question exports): its input and the source of
  the code that makes it (`code`), so that a changed engine never gets an old result;
- compiled Jinja templates (common/templates.py): the template's name, file, Jinja's
  settings and version; Jinja checks the template's source itself.

Only results that succeeded are kept; the engine's processing of a tool's output runs
every time. The folder is `.cache/conceptbook/` beside mkdocs.yml (as Material keeps its
own `.cache/`), or where CONCEPTBOOK_CACHE says; `CONCEPTBOOK_CACHE=off` turns it off
(conceptbook/settings.py). It stays under `LIMIT` bytes: when a result would take it
over, the results used longest ago go. A file that cannot be read or written is
ignored (the work is done again), never an error: the store only saves time.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from pathlib import Path

LIMIT = 64 * 1024 * 1024  # bytes: the real book's results take about 2 MB
SUFFIX = ".out"


def key(*parts: str | bytes) -> str:
    """One hash of every part (each part's length is in it, so no two lists collide)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(f"{len(data)}:".encode())
        digest.update(data)
    return digest.hexdigest()


@functools.cache
def program(path: str) -> str:
    """A program as it is installed: a new version (or a different one) is another key."""
    try:
        stat = os.stat(path)
    except OSError:
        return path
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


@functools.cache
def code(folder: str) -> str:
    """The hash of the Python source in `folder`: the engine code a result depends on."""
    files = sorted(Path(folder).glob("*.py"))
    return key(*(part for file in files for part in (file.name, file.read_bytes())))


class Store:
    def __init__(self, folder: Path | None = None, limit: int = LIMIT) -> None:
        self.folder = folder
        self.limit = limit

    def get(self, name: str) -> bytes | None:
        if self.folder is None:
            return None
        path = self.folder / (name + SUFFIX)
        try:
            data = path.read_bytes()
            os.utime(path)  # used now: the last to go
        except OSError:
            return None
        return data

    def put(self, name: str, data: bytes) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._make_room(len(data))
            # Written whole or not at all: a build stopped halfway leaves no half a file.
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, self.folder / (name + SUFFIX))
        except OSError:
            return

    def _make_room(self, size: int) -> None:
        assert self.folder is not None
        kept = []
        for path in self.folder.glob("*" + SUFFIX):
            try:
                stat = path.stat()
            except OSError:
                continue
            kept.append((stat.st_mtime, stat.st_size, path))
        total = sum(item[1] for item in kept) + size
        for _used, length, path in sorted(kept):
            if total <= self.limit:
                break
            path.unlink(missing_ok=True)
            total -= length


# The store of the build that runs: Book (common/book.py) sets it from the settings at the
# start of each build. Until then (the Markdown extensions run on their own, unit tests),
# nothing is kept.
STORE = Store()


def use(folder: Path | None) -> None:
    global STORE
    STORE = Store(folder)


def current() -> Store:
    return STORE
