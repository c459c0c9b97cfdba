"""Mutation testing of the engine (hooks/) with mutmut 3: `make mutants`.

mutmut copies the code into mutants/ and rewrites every function as a trampoline that
picks the original or one mutant by the name in $MUTANT_UNDER_TEST. It records which
test reached which function under the *module name the code ran as*, and names mutants
by file path. Here the two differ: the tests import `conceptbook.glossary.linker`
(pytest's `pythonpath = ["hooks", ...]`) and MkDocs loads hooks/concept_hooks.py by path
as `concept_hooks`, while mutmut would name the file `hooks.conceptbook.glossary.linker`.
mutmut strips only a `src.` prefix, so this script stages a copy of the tracked files in
which hooks/ is called src/ (mkdocs.yml and pytest's pythonpath rewritten to match) and
runs mutmut there. Nothing in the working tree is touched; everything lands in .mutants/
(git-ignored).

Settings: scripts/mutants.toml, one table per package (what it mutates, which tests judge
it). Mutants argued equivalent: tests/mutants-equivalent.md (one line each,
"- `name` `#fingerprint` — why"); they are left out of the score. How to run it and the
recorded scores: TESTING.md.

    python scripts/mutants.py                       # every package: stage, run, report
    python scripts/mutants.py --package numbering   # one package (make mutants PACKAGE=numbering)
    python scripts/mutants.py --report              # report again from the last run
    python scripts/mutants.py --package glossary --mutants 'conceptbook.glossary.model.x_build_glossary*'
    python scripts/mutants.py --show NAME...        # what these mutants change now, with fingerprints
    python scripts/mutants.py --renumber            # mend lines of the list whose change moved number
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ROOT / "scripts" / "mutants.toml"
EQUIVALENT = ROOT / "tests" / "mutants-equivalent.md"
OUT = ROOT / ".mutants"  # --out moves it (two runs side by side, each in its own folder)
STAGE = OUT / "stage"
KILLED = {"killed", "timeout"}  # a mutant that hangs the tests is caught by the timeout


def mutmut() -> str:
    found = shutil.which("mutmut", path=str(Path(sys.executable).parent))
    if found is None:
        sys.exit("mutmut is not installed: run `make mutants` (it installs requirements-dev.txt) or pip install mutmut")
    return found


def staged(path: str) -> str:
    """Where a file (or a scope pattern) of the repository lies in the staged copy."""
    return "src" + path[len("hooks") :] if path.startswith("hooks/") else path


def source_paths(scope: list[str]) -> list[str]:
    """src/ always (the hook files import each other from there); scripts/ when it is mutated."""
    return ["src", *sorted({pattern.split("/")[0] for pattern in scope if not pattern.startswith("hooks/")})]


def stage(settings: dict) -> None:
    """A copy of the tracked files with hooks/ as src/, and mutmut's settings."""
    shutil.rmtree(STAGE, ignore_errors=True)
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        source = ROOT / name
        if not source.is_file():  # deleted in the working tree, not yet committed
            continue
        target = STAGE / staged(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    config = STAGE / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^(\s+- )hooks/", r"\1src/", config.read_text()))
    pyproject = STAGE / "pyproject.toml"
    text = pyproject.read_text().replace('pythonpath = ["hooks"', 'pythonpath = ["src"')
    scope = [f'"{staged(pattern)}"' for pattern in settings["scope"]]
    sources = source_paths(settings["scope"])
    paths = [f'"{source}"' for source in sources]
    tests = [f'"{test}"' for test in settings["tests"]]
    # Everything else the tests may read (docs/, mkdocs.yml, CITATION.cff, the licences …):
    # every tracked top-level entry; mutmut copies the source paths and tests/ itself.
    leave = {*sources, "tests", "pyproject.toml"}
    also_copy = sorted(f'"{p.name}"' for p in STAGE.iterdir() if p.name not in leave)
    text += (
        "\n[tool.mutmut]\n"
        f"source_paths = [{', '.join(paths)}]\n"
        f"only_mutate = [{', '.join(scope)}]\n"
        f"also_copy = [{', '.join(also_copy)}]\n"
        f"pytest_add_cli_args_test_selection = [{', '.join(tests)}]\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-p", "mutants_plugin"]\n'
        # mutmut times a mutant out at 15 x its tests' recorded duration + this constant. The
        # record leaves out fixture set-up, where the throw-away books are built, so the
        # constant must cover a build, or a slow build passes for a killed mutant.
        f"timeout_constant = {settings['timeout_seconds']}\n"
        f"timeout_multiplier = {settings['timeout_multiplier']}\n"
    )
    pyproject.write_text(text)


# What each mutant changes, read from the code as it is now, with no mutation run. mutmut
# numbers a function's mutants in order; when the function's code changes the numbers shift,
# and a line of tests/mutants-equivalent.md written for one change can come to name another:
# a real survivor would then hide behind an argument written for something else. So each
# line carries the fingerprint of the change it argues (`#` and 8 hex digits of a hash of
# the lines the mutant removes and adds), and tests/test_mutant_lines.py checks on every
# `make test` that the mutant named still makes that change.

# - `name` `#fingerprint` — why (the fingerprint is optional only to the parser, which reports its absence)
LINE = re.compile(r"^- `(?P<name>[^`]+)`(?: `#(?P<fingerprint>[0-9a-f]{8})`)?\s*[—-]+\s*(?P<why>.+)$")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, in tests/mutants-equivalent.md
    name: str
    fingerprint: str | None
    why: str


def read_lines(path: Path = EQUIVALENT) -> list[Line]:
    """The list's argued mutants, each with its line number."""
    found = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = LINE.match(text)
        if match:
            found.append(Line(number, match["name"], match["fingerprint"], match["why"]))
    return found


def module_file(name: str) -> str:
    """The repository path of the file a mutant name comes from ('conceptbook.glossary.linker.x_f__mutmut_1')."""
    module = re.split(r"\.x[_ǁ]", name, maxsplit=1)[0]
    path = module.replace(".", "/") + ".py"
    if path.startswith("scripts/"):
        return path
    package = "hooks/" + path.removesuffix(".py") + "/__init__.py"  # mutmut drops `.__init__` from names
    return package if (ROOT / package).is_file() else "hooks/" + path


@contextmanager
def _mutmut() -> Iterator[None]:
    """mutmut reads its settings from the working directory; give it an empty one with a src/."""
    from mutmut.configuration import reset_config

    here = os.getcwd()
    with tempfile.TemporaryDirectory() as empty:
        (Path(empty) / "src").mkdir()
        os.chdir(empty)
        reset_config()
        try:
            yield
        finally:
            os.chdir(here)
            reset_config()


def fingerprint(change: str) -> str:
    """8 hex digits naming a change; the same change keeps it when other lines of the function move."""
    return hashlib.sha256(change.encode("utf-8")).hexdigest()[:8]


def changes(path: str) -> dict[str, str]:
    """Mutant name -> its change ("- removed" and "+ added" lines, stripped), for one repository file."""
    from mutmut.mutation.file_mutation import mutate_file_contents
    from mutmut.utils.format_utils import get_mutant_name

    source = (ROOT / path).read_text(encoding="utf-8")
    with _mutmut():
        mutated = mutate_file_contents(path, source)
    lines = mutated.code.splitlines()
    spans = mutated.line_span_by_function_name

    def body(function: str) -> list[str]:
        span = spans[function]  # 1-based, from the blank lines above the def: alike in both copies
        return [line.replace(function, "FUNCTION") for line in lines[span.start - 1 : span.end]]

    relative = Path(path).relative_to("hooks") if path.startswith("hooks/") else Path(path)
    found = {}
    for mutant in mutated.mutant_names:
        original = mutant.partition("__mutmut_")[0] + "__mutmut_orig"
        diff = difflib.unified_diff(body(original), body(mutant), n=0, lineterm="")
        change = [
            f"{line[0]} {line[1:].strip()}" for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")
        ]
        found[get_mutant_name(relative, mutant)] = "\n".join(change)
    return found


def changes_of(names: list[str]) -> dict[str, str | None]:
    """Mutant name -> its change, or None when the code has no such mutant (any number of files)."""
    known = {path: changes_in(path) for path in {module_file(name) for name in names}}
    return {name: known[module_file(name)].get(name) for name in names}


def function_of(name: str) -> str:
    return name.partition("__mutmut_")[0]


def changes_in(path: str) -> dict[str, str]:
    """A repository file's mutants and their changes; none for a file that is gone."""
    return changes(path) if (ROOT / path).is_file() else {}


def check(
    lines: list[Line], changes_in: Callable[[str], dict[str, str]] = changes_in
) -> tuple[list[str], dict[int, str]]:
    """What is wrong with the list (messages), and the renames that would mend drifted lines (line -> name)."""
    problems: list[str] = []
    renames: dict[int, str] = {}
    seen: dict[str, int] = {}
    by_file = {path: changes_in(path) for path in {module_file(line.name) for line in lines}}
    for line in lines:
        where = f"{EQUIVALENT.relative_to(ROOT)}:{line.number}: `{line.name}`"
        if line.name in seen:
            problems.append(f"{where} is argued twice (also on line {seen[line.name]}); keep one line")
        seen.setdefault(line.name, line.number)
        known = by_file[module_file(line.name)]
        change = known.get(line.name)
        if line.fingerprint is None:
            shown = f"its change is now\n{change}\nand fingerprint `#{fingerprint(change)}`" if change else ""
            problems.append(
                f"{where} has no fingerprint: check the line against the mutant's change, then write the "
                f"fingerprint after the name; {shown or 'and no such mutant exists: remove the line'}"
            )
            continue
        if change is not None and fingerprint(change) == line.fingerprint:
            continue
        moved = [
            other
            for other, text in known.items()
            if function_of(other) == function_of(line.name) and fingerprint(text) == line.fingerprint
        ]
        if len(moved) == 1:
            renames[line.number] = moved[0]
            problems.append(
                f"{where} now names another mutant; the change it argues is now `{moved[0]}`: "
                "rename it (python scripts/mutants.py --renumber)"
            )
        elif change is None:
            problems.append(
                f"{where}: no such mutant now (its code changed or is gone); remove the line, "
                "or argue the mutants of the new code after `make mutants`"
            )
        else:
            problems.append(
                f"{where} was written for a change `#{line.fingerprint}` that this function no longer has "
                f"(or has {len(moved)} times); the mutant now changes\n{change}\n"
                "argue it anew with its own fingerprint, or remove the line and let `make mutants` judge it"
            )
    return problems, renames


def renumber(renames: dict[int, str], path: Path = EQUIVALENT) -> None:
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, name in renames.items():
        match = LINE.match(text[number - 1].rstrip("\n"))
        assert match is not None
        text[number - 1] = text[number - 1].replace(f"`{match['name']}`", f"`{name}`", 1)
    path.write_text("".join(text), encoding="utf-8")


def equivalent_names() -> dict[str, str]:
    """Mutant name -> the one-line argument that it cannot change behaviour."""
    if not EQUIVALENT.exists():
        return {}
    return {line.name: line.why for line in read_lines(EQUIVALENT)}


def results() -> dict[str, str]:
    out = subprocess.run([mutmut(), "results", "--all", "true"], cwd=STAGE, capture_output=True, text=True, check=True)
    return dict(re.findall(r"(?m)^\s+(\S+): (.+)$", out.stdout))


def package_of(name: str, packages: dict[str, dict]) -> str:
    path = module_file(name)  # a package's own functions: conceptbook/authoring.py for authoring/__init__.py
    for package, table in packages.items():
        if any(
            fnmatch(path, pattern) or fnmatch(path.removesuffix(".py") + "/__init__.py", pattern)
            for pattern in table["scope"]
        ):
            return package
    return "(no package)"


def report(packages: dict[str, dict]) -> int:
    status = results()
    if not status:
        sys.exit("no mutation results: run `make mutants` first")
    equivalent = equivalent_names()
    stale = sorted(set(equivalent) - set(status))
    staged_at = OUT / "commit"  # the commit the run was staged from, not today's HEAD
    commit = staged_at.read_text() if staged_at.exists() else "(unknown)"
    by_package: dict[str, dict[str, str]] = defaultdict(dict)
    for name, s in status.items():
        by_package[package_of(name, packages)][name] = s
    lines = [f"commit {commit.strip()}; {len(status)} mutants"]
    survivors: dict[str, str] = {}
    for package in sorted(by_package):
        found = by_package[package]
        unchecked = sum(s == "not checked" for s in found.values())  # the run was stopped early
        counted = {name: s for name, s in found.items() if name not in equivalent and s != "not checked"}
        tally = Counter(counted.values())
        killed = sum(tally[s] for s in KILLED)
        survivors |= {name: s for name, s in counted.items() if s not in KILLED}
        lines.append(
            f"{package}: {killed}/{len(counted)} = {100 * killed / max(len(counted), 1):.1f}% of non-equivalent "
            f"mutants killed ({len(found)} mutants, {len(found) - unchecked - len(counted)} argued equivalent, "
            f"{unchecked} not checked; by status: " + ", ".join(f"{s} {n}" for s, n in sorted(tally.items())) + ")"
        )
    lines.append(f"equivalent: {EQUIVALENT.relative_to(ROOT)}")
    stale_here = [name for name in stale if package_of(name, packages) in by_package]
    if stale_here:
        lines.append(f"equivalent list names {len(stale_here)} mutants that no longer exist: {', '.join(stale_here)}")
    # each with the fingerprint its line in the equivalent list will carry, once argued
    changes = changes_of(sorted(survivors))
    # an argued mutant a test kills was never equivalent, or its line names another mutant now
    argued_killed = sorted(name for name in equivalent if status.get(name) in KILLED)
    if argued_killed:
        lines.append(
            f"equivalent list argues {len(argued_killed)} mutants that this run killed (remove their lines): "
            + ", ".join(argued_killed)
        )
    lines += ["", f"not killed ({len(survivors)}):"] + [
        f"  {name}: {survivors[name]} "
        + (f"`#{fingerprint(change)}`" if (change := changes[name]) is not None else "(code since changed)")
        for name in sorted(survivors)
    ]
    text = "\n".join(lines) + "\n"
    (OUT / "report.txt").write_text(text)
    diffs = [
        subprocess.run([mutmut(), "show", n], cwd=STAGE, capture_output=True, text=True).stdout
        for n in sorted(survivors)
    ]
    (OUT / "survivors.diff").write_text("\n".join(diffs))
    print(text + f"\nreport: {OUT / 'report.txt'}; diffs of the survivors: {OUT / 'survivors.diff'}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--report", action="store_true", help="only report the last run's results")
    parser.add_argument(
        "--package", nargs="+", help="packages to mutate, as named in scripts/mutants.toml (default: all)"
    )
    parser.add_argument(
        "--scope", nargs="+", help="files to mutate instead, from the repository root (hooks/conceptbook/maps/*)"
    )
    parser.add_argument("--tests", nargs="+", help="test files to run instead (default: the packages' own)")
    parser.add_argument(
        "--children", type=int, help="parallel test processes (default: max_children in scripts/mutants.toml)"
    )
    parser.add_argument(
        "--mutants",
        nargs="+",
        default=[],
        help="only these mutants, by name or fnmatch pattern ('conceptbook.glossary.model.x_build_glossary*')",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="folder for the staged copy and the report (default: .mutants/); give each of two runs at once its own",
    )
    parser.add_argument("--show", nargs="+", metavar="NAME", help="what these mutants change now, and fingerprints")
    parser.add_argument(
        "--renumber",
        action="store_true",
        help="rename the lines of the equivalent list whose change now has another number, then check the list",
    )
    args = parser.parse_args()
    if args.show:
        for name, change in changes_of(args.show).items():
            print(f"{name} `#{fingerprint(change)}`\n{change}\n" if change is not None else f"{name}: no such mutant\n")
        return 0
    if args.renumber:
        problems, renames = check(read_lines())
        if renames:
            renumber(renames)
            print(f"renamed {len(renames)} lines of {EQUIVALENT.relative_to(ROOT)}")
            problems, renames = check(read_lines())
        print("\n".join(problems) or f"{EQUIVALENT.relative_to(ROOT)}: every line names the change it argues")
        return 1 if problems else 0
    if args.out:
        global OUT, STAGE
        OUT = args.out.resolve()
        STAGE = OUT / "stage"
    settings = tomllib.loads(SETTINGS.read_text())
    packages: dict[str, dict] = settings["packages"]
    chosen = args.package or list(packages)
    unknown = [name for name in chosen if name not in packages]
    if unknown:
        sys.exit(
            f"{SETTINGS.relative_to(ROOT)}: no package {', '.join(map(repr, unknown))}; "
            f"choose from {', '.join(packages)} (make mutants PACKAGE=numbering)"
        )
    settings["scope"] = args.scope or [p for name in chosen for p in packages[name]["scope"]]
    settings["tests"] = args.tests or list(dict.fromkeys(t for name in chosen for t in packages[name]["tests"]))
    missing = [test for test in settings["tests"] if not (ROOT / test.split("::")[0]).is_file()]
    if missing:
        sys.exit(f"{SETTINGS.relative_to(ROOT)}: no test file {', '.join(missing)}; correct the package's `tests` list")
    if not args.report:
        stage(settings)
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True)
        (OUT / "commit").write_text(head.stdout.strip() + (" with uncommitted changes" if dirty.stdout else ""))
        # mutmut runs pytest in its own process, where `-p mutants_plugin` is found on PYTHONPATH;
        # a mutant that opens a text file without its encoding fails, as in `make test`; and no
        # build reads the store on disk (Pandoc's and Graphviz's output, compiled templates),
        # where what the unmutated code made would stand in for what the mutant makes.
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT / "scripts"),
            "PYTHONWARNDEFAULTENCODING": "1",
            "CONCEPTBOOK_CACHE": "off",
        }
        run = subprocess.run(
            [mutmut(), "run", "--max-children", str(args.children or settings["max_children"]), *args.mutants],
            cwd=STAGE,
            env=env,
        )
        if run.returncode != 0:
            return run.returncode
    return report(packages)


if __name__ == "__main__":
    sys.exit(main())
