"""Checks for what a contributor types, shown by `mkdocs serve` as the tests would show them.

The tests hold the whole book to a few rules that the build used to leave silent, so the
preview looked clean while `make test` failed. This package makes the build say the same
thing, with the file, the line and the fix, on the page being written:

- `prose.py`: a citation or reference list typed by hand (a warning, as the test fails on
  it; tests/test_citations_site.py uses these very rules), and a `TODO:` left from the
  template (INFO only: a fresh scaffold must build strictly; the test fails on it).
- `links.py`: a relative link or image pointing at a file that does not exist, with the
  nearest existing path. It replaces MkDocs' own message for that case, which has no line
  and no suggestion (mkdocs.yml sets `validation: links: not_found: info`).

`check_page` is the one call hooks/concept_hooks.py makes, from `on_page_markdown`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conceptbook.authoring.links import FileIndex, missing_targets
from conceptbook.authoring.prose import hand_typed_citations, placeholders
from conceptbook.authoring.report import log

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.structure.files import File


__all__ = ["FileIndex", "check_page"]


def check_page(file: File, path: str, source: str, index: FileIndex, knows: Callable[[str], bool]) -> None:
    """Log every problem of one page's source; `path` is its name in messages (docs/x.md).
    Pages the engine generates (glossary, bibliography) are its own to get right."""
    if file.generated_by is not None or file.abs_src_path is None:
        return
    src_uri = file.src_uri
    for message in hand_typed_citations(path, source, knows):
        log.warning(message)
    for message in missing_targets(path, src_uri, source, index):
        log.warning(message)
    todo = placeholders(path, source)
    if todo:
        log.info(todo)
