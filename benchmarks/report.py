"""What a benchmark run found, as data (results.json) and as a table (results.md)."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

# The targets of issue 8. Keys name the cells in run.CELLS.
MAX_RATIO_BASE = 1.10  # engine overhead at N=400, M=500
MAX_RATIO_CONCEPTS = 1.10  # at M=50 and M=2000 (N=400)
MAX_RATIO_ANY = 1.25
MAX_ADDED_GROWTH = 11.0  # engine added time from N=100 to N=1000 (ten times the chapters)
# A saved edit shows in `mkdocs serve` within 0.75 times a cold build of the real book by
# MkDocs alone (under 2 s on the project's 2-core machine): a ratio that travels across machines.
MAX_PREVIEW_RATIO = 0.75
MAX_REAL_CPU_RATIO = 1.5  # the real book, cold: CPU time with the engine / MkDocs alone
# Issue 11: one chapter of 400 sections may cost the engine at most 5 times one of 100.
MAX_LONG_CHAPTER_GROWTH = 5.0
ENGINE_DIRS = ("hooks", "overrides")  # what a change of the engine touches


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def engine_version() -> dict[str, Any]:
    """The commit measured, uncommitted engine changes, and a fingerprint of the engine.

    Every build loads the engine afresh, so an edit of hooks/ or overrides/ during a long
    run would mix versions in one table; the fingerprint (a hash of those files) taken
    before and after the run shows whether that happened, whatever else was committed.
    """
    root = Path(__file__).resolve().parent.parent

    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
        except (OSError, subprocess.CalledProcessError):
            return ""
        return done.stdout

    digest = hashlib.sha256()
    for path in sorted(p for d in ENGINE_DIRS for p in (root / d).rglob("*") if p.is_file()):
        if "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    changed = git("status", "--porcelain", "--", *ENGINE_DIRS)  # lines of "XY path"
    return {
        "commit": git("rev-parse", "--short", "HEAD").strip() or None,
        "uncommitted": [line[3:] for line in changed.splitlines()],
        "fingerprint": digest.hexdigest()[:16],
    }


def machine_info() -> dict[str, Any]:
    # The load average says how busy the machine already was: timings are only
    # comparable between runs made under similar load.
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": _version("mkdocs"),
        "mkdocs_material": _version("mkdocs-material"),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "load_average_at_start": [round(x, 2) for x in load] if load else None,
    }


def _target(name: str, value: float | None, limit: float, unit: str, *, below: bool = False) -> dict[str, Any]:
    if value is None:
        return {"target": name, "limit": limit, "value": None, "unit": unit, "passed": None}
    passed = value < limit if below else value <= limit
    return {"target": name, "limit": limit, "value": round(value, 3), "unit": unit, "passed": passed}


def check_targets(
    cells: dict[str, dict[str, Any]],
    growth: float | None,
    preview: dict[str, float] | None = None,
    long_growth: float | None = None,
    real_cpu_ratio: float | None = None,
) -> list[dict[str, Any]]:
    """Every target of issues 8 and 11 that this run measured, with its value and verdict."""
    targets = []
    if "base" in cells:
        targets.append(
            _target(f"engine overhead at {cells['base']['label']}", cells["base"]["ratio"], MAX_RATIO_BASE, "×")
        )
    targets.append(
        _target(
            "growth of added time, N=100 → N=1000" if growth is not None else "growth of added time",
            growth,
            MAX_ADDED_GROWTH,
            "-fold",
        )
    )
    for key in ("few", "dense", "many"):
        if key in cells:
            targets.append(
                _target(f"engine overhead at {cells[key]['label']}", cells[key]["ratio"], MAX_RATIO_CONCEPTS, "×")
            )
    if "long100" in cells or "long400" in cells:
        targets.append(
            _target(
                "growth of added CPU time, one chapter of 100 → 400 sections",
                long_growth,
                MAX_LONG_CHAPTER_GROWTH,
                "-fold",
            )
        )
    # The long-chapter cells are a stress shape (every concept discussed in hundreds of
    # sections of one page), judged by their growth above, not by the ratio for books.
    books = {name: cell for name, cell in cells.items() if not cell.get("sections")}
    if books:
        worst = max(books.values(), key=lambda c: c["ratio"])
        targets.append(
            _target(f"no cell above {MAX_RATIO_ANY}× (worst: {worst['label']})", worst["ratio"], MAX_RATIO_ANY, "×")
        )
    targets.append(
        _target("real book, cold: CPU time with the engine / MkDocs alone", real_cpu_ratio, MAX_REAL_CPU_RATIO, "×")
    )
    for key, what in (("chapter_edit", "a chapter edit"), ("concept_edit", "a concept's summary edit")):
        targets.append(
            _target(
                f"serve: {what} shown, / a cold build of the real book by MkDocs alone",
                (preview or {}).get(key),
                MAX_PREVIEW_RATIO,
                "×",
                below=True,
            )
        )
    return targets


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def _verdict(target: dict[str, Any]) -> str:
    if target["passed"] is None:
        return "not measured"
    return "pass" if target["passed"] else "**FAIL**"


def markdown(results: dict[str, Any]) -> str:
    """results.md: the machine line, the cell table, the real site and the targets."""
    m = results["machine"]
    engine = results.get("engine")
    if engine:
        changes = f" plus uncommitted changes to {', '.join(engine['uncommitted'])}" if engine["uncommitted"] else ""
        mixed = " (it changed during the run: cells may mix versions)" if engine.get("changed_during_run") else ""
        version = f" Engine at commit {engine['commit']}{changes}{mixed}."
    else:
        version = ""
    lines = [
        f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}, MkDocs {m['mkdocs']}, "
        f"Material {m['mkdocs_material']}; {m['date']}. Each build in a fresh process, "
        f"{results['settings']['runs']} runs alternating with and without the engine; median wall time "
        f"(the CPU-time ratio, from the same runs, is less disturbed by other load on the machine).{version}",
        "",
        "| book | pages | with engine | without hooks | ratio | CPU-time ratio | engine added "
        "| peak memory with / without |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for cell in results["cells"].values():
        lines.append(
            f"| {cell['label']} | {cell['pages']} | {_seconds(cell['engine']['median_s'])} "
            f"| {_seconds(cell['plain']['median_s'])} | {cell['ratio']:.2f}× | {_ratio(cell.get('cpu_ratio'))} "
            f"| {_seconds(cell['added_s'])} "
            f"| {cell['engine']['peak_rss_mb']:.0f} / {cell['plain']['peak_rss_mb']:.0f} MB |"
        )
    if results.get("growth") is not None:
        g = results["growth"]
        lines += [
            "",
            f"Engine added time grows {g['factor']:.1f}-fold from {g['from']} to {g['to']} "
            f"({g['chapters_factor']:.0f} times the chapters).",
        ]
    if results.get("long_chapter_growth"):
        g = results["long_chapter_growth"]
        factor = "–" if g["factor"] is None else f"{g['factor']:.1f}-fold"
        lines += [
            "",
            f"Engine added CPU time grows {factor} from {g['from']} to {g['to']} "
            f"({g['sections_factor']:.0f} times the sections; wall time "
            f"{'–' if g.get('wall_factor') is None else format(g['wall_factor'], '.1f') + '-fold'}).",
        ]
    real = results.get("real_site")
    if real:
        lines += ["", "Real site:", ""]
        strict = real.get("strict_build")
        if strict:
            status = "passes" if strict["passed"] else f"fails ({strict['warnings']} warnings)"
            lines.append(
                f"- cold `mkdocs build --strict`: {_seconds(strict['median_s'])} "
                f"(median of {len(strict['seconds'])}; the strict check {status})"
            )
        cost = real.get("cost")
        if cost:
            lines.append(
                f"- cold build with the engine {_seconds(cost['engine']['median_s'])} "
                f"({_seconds(cost['engine']['cpu_median_s'])} CPU), by MkDocs alone "
                f"{_seconds(cost['plain']['median_s'])} ({_seconds(cost['plain']['cpu_median_s'])} CPU): "
                f"{_ratio(cost['ratio'])} the wall time, {_ratio(cost['cpu_ratio'])} the CPU time "
                "(the engine reading Pandoc's and Graphviz's output from its store, as every build after the first)"
            )
            empty = cost.get("empty_store")
            if empty:
                lines.append(
                    f"- the first build, with an empty store: {_seconds(empty['seconds'])} "
                    f"({_seconds(empty['cpu_seconds'])} CPU, Pandoc and Graphviz included), "
                    f"{_ratio(cost['empty_store_cpu_ratio'])} the CPU time of MkDocs alone"
                )
        for key, what in (("chapter_edit", "a one-chapter edit"), ("concept_edit", "a concept edit")):
            serve = real.get("serve", {}).get(key)
            if serve:
                lines.append(
                    f"- `mkdocs serve`, from saving {what} to the page showing it: "
                    f"{_seconds(serve['median_s'])} (median of {len(serve['seconds'])}; "
                    f"MkDocs polls for changes every 0.5 s, then `--dirty` rebuilds what the edit changed)"
                )
        if real.get("serve_error"):
            lines.append(f"- `mkdocs serve` could not be measured: {real['serve_error']}")
    lines += ["", "| target | limit | measured | verdict |", "| --- | ---: | ---: | --- |"]
    for t in results["targets"]:
        op = "<" if t["unit"] == "s" else "≤"
        value = "–" if t["value"] is None else f"{t['value']:.2f}{t['unit']}"
        lines.append(f"| {t['target']} | {op} {t['limit']:g}{t['unit']} | {value} | {_verdict(t)} |")
    if results["settings"].get("quick"):
        lines += ["", "_Quick run: books ten times smaller than the targets assume; the verdicts are indicative only._"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Rewrite results.md from a results.json, e.g. after changing this module's wording.

    python -m benchmarks.report [benchmarks/results.json]
    """
    args = sys.argv[1:] if argv is None else argv
    source = Path(args[0]) if args else Path(__file__).resolve().parent / "results.json"
    table = markdown(json.loads(source.read_text(encoding="utf-8")))
    source.with_name("results.md").write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
