"""The question bank (hooks/conceptbook/questions/): reading a bank, each item-writing rule in both
directions, the real book's banks, and every export read back by another reader."""

from __future__ import annotations

import html
import io
import json
import re
import sqlite3
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

import markdown
import pytest

from conceptbook.common import store
from conceptbook.questions import exports
from conceptbook.questions.model import Bank, BankError, load
from conceptbook.questions.rules import MIN_ITEMS, chapter_problems, item_problems

ROOT = Path(__file__).resolve().parent.parent
BANKS = ROOT / "docs" / "questions"
CONCEPTS = {"signal-anxiety", "defense", "anxiety", "ambivalence"}

GOOD = """\
items:
  - id: signal-anxiety-purpose
    type: multiple-choice
    level: understand
    concepts: [signal-anxiety]
    objective: 2
    section: anxiety-as-a-signal
    source: [freud1926]
    stem: >-
      In Freud's later theory, what is the main job
      of signal anxiety?
    options:
      - text: It warns the ego that a risky wish is stirring.
        correct: true
        feedback: Right; from 1926 Freud treated anxiety as a signal.
      - text: It discharges blocked sexual energy.
        feedback: That was his earlier view.
      - text: It shows that the person has an anxiety disorder.
        feedback: Signal anxiety is normal, not a diagnosis.
  - id: defenses-many
    type: multiple-response
    level: apply
    vignette: true
    concepts: [defense]
    objective: 3
    section: anxiety-as-a-signal
    stem: A student jokes whenever exams come up. Which of these could the joking be?
    options:
      - {text: A defense against anxiety, correct: true, feedback: Yes.}
      - {text: A way to keep friends close, correct: true, feedback: Also possible.}
      - {text: Proof of an anxiety disorder, feedback: No single habit proves a disorder.}
      - {text: A sign of low intelligence, feedback: Nothing in the case suggests it.}
  - id: anxiety-true-false
    type: true-false
    level: remember
    concepts: [anxiety]
    objective: 2
    section: anxiety-as-a-signal
    stem: Freud came to see anxiety mainly as a warning.
    answer: true
    explanation: From 1926 on, anxiety was above all a signal.
  - id: match-terms
    type: matching
    level: understand
    concepts: [ambivalence, anxiety]
    objective: 1
    section: anxiety-as-a-signal
    stem: Match each term with its meaning.
    pairs:
      - {prompt: Ambivalence, match: Opposite feelings toward one person}
      - {prompt: Signal anxiety, match: A warning of a risky wish}
      - {prompt: Defense, match: What keeps the wish out of awareness}
    explanation: The three meet in the triangle of conflict.
  - id: explain-signal
    type: short-answer
    level: understand
    concepts: [signal-anxiety]
    objective: 2
    section: anxiety-as-a-signal
    stem: Why did Freud call anxiety a signal?
    model_answer: Because it warns of a feeling that once seemed dangerous.
    marking_points: [a warning, of a risky wish, before awareness]
"""


def check(bank: Bank, objectives: int = 3, sections: tuple[str, ...] = ("anxiety-as-a-signal",)) -> list[str]:
    found = []
    for item in bank.items:
        for line, message in item_problems(
            item,
            known_concept=CONCEPTS.__contains__,
            concept_hint=lambda slug: " — did you mean 'defense'?" if slug == "defence" else "",
            objectives=objectives,
            sections=sections,
            known_key={"freud1926"}.__contains__,
        ):
            found.append(f"{line}: {message}")
    return found


def read(text: str) -> tuple[Bank, list[str]]:
    bank, problems = load("chapters/conflict.md", "docs/questions/conflict.yml", text)
    return bank, [f"{line}: {message}" for line, message in problems]


# -- reading --------------------------------------------------------------------------


def test_a_good_bank_reads_into_items_with_their_lines() -> None:
    bank, problems = read(GOOD)
    assert problems == []
    assert check(bank) == []
    first, multiple, true_false, matching, short = bank.items
    assert (first.id, first.type, first.level, first.concepts, first.objective, first.section, first.source) == (
        "signal-anxiety-purpose",
        "multiple-choice",
        "understand",
        ("signal-anxiety",),
        2,
        "anxiety-as-a-signal",
        ("freud1926",),
    )
    assert first.stem == "In Freud's later theory, what is the main job of signal anxiety?"
    assert [(o.text, o.correct, o.line) for o in first.options] == [
        ("It warns the ego that a risky wish is stirring.", True, 13),
        ("It discharges blocked sexual energy.", False, 16),
        ("It shows that the person has an anxiety disorder.", False, 18),
    ]
    assert (first.line, first.line_of("stem"), first.line_of("options")) == (2, 9, 12)
    assert multiple.vignette is True and [o.correct for o in multiple.options] == [True, True, False, False]
    assert (true_false.answer, true_false.explanation) == (True, "From 1926 on, anxiety was above all a signal.")
    assert [(p.prompt, p.match) for p in matching.pairs] == [
        ("Ambivalence", "Opposite feelings toward one person"),
        ("Signal anxiety", "A warning of a risky wish"),
        ("Defense", "What keeps the wish out of awareness"),
    ]
    assert short.marking_points == ("a warning", "of a risky wish", "before awareness")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("items: [\n  - oops", "this is not valid YAML"),
        ("questions: []\n", "a question bank is a YAML file with one key, 'items:'"),
        ("items:\n  - &a {id: x}\n  - *a\n", "anchor and alias"),
        ("items:\n  - id: x\n    id: y\n", "the key 'id' appears twice"),
    ],
    ids=["not-yaml", "no-items", "alias", "repeated-key"],
)
def test_a_bank_that_cannot_be_read_says_where_and_why(text: str, expected: str) -> None:
    with pytest.raises(BankError) as raised:
        read(text)
    assert expected in raised.value.message
    assert raised.value.line is not None


def replace(old: str, new: str, text: str = GOOD) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


BAD_READS = {
    "unknown-type": (
        replace("type: multiple-choice", "type: essay"),
        "3: unknown type 'essay'; use one of multiple-choice, multiple-response, true-false, matching, short-answer",
    ),
    "missing-keys": (
        replace("    section: anxiety-as-a-signal\n    source", "    source"),
        "2: the question lacks 'section'",
    ),
    "unknown-key": (
        replace("    source: [freud1926]", "    hint: [freud1926]"),
        "8: 'hint' is not a key of a multiple-choice question",
    ),
    "bad-id": (
        replace("id: signal-anxiety-purpose", "id: Signal_Anxiety"),
        "2: the id 'Signal_Anxiety' must be lowercase",
    ),
    "bad-level": (
        replace("level: understand", "level: evaluate", GOOD),
        "4: unknown level 'evaluate'; use one of remember, understand, apply, analyse",
    ),
    "objective-not-number": (
        replace("objective: 2", "objective: two"),
        "6: 'objective' is the number of a learning objective",
    ),
    "no-feedback": (replace("        feedback: That was his earlier view.\n", ""), "16: this option has no 'feedback'"),
    "tf-no-answer": (
        replace("    answer: true\n", ""),
        "a true-false question needs 'answer: true' or 'answer: false'",
    ),
    "short-no-points": (
        replace("    marking_points: [a warning, of a risky wish, before awareness]\n", ""),
        "a short-answer question needs 'marking_points'",
    ),
    "empty-stem": (replace("stem: Why did Freud call anxiety a signal?", "stem: ''"), "'stem' is empty"),
}


@pytest.mark.parametrize("case", sorted(BAD_READS))
def test_each_reading_problem_is_reported_with_its_line(case: str) -> None:
    text, expected = BAD_READS[case]
    _bank, problems = read(text)
    assert any(expected in p for p in problems), problems


# -- the item rules, each shown to fire and not to fire -------------------------------

RULES = {
    # rule: (bad version of GOOD, message part, the line it names)
    "two-keys-in-multiple-choice": (
        replace(
            "        feedback: That was his earlier view.",
            "        correct: true\n        feedback: That was his earlier view.",
        ),
        "exactly one option with 'correct: true', not 2",
    ),
    "too-few-options": (
        replace(
            "      - text: It shows that the person has an anxiety disorder.\n        feedback: Signal anxiety is normal, not a diagnosis.\n",
            "",
        ),
        "give 3 to 5 options, not 2",
    ),
    "too-many-options": (
        replace(
            "        feedback: That was his earlier view.\n",
            "        feedback: That was his earlier view.\n"
            + "".join(f"      - {{text: Extra {n}, feedback: No.}}\n" for n in range(3)),
        ),
        "give 3 to 5 options, not 6",
    ),
    "one-key-in-multiple-response": (
        replace(
            "{text: A way to keep friends close, correct: true, feedback: Also possible.}",
            "{text: A way to keep friends close, feedback: Also possible.}",
        ),
        "at least two options with 'correct: true' and at least one without, not 1 of 4",
    ),
    "every-option-keyed": (
        replace(
            "{text: Proof of an anxiety disorder, feedback",
            "{text: Proof of an anxiety disorder, correct: true, feedback",
        ).replace(
            "{text: A sign of low intelligence, feedback", "{text: A sign of low intelligence, correct: true, feedback"
        ),
        "not 4 of 4",
    ),
    "repeated-option": (
        replace("It discharges blocked sexual energy.", "It warns the ego that a risky wish is stirring"),
        "this option repeats the one on line 13",
    ),
    "all-of-the-above": (replace("It discharges blocked sexual energy.", "All of the above."), "no 'all of the above'"),
    "none-of-the-above-in-stem": (
        replace("of signal anxiety?", "of signal anxiety, if none of the above?"),
        "no 'all of the above'",
    ),
    "lowercase-negative": (
        replace("what is the main job", "which is not the main job"),
        "writes 'not' in capitals (NOT)",
    ),
    "unknown-concept": (
        replace("concepts: [defense]", "concepts: [defence]"),
        "unknown concept 'defence' — did you mean 'defense'?",
    ),
    "too-many-concepts": (
        replace("concepts: [defense]", "concepts: [defense, anxiety, ambivalence, signal-anxiety, defense]"),
        "name at most 4 concepts",
    ),
    "objective-out-of-range": (
        replace("objective: 3", "objective: 4"),
        "objective 4, but the chapter's learning objectives box has 3",
    ),
    "unknown-section": (
        replace("section: anxiety-as-a-signal\n    stem: Why", "section: anxiety-signal\n    stem: Why"),
        "'anxiety-signal' is not a heading of the chapter",
    ),
    "unknown-source": (replace("source: [freud1926]", "source: [freud1962]"), "unknown citation key 'freud1962'"),
    "two-pairs": (
        replace("      - {prompt: Defense, match: What keeps the wish out of awareness}\n", ""),
        "a matching question has 3 to 5 pairs, not 2",
    ),
    "repeated-match": (
        replace("match: A warning of a risky wish", "match: Opposite feelings toward one person"),
        "the match 'opposite feelings toward one person' appears 2 times",
    ),
    "one-marking-point": (
        replace("marking_points: [a warning, of a risky wish, before awareness]", "marking_points: [a warning]"),
        "give 2 to 5 marking points, not 1",
    ),
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_each_rule_fires_on_the_fault_it_names(rule: str) -> None:
    text, expected = RULES[rule]
    bank, problems = read(text)
    found = problems + check(bank)
    assert any(expected in p for p in found), found


def test_the_good_bank_breaks_no_rule_and_negatives_in_capitals_or_in_a_case_pass() -> None:
    capitals = replace("what is the main job", "which is NOT the main job")
    in_case = replace(
        "A student jokes whenever exams come up.", "A student does not study and jokes whenever exams come up."
    )
    true_false = replace("Freud came to see anxiety mainly as a warning.", "Freud did not see anxiety as a warning.")
    for text in (GOOD, capitals, in_case, true_false):
        bank, problems = read(text)
        assert problems + check(bank) == []


def many(count: int, level: str = "apply", concept: str = "defense") -> Bank:
    items = "".join(
        f"  - {{id: q{n}, type: true-false, level: {level if n % 2 else 'remember'}, concepts: [{concept}], objective: 1, "
        f"section: s, stem: Statement {n}., answer: true, explanation: Because.}}\n"
        for n in range(count)
    )
    return read("items:\n" + items)[0]


def test_chapter_rules_fire_on_too_few_items_too_much_recall_untested_terms_and_repeated_ids() -> None:
    assert chapter_problems(many(MIN_ITEMS), ["defense"]) == []
    assert any(
        "24 questions; a chapter's bank has at least 25" in m
        for _l, m in chapter_problems(many(MIN_ITEMS - 1), ["defense"])
    )
    recall = chapter_problems(many(MIN_ITEMS, level="remember"), ["defense"])
    assert [m for _l, m in recall] == [
        "0% of the questions are above 'remember'; at least 40% should ask to understand, apply or analyse"
    ]
    assert [m for _l, m in chapter_problems(many(MIN_ITEMS), ["defense", "anxiety"])] == [
        "key terms of the chapter no question tests: anxiety; add a question whose 'concepts' names each"
    ]
    bank = many(MIN_ITEMS)
    bank.items[1].id = bank.items[0].id
    assert [(line, m) for line, m in chapter_problems(bank, ["defense"])] == [
        (2, "the id 'q0' is used 2 times in this file; each question needs its own")
    ]


def test_three_negative_stems_in_a_chapter_are_too_many() -> None:
    stem = "Which of these is NOT a defense?"
    items = "".join(
        f"  - {{id: q{n}, type: multiple-choice, level: apply, concepts: [defense], objective: 1, section: s, stem: '{stem if n < 3 else 'Which is a defense?'}', "
        "options: [{text: a, correct: true, feedback: f}, {text: b, feedback: f}, {text: c, feedback: f}]}\n"
        for n in range(MIN_ITEMS)
    )
    found = [m for _l, m in chapter_problems(read("items:\n" + items)[0], [])]
    assert found == ["3 stems are negative (NOT, EXCEPT); keep at most 2 a chapter and word the rest positively"]


# -- the real book ----------------------------------------------------------------------


def real_banks() -> list[Bank]:
    return [
        load(f"chapters/{p.stem}.md", f"docs/questions/{p.name}", p.read_text(encoding="utf-8"))[0]
        for p in sorted(BANKS.glob("*.yml"))
    ]


def test_every_chapter_has_a_bank_of_at_least_25_with_40_percent_above_recall(
    capsys: pytest.CaptureFixture[str],
) -> None:
    chapters = sorted(p.stem for p in (ROOT / "docs" / "chapters").glob("*.md"))
    banks = real_banks()
    assert [Path(b.chapter).stem for b in banks] == chapters, "every chapter needs docs/questions/<chapter>.yml"
    lines = []
    for bank in banks:
        levels = Counter(item.level for item in bank.items)
        above = sum(n for level, n in levels.items() if level != "remember") / len(bank.items)
        lines.append(
            f"{Path(bank.chapter).stem}: {len(bank.items)} questions; "
            + ", ".join(f"{lvl} {levels[lvl]}" for lvl in exports.LEVELS)
            + f"; above remember {above:.0%}"
        )
        assert len(bank.items) >= MIN_ITEMS, lines[-1]
        assert above >= 0.40, lines[-1]
    with capsys.disabled():
        print("\nquestion bank per chapter:\n  " + "\n  ".join(lines))


# -- exports, read back by other readers ---------------------------------------------------


@pytest.fixture(scope="module")
def made() -> dict[str, bytes]:
    chapters = [(Path(b.chapter).stem, b) for b in real_banks()]
    concepts = [("defense", "Defense", "A way the mind keeps pain out of awareness.")]
    return exports.make_all("Psychodynamic Theory", chapters, concepts)


def keyed(bank_items: list[Bank]) -> dict[str, object]:
    """Each item's key as the book holds it: option texts, True/False, pairs, or the model answer."""
    keys: dict[str, object] = {}
    for bank in bank_items:
        for item in bank.items:
            name = exports.qualified(bank, item)
            if item.options:
                keys[name] = sorted(o.text for o in item.options if o.correct)
            elif item.type == "true-false":
                keys[name] = item.answer
            elif item.type == "matching":
                keys[name] = sorted((p.prompt, p.match) for p in item.pairs)
            else:
                keys[name] = item.model_answer
    return keys


def strip_p(value: str) -> str:
    return html.unescape(re.sub(r"</?p>", "", value))


def test_moodle_xml_holds_every_item_with_its_key_and_feedback(made: dict[str, bytes]) -> None:
    root = ET.fromstring(made[f"{exports.BASE}.moodle.xml"])
    expected = keyed(real_banks())
    found: dict[str, object] = {}
    for question in root.iter("question"):
        kind = question.get("type")
        if kind == "category":
            continue
        name = question.findtext("name/text") or ""
        answers = question.findall("answer")
        if kind == "multichoice":
            found[name] = sorted(
                strip_p(a.findtext("text") or "") for a in answers if float(a.get("fraction", "0")) > 0
            )
            assert all((a.findtext("feedback/text") or "").strip() for a in answers), name
        elif kind == "truefalse":
            found[name] = next(a.findtext("text") for a in answers if a.get("fraction") == "100") == "true"
        elif kind == "matching":
            found[name] = sorted(
                (strip_p(s.findtext("text") or ""), s.findtext("answer/text")) for s in question.findall("subquestion")
            )
        else:
            assert kind == "essay", kind
            found[name] = strip_p(re.match(r"<p>(.*?)</p>", question.findtext("graderinfo/text") or "").group(1))  # type: ignore[union-attr]
    assert found == expected


def test_gift_holds_every_item_with_its_key(made: dict[str, bytes]) -> None:
    text = made[f"{exports.BASE}.gift.txt"].decode("utf-8")
    unescape = lambda s: re.sub(r"\\(.)", r"\1", s)  # noqa: E731
    found: dict[str, object] = {}
    for block in re.split(r"\n\s*\n", text):
        head = re.match(r"::((?:\\.|[^:])*)::", block)
        if not head:
            continue
        name = unescape(head.group(1))
        body = re.search(r"(?<!\\)\{\n?(.*)\n?\}\s*$", block, re.S).group(1)  # type: ignore[union-attr]
        lines = body.strip().split("\n")
        if lines[0].startswith(("TRUE#", "FALSE#")):
            found[name] = lines[0].startswith("TRUE")
        elif lines[0].startswith("####"):
            found[name] = unescape(lines[0][4:])
        elif " -> " in lines[0]:
            found[name] = sorted(
                tuple(unescape(part) for part in line[1:].split(" -> ")) for line in lines if line.startswith("=")
            )
        elif lines[0].startswith("~%"):
            found[name] = sorted(
                unescape(re.match(r"~%([-\d.]+)%((?:\\.|[^#])*)#", line).group(2))
                for line in lines
                if not line.startswith("~%-")
            )  # type: ignore[union-attr]
        else:
            found[name] = sorted(
                unescape(re.match(r"=((?:\\.|[^#])*)#", line).group(1)) for line in lines if line.startswith("=")
            )  # type: ignore[union-attr]
    assert found == keyed(real_banks())


def test_qti12_for_canvas_holds_every_item_with_its_key(made: dict[str, bytes]) -> None:
    archive = zipfile.ZipFile(io.BytesIO(made[f"{exports.BASE}.canvas-qti12.zip"]))
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    ns = {"q": exports.QTI12_NS}
    found: dict[str, object] = {}
    hrefs = [r.get("href") for r in manifest.iter(f"{{{exports.CP_NS}}}resource")]
    assert len(hrefs) == len(real_banks())
    for href in hrefs:
        root = ET.fromstring(archive.read(href))  # type: ignore[arg-type]
        for item in root.iterfind(".//q:item", ns):
            kind = item.findtext(".//q:fieldentry", namespaces=ns)
            labels = {
                lab.get("ident"): strip_p(lab.findtext(".//q:mattext", namespaces=ns) or "")
                for lab in item.iterfind(".//q:response_label", ns)
            }
            title = item.get("title") or ""
            if kind in ("multiple_choice_question", "true_false_question"):
                right = item.find(".//q:respcondition[@continue='No']//q:varequal", ns)
                assert right is not None
                value = labels[right.text]
                found[title] = value == "True" if kind == "true_false_question" else [value]
            elif kind == "multiple_answers_question":
                and_ = item.find(".//q:respcondition[@continue='No']/q:conditionvar/q:and", ns)
                assert and_ is not None
                found[title] = sorted(labels[v.text] for v in and_.findall("q:varequal", ns))
            elif kind == "matching_question":
                prompts = {
                    lid.get("ident"): strip_p(lid.findtext("q:material/q:mattext", namespaces=ns) or "")
                    for lid in item.iterfind(".//q:response_lid", ns)
                }
                found[title] = sorted(
                    (prompts[v.get("respident")], labels[v.text]) for v in item.iterfind(".//q:varequal", ns)
                )
            else:
                assert kind == "essay_question", kind
                feedback = strip_p(item.findtext(".//q:itemfeedback//q:mattext", namespaces=ns) or "")
                found[title] = feedback.split(" Marking points: ")[0]
    assert found == keyed(real_banks())


def test_qti21_package_holds_every_item_with_its_key(made: dict[str, bytes]) -> None:
    archive = zipfile.ZipFile(io.BytesIO(made[f"{exports.BASE}.qti21.zip"]))
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    ns = {"q": exports.QTI21_NS}
    resources = list(manifest.iter(f"{{{exports.QTI21_CP_NS}}}resource"))
    assert {r.get("type") for r in resources} == {"imsqti_item_xmlv2p1"}
    found: dict[str, object] = {}
    for resource in resources:
        item = ET.fromstring(archive.read(resource.get("href")))  # type: ignore[arg-type]
        assert item.tag == f"{{{exports.QTI21_NS}}}assessmentItem"
        values = [v.text for v in item.iterfind("q:responseDeclaration/q:correctResponse/q:value", ns)]
        choices = {c.get("identifier"): c.text for c in item.iterfind(".//q:simpleChoice", ns)}
        associable = {c.get("identifier"): c.text for c in item.iterfind(".//q:simpleAssociableChoice", ns)}
        title = item.get("title") or ""
        if choices and set(choices.values()) == {"True", "False"}:
            found[title] = choices[values[0]] == "True"
        elif choices:
            found[title] = sorted(choices[v] for v in values)
            assert len(item.findall("q:modalFeedback", ns)) == len(choices), title
        elif associable:
            found[title] = sorted(tuple(associable[part] for part in v.split()) for v in values)  # type: ignore[union-attr]
        else:
            assert item.find(".//q:extendedTextInteraction", ns) is not None
            found[title] = item.findtext("q:modalFeedback", namespaces=ns)
    assert found == keyed(real_banks())


def test_the_anki_deck_is_a_collection_with_a_card_per_concept_and_per_question(made: dict[str, bytes]) -> None:
    archive = zipfile.ZipFile(io.BytesIO(made[f"{exports.BASE}.apkg"]))
    assert json.loads(archive.read("media")) == {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "collection.anki2"
        path.write_bytes(archive.read("collection.anki2"))
        with sqlite3.connect(path) as db:
            notes = [row[0].split("\x1f") for row in db.execute("select flds from notes")]
            cards = db.execute("select count(*) from cards").fetchone()[0]
    banks = real_banks()
    total = sum(len(b.items) for b in banks)
    assert len(notes) == cards == total + 1
    assert ["Defense", "A way the mind keeps pain out of awareness.", "defense"] in notes
    by_id = {fields[2]: fields for fields in notes}
    for bank in banks:
        for item in bank.items:
            front, back = by_id[exports.qualified(bank, item)][:2]
            assert html.escape(item.stem, quote=False) in front
            for option in item.keyed:
                assert html.escape(option.text, quote=False) in back


def test_exports_are_the_same_bytes_for_one_epoch(made: dict[str, bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    chapters = [(Path(b.chapter).stem, b) for b in real_banks()]
    concepts = [("defense", "Defense", "A way the mind keeps pain out of awareness.")]
    assert exports.make_all("Psychodynamic Theory", chapters, concepts) == made
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # read once per build (settings.py), never here
    assert exports.make_all("Psychodynamic Theory", chapters, concepts) == made
    later = exports.make_all("Psychodynamic Theory", chapters, concepts, 1800000000)
    assert later[f"{exports.BASE}.moodle.xml"] == made[f"{exports.BASE}.moodle.xml"]
    assert later[f"{exports.BASE}.qti21.zip"] != made[f"{exports.BASE}.qti21.zip"]  # the zip dates follow the epoch


def test_markup_in_a_question_is_text_in_every_export() -> None:
    hostile = replace("It discharges blocked sexual energy.", "<script>alert(1)</script> & {=~#:}")
    bank, problems = read(hostile)
    assert problems == []
    out = exports.make_all("Book", [("Conflict", bank)], [])
    assert b"<script>" not in out[f"{exports.BASE}.moodle.xml"]
    assert "\\{\\=\\~\\#\\:\\}" in out[f"{exports.BASE}.gift.txt"].decode()
    for name in (f"{exports.BASE}.canvas-qti12.zip", f"{exports.BASE}.qti21.zip"):
        archive = zipfile.ZipFile(io.BytesIO(out[name]))
        for entry in archive.namelist():
            assert b"<script>" not in archive.read(entry), (name, entry)


# -- the built book -----------------------------------------------------------------------


def test_concept_pages_link_the_questions_that_test_them(site: Path) -> None:
    banks = real_banks()
    testing = [(b, i) for b in banks for i in b.items if "signal-anxiety" in i.concepts]
    page = (site / "concepts" / "signal-anxiety.html").read_text(encoding="utf-8")
    section = page[page.index('id="concept--test-yourself"') :]
    links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', section[: section.index("</ul>")])
    assert [href for href, _text in links] == [f"../chapters/{Path(b.chapter).stem}.html#q-{i.id}" for b, i in testing]
    for href, _text in links:
        chapter, anchor = href.removeprefix("../").split("#")
        assert f'id="{anchor}"' in (site / chapter).read_text(encoding="utf-8"), href


def test_print_edition_has_the_questions_in_chapters_and_the_answers_in_an_appendix(site: Path) -> None:
    text = (site / "print.html").read_text(encoding="utf-8")
    kinds = re.findall(r'<section class="print-section print-section--(\w+)"', text)
    chapters = len(list((site / "chapters").glob("*.html")))
    assert kinds[: chapters + 2] == ["chapter"] * chapters + ["answers", "glossary"]
    appendix = text.index('print-section--answers"')
    body = text[text.index('<section class="print-section') : appendix]
    answers = text[appendix : text.index('print-section--glossary"')]
    total = sum(len(b.items) for b in real_banks())
    assert body.count('class="quiz-item"') == total
    assert "quiz-item__answer" not in body and "<input" not in body and "<select" not in body
    assert answers.count('class="quiz-answer__where"') == total


def test_exports_are_made_again_only_when_what_they_are_made_from_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    made_decks: list[str] = []
    real_anki = exports.anki

    def counting(site: str, *args: object) -> bytes:
        made_decks.append(site)
        return real_anki(site, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(exports, "anki", counting)
    monkeypatch.setattr(store, "STORE", store.Store())  # this process's memory only, not a build's store on disk
    bank = real_banks()[0]
    chapters = [("One", bank)]
    first = exports.make_all("Cache book", chapters, [])
    first[f"{exports.BASE}.gift.txt"] = b"changed by the caller"
    again = exports.make_all("Cache book", chapters, [])
    assert made_decks == ["Cache book"]  # the second call reused the first
    assert again[f"{exports.BASE}.gift.txt"] != b"changed by the caller"
    exports.make_all("Cache book", [("One, retitled", bank)], [])
    exports.make_all("Cache book", chapters, [], 1800000000)
    assert made_decks == ["Cache book"] * 3


@pytest.fixture
def decks_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The site of each Anki deck made from here on, with a store on disk and nothing in memory."""
    from conceptbook.common.cache import Bounded

    made_decks: list[str] = []
    real_anki = exports.anki
    monkeypatch.setattr(exports, "anki", lambda site, *args: made_decks.append(site) or real_anki(site, *args))
    monkeypatch.setattr(store, "STORE", store.Store(tmp_path / "store"))
    monkeypatch.setattr(exports, "_MADE", Bounded(8))
    return made_decks


def test_exports_of_an_earlier_build_are_read_from_the_store_on_disk(
    monkeypatch: pytest.MonkeyPatch, decks_on_disk: list[str]
) -> None:
    from conceptbook.common.cache import Bounded

    made_decks = decks_on_disk
    chapters = [("One", real_banks()[0])]
    first = exports.make_all("Store book", chapters, [])
    monkeypatch.setattr(exports, "_MADE", Bounded(8))  # a new process: nothing in memory
    assert exports.make_all("Store book", chapters, []) == first
    assert made_decks == ["Store book"]


@pytest.mark.parametrize("change", ["code", "libraries"])
def test_exports_in_the_store_are_not_used_by_another_engine_or_library_version(
    monkeypatch: pytest.MonkeyPatch, decks_on_disk: list[str], change: str
) -> None:
    from conceptbook.common.cache import Bounded

    made_decks = decks_on_disk
    chapters = [("One", real_banks()[0])]
    exports.make_all("Store book", chapters, [])
    monkeypatch.setattr(exports, "_MADE", Bounded(8))
    if change == "code":  # the source of this package (its folder) changed
        real_code = store.code
        monkeypatch.setattr(
            exports.store,
            "code",
            lambda folder: "another engine" if folder.endswith("questions") else real_code(folder),
        )
    else:
        monkeypatch.setattr(exports, "_libraries", lambda: "python 9.9; sqlite 9; genanki 9")
    exports.make_all("Store book", chapters, [])
    assert made_decks == ["Store book", "Store book"]


def test_every_export_is_made_for_the_site_and_dated_by_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """make_all hands each writer the site's name and the build's date (SOURCE_DATE_EPOCH)."""
    from conceptbook.common.cache import Bounded

    monkeypatch.setattr(store, "STORE", store.Store())  # made here, not read from an earlier build
    monkeypatch.setattr(exports, "_MADE", Bounded(8))
    chapters = [("1. Conflict", read(GOOD)[0])]
    epoch = 1800000000
    made = exports.make_all("Psychodynamic theory", chapters, CONCEPT_CARDS, epoch)
    assert made[f"{exports.BASE}.moodle.xml"] == exports.moodle("Psychodynamic theory", chapters)
    assert made[f"{exports.BASE}.gift.txt"] == exports.gift("Psychodynamic theory", chapters)
    for name, writer in (
        (f"{exports.BASE}.canvas-qti12.zip", exports.qti12),
        (f"{exports.BASE}.qti21.zip", exports.qti21),
    ):
        assert made[name] == writer("Psychodynamic theory", chapters, epoch)
        with zipfile.ZipFile(io.BytesIO(made[name])) as archive:
            assert {info.date_time for info in archive.infolist()} == {(2027, 1, 15, 8, 0, 0)}
            assert {(info.external_attr >> 16, info.compress_type) for info in archive.infolist()} == {
                (0o644, zipfile.ZIP_DEFLATED)
            }
    with zipfile.ZipFile(io.BytesIO(made[f"{exports.BASE}.apkg"])) as deck:
        assert {info.date_time for info in deck.infolist()} == {(2027, 1, 15, 8, 0, 0)}
    golden = (GOLDEN / "conflict.anki.txt").read_text(encoding="utf-8")  # made at the default date
    assert "modified 1767225600 " in golden
    assert _deck(made[f"{exports.BASE}.apkg"]) == golden.replace("modified 1767225600 ", "modified 1800000000 ")


# -- golden files: the GOOD bank in each text format, reviewed by hand ------------------------

GOLDEN = ROOT / "tests" / "golden" / "expected" / "questions"


@pytest.mark.parametrize(
    ("name", "export"), [("conflict.moodle.xml", exports.moodle), ("conflict.gift.txt", exports.gift)]
)
def test_the_good_bank_exports_byte_for_byte(name: str, export) -> None:
    """Every type in order: the key, each option's share (100/0 for one answer, 50/-50 for
    two of four), feedback, matching pairs and the short answer's model answer and marking
    points for graders. A change here is reviewed by a person, then the file is updated."""
    bank, problems = read(GOOD)
    assert problems == []
    assert export("Psychodynamic theory", [("1. Conflict", bank)]) == (GOLDEN / name).read_bytes()


def _members(archive: bytes) -> str:
    """Every file of a zip in its order, as text: what a learning platform reads from it."""
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        return "".join(f"=== {name}\n{opened.read(name).decode('utf-8')}\n" for name in opened.namelist())


def _deck(archive: bytes) -> str:
    """An Anki package's note types and notes in order (the collection inside it is SQLite)."""
    with zipfile.ZipFile(io.BytesIO(archive)) as opened, tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "collection.anki2"
        path.write_bytes(opened.read("collection.anki2"))
        with sqlite3.connect(path) as db:
            created, modified, models = db.execute("select crt, mod, models from col").fetchone()
            models = json.loads(models)
            notes = db.execute("select guid, mid, mod, tags, flds from notes order by id").fetchall()
        db.close()
    lines = [f"collection created {created}, modified {modified}"]
    for model_id, model in sorted(models.items()):
        fields = ", ".join(f["name"] for f in model["flds"])
        [template] = model["tmpls"]
        lines.append(f"model {model_id} {model['name']!r}: {fields}")
        lines.append(f"  card {template['name']!r}: front {template['qfmt']}; back {template['afmt']}")
        lines.append(f"  css {model['css']}")
    for guid, model_id, modified, tags, fields in notes:
        lines.append(f"note {guid} model {model_id} modified {modified} tags [{tags.strip()}]")
        lines += [f"  {field}" for field in fields.split("\x1f")]
    return "\n".join(lines) + "\n"


CONCEPT_CARDS = [
    ("signal-anxiety", "Signal anxiety", "A small dose of anxiety that warns the ego <of> danger & calls up a defence.")
]


@pytest.mark.parametrize(
    ("name", "made"),
    [
        (
            "conflict.canvas-qti12.txt",
            lambda bank: _members(exports.qti12("Psychodynamic theory", [("1. Conflict", bank)])),
        ),
        ("conflict.qti21.txt", lambda bank: _members(exports.qti21("Psychodynamic theory", [("1. Conflict", bank)]))),
        (
            "conflict.anki.txt",
            lambda bank: _deck(exports.anki("Psychodynamic theory", [("1. Conflict", bank)], CONCEPT_CARDS)),
        ),
    ],
)
def test_the_good_bank_packages_hold_these_files(name: str, made) -> None:
    """The QTI packages (Canvas's QTI 1.2, QTI 2.1) file by file, and the Anki deck's note
    types and notes: every type of question, its key, feedback and ids, in order. Reviewed
    by a person like the files above."""
    bank, problems = read(GOOD)
    assert problems == []
    assert made(bank) == (GOLDEN / name).read_text(encoding="utf-8")


def test_matching_choices_are_offered_in_alphabetical_order_whatever_their_case() -> None:
    bank, problems = read(
        replace("match: Opposite feelings toward one person", "match: opposite feelings toward one person")
    )
    assert problems == []
    item = next(i for i in bank.items if i.type == "matching")
    assert exports.matching_choices(item) == [
        "A warning of a risky wish",
        "opposite feelings toward one person",
        "What keeps the wish out of awareness",
    ]


def test_the_xml_exports_write_text_as_utf8_not_character_references() -> None:
    bank, problems = read(
        replace("stem: Freud came to see anxiety", "stem: In Vienna's cafés Freud came to see anxiety")
    )
    assert problems == []
    chapters = [("1. Conflict", bank)]
    cafes = "cafés".encode()
    assert cafes in exports.moodle("Psychodynamic theory", chapters)
    for writer in (exports.qti12, exports.qti21):
        with zipfile.ZipFile(io.BytesIO(writer("Psychodynamic theory", chapters))) as archive:
            texts = [archive.read(name) for name in archive.namelist()]
        assert sum(cafes in text for text in texts) == 1 and not any(b"&#233;" in text for text in texts)


def test_a_false_statement_is_keyed_false_in_every_format() -> None:
    """The good bank's true-false item is true; each format keys the other answer too."""
    bank, problems = read(replace("answer: true", "answer: false"))
    assert problems == []
    item = next(i for i in bank.items if i.type == "true-false")
    chapters = [("1. Conflict", bank)]
    true, false = exports.ident(item.id, "True"), exports.ident(item.id, "False")
    qti12 = _members(exports.qti12("Psychodynamic theory", chapters))
    scoring = qti12.split(f'title="conflict/{item.id}"')[1].split("</resprocessing>")[0]
    assert scoring.split('<respcondition continue="No">')[1].count(f">{false}</varequal>") == 1
    assert f">{true}</varequal>" not in scoring.split('<respcondition continue="No">')[1]
    qti21 = _members(exports.qti21("Psychodynamic theory", chapters))
    declared = qti21.split(f'title="conflict/{item.id}"')[1].split("</correctResponse>")[0]
    assert declared.endswith(f"<value>{false}</value>\n    ")
    gift = exports.gift("Psychodynamic theory", chapters).decode("utf-8")
    assert "warning.{\nFALSE#From 1926 on, anxiety was above all a signal.#" in gift
    assert exports.anki_card(item)[1].startswith("<p>False</p>")


# -- each rule's whole message and line, and each limit at its boundary ----------------------

EXACT = {
    "all-of-the-above": [
        "16: no 'all of the above' or 'none of the above': write options that each stand alone",
    ],
    "every-option-keyed": [
        "28: a multiple-response question has at least two options with 'correct: true' and at least one without, "
        "not 4 of 4"
    ],
    "lowercase-negative": [
        "9: a negative stem writes 'not' in capitals (NOT) so no reader misses it, or is reworded positively"
    ],
    "none-of-the-above-in-stem": [
        "9: no 'all of the above' or 'none of the above': write options that each stand alone",
    ],
    "one-marking-point": ["62: give 2 to 5 marking points, not 1"],
    "repeated-match": ["49: the match 'opposite feelings toward one person' appears 2 times; each must be different"],
    "repeated-option": ["16: this option repeats the one on line 13; each option must be different"],
    "too-few-options": ["12: give 3 to 5 options, not 2"],
    "too-many-concepts": ["24: name at most 4 concepts: those the question really tests"],
    "two-pairs": ["49: a matching question has 3 to 5 pairs, not 2"],
}


@pytest.mark.parametrize("rule", sorted(EXACT))
def test_each_rule_names_the_line_of_the_key_at_fault(rule: str) -> None:
    text, _part = RULES[rule]
    bank, problems = read(text)
    assert problems + check(bank) == EXACT[rule]


def test_a_repeated_prompt_is_named_like_a_repeated_match() -> None:
    text = replace("{prompt: Signal anxiety, match", "{prompt: ambivalence, match")
    bank, problems = read(text)
    assert problems + check(bank) == ["49: the prompt 'ambivalence' appears 2 times; each must be different"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("concepts: [defense]", "concepts: [defense, anxiety, ambivalence, signal-anxiety]"),  # 4 concepts
        (  # 5 options
            "        feedback: That was his earlier view.\n",
            "        feedback: That was his earlier view.\n"
            + "".join(f"      - {{text: Extra {n}, feedback: No.}}\n" for n in range(2)),
        ),
        (  # 5 pairs
            "      - {prompt: Defense, match: What keeps the wish out of awareness}\n",
            "      - {prompt: Defense, match: What keeps the wish out of awareness}\n"
            "      - {prompt: Drive, match: An urge}\n      - {prompt: Ego, match: The mediator}\n",
        ),
        ("marking_points: [a warning, of a risky wish, before awareness]", "marking_points: [a warning, a wish]"),
        ("marking_points: [a warning, of a risky wish, before awareness]", "marking_points: [a, b, c, d, e]"),
    ],
    ids=["4-concepts", "5-options", "5-pairs", "2-points", "5-points"],
)
def test_each_limit_accepts_its_boundary(old: str, new: str) -> None:
    bank, problems = read(replace(old, new))
    assert problems + check(bank) == []


def test_six_marking_points_are_one_too_many() -> None:
    text = replace(
        "marking_points: [a warning, of a risky wish, before awareness]", "marking_points: [a, b, c, d, e, f]"
    )
    bank, problems = read(text)
    assert problems + check(bank) == ["62: give 2 to 5 marking points, not 6"]


def test_the_share_above_recall_is_a_share_and_forty_percent_passes() -> None:
    def levels(above: int) -> Bank:
        bank = many(MIN_ITEMS, level="remember")
        for item in bank.items[:above]:
            item.level = "apply"
        return bank

    assert [m for _l, m in chapter_problems(levels(1), ["defense"])] == [
        "4% of the questions are above 'remember'; at least 40% should ask to understand, apply or analyse"
    ]
    assert chapter_problems(levels(10), ["defense"]) == []


def test_two_negative_stems_pass_and_the_third_is_named_on_its_line() -> None:
    def bank(negative: int) -> Bank:
        items = "".join(
            f"  - {{id: q{n}, type: multiple-choice, level: apply, concepts: [defense], objective: 1, section: s, "
            f"stem: '{'Which is NOT a defense?' if n < negative else 'Which is a defense?'}', "
            "options: [{text: a, correct: true, feedback: f}, {text: b, feedback: f}, {text: c, feedback: f}]}\n"
            for n in range(MIN_ITEMS)
        )
        return read("items:\n" + items)[0]

    assert chapter_problems(bank(2), ["defense"]) == []
    assert chapter_problems(bank(4), ["defense"]) == [
        (5, "4 stems are negative (NOT, EXCEPT); keep at most 2 a chapter and word the rest positively")
    ]


def test_untested_key_terms_are_listed_in_the_chapters_order() -> None:
    assert [m for _l, m in chapter_problems(many(MIN_ITEMS), ["anxiety", "defense", "ambivalence"])] == [
        "key terms of the chapter no question tests: anxiety, ambivalence; add a question whose 'concepts' names each"
    ]


def test_a_bank_that_cannot_be_read_carries_its_message_as_its_text() -> None:
    with pytest.raises(BankError) as raised:
        read("questions: []\n")
    assert str(raised.value) == (
        "a question bank is a YAML file with one key, 'items:', holding a list of questions "
        "(see CONTRIBUTING.md, 'Questions')"
    )


def test_a_chapters_heading_ids_are_listed_in_reading_order_at_every_depth() -> None:
    from mkdocs.structure.toc import get_toc

    from conceptbook.questions.capability import heading_ids

    md = markdown.Markdown(extensions=["toc"])
    md.convert("# T\n\n## A\n\n### A1\n\n#### A1a\n\n### A2\n\n## B\n\n### B1\n\n## C\n")
    assert heading_ids(get_toc(md.toc_tokens)) == ["t", "a", "a1", "a1a", "a2", "b", "b1", "c"]


# -- every reading problem: the whole list, each with its line --------------------------------

OPTIONS_LINE = "      - {text: A defense against anxiety, correct: true, feedback: Yes.}"
PAIR_LINE = "{prompt: Ambivalence, match: Opposite feelings toward one person}"
POINTS = "marking_points: [a warning, of a risky wish, before awareness]"
KEYS = "id, type, level, concepts, objective, section, source, vignette, stem"
NOT_TEXT = "must be text; write it as `{0}: >-` followed by indented lines"
CONCEPTS_MESSAGE = "5: 'concepts' is a list of concept slugs, e.g. [signal-anxiety, defense]"
READING = {
    "not-a-mapping": (
        "items:\n  - just text\n",
        ["2: each entry of 'items' is a question: a set of 'key: value' lines starting with '- id:'"],
    ),
    "missing-two": (
        replace("    level: understand\n    concepts: [signal-anxiety]\n", ""),
        [
            "2: the question lacks 'level', 'concepts'; every question has id, type, level, concepts, objective, "
            "section and stem"
        ],
    ),
    "unknown-type": (
        replace("type: multiple-choice", "type: essay"),
        ["3: unknown type 'essay'; use one of multiple-choice, multiple-response, true-false, matching, short-answer"],
    ),
    "unknown-key": (
        replace("    source: [freud1926]", "    hint: [freud1926]"),
        [f"8: 'hint' is not a key of a multiple-choice question; its keys are {KEYS}, options"],
    ),
    "concepts-not-list": (replace("concepts: [signal-anxiety]", "concepts: signal-anxiety"), [CONCEPTS_MESSAGE]),
    "concepts-empty": (replace("concepts: [signal-anxiety]", "concepts: []"), [CONCEPTS_MESSAGE]),
    "concepts-not-text": (replace("concepts: [signal-anxiety]", "concepts: [1, {a: b}]"), [CONCEPTS_MESSAGE]),
    "objective-zero": (
        replace("objective: 2", "objective: 0"),
        ["6: 'objective' is the number of a learning objective of the chapter: 1 for the first bullet"],
    ),
    "source-not-text": (
        replace("source: [freud1926]", "source: [1]"),
        ["8: 'source' is a list of keys of docs/references.bib, e.g. [freud1926]"],
    ),
    "vignette-text": (replace("vignette: true", "vignette: yes please"), ["23: 'vignette' is true or false"]),
    "tf-answer-text": (
        replace("answer: true", "answer: maybe"),
        ["40: a true-false question needs 'answer: true' or 'answer: false'"],
    ),
    "tf-no-explanation": (
        replace("    explanation: From 1926 on, anxiety was above all a signal.\n", ""),
        ["33: the question lacks 'explanation'"],
    ),
    "stem-not-text": (
        replace("stem: Why did Freud call anxiety a signal?", "stem: [a, b]"),
        ["60: 'stem' " + NOT_TEXT.format("stem")],
    ),
    "stem-too-long": (
        replace("stem: Why did Freud call anxiety a signal?", "stem: " + "word " * 400),
        ["60: 'stem' has 1999 characters; shorten it to at most 1500"],
    ),
    "options-not-list": (
        replace("    options:\n" + OPTIONS_LINE, "    options: {a: b}\n    optionz:\n" + OPTIONS_LINE),
        [
            f"29: 'optionz' is not a key of a multiple-response question; its keys are {KEYS}, options",
            "20: the question needs 'options': a list of choices, each with 'text' and 'feedback' (and "
            "'correct: true' on the keyed ones)",
        ],
    ),
    "option-not-mapping": (
        replace(OPTIONS_LINE, "      - A defense against anxiety"),
        ["29: each option is 'text:', 'feedback:' and, for a keyed answer, 'correct: true'"],
    ),
    "option-bad-key": (
        replace(OPTIONS_LINE, OPTIONS_LINE.replace("Yes.}", "Yes., hint: no}")),
        ["29: 'hint' is not a key of an option; use text, feedback and correct"],
    ),
    "option-correct-text": (
        replace(
            "{text: A way to keep friends close, correct: true", "{text: A way to keep friends close, correct: sure"
        ),
        ["30: 'correct' is true or false"],
    ),
    "option-empty-text": (
        replace("{text: Proof of an anxiety disorder, feedback", "{text: '', feedback"),
        ["31: 'text' is empty; write the text"],
    ),
    "option-feedback-not-text": (
        replace(
            "{text: Proof of an anxiety disorder, feedback: No single habit proves a disorder.}",
            "{text: P, feedback: [x]}",
        ),
        ["31: 'feedback' " + NOT_TEXT.format("feedback")],
    ),
    "pairs-not-list": (
        replace("    pairs:\n      - " + PAIR_LINE, "    pairs: {a: b}\n    pairz:\n      - " + PAIR_LINE),
        [
            f"50: 'pairz' is not a key of a matching question; its keys are {KEYS}, pairs, explanation",
            "42: a matching question needs 'pairs': a list of 'prompt:' and 'match:'",
        ],
    ),
    "pair-bad-keys": (
        replace(PAIR_LINE, "{prompt: Ambivalence, answer: Opposite}"),
        ["50: each pair is exactly 'prompt:' and 'match:'"],
    ),
    "pair-not-text": (
        replace(PAIR_LINE, "{prompt: [x], match: [y]}"),
        ["50: 'prompt' " + NOT_TEXT.format("prompt"), "50: 'match' " + NOT_TEXT.format("match")],
    ),
    "points-not-list": (
        replace(POINTS, "marking_points: a warning"),
        ["62: a short-answer question needs 'marking_points': a list of 2 to 5 points a marker looks for"],
    ),
    "point-not-text": (
        replace(POINTS, "marking_points: [a warning, [x], before awareness]"),
        ["62: 'marking_points' " + NOT_TEXT.format("marking_points")],
    ),
    "no-model-answer": (
        replace("    model_answer: Because it warns of a feeling that once seemed dangerous.\n", ""),
        ["54: the question lacks 'model_answer'"],
    ),
}


@pytest.mark.parametrize("case", list(READING))
def test_each_reading_problem_is_the_whole_message_on_its_line(case: str) -> None:
    text, expected = READING[case]
    assert read(text)[1] == expected


def test_what_a_bank_holds_after_reading_each_kind_of_value() -> None:
    bank, _problems = read(replace("source: [freud1926]", "source: ['@freud1926', bowlby1969]"))
    assert bank.items[0].source == ("freud1926", "bowlby1969")
    assert read(replace("source: [freud1926]", "source: freud1926"))[0].items[0].source == ("freud1926",)
    assert read(replace("source: [freud1926]", "source: [1]"))[0].items[0].source == ()
    assert [i.vignette for i in read(replace("vignette: true", "vignette: yes please"))[0].items] == [False] * 5
    assert read(replace("answer: true", "answer: maybe"))[0].items[2].answer is None
    options = read(
        replace(
            "{text: A way to keep friends close, correct: true", "{text: A way to keep friends close, correct: sure"
        )
    )
    assert [o.correct for o in options[0].items[1].options] == [True, False, False, False]
    long = read(replace("stem: Why did Freud call anxiety a signal?", "stem: " + "word " * 400))[0].items[4].stem
    assert (len(long), long[:10]) == (1500, "word word ")
    assert read(replace("objective: 2", "objective: 0"))[0].items[0].objective == 0
    assert read(replace("concepts: [signal-anxiety]", "concepts: signal-anxiety"))[0].items[0].concepts == ()


CHOICES = """\
    options:
      - {text: A defense against anxiety, correct: true, feedback: Yes.}
      - {text: A way to keep friends close, correct: true, feedback: Also possible.}
      - {text: Proof of an anxiety disorder, feedback: No single habit proves a disorder.}
      - {text: A sign of low intelligence, feedback: Nothing in the case suggests it.}
"""
PAIRS = """\
    pairs:
      - {prompt: Ambivalence, match: Opposite feelings toward one person}
      - {prompt: Signal anxiety, match: A warning of a risky wish}
      - {prompt: Defense, match: What keeps the wish out of awareness}
"""
NOT_AN_OPTION = "each option is 'text:', 'feedback:' and, for a keyed answer, 'correct: true'"
READING_MORE = {
    "tf-no-answer": (
        replace("    answer: true\n", ""),
        ["33: a true-false question needs 'answer: true' or 'answer: false'"],
    ),
    "no-feedback": (
        replace("        feedback: That was his earlier view.\n", ""),
        ["16: this option has no 'feedback'; say why it is right or what it confuses"],
    ),
    "options-missing": (
        replace(CHOICES, ""),
        [
            "20: the question needs 'options': a list of choices, each with 'text' and 'feedback' (and "
            "'correct: true' on the keyed ones)"
        ],
    ),
    "pairs-missing": (replace(PAIRS, ""), ["42: a matching question needs 'pairs': a list of 'prompt:' and 'match:'"]),
    "two-options-not-mapping": (
        replace(CHOICES, "    options:\n      - one\n      - two\n" + CHOICES.split("\n", 3)[3]),
        [f"29: {NOT_AN_OPTION}", f"30: {NOT_AN_OPTION}"],
    ),
    "two-pairs-bad": (
        replace(PAIRS, "    pairs:\n      - {prompt: a}\n      - {match: b}\n" + PAIRS.split("\n", 3)[3]),
        ["50: each pair is exactly 'prompt:' and 'match:'", "51: each pair is exactly 'prompt:' and 'match:'"],
    ),
    "matching-no-explanation": (
        replace("    explanation: The three meet in the triangle of conflict.\n", ""),
        ["42: the question lacks 'explanation'"],
    ),
    "tf-empty-explanation": (
        replace("explanation: From 1926 on, anxiety was above all a signal.", "explanation: ''"),
        ["41: 'explanation' is empty; write the text"],
    ),
    "stem-of-1500": (replace("stem: Why did Freud call anxiety a signal?", "stem: " + "x" * 1500), []),
    "unknown-top-key": (GOOD + "extra: 1\n", ["63: unknown key 'extra'; a bank has only 'items:'"]),
    "unknown-top-key-with-a-list": (GOOD + "extra:\n  - 1\n", ["63: unknown key 'extra'; a bank has only 'items:'"]),
}


@pytest.mark.parametrize("case", list(READING_MORE))
def test_each_further_reading_problem_is_the_whole_message_on_its_line(case: str) -> None:
    text, expected = READING_MORE[case]
    assert read(text)[1] == expected


def test_what_is_kept_of_a_value_that_cannot_be_used() -> None:
    assert read(replace("source: [freud1926]", "source: ['@Xu2020']"))[0].items[0].source == ("Xu2020",)
    assert read(READING_MORE["no-feedback"][0])[0].items[0].options[1].feedback == "-"
    assert read(READING["stem-not-text"][0])[0].items[4].stem == ""
    assert read(READING["tf-no-explanation"][0])[0].items[2].explanation == ""
    assert [p.line for p in read(GOOD)[0].items[3].pairs] == [50, 51, 52]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "a question bank is a YAML file with one key, 'items:', holding a list of questions"),
        ("- a\n- b\n", 1, "a question bank is a YAML file with one key, 'items:', holding a list of questions"),
        ("items: [\n", 2, "this is not valid YAML (expected the node content, but found '<stream end>')"),
        ("items:\n  - \x07\n", None, "this is not valid YAML (unacceptable character #x0007: special characters"),
    ],
    ids=["empty", "a-list", "unclosed", "control-character"],
)
def test_a_bank_that_cannot_be_read_names_its_line_when_there_is_one(text: str, line: int | None, message: str) -> None:
    with pytest.raises(BankError) as raised:
        read(text)
    assert (raised.value.line, raised.value.message[: len(message)]) == (line, message)


def test_chapter_rules_name_the_line_of_the_id_and_of_the_stem_in_a_question_of_several_lines() -> None:
    item = (
        "  - type: multiple-choice\n    id: {id}\n    level: apply\n    concepts: [defense]\n    objective: 1\n"
        "    section: s\n    stem: '{stem}'\n"
        "    options: [{{text: a, correct: true, feedback: f}}, {{text: b, feedback: f}}, {{text: c, feedback: f}}]\n"
    )
    stems = ["Which is NOT a defense?"] * 3 + ["Which is a defense?"] * (MIN_ITEMS - 3)
    ids = ["same", "same"] + [f"q{n}" for n in range(MIN_ITEMS - 2)]
    bank = read("items:\n" + "".join(item.format(id=i, stem=s) for i, s in zip(ids, stems, strict=True)))[0]
    assert chapter_problems(bank, ["defense"]) == [
        (3, "the id 'same' is used 2 times in this file; each question needs its own"),
        (24, "3 stems are negative (NOT, EXCEPT); keep at most 2 a chapter and word the rest positively"),
    ]
