"""Re-apply the surviving mutants of the test audit (../shared/reviews/test-audit-2026-11.md),
and the four faults issue 27 names (I27a-d), each caught by the golden tests since.

Each mutant is an exact string replacement in one file, mapped onto today's code (the
audit's line numbers refer to commit a15075e). One at a time: apply, run the tests
that should now catch it, restore the file. A mutant "survives" if those tests pass.

    python scripts/audit_mutants.py            # all of them
    python scripts/audit_mutants.py M3b C4     # some of them
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINKER = "hooks/conceptbook/glossary/linker.py"
HOOKS = "hooks/concept_hooks.py"
ENGINE_UNIT = ["tests/test_engine_linker.py"]
REAL_SITE = ["tests/test_site.py"]

# id: (file, old, new, tests that must fail)
MUTANTS: dict[str, tuple[str, str, str, list[str]]] = {
    "M2c": (  # a mention inside code or a title uses up the page's first link
        LINKER,
        '                self._unlink_inside(child, "a title or code")\n',
        '                self._unlink_inside(child, "a title or code")\n'
        '                self.linked.update(m.slug for m in self.linker.matcher.finditer("".join(child.itertext())))\n',
        ENGINE_UNIT,
    ),
    "M3b": (  # [[slug]] no longer counts as the page's link
        LINKER,
        '        slug = link.get("data-concept", "")\n        self.linked.add(slug)\n',
        '        slug = link.get("data-concept", "")\n',
        ENGINE_UNIT,
    ),
    "M4b": (LINKER, 'f"unknown:{slug}",', '"unknown",', ENGINE_UNIT),  # one warning per page, not per slug
    "M5b": (  # "Discussed in N chapters" counts sections
        HOOKS,
        'len({o["chapter_url"] for o in record["occurrences"]})',
        'len(record["occurrences"])',
        REAL_SITE,
    ),
    "M8": (HOOKS, '"context": occurrence.context,', '"context": "",', REAL_SITE),
    "M8b": (
        HOOKS,
        '"chapter": chapter.page.title if chapter.page else chapter.src_uri,',
        '"chapter": chapter.src_uri,',
        REAL_SITE,
    ),
    "M8d": (HOOKS, '"section": occurrence.section,', '"section": occurrence.anchor,', REAL_SITE),
    "M9": (  # the build writes a cache file into docs/
        HOOKS,
        "    state = _build()\n    state.citations.on_env(files)\n",
        "    state = _build()\n    state.citations.on_env(files)\n"
        "    __import__('pathlib').Path(config.docs_dir, '.glossary-cache').write_text('x')\n",
        ["tests/test_engine_bad_input.py::test_the_build_never_writes_into_docs"],
    ),
    "M10": (  # the YAML error loses its fix clause
        "hooks/conceptbook/glossary/frontmatter.py",
        "; check quotes, colons and indentation",
        "",
        ["tests/test_engine_bad_input.py::test_bad_input_fails_with_a_message_naming_file_and_fix"],
    ),
    "M11": (  # related concepts in hash order
        "hooks/conceptbook/glossary/model.py",
        "slug: tuple(sorted(targets, key=lambda s: sort_key(glossary.concepts[s].term)))",
        "slug: tuple(targets)",
        ["tests/test_determinism.py"],
    ),
    "M12": (  # the zip stamped from the wall clock
        "scripts/make_offline_zip.py",
        "time.gmtime(max(epoch, 315532800))",
        "time.gmtime(max(epoch, time.time()))",
        ["tests/test_offline_zip.py"],
    ),
    "M13": (  # the originality check finds no runs
        "scripts/seed_fingerprint.py",
        "def runs(text: str) -> set[str]:\n",
        "def runs(text: str) -> set[str]:\n    return set()\n",
        ["tests/test_originality.py"],
    ),
    "C2": (  # links that leave the site are not reported
        "tests/checks.py",
        'return f"{page.url} -> {url} (points outside the site)"',
        "return None",
        ["tests/test_checkers.py"],
    ),
    "C3": (  # absolute paths outside the site's root are not reported
        "tests/checks.py",
        'return f"{page.url} -> {url} (absolute path outside the site\'s root {root_path})"',
        "return None",
        ["tests/test_checkers.py"],
    ),
    "C4": (  # the reverse half of the symmetry check is dropped
        "tests/checks.py",
        "target not in related[concept.slug] or concept.slug not in related[target]",
        "target not in related[concept.slug]",
        ["tests/test_checkers.py"],
    ),
    "I27a": (  # an @incollection with no editor is no longer reported
        "hooks/conceptbook/citations/bibliography.py",
        '"incollection": ("author", "title", "booktitle", "editor", "publisher", "year|date"),',
        '"incollection": ("author", "title", "booktitle", "publisher", "year|date"),',
        ["tests/test_golden_rules.py"],
    ),
    "I27b": (  # on the book map, broader and older concepts drawn to the right of their kinds
        "hooks/conceptbook/maps/bookmap.py",
        "return (edge.target, edge.source) if edge.kind in DIRECTED else (edge.source, edge.target)",
        "return (edge.source, edge.target) if edge.kind in DIRECTED else (edge.target, edge.source)",
        ["tests/test_golden_outputs.py"],
    ),
    "I27c": (  # the concept's own box pinned to the top of its map
        "hooks/conceptbook/maps/neighbourhood.py",
        "centre_y = max(TOP, (TOP + column_bottom - centre_h) // 2)",
        "centre_y = TOP",
        ["tests/test_golden_outputs.py"],
    ),
    "I27d": (  # "Reflection questions" counts as teaching text
        "hooks/conceptbook/glossary/sections.py",
        '"check your understanding", "reflection questions"}',
        '"check your understanding"}',
        ["tests/test_golden_rules.py"],
    ),
    "B4": (  # the browser journal lets off-site requests through unrecorded
        "tests/browser_support.py",
        "            self.left_site.append(url)\n            route.abort()\n",
        "            route.continue_()\n",
        ["tests/test_browser_setup.py"],
    ),
}


def run(name: str) -> bool:
    """Whether the mutant is caught (the tests fail)."""
    file, old, new, tests = MUTANTS[name]
    path = ROOT / file
    original = path.read_text(encoding="utf-8")
    if original.count(old) != 1:
        sys.exit(f"{name}: the text to mutate is not found exactly once in {file}; update this script")
    path.write_text(original.replace(old, new), encoding="utf-8")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pytest", *tests, "-x", "-q", "-p", "no:cacheprovider", "-m", "not network"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    finally:
        path.write_text(original, encoding="utf-8")
    failed = [line for line in result.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
    caught = result.returncode != 0
    print(f"{name}: {'caught' if caught else 'SURVIVED'} by {' '.join(tests)}", *failed[:3], sep="\n    ", flush=True)
    return caught


def main() -> int:
    names = sys.argv[1:] or list(MUTANTS)
    survived = [name for name in names if not run(name)]
    print(
        f"{len(names) - len(survived)}/{len(names)} caught" + (f"; survived: {' '.join(survived)}" if survived else "")
    )
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
