"""A chapter's question bank as data: docs/questions/<chapter>.yml read into items.

The file is YAML with the same strict rules as front matter (no anchors, tags or repeated
keys). Every value is plain text, escaped wherever it is shown. Each item and field keeps
its line, so a problem is reported as `docs/questions/conflict.yml:42: ...`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from conceptbook.common.cache import Bounded
from conceptbook.glossary.frontmatter import strict_yaml_loader

TYPES = ("multiple-choice", "multiple-response", "true-false", "matching", "short-answer")
LEVELS = ("remember", "understand", "apply", "analyse")
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# The keys each type takes, beyond the common ones.
def chapter_key(chapter: str) -> str:
    """A chapter's name in ids and exports: its path under docs/chapters/ without `.md`, a
    subfolder joined by `--` (chapters/part-one/conflict.md -> part-one--conflict)."""
    return chapter.removeprefix("chapters/").removesuffix(".md").replace("/", "--")


COMMON_KEYS = ("id", "type", "level", "concepts", "objective", "section", "source", "vignette", "stem")
TYPE_KEYS = {
    "multiple-choice": ("options",),
    "multiple-response": ("options",),
    "true-false": ("answer", "explanation"),
    "matching": ("pairs", "explanation"),
    "short-answer": ("model_answer", "marking_points"),
}
MAX_TEXT = 1500  # characters in one text value: a stem, an option, a feedback


class BankError(ValueError):
    """A bank file that cannot be read at all; `line` is where, when known."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    feedback: str
    line: int


@dataclass(frozen=True)
class Pair:
    prompt: str
    match: str
    line: int


@dataclass
class Item:
    id: str
    type: str
    level: str
    concepts: tuple[str, ...]
    objective: int
    section: str
    stem: str
    line: int
    source: tuple[str, ...] = ()
    vignette: bool = False
    options: tuple[Option, ...] = ()
    answer: bool | None = None  # true-false
    explanation: str = ""  # true-false, matching
    pairs: tuple[Pair, ...] = ()
    model_answer: str = ""
    marking_points: tuple[str, ...] = ()
    lines: dict[str, int] = field(default_factory=dict)  # key -> line

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)

    @property
    def keyed(self) -> tuple[Option, ...]:
        return tuple(o for o in self.options if o.correct)


@dataclass
class Bank:
    chapter: str  # the chapter's src_uri, chapters/conflict.md
    path: str  # as messages name it: docs/questions/conflict.yml
    items: list[Item]


Problem = tuple[int | None, str]  # (line, message without the file)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def load(chapter: str, path: str, text: str) -> tuple[Bank, list[Problem]]:
    """The bank in `text` and the problems found reading it; raises BankError when the
    file as a whole cannot be used (not YAML, no `items:` list). Kept by the hash of its
    input (common/cache.py): `mkdocs serve` reads each bank again only when it changed."""
    key = hashlib.sha256(repr((chapter, path, text)).encode()).hexdigest()
    kept = _LOADED.get(key)
    if kept is None:
        kept = _LOADED.put(key, _load(chapter, path, text))
    return kept


def _load(chapter: str, path: str, text: str) -> tuple[Bank, list[Problem]]:
    try:
        root, data = _compose(text, fast=True)
    except yaml.YAMLError:  # read again by the pure-Python parser, whose messages authors know
        try:
            root, data = _compose(text, fast=False)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
            problem = getattr(error, "problem", None) or str(error).splitlines()[0]
            raise BankError(
                mark.line + 1 if mark else None,
                f"this is not valid YAML ({problem}); check quotes, colons and indentation",
            ) from None
    if root is None or not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise BankError(
            1,
            "a question bank is a YAML file with one key, 'items:', holding a list of questions (see CONTRIBUTING.md, 'Questions')",
        )
    top = _mapping(root)
    problems: list[Problem] = []
    for key in top:
        if key != "items":
            problems.append((_line(top[key][0]), f"unknown key '{key}'; a bank has only 'items:'"))
    items: list[Item] = []
    for node, value in zip(top["items"][1].value, data["items"], strict=True):
        item = _item(node, value, problems)
        if item is not None:
            items.append(item)
    return Bank(chapter, path, items), problems


_LOADED: Bounded[tuple[Bank, list[Problem]]] = Bounded(64)


def _compose(text: str, fast: bool) -> tuple[yaml.Node | None, Any]:
    """The document's node tree (with lines) and its data, read with front matter's rules."""
    loader = strict_yaml_loader(text, fast=fast)
    try:
        root = loader.get_single_node()
        return root, (loader.construct_document(root) if root is not None else None)
    finally:
        loader.dispose()


def _text(value: Any, where: int, key: str, problems: list[Problem]) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        problems.append((where, f"'{key}' must be text; write it as `{key}: >-` followed by indented lines"))
        return ""
    text = " ".join(str(value).split())
    if not text:
        problems.append((where, f"'{key}' is empty; write the text"))
    elif len(text) > MAX_TEXT:
        problems.append((where, f"'{key}' has {len(text)} characters; shorten it to at most {MAX_TEXT}"))
        return text[:MAX_TEXT]
    return text


def _item(node: yaml.Node, value: Any, problems: list[Problem]) -> Item | None:
    line = _line(node)
    if not isinstance(value, dict) or not isinstance(node, yaml.MappingNode):
        problems.append(
            (line, "each entry of 'items' is a question: a set of 'key: value' lines starting with '- id:'")
        )
        return None
    keys = _mapping(node)
    lines = {k: _line(v[0]) for k, v in keys.items()}
    missing = [k for k in ("id", "type", "level", "concepts", "objective", "section", "stem") if k not in value]
    if missing:
        problems.append(
            (
                line,
                f"the question lacks {', '.join(repr(k) for k in missing)}; every question has id, type, level, concepts, objective, section and stem",
            )
        )
        return None
    kind = value["type"]
    if kind not in TYPES:
        problems.append((lines["type"], f"unknown type '{kind}'; use one of {', '.join(TYPES)}"))
        return None
    allowed = (*COMMON_KEYS, *TYPE_KEYS[kind])
    for key in value:
        if key not in allowed:
            problems.append(
                (
                    lines.get(str(key), line),
                    f"'{key}' is not a key of a {kind} question; its keys are {', '.join(allowed)}",
                )
            )
    ident = str(value["id"])
    if not ID.match(ident):
        problems.append(
            (
                lines["id"],
                f"the id '{ident}' must be lowercase letters, digits and single hyphens, e.g. 'signal-anxiety-purpose'",
            )
        )
    level = value["level"]
    if level not in LEVELS:
        problems.append((lines["level"], f"unknown level '{level}'; use one of {', '.join(LEVELS)}"))
    concepts = value["concepts"]
    if not isinstance(concepts, list) or not concepts or not all(isinstance(c, str) for c in concepts):
        problems.append((lines["concepts"], "'concepts' is a list of concept slugs, e.g. [signal-anxiety, defense]"))
        concepts = []
    objective = value["objective"]
    if isinstance(objective, bool) or not isinstance(objective, int) or objective < 1:
        problems.append(
            (
                lines["objective"],
                "'objective' is the number of a learning objective of the chapter: 1 for the first bullet",
            )
        )
        objective = 0
    source = value.get("source", [])
    if isinstance(source, str):
        source = [source]
    if not isinstance(source, list) or not all(isinstance(s, str) for s in source):
        problems.append(
            (lines.get("source", line), "'source' is a list of keys of docs/references.bib, e.g. [freud1926]")
        )
        source = []
    vignette = value.get("vignette", False)
    if not isinstance(vignette, bool):
        problems.append((lines.get("vignette", line), "'vignette' is true or false"))
        vignette = False
    item = Item(
        id=ident,
        type=kind,
        level=str(level),
        concepts=tuple(concepts),
        objective=objective,
        section=str(value["section"]),
        stem=_text(value["stem"], lines["stem"], "stem", problems),
        line=line,
        source=tuple(s.lstrip("@") for s in source),
        vignette=vignette,
        lines=lines,
    )
    if kind in ("multiple-choice", "multiple-response"):
        item.options = _options(keys.get("options"), value.get("options"), line, problems)
    elif kind == "true-false":
        answer = value.get("answer")
        if not isinstance(answer, bool):
            problems.append(
                (lines.get("answer", line), "a true-false question needs 'answer: true' or 'answer: false'")
            )
        item.answer = answer if isinstance(answer, bool) else None
        item.explanation = _required_text(value, "explanation", lines, line, problems)
    elif kind == "matching":
        item.pairs = _pairs(keys.get("pairs"), value.get("pairs"), line, problems)
        item.explanation = _required_text(value, "explanation", lines, line, problems)
    else:
        item.model_answer = _required_text(value, "model_answer", lines, line, problems)
        points = value.get("marking_points")
        if not isinstance(points, list) or not points:
            problems.append(
                (
                    lines.get("marking_points", line),
                    "a short-answer question needs 'marking_points': a list of 2 to 5 points a marker looks for",
                )
            )
            points = []
        item.marking_points = tuple(
            _text(p, lines.get("marking_points", line), "marking_points", problems) for p in points
        )
    return item


def _required_text(value: dict[str, Any], key: str, lines: dict[str, int], line: int, problems: list[Problem]) -> str:
    if key not in value:
        problems.append((line, f"the question lacks '{key}'"))
        return ""
    return _text(value[key], lines[key], key, problems)


def _options(
    pair: tuple[yaml.Node, yaml.Node] | None, value: Any, line: int, problems: list[Problem]
) -> tuple[Option, ...]:
    if pair is None or not isinstance(value, list) or not isinstance(pair[1], yaml.SequenceNode):
        problems.append(
            (
                line,
                "the question needs 'options': a list of choices, each with 'text' and 'feedback' (and 'correct: true' on the keyed ones)",
            )
        )
        return ()
    options = []
    for node, option in zip(pair[1].value, value, strict=True):
        where = _line(node)
        if not isinstance(option, dict):
            problems.append((where, "each option is 'text:', 'feedback:' and, for a keyed answer, 'correct: true'"))
            continue
        for key in option:
            if key not in ("text", "feedback", "correct"):
                problems.append((where, f"'{key}' is not a key of an option; use text, feedback and correct"))
        correct = option.get("correct", False)
        if not isinstance(correct, bool):
            problems.append((where, "'correct' is true or false"))
            correct = False
        if "feedback" not in option:
            problems.append((where, "this option has no 'feedback'; say why it is right or what it confuses"))
        options.append(
            Option(
                text=_text(option.get("text"), where, "text", problems),
                correct=correct,
                feedback=_text(option.get("feedback", "-"), where, "feedback", problems),
                line=where,
            )
        )
    return tuple(options)


def _pairs(
    pair: tuple[yaml.Node, yaml.Node] | None, value: Any, line: int, problems: list[Problem]
) -> tuple[Pair, ...]:
    if pair is None or not isinstance(value, list) or not isinstance(pair[1], yaml.SequenceNode):
        problems.append((line, "a matching question needs 'pairs': a list of 'prompt:' and 'match:'"))
        return ()
    pairs = []
    for node, entry in zip(pair[1].value, value, strict=True):
        where = _line(node)
        if not isinstance(entry, dict) or set(entry) != {"prompt", "match"}:
            problems.append((where, "each pair is exactly 'prompt:' and 'match:'"))
            continue
        pairs.append(
            Pair(
                _text(entry["prompt"], where, "prompt", problems),
                _text(entry["match"], where, "match", problems),
                where,
            )
        )
    return tuple(pairs)
