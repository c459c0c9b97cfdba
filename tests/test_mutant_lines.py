"""Each line of tests/mutants-equivalent.md still names the change it argues (scripts/mutants.py).

mutmut numbers a function's mutants in order, so a change to the function can move an argued
change to another number and put an unargued mutant under the old one, where `make mutants`
would leave it out of the score. Each line carries the fingerprint of its change; this test
regenerates the mutants of the code as it is (in memory, no run) and compares.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import mutants
from scripts.mutants import Line, check, fingerprint, read_lines, renumber

NAME = "conceptbook.common.text.x_html_attr__mutmut_{}"
KNOWN = {  # the changes of a made-up function, as changes_in would give them
    NAME.format(1): "- return html.escape(value, quote=True)\n+ return None",
    NAME.format(2): "- return html.escape(value, quote=True)\n+ return html.escape(value, quote=None)",
    NAME.format(3): "- return html.escape(value, quote=True)\n+ return html.escape(value, )",
}
LEFT_OUT = fingerprint(KNOWN[NAME.format(3)])


def known(path: str) -> dict[str, str]:
    assert path == "hooks/conceptbook/common/text.py"
    return KNOWN


def test_every_argued_mutant_still_makes_the_change_its_line_argues():
    problems, _ = check(read_lines())
    assert not problems, "\n".join(problems)


def test_the_fingerprint_is_of_the_change_alone():
    assert fingerprint("- a\n+ b") == fingerprint("- a\n+ b")
    assert fingerprint("- a\n+ b") != fingerprint("- a\n+ c")
    assert len(fingerprint("")) == 8


def test_a_line_whose_mutant_still_makes_its_change_passes():
    assert check([Line(7, NAME.format(3), LEFT_OUT, "quote defaults to True")], known) == ([], {})


def test_a_drifted_line_is_named_with_the_number_its_change_moved_to():
    problems, renames = check([Line(7, NAME.format(2), LEFT_OUT, "quote defaults to True")], known)
    assert renames == {7: NAME.format(3)}
    assert problems == [
        f"tests/mutants-equivalent.md:7: `{NAME.format(2)}` now names another mutant; the change it argues is "
        f"now `{NAME.format(3)}`: rename it (python scripts/mutants.py --renumber)"
    ]


def test_a_line_whose_change_is_gone_asks_for_a_new_argument():
    problems, renames = check([Line(7, NAME.format(2), "00000000", "gone")], known)
    assert renames == {}
    assert len(problems) == 1
    assert problems[0].startswith(
        f"tests/mutants-equivalent.md:7: `{NAME.format(2)}` was written for a change `#00000000` that this "
        "function no longer has"
    )
    assert "+ return html.escape(value, quote=None)" in problems[0]  # what the mutant does now


def test_a_line_naming_no_mutant_asks_to_remove_it():
    problems, _ = check([Line(9, NAME.format(4), LEFT_OUT, "gone")], known)
    # the change is found under _3, so the line is renamed, not removed
    assert problems[0].endswith("rename it (python scripts/mutants.py --renumber)")
    problems, _ = check([Line(9, NAME.format(4), "00000000", "gone")], known)
    assert problems == [
        f"tests/mutants-equivalent.md:9: `{NAME.format(4)}`: no such mutant now (its code changed or is gone); "
        "remove the line, or argue the mutants of the new code after `make mutants`"
    ]


def test_a_line_without_a_fingerprint_shows_the_change_to_check():
    problems, _ = check([Line(3, NAME.format(3), None, "quote defaults to True")], known)
    assert problems == [
        f"tests/mutants-equivalent.md:3: `{NAME.format(3)}` has no fingerprint: check the line against the "
        "mutant's change, then write the fingerprint after the name; its change is now\n"
        f"{KNOWN[NAME.format(3)]}\nand fingerprint `#{LEFT_OUT}`"
    ]


def test_a_mutant_argued_twice_is_reported():
    lines = [Line(3, NAME.format(3), LEFT_OUT, "a"), Line(5, NAME.format(3), LEFT_OUT, "b")]
    assert check(lines, known)[0] == [
        f"tests/mutants-equivalent.md:5: `{NAME.format(3)}` is argued twice (also on line 3); keep one line"
    ]


def test_a_change_found_twice_in_the_function_is_not_renamed():
    twice = KNOWN | {NAME.format(4): KNOWN[NAME.format(3)]}
    problems, renames = check([Line(7, NAME.format(1), LEFT_OUT, "x")], lambda path: twice)
    assert renames == {}
    assert "(or has 2 times)" in problems[0]


def test_renumber_renames_only_the_named_lines(tmp_path: Path):
    listed = tmp_path / "equivalent.md"
    listed.write_text(
        "# Mutants argued equivalent\n\n"
        f"- `{NAME.format(2)}` `#{LEFT_OUT}` — quote defaults to True\n"
        f"- `{NAME.format(1)}` `#12345678` — another\n",
        encoding="utf-8",
    )
    renumber({3: NAME.format(3)}, listed)
    assert listed.read_text(encoding="utf-8") == (
        "# Mutants argued equivalent\n\n"
        f"- `{NAME.format(3)}` `#{LEFT_OUT}` — quote defaults to True\n"
        f"- `{NAME.format(1)}` `#12345678` — another\n"
    )
    assert [(line.number, line.name, line.fingerprint) for line in read_lines(listed)] == [
        (3, NAME.format(3), LEFT_OUT),
        (4, NAME.format(1), "12345678"),
    ]


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("conceptbook.common.text.x_html_attr__mutmut_4", "hooks/conceptbook/common/text.py"),
        ("conceptbook.authoring.x_check__mutmut_1", "hooks/conceptbook/authoring/__init__.py"),
        ("conceptbook.glossary.linker.xǁLinkerǁrun__mutmut_2", "hooks/conceptbook/glossary/linker.py"),
        ("scripts.seed_fingerprint.x_digest__mutmut_1", "scripts/seed_fingerprint.py"),
    ],
)
def test_a_mutant_name_leads_to_its_file(name: str, path: str):
    assert mutants.module_file(name) == path


def test_changes_are_read_from_the_code_as_it_is():
    """A real file: mutmut's own numbering, the function's other lines left out."""
    found = mutants.changes("hooks/conceptbook/common/text.py")
    assert found["conceptbook.common.text.x_html_attr__mutmut_4"] == (
        "- return html.escape(value, quote=True)\n+ return html.escape(value, )"
    )
