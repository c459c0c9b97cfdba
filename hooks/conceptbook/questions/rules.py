"""The item-writing rules a bank is held to, on top of what each type needs.

Each rule names the question's line and the fix. Rules over a whole chapter (how many
items, how many above "remember", every key term tested) are in `chapter_rules`; the
tests apply them to the real book, the build reports them as warnings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from .model import Bank, Item, Problem

MIN_OPTIONS, MAX_OPTIONS = 3, 5
MIN_PAIRS, MAX_PAIRS = 3, 5
MIN_ITEMS = 25  # per chapter
ABOVE_REMEMBER = 0.40  # share of a chapter's items at understand, apply or analyse
MAX_NEGATIVE = 2  # NOT / EXCEPT stems per chapter
_CATCH_ALL = re.compile(r"\b(?:(?:all|none|both|neither) of the above|(?:all|none) of these)\b", re.IGNORECASE)
CHOICE_TYPES = ("multiple-choice", "multiple-response")  # where a NOT or EXCEPT stem asks for the odd one out
_NEGATIVE = re.compile(r"\b(not|except)\b", re.IGNORECASE)


def item_problems(
    item: Item,
    *,
    known_concept: Callable[[str], bool],
    concept_hint: Callable[[str], str],
    objectives: int | None,
    sections: Iterable[str] | None,
    known_key: Callable[[str], bool],
) -> list[Problem]:
    """Everything wrong with one item; `objectives`/`sections` None when the chapter's are unknown."""
    problems: list[Problem] = []
    for slug in item.concepts:
        if not known_concept(slug):
            problems.append(
                (
                    item.line_of("concepts"),
                    f"unknown concept '{slug}'{concept_hint(slug)}; concepts live in docs/concepts/",
                )
            )
    if len(item.concepts) > 4:
        problems.append((item.line_of("concepts"), "name at most 4 concepts: those the question really tests"))
    if objectives is not None and item.objective and item.objective > objectives:
        problems.append(
            (
                item.line_of("objective"),
                f"objective {item.objective}, but the chapter's learning objectives box has {objectives}; give the number of the bullet the question serves",
            )
        )
    if sections is not None and item.section not in set(sections):
        problems.append(
            (
                item.line_of("section"),
                f"'{item.section}' is not a heading of the chapter; give the id of the heading where the chapter teaches the answer (its text in lowercase with hyphens, e.g. 'anxiety-as-a-signal')",
            )
        )
    for key in item.source:
        if not known_key(key):
            problems.append(
                (
                    item.line_of("source"),
                    f"unknown citation key '{key}'; every key needs an entry in docs/references.bib",
                )
            )
    stem = item.stem
    question = _last_sentence(stem)
    if _CATCH_ALL.search(stem):
        problems.append(
            (item.line_of("stem"), "no 'all of the above' or 'none of the above': write options that each stand alone")
        )
    negative = _NEGATIVE.search(question) if item.type in CHOICE_TYPES else None
    if negative and negative.group(1) != negative.group(1).upper():
        problems.append(
            (
                item.line_of("stem"),
                f"a negative stem writes '{negative.group(1)}' in capitals ({negative.group(1).upper()}) so no reader misses it, or is reworded positively",
            )
        )
    if item.type in ("multiple-choice", "multiple-response"):
        problems += _option_problems(item)
    if item.type == "matching":
        if not MIN_PAIRS <= len(item.pairs) <= MAX_PAIRS:
            problems.append(
                (
                    item.line_of("pairs"),
                    f"a matching question has {MIN_PAIRS} to {MAX_PAIRS} pairs, not {len(item.pairs)}",
                )
            )
        for label, values in (("prompt", [p.prompt for p in item.pairs]), ("match", [p.match for p in item.pairs])):
            for value, count in Counter(v.casefold() for v in values).items():
                if count > 1:
                    problems.append(
                        (item.line_of("pairs"), f"the {label} '{value}' appears {count} times; each must be different")
                    )
    if item.type == "short-answer" and not 2 <= len(item.marking_points) <= 5:
        problems.append((item.line_of("marking_points"), f"give 2 to 5 marking points, not {len(item.marking_points)}"))
    return problems


def _last_sentence(stem: str) -> str:
    """The stem's question: a vignette's "she does not reply" is not a negative stem, its
    "Which of these is NOT ..." is."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", stem.strip())
    return parts[-1] if parts else stem


def _option_problems(item: Item) -> list[Problem]:
    problems: list[Problem] = []
    where = item.line_of("options")
    if not MIN_OPTIONS <= len(item.options) <= MAX_OPTIONS:
        problems.append((where, f"give {MIN_OPTIONS} to {MAX_OPTIONS} options, not {len(item.options)}"))
    keyed = len(item.keyed)
    if item.type == "multiple-choice" and keyed != 1:
        problems.append(
            (
                where,
                f"a multiple-choice question has exactly one option with 'correct: true', not {keyed}; for several right answers use type: multiple-response",
            )
        )
    if item.type == "multiple-response" and not 2 <= keyed < len(item.options):
        problems.append(
            (
                where,
                f"a multiple-response question has at least two options with 'correct: true' and at least one without, not {keyed} of {len(item.options)}",
            )
        )
    seen: dict[str, int] = {}
    for option in item.options:
        text = option.text.casefold().rstrip(".")
        if text in seen:
            problems.append(
                (option.line, f"this option repeats the one on line {seen[text]}; each option must be different")
            )
        seen.setdefault(text, option.line)
        if _CATCH_ALL.search(option.text):
            problems.append(
                (option.line, "no 'all of the above' or 'none of the above': write options that each stand alone")
            )
    return problems


def chapter_problems(bank: Bank, key_terms: Iterable[str]) -> list[Problem]:
    """Rules over a whole chapter's bank."""
    problems: list[Problem] = []
    items = bank.items
    if len(items) < MIN_ITEMS:
        problems.append((None, f"{len(items)} questions; a chapter's bank has at least {MIN_ITEMS}"))
    ids = Counter(item.id for item in items)
    for item in items:
        if ids[item.id] > 1:
            problems.append(
                (
                    item.line_of("id"),
                    f"the id '{item.id}' is used {ids[item.id]} times in this file; each question needs its own",
                )
            )
            ids[item.id] = 1  # once per id
    if items:
        above = sum(item.level != "remember" for item in items) / len(items)
        if above < ABOVE_REMEMBER:
            problems.append(
                (
                    None,
                    f"{above:.0%} of the questions are above 'remember'; at least {ABOVE_REMEMBER:.0%} should ask to understand, apply or analyse",
                )
            )
    negatives = [item for item in items if item.type in CHOICE_TYPES and _NEGATIVE.search(_last_sentence(item.stem))]
    if len(negatives) > MAX_NEGATIVE:
        problems.append(
            (
                negatives[-1].line_of("stem"),
                f"{len(negatives)} stems are negative (NOT, EXCEPT); keep at most {MAX_NEGATIVE} a chapter and word the rest positively",
            )
        )
    tested = {slug for item in items for slug in item.concepts}
    untested = [slug for slug in key_terms if slug not in tested]
    if untested:
        problems.append(
            (
                None,
                f"key terms of the chapter no question tests: {', '.join(untested)}; add a question whose 'concepts' names each",
            )
        )
    return problems


def counts(bank: Bank) -> dict[str, Counter[str]]:
    """The bank's items by type and by level, for the tests' report and the instructors' page."""
    return {"type": Counter(i.type for i in bank.items), "level": Counter(i.level for i in bank.items)}
