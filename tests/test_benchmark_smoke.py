"""A tiny run of the benchmark (`make bench`), so its code cannot rot between full runs.

The full benchmark takes about half an hour and is not part of `make test`; this builds
one three-chapter book with and without the engine, once each, and checks what the
benchmark would report about it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from benchmarks.generate import ROOT, BookSpec, generate_book
from benchmarks.measure import append_paragraph, prefix_summary
from benchmarks.report import check_targets, engine_version
from benchmarks.run import measure_cell, write_results

TINY = BookSpec(chapters=3, concepts=5)


def _tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_generated_book_is_deterministic_and_in_the_sites_format(tmp_path: Path) -> None:
    book = generate_book(TINY, tmp_path / "one")
    assert _tree(book.root) == _tree(generate_book(TINY, tmp_path / "two").root)

    chapters = sorted((book.docs / "chapters").glob("*.md"))
    concepts = sorted((book.docs / "concepts").glob("*.md"))
    assert (len(chapters), len(concepts), book.pages) == (3, 5, 9)
    chapter = chapters[0].read_text(encoding="utf-8")
    front = yaml.safe_load(chapter.split("---\n")[1])
    assert set(front) == {"title", "description", "authors", "last_reviewed"}
    for part in ("<!-- key-concepts -->", "[[", "```", "- ", "](chapter-"):
        assert part in chapter, f"a generated chapter lacks {part!r}"
    concept = yaml.safe_load(concepts[0].read_text(encoding="utf-8").split("---\n")[1])
    assert {"term", "summary"} <= set(concept)

    # The whole engine, as the real config registers it, in its order.
    hooks = ["concept_hooks.py", "editions_hooks.py", "search_hooks.py", "safety_hooks.py"]
    listed = "".join(f"  - {ROOT / 'hooks' / name}\n" for name in hooks)
    assert f"hooks:\n{listed}" in book.engine_config.read_text(encoding="utf-8")
    assert "hooks: []" in book.plain_config.read_text(encoding="utf-8")
    for config in (book.engine_config, book.plain_config):
        assert "not_in_nav: |\n  /concepts/" in config.read_text(encoding="utf-8")


def test_tiny_benchmark_cell_reports_times_ratio_and_memory(tmp_path: Path) -> None:
    cell = measure_cell(TINY, runs=1, work=tmp_path)

    assert (cell["chapters"], cell["concepts"], cell["pages"]) == (3, 5, 9)
    for config in ("engine", "plain"):
        assert len(cell[config]["seconds"]) == 1
        assert cell[config]["median_s"] > 0
        assert cell[config]["cpu_median_s"] > 0
        assert cell[config]["peak_rss_mb"] > 10  # a Python running MkDocs, not a byte count
    assert cell["ratio"] == round(cell["engine"]["median_s"] / cell["plain"]["median_s"], 3)
    assert cell["added_s"] == round(cell["engine"]["median_s"] - cell["plain"]["median_s"], 3)
    assert not (tmp_path / "book").exists(), "the measured book is removed after its runs"

    results = {
        "machine": {"cpu": "test", "cores": 1, "python": "3", "mkdocs": "1", "mkdocs_material": "9", "date": "now"},
        "engine": {**engine_version(), "changed_during_run": False},
        "settings": {"runs": 1, "quick": True},
        "cells": {"base": cell},
        "growth": None,
        "real_site": None,
        "targets": check_targets({"base": cell}, None, None),
    }
    table = write_results(results, tmp_path / "out")
    assert (tmp_path / "out" / "results.json").is_file()
    assert (tmp_path / "out" / "results.md").read_text(encoding="utf-8") == table
    assert "| N=3, M=5 | 9 |" in table
    assert f"Engine at commit {results['engine']['commit']}" in table
    assert "| engine overhead at N=3, M=5 |" in table
    assert "not measured" in table  # growth and serve were not part of this run


def test_serve_edits_put_the_marker_where_the_page_shows_it() -> None:
    concept = "---\nterm: Defense\nsummary: >-\n  A way of coping.\nrelated: [denial]\n---\n\n## More\n\nBody.\n"
    edited = prefix_summary(concept, "mark123")
    data = yaml.safe_load(edited.split("---\n")[1])
    assert data == {"term": "Defense", "summary": "mark123 A way of coping.", "related": ["denial"]}
    assert edited.endswith("\n## More\n\nBody.\n")
    assert append_paragraph("# Chapter\n\nText.\n", "mark456").endswith("\n\nText.\n\nBenchmark edit mark456.\n")


def test_the_serve_projects_copy_loads_every_hook_of_the_real_config(tmp_path: Path) -> None:
    """`make bench` times `mkdocs serve` on a copy of the project; a hook importing a
    folder the copy left out (hooks/conceptbook/editions/) stopped serve from starting there.
    A fresh process, so nothing this test process already imported can stand in."""
    import os
    import subprocess
    import sys

    from benchmarks.run import copy_project

    project = copy_project(tmp_path / "serve-project")
    code = (
        "from mkdocs.config import load_config\n"
        "config = load_config(config_file='mkdocs.yml')\n"
        "print(sorted(p.__file__ for n, p in config.plugins.items() if n.endswith('.py')))"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": ""}
    result = subprocess.run([sys.executable, "-c", code], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.count(str(project / "hooks")) == 4, result.stdout  # concept, editions, search, safety
