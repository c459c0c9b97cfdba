"""Measure what the glossary engine costs as the book grows: `make bench`.

For each cell (N chapters, M concepts) a synthetic book is built with the engine (A)
and without hooks (B), alternating A B A B so that a change in machine load hits both
alike, each build in a fresh process. Then the real site: a cold strict build, and how
long `mkdocs serve` takes to show an edit of one chapter and of one concept file.

    python -m benchmarks.run                 # the full run (about half an hour on 2 cores)
    python -m benchmarks.run --quick         # books ten times smaller, for a quick look
    python -m benchmarks.run --cells base --runs 7 --skip-real
    python -m benchmarks.run --cells long100,long400,concepts3000 --skip-real

Writes benchmarks/results.json and benchmarks/results.md and prints the table.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .generate import ROOT, BookSpec, generate_book
from .measure import (
    BenchmarkError,
    BuildRun,
    append_paragraph,
    prefix_summary,
    run_build,
    serving,
    summary,
    time_edit,
    timings,
)
from .report import check_targets, engine_version, machine_info, markdown

HERE = Path(__file__).resolve().parent
REAL_CONFIG = ROOT / "mkdocs.yml"
# Cells by the role they play in the targets (see report.check_targets):
# (N chapters, M concepts, sections of one long chapter or 0 for ordinary chapters,
# link density: concept mentions in a sentence that has any; the real book's is about 1).
CELLS: dict[str, tuple[int, int, int, int]] = {
    "small": (100, 500, 0, 1),
    "base": (400, 500, 0, 1),
    "large": (1000, 500, 0, 1),
    "few": (400, 50, 0, 1),
    "dense": (400, 50, 0, 8),  # eight times the real link density (the outside measurement: 6-15 times)
    "many": (400, 2000, 0, 1),
    "concepts3000": (400, 3000, 0, 1),
    "long100": (1, 500, 100, 1),
    "long400": (1, 500, 400, 1),
}
QUICK_SCALE = 10
CHECK_CHAPTERS = 20  # chapters of the strict check book (see check_book)
SERVE_COPY = ("docs", "overrides", "hooks", "scripts")  # hooks/conceptbook/editions/: imported by the editions hook
PREFERRED_CONCEPT = "attachment.md"


_START = time.monotonic()


def say(message: str) -> None:
    """Progress goes to stderr, so stdout carries only the table."""
    print(f"[{time.monotonic() - _START:6.0f} s] {message}", file=sys.stderr, flush=True)


# -- synthetic books ------------------------------------------------------------------


def cell_specs(names: Sequence[str], quick: bool, seed: int) -> dict[str, BookSpec]:
    scale = QUICK_SCALE if quick else 1
    specs = {}
    for name in names:
        chapters, concepts, sections, density = CELLS[name]
        specs[name] = BookSpec(
            max(1, chapters // scale),
            max(1, concepts // scale),
            seed,
            sections=max(1, sections // scale) if sections else 0,
            density=density,
        )
    return specs


def label(spec: BookSpec) -> str:
    if spec.sections:
        return f"one chapter of {spec.sections} sections, M={spec.concepts}"
    density = f", {spec.density}× link density" if spec.density != 1 else ""
    return f"N={spec.chapters}, M={spec.concepts}{density}"


def _ok(run: BuildRun, what: str) -> BuildRun:
    if run.returncode != 0:
        raise BenchmarkError(f"{what} failed (exit {run.returncode}):\n{run.output[-4000:]}")
    return run


def check_book(spec: BookSpec, work: Path) -> None:
    """Prove the generator writes books the engine accepts without a single warning.

    A strict build of the measured book itself would cost as much as a timed run, so
    this builds a book with the same concepts (they depend only on M and the seed, and
    they are where names could clash) and a few chapters written the same way.
    """
    small = BookSpec(
        min(spec.chapters, CHECK_CHAPTERS),
        spec.concepts,
        spec.seed,
        spec.words_per_chapter,
        sections=min(spec.sections, CHECK_CHAPTERS),
        density=spec.density,
    )
    book = generate_book(small, work / "check-book")
    run = run_build(book.engine_config, work / "check-site", cwd=book.root, strict=True, quiet=False)
    _ok(run, f"the strict check build of a generated book ({label(small)}; rerun with --keep to inspect it)")
    shutil.rmtree(book.root)


def measure_cell(spec: BookSpec, runs: int, work: Path) -> dict[str, Any]:
    check_book(spec, work)
    book = generate_book(spec, work / "book")
    site = work / "site"
    engine: list[BuildRun] = []
    plain: list[BuildRun] = []
    try:
        for number in range(1, runs + 1):
            engine.append(_ok(run_build(book.engine_config, site, cwd=book.root), "a build with the engine"))
            plain.append(_ok(run_build(book.plain_config, site, cwd=book.root), "a build without hooks"))
            say(
                f"  {label(spec)} run {number}/{runs}: with engine {engine[-1].seconds:.2f} s, "
                f"without hooks {plain[-1].seconds:.2f} s"
            )
    finally:
        shutil.rmtree(book.root, ignore_errors=True)
    a, b = summary(engine), summary(plain)
    ratio = a["median_s"] / b["median_s"]
    return {
        "label": label(spec),
        "chapters": spec.chapters,
        "concepts": spec.concepts,
        "sections": spec.sections,
        "pages": book.pages,
        "chapter_words": book.chapter_words,
        "engine": a,
        "plain": b,
        "ratio": round(ratio, 3),
        "cpu_ratio": round(a["cpu_median_s"] / b["cpu_median_s"], 3),
        "added_s": round(a["median_s"] - b["median_s"], 3),
        "cpu_added_s": round(a["cpu_median_s"] - b["cpu_median_s"], 3),
    }


def long_chapter_growth(cells: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """How the engine's added CPU time grows with four times the sections of one chapter.

    CPU time, not wall time: one long page is a few seconds of the engine's work inside a
    build of half a minute, and on a shared machine the wall time of such a build varies
    by more than the engine's whole cost.
    """
    if "long100" not in cells or "long400" not in cells:
        return None
    short, long = cells["long100"], cells["long400"]

    def factor(key: str) -> float | None:
        return long[key] / short[key] if short.get(key, 0) > 0 else None

    return {
        "from": short["label"],
        "to": long["label"],
        "factor": factor("cpu_added_s"),
        "wall_factor": factor("added_s"),
        "sections_factor": long["sections"] / short["sections"],
    }


def added_growth(cells: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """How the engine's added time grows with ten times the chapters (same M)."""
    if "small" not in cells or "large" not in cells:
        return None
    small, large = cells["small"], cells["large"]
    factor = large["added_s"] / small["added_s"] if small["added_s"] > 0 else None
    return {
        "from": small["label"],
        "to": large["label"],
        "factor": factor,
        "chapters_factor": large["chapters"] / small["chapters"],
    }


# -- the real site ----------------------------------------------------------------


def measure_strict_build(runs: int, work: Path) -> dict[str, Any]:
    builds = [run_build(REAL_CONFIG, work / "real-site", cwd=ROOT, strict=True, quiet=False) for _ in range(runs)]
    say(f"  real site, strict build: {', '.join(f'{b.seconds:.2f} s' for b in builds)}")
    return {**summary(builds), "passed": all(b.returncode == 0 for b in builds), "warnings": len(builds[-1].warnings)}


def copy_project(dest: Path) -> Path:
    """The config, docs, theme overrides and hooks, so edits never touch the real docs/."""
    dest.mkdir(parents=True)
    for name in SERVE_COPY:
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    # Top-level files too: snippets (pymdownx.snippets) may include e.g. the LICENSE.
    for file in ROOT.iterdir():
        if file.is_file() and not file.name.startswith("."):
            shutil.copy2(file, dest / file.name)
    return dest


def _marker() -> str:
    return f"benchmark{uuid.uuid4().hex[:12]}"


def measure_serve(repeats: int, work: Path) -> dict[str, Any]:
    """Seconds from saving an edit to `mkdocs serve` showing it: what an author waits.

    That includes up to 0.5 s before MkDocs' file watcher (it polls) sees the change,
    and the rebuild: `mkdocs serve --dirty`, as `make serve` runs it, builds what the edit changed.
    """
    project = copy_project(work / "serve-project")
    docs = project / "docs"
    chapters = sorted((docs / "chapters").glob("*.md"))
    concepts = sorted((docs / "concepts").glob("*.md"))
    if not chapters or not concepts:
        raise BenchmarkError("the real site needs a chapter and a concept file to time edits of")
    chapter = chapters[0]
    concept = next((c for c in concepts if c.name == PREFERRED_CONCEPT), concepts[0])
    with serving(project, work / "serve.log") as server:
        results: dict[str, Any] = {}
        for key, path, edit in (("chapter_edit", chapter, append_paragraph), ("concept_edit", concept, prefix_summary)):
            url = server.page_url(path.relative_to(docs).as_posix())
            times = [time_edit(server, url, path, edit, _marker()) for _ in range(repeats)]
            say(
                f"  serve, {key.replace('_', ' ')} of {path.relative_to(project)}: "
                f"{', '.join(f'{t:.2f} s' for t in times)}"
            )
            page = urlsplit(url).path  # without the port, which changes every run
            results[key] = {"file": str(path.relative_to(project)), "page": page, **timings(times)}
    return results


def real_plain_config(work: Path) -> Path:
    """The real book's config without hooks: MkDocs alone on the same pages and theme."""
    config = work / "real-no-hooks.yml"
    config.write_text(
        f"INHERIT: {REAL_CONFIG}\ndocs_dir: {ROOT / 'docs'}\ntheme:\n  custom_dir: {ROOT / 'overrides'}\nhooks: []\n",
        encoding="utf-8",
    )
    return config


def measure_real_cost(runs: int, work: Path) -> dict[str, Any]:
    """The real book, cold, with the engine and without hooks, alternating (not strict: without
    the engine, `[[slug]]` and links to generated pages would be warnings). The engine's
    builds use the store of the project (.cache/conceptbook/, as every build after the first
    does); one more build with an empty store is the first build on a fresh clone."""
    plain_config = real_plain_config(work)
    first = _ok(
        run_build(REAL_CONFIG, work / "real-site", cwd=ROOT, env={"CONCEPTBOOK_CACHE": str(work / "empty-store")}),
        "a build of the real book with an empty store",
    )
    say(f"  real book, empty store: {first.seconds:.2f} s ({first.cpu_seconds:.2f} s CPU)")
    engine: list[BuildRun] = []
    plain: list[BuildRun] = []
    for number in range(1, runs + 1):
        engine.append(_ok(run_build(REAL_CONFIG, work / "real-site", cwd=ROOT), "a build of the real book"))
        plain.append(_ok(run_build(plain_config, work / "real-site", cwd=ROOT), "the real book without hooks"))
        say(
            f"  real book run {number}/{runs}: with engine {engine[-1].seconds:.2f} s "
            f"({engine[-1].cpu_seconds:.2f} s CPU), without hooks {plain[-1].seconds:.2f} s "
            f"({plain[-1].cpu_seconds:.2f} s CPU)"
        )
    a, b = summary(engine), summary(plain)
    return {
        "engine": a,
        "plain": b,
        "ratio": round(a["median_s"] / b["median_s"], 3),
        "cpu_ratio": round(a["cpu_median_s"] / b["cpu_median_s"], 3),
        "empty_store": {"seconds": round(first.seconds, 3), "cpu_seconds": round(first.cpu_seconds, 3)},
        "empty_store_cpu_ratio": round(first.cpu_seconds / b["cpu_median_s"], 3),
    }


def measure_real_site(runs: int, repeats: int, work: Path) -> dict[str, Any]:
    result: dict[str, Any] = {"strict_build": measure_strict_build(runs, work), "cost": measure_real_cost(runs, work)}
    try:
        result["serve"] = measure_serve(repeats, work)
    except BenchmarkError as error:  # the table still reports everything else
        say(f"  serve: {error}")
        result["serve_error"] = str(error).splitlines()[0]
    return result


# -- the whole run -----------------------------------------------------------------


def run(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    machine = machine_info()
    engine = engine_version()
    specs = cell_specs(args.cells, args.quick, args.seed)
    cells: dict[str, dict[str, Any]] = {}
    for name, spec in specs.items():
        say(f"{label(spec)}: generating and checking the book, then {args.runs} runs each")
        cell_work = work / name
        cell_work.mkdir()
        cells[name] = measure_cell(spec, args.runs, cell_work)
    growth = added_growth(cells)
    long_growth = long_chapter_growth(cells)
    real = None
    if not args.skip_real:
        say("real site")
        real = measure_real_site(args.real_runs, args.serve_repeats, work)
    serve = (real or {}).get("serve", {})
    plain_cold = (real or {}).get("cost", {}).get("plain", {}).get("median_s")
    preview = {
        key: serve[key]["median_s"] / plain_cold
        for key in ("chapter_edit", "concept_edit")
        if key in serve and plain_cold
    }
    real_cpu = (real or {}).get("cost", {}).get("cpu_ratio")
    changed = engine_version()["fingerprint"] != engine["fingerprint"]
    if changed:
        say("hooks/ or overrides/ changed during the run: the cells may mix engine versions")
    return {
        "machine": machine,
        "engine": {**engine, "changed_during_run": changed},
        "settings": {
            "runs": args.runs,
            "quick": args.quick,
            "seed": args.seed,
            "cells": args.cells,
            "real_runs": args.real_runs,
            "serve_repeats": args.serve_repeats,
        },
        "cells": cells,
        "growth": growth,
        "long_chapter_growth": long_growth,
        "real_site": real,
        "targets": check_targets(
            cells, (growth or {}).get("factor"), preview, (long_growth or {}).get("factor"), real_cpu
        ),
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="timed builds per config and cell (default 5)")
    parser.add_argument("--quick", action="store_true", help="books ten times smaller (verdicts indicative only)")
    parser.add_argument(
        "--cells",
        type=lambda s: [c for c in s.split(",") if c],
        default=list(CELLS),
        help=f"comma-separated subset of {','.join(CELLS)}",
    )
    parser.add_argument("--skip-real", action="store_true", help="skip the real site's build and serve timings")
    parser.add_argument("--real-runs", type=int, default=3, help="cold strict builds of the real site")
    parser.add_argument("--serve-repeats", type=int, default=3, help="edits timed per kind under mkdocs serve")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--output", type=Path, default=HERE, help="folder for results.json and results.md")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (books, logs)")
    args = parser.parse_args(argv)
    unknown = [c for c in args.cells if c not in CELLS]
    if unknown:
        parser.error(f"unknown cell {', '.join(unknown)}; choose from {', '.join(CELLS)}")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def write_results(results: dict[str, Any], folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    table = markdown(results)
    (folder / "results.md").write_text(table, encoding="utf-8")
    return table


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="psychodynamic-bench-"))
    try:
        results = run(args, work)
    except BenchmarkError as error:
        say(f"benchmark failed: {error}")
        return 1
    finally:
        if args.keep:
            say(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(write_results(results, args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
