"""Every invented person has a name of their own: a reader who meets "Mei" twice takes
her for one person. The names are data (tests/data/vignette-names.txt), so the check
runs both ways: a listed name used in a second file fails, and a vignette that uses a
capitalised word on neither list fails until someone checks it and lists it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA = ROOT / "tests" / "data" / "vignette-names.txt"
# Words that start a sentence or a clause in any vignette: never taken for names.
COMMON = set(
    [
        "A",
        "An",
        "The",
        "In",
        "This",
        "That",
        "When",
        "After",
        "Before",
        "Her",
        "His",
        "Their",
        "She",
        "He",
        "They",
        "It",
        "Over",
        "During",
        "One",
        "Two",
        "Three",
        "At",
        "By",
        "For",
        "On",
        "Each",
        "Then",
        "Once",
        "But",
        "And",
        "As",
        "If",
        "Within",
        "With",
        "What",
        "Why",
        "How",
        "Later",
        "Months",
        "Weeks",
        "Years",
        "Still",
        "Only",
        "Both",
        "Neither",
        "Nobody",
        "Everyone",
        "I",
        "We",
        "You",
        "My",
        "Our",
        "Your",
        "Sometimes",
        "Some",
        "No",
        "Yes",
        "Not",
        "Today",
        "Tomorrow",
        "Mum",
        "Dad",
        "Now",
    ]
)
_BOX = re.compile(r'!!! example "([^"]*)"\n((?:\n|    .*\n)*)')
_SECTION = re.compile(r"^## (?:An example|An invented example|Example)[^\n]*\n(.*?)(?=^## |\Z)", re.S | re.M)
# A capitalised word that does not open a sentence.
_WORD = re.compile(r"(?<![.!?\"]\s)(?<!^)\b([A-Z][a-zà-ÿ]+)\b")


def lists() -> tuple[set[str], set[str]]:
    sections: dict[str, set[str]] = {"names": set(), "not names": set()}
    current = None
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
        elif line.strip() and not line.startswith("#") and current is not None:
            sections[current].add(line.strip())
    return sections["names"], sections["not names"]


def pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md"))


def vignettes(text: str) -> list[str]:
    return [m.group(1) + "\n" + m.group(2) for m in _BOX.finditer(text)] + [m.group(1) for m in _SECTION.finditer(text)]


def test_each_vignette_name_belongs_to_one_file() -> None:
    names, _ = lists()
    where: dict[str, list[str]] = {name: [] for name in names}
    for page in pages():
        words = set(re.findall(r"\b\w+\b", page.read_text(encoding="utf-8")))
        for name in names & words:
            where[name].append(str(page.relative_to(ROOT)))
    faults = [
        f"'{name}' is a vignette name used in {len(files)} files ({', '.join(files)}): give all but one "
        f"vignette another name, checked with `grep -rw NewName docs/`, and list it in {DATA.relative_to(ROOT)}"
        for name, files in sorted(where.items())
        if len(files) > 1
    ]
    unused = sorted(name for name, files in where.items() if not files)
    assert faults == [], "\n".join(faults)
    assert unused == [], f"{DATA.relative_to(ROOT)} lists names no page uses any more: {unused}; delete them"


def test_every_name_in_a_vignette_is_listed() -> None:
    names, not_names = lists()
    faults = []
    for page in pages():
        for text in vignettes(page.read_text(encoding="utf-8")):
            for word in _WORD.findall(text):
                if word not in names and word not in not_names and word not in COMMON:
                    faults.append(
                        f"{page.relative_to(ROOT)}: '{word}' in a vignette is on neither list of "
                        f"{DATA.relative_to(ROOT)}. If it is the invented person's name, check that "
                        f"`grep -rw {word} docs/` finds only this file and add it under [names]; if not, add it "
                        "under [not names]"
                    )
    assert sorted(set(faults)) == [], "\n".join(sorted(set(faults)))


def test_the_checks_see_a_reused_name_and_an_unlisted_one() -> None:
    box = '!!! example "An invented example: Mei"\n\n    Mei, 29, meets Zebulon at work.\n'
    assert vignettes(box) == ["An invented example: Mei\n\n    Mei, 29, meets Zebulon at work.\n"]
    assert set(_WORD.findall(vignettes(box)[0])) == {"Mei", "Zebulon"}
    section = "## An example\n\nIn an invented example, Yara waits.\n\n## Further reading\n"
    assert [set(_WORD.findall(t)) - COMMON for t in vignettes(section)] == [{"Yara"}]
