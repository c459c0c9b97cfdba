"""Write the typed relations of scripts/relations.tsv into the concepts' front matter.

    python scripts/add_relations.py          # apply (idempotent: a second run changes nothing)
    python scripts/add_relations.py --check  # exit 1 if a file would change

For each concept named in the table, the keys `broader`, `contrasts` and `developed_from`
are written as one-line lists (`broader: [defense]`), each replacing a line of the same
key the script wrote before, or inserted just before the closing `---` of the front
matter. Nothing else in the file is touched, so it can be re-run after others have
edited the same files (summaries, bodies). Lines marked `new` name concepts that may not
exist yet: they are skipped until both files exist; an unmarked line naming a missing
concept is an error. Relations of a type are merged with what a file already lists.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "scripts" / "relations.tsv"
CONCEPTS = ROOT / "docs" / "concepts"
KEYS = ("broader", "contrasts", "developed_from")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def read_table(path: Path) -> list[tuple[str, str, str, bool, int]]:
    rows = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if len(cells) not in (3, 4) or cells[1] not in KEYS or (len(cells) == 4 and cells[3] != "new"):
            sys.exit(f"{path}:{number}: expected 'concept<TAB>{'|'.join(KEYS)}<TAB>other[<TAB>new]', got {raw!r}")
        rows.append((cells[0], cells[1], cells[2], len(cells) == 4, number))
    return rows


def wanted(rows: list[tuple[str, str, str, bool, int]]) -> tuple[dict[str, dict[str, list[str]]], list[str]]:
    found: dict[str, dict[str, list[str]]] = {}
    problems, skipped = [], 0
    for source, key, target, new, number in rows:
        missing = [s for s in (source, target) if not (CONCEPTS / f"{s}.md").is_file()]
        if missing and new:
            skipped += 1
            continue
        if missing:
            problems.append(
                f"{TABLE.name}:{number}: no concept file {', '.join(missing)}; mark the line 'new' or fix the slug"
            )
            continue
        targets = found.setdefault(source, {}).setdefault(key, [])
        if target not in targets:
            targets.append(target)
    print(
        f"{sum(len(t) for k in found.values() for t in k.values())} relations to write, {skipped} waiting for new concepts"
    )
    return found, problems


def apply(path: Path, relations: dict[str, list[str]]) -> str:
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    if match is None:
        raise SystemExit(f"{path}: no front matter")
    yaml_text = match.group(1)
    data = yaml.safe_load(yaml_text) or {}
    lines = yaml_text.splitlines(keepends=True)
    for key in KEYS:
        if key not in relations:
            continue
        present = data.get(key) or []
        merged = [*present, *(t for t in relations[key] if t not in present)]
        line = f"{key}: [{', '.join(merged)}]\n"
        index = next((i for i, ln in enumerate(lines) if ln.startswith(f"{key}:")), None)
        if index is None:
            lines.append(line)
        else:
            lines[index] = line
    return text[: match.start(1)] + "".join(lines) + text[match.end(1) :]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report files that would change")
    args = parser.parse_args()
    found, problems = wanted(read_table(TABLE))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    changed = []
    for slug, relations in sorted(found.items()):
        path = CONCEPTS / f"{slug}.md"
        new_text = apply(path, relations)
        if new_text != path.read_text(encoding="utf-8"):
            changed.append(path.relative_to(ROOT).as_posix())
            if not args.check:
                path.write_text(new_text, encoding="utf-8")
    print(f"{len(changed)} files {'would change' if args.check else 'changed'}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
