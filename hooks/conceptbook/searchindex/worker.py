"""Whole concept names first: whole_words.js goes in front of Material's search worker.

Material for MkDocs 9.8 has no setting for how a query is transformed: its worker adds a
trailing wildcard to every word and lunr weighs every word the wildcard reaches alike, so
"id" ranked Idealization above Id. whole_words.js orders the worker's answers by the
concepts' one-word names (see its comment). The built site's copy of the worker (assets/javascripts/workers/search.*.min.js,
written by the theme before `on_post_build`) gets the script in front of it, once: a
rebuild that did not copy the theme again (`mkdocs serve --dirty`) finds it there already.
"""

from __future__ import annotations

from pathlib import Path

SCRIPT = Path(__file__).with_name("whole_words.js")
WORKERS = "assets/javascripts/workers/search.*.min.js"


def prepend_whole_words(site_dir: Path) -> list[Path]:
    """Put whole_words.js in front of each search worker of the built site; the workers found."""
    script = SCRIPT.read_text(encoding="utf-8")
    workers = sorted(site_dir.glob(WORKERS))
    for worker in workers:
        text = worker.read_text(encoding="utf-8")
        if not text.startswith(script):
            worker.write_text(script + text, encoding="utf-8")
    return workers
