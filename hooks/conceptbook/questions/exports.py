"""The question bank for learning platforms: one function per format, bytes out.

Every text of a bank is plain text, so each writer escapes it once, for its format:
ElementTree escapes XML (Moodle XML, QTI), `gift()` escapes GIFT's special characters,
and the HTML inside XML formats is made with `html.escape` first (Moodle and QTI show it
as HTML). Nothing here reads a clock: zip entries and Anki's notes get the time of
SOURCE_DATE_EPOCH, so one epoch gives the same bytes.

Which format holds which type (the instructors' page says the same):
- Moodle XML: all five (short answer as an essay question with the model answer for graders).
- GIFT: all five (short answer as an essay question).
- QTI 1.2 for Canvas: all five (short answer as an essay question).
- QTI 2.1: all five (short answer as an extended-text interaction).
- Anki: a card per concept (term and definition) and a card per question, answer on the back.
"""

from __future__ import annotations

import functools
import hashlib
import html
import io
import platform
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from conceptbook.common import store
from conceptbook.common.cache import Bounded
from conceptbook.settings import DEFAULT_EPOCH, FIRST_ZIP_EPOCH

from .model import Bank, Item, chapter_key

LEVELS = ("remember", "understand", "apply", "analyse")
TYPES = ("multiple-choice", "multiple-response", "true-false", "matching", "short-answer")
BASE = "psychodynamic-theory-questions"
FILES = {
    f"{BASE}.moodle.xml": "Moodle XML: every question with its feedback, in one category per chapter (Moodle: Question bank, Import, Moodle XML format)",
    f"{BASE}.gift.txt": "GIFT, Moodle's text format, the same questions (Moodle: Import, GIFT format)",
    f"{BASE}.canvas-qti12.zip": "QTI 1.2 for Canvas: one question bank per chapter (Canvas: Settings, Import Course Content, QTI .zip file)",
    f"{BASE}.qti21.zip": "QTI 2.1 content package: one item per question, for Blackboard and other platforms that import QTI 2.1",
    f"{BASE}.apkg": "Anki deck: a card per concept (term and definition) and a card per question, answers on the back",
}
_ANKI_MODEL_ID = 1607392319  # fixed ids: a new import updates the same deck and note types
_ANKI_DECK_ID = 2059400110
_ANKI_QUESTION_MODEL_ID = 1607392320


def matching_choices(item: Item) -> list[str]:
    """A matching question's answers in a fixed order that is not the pairs' order (sorted)."""
    return sorted({p.match for p in item.pairs}, key=str.casefold)


def qualified(bank: Bank, item: Item) -> str:
    """conflict/signal-anxiety-purpose: the item's id across the book, kept in every export."""
    return f"{chapter_key(bank.chapter)}/{item.id}"


def _h(text: str) -> str:
    return html.escape(text, quote=False)


def _fraction(share: float) -> str:
    return f"{share:.5f}".rstrip("0").rstrip(".")


# -- Moodle XML -----------------------------------------------------------------------


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = value
    return element


def moodle(site: str, chapters: Sequence[tuple[str, Bank]]) -> bytes:
    quiz = ET.Element("quiz")
    for title, bank in chapters:
        category = ET.SubElement(quiz, "question", {"type": "category"})
        _text(category, "category", f"$course$/{site}/{title}", None)
        for item in bank.items:
            quiz.append(_moodle_item(bank, item))
    ET.indent(quiz)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8") + b"\n"


def _moodle_item(bank: Bank, item: Item) -> ET.Element:
    kind = {
        "multiple-choice": "multichoice",
        "multiple-response": "multichoice",
        "true-false": "truefalse",
        "matching": "matching",
        "short-answer": "essay",
    }[item.type]
    question = ET.Element("question", {"type": kind})
    _text(question, "name", qualified(bank, item), None)
    _text(question, "questiontext", f"<p>{_h(item.stem)}</p>")
    general = item.explanation or (item.model_answer if item.type == "short-answer" else "")
    _text(question, "generalfeedback", f"<p>{_h(general)}</p>" if general else "")
    ET.SubElement(question, "defaultgrade").text = "1"
    ET.SubElement(question, "idnumber").text = qualified(bank, item)
    if item.type in ("multiple-choice", "multiple-response"):
        single = item.type == "multiple-choice"
        ET.SubElement(question, "single").text = "true" if single else "false"
        ET.SubElement(question, "shuffleanswers").text = "true"
        ET.SubElement(question, "answernumbering").text = "abc"
        right, wrong = len(item.keyed), len(item.options) - len(item.keyed)
        for option in item.options:
            if single:
                share = 100.0 if option.correct else 0.0
            else:
                share = 100.0 / right if option.correct else -100.0 / wrong
            answer = _text(question, "answer", f"<p>{_h(option.text)}</p>")
            answer.set("fraction", _fraction(share))
            _text(answer, "feedback", f"<p>{_h(option.feedback)}</p>")
    elif item.type == "true-false":
        for value in (True, False):
            answer = _text(question, "answer", "true" if value else "false", "moodle_auto_format")
            answer.set("fraction", "100" if item.answer is value else "0")
            _text(answer, "feedback", f"<p>{_h(item.explanation)}</p>")
    elif item.type == "matching":
        ET.SubElement(question, "shuffleanswers").text = "true"
        for pair in item.pairs:
            sub = _text(question, "subquestion", f"<p>{_h(pair.prompt)}</p>")
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = pair.match
    else:
        ET.SubElement(question, "responseformat").text = "editor"
        ET.SubElement(question, "responserequired").text = "1"
        ET.SubElement(question, "responsefieldlines").text = "10"
        points = "".join(f"<li>{_h(p)}</li>" for p in item.marking_points)
        _text(question, "graderinfo", f"<p>{_h(item.model_answer)}</p><p>Marking points:</p><ul>{points}</ul>")
    return question


# -- GIFT ---------------------------------------------------------------------------------

_GIFT_SPECIAL = str.maketrans({c: f"\\{c}" for c in "~=#{}:\\"})


def _g(text: str) -> str:
    return text.translate(_GIFT_SPECIAL)


def gift(site: str, chapters: Sequence[tuple[str, Bank]]) -> bytes:
    lines: list[str] = [f"// {site}: Check your understanding. Plain-text questions; import as GIFT into Moodle.", ""]
    for title, bank in chapters:
        lines += [f"$CATEGORY: $course$/{_g(site)}/{_g(title)}", ""]
        for item in bank.items:
            lines += [_gift_item(bank, item), ""]
    return "\n".join(lines).encode("utf-8")


def _gift_item(bank: Bank, item: Item) -> str:
    head = f"::{_g(qualified(bank, item))}::{_g(item.stem)}"
    if item.type == "multiple-choice":
        body = "\n".join(f"{'=' if o.correct else '~'}{_g(o.text)}#{_g(o.feedback)}" for o in item.options)
    elif item.type == "multiple-response":
        right, wrong = len(item.keyed), len(item.options) - len(item.keyed)
        body = "\n".join(
            f"~%{_fraction(100.0 / right if o.correct else -100.0 / wrong)}%{_g(o.text)}#{_g(o.feedback)}"
            for o in item.options
        )
    elif item.type == "true-false":
        body = f"{'TRUE' if item.answer else 'FALSE'}#{_g(item.explanation)}#{_g(item.explanation)}"
    elif item.type == "matching":
        body = "\n".join(f"={_g(p.prompt)} -> {_g(p.match)}" for p in item.pairs) + f"\n####{_g(item.explanation)}"
    else:
        return f"{head}{{\n####{_g(item.model_answer)}\n}}"
    return f"{head}{{\n{body}\n}}"


# -- QTI 1.2 (Canvas) -------------------------------------------------------------------

_CANVAS_TYPE = {
    "multiple-choice": "multiple_choice_question",
    "multiple-response": "multiple_answers_question",
    "true-false": "true_false_question",
    "matching": "matching_question",
    "short-answer": "essay_question",
}
QTI12_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"


def ident(*parts: str) -> str:
    """A stable identifier for a QTI element: 'g' and 32 hex digits of the parts' hash."""
    return "g" + hashlib.sha256("/".join(parts).encode("utf-8")).hexdigest()[:32]


def _mattext(parent: ET.Element, text: str) -> None:
    material = ET.SubElement(parent, "material")
    ET.SubElement(material, "mattext", {"texttype": "text/html"}).text = f"<p>{_h(text)}</p>"


def _qti12_choices(item: Item) -> list[tuple[str, str, bool, str]]:
    """(ident, text, correct, feedback) of the options a QTI 1.2 item offers."""
    if item.type == "true-false":
        return [(ident(item.id, v), v, (v == "True") is item.answer, item.explanation) for v in ("True", "False")]
    return [(ident(item.id, str(i)), o.text, o.correct, o.feedback) for i, o in enumerate(item.options)]


def qti12_item(bank: Bank, item: Item) -> ET.Element:
    element = ET.Element("item", {"ident": ident(qualified(bank, item)), "title": qualified(bank, item)})
    meta = ET.SubElement(ET.SubElement(element, "itemmetadata"), "qtimetadata")
    for name, value in (("question_type", _CANVAS_TYPE[item.type]), ("points_possible", "1.0")):
        field = ET.SubElement(meta, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = name
        ET.SubElement(field, "fieldentry").text = value
    presentation = ET.SubElement(element, "presentation")
    _mattext(presentation, item.stem)
    processing = ET.SubElement(element, "resprocessing")
    outcomes = ET.SubElement(processing, "outcomes")
    ET.SubElement(outcomes, "decvar", {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"})
    feedbacks: list[tuple[str, str]] = []
    if item.type in ("multiple-choice", "multiple-response", "true-false"):
        choices = _qti12_choices(item)
        cardinality = "Multiple" if item.type == "multiple-response" else "Single"
        lid = ET.SubElement(presentation, "response_lid", {"ident": "response1", "rcardinality": cardinality})
        render = ET.SubElement(lid, "render_choice")
        for choice_id, choice_text, _correct, feedback in choices:
            label = ET.SubElement(render, "response_label", {"ident": choice_id})
            _mattext(label, choice_text)
            feedbacks.append((f"{choice_id}_fb", feedback))
            condition = ET.SubElement(processing, "respcondition", {"continue": "Yes"})
            ET.SubElement(
                ET.SubElement(condition, "conditionvar"), "varequal", {"respident": "response1"}
            ).text = choice_id
            ET.SubElement(condition, "displayfeedback", {"feedbacktype": "Response", "linkrefid": f"{choice_id}_fb"})
        condition = ET.SubElement(processing, "respcondition", {"continue": "No"})
        test = ET.SubElement(condition, "conditionvar")
        if item.type == "multiple-response":
            test = ET.SubElement(test, "and")
            for choice_id, _label, correct, _fb in choices:
                target = test if correct else ET.SubElement(test, "not")
                ET.SubElement(target, "varequal", {"respident": "response1"}).text = choice_id
        else:
            ET.SubElement(test, "varequal", {"respident": "response1"}).text = next(c[0] for c in choices if c[2])
        ET.SubElement(condition, "setvar", {"action": "Set", "varname": "SCORE"}).text = "100"
    elif item.type == "matching":
        answers = matching_choices(item)
        share = _fraction(100.0 / len(item.pairs))
        for index, pair in enumerate(item.pairs):
            response_id = ident(item.id, "prompt", str(index))
            lid = ET.SubElement(presentation, "response_lid", {"ident": response_id})
            _mattext(lid, pair.prompt)
            render = ET.SubElement(lid, "render_choice")
            for answer in answers:
                answer_label = ET.SubElement(render, "response_label", {"ident": ident(item.id, "answer", answer)})
                _mattext(answer_label, answer)
            condition = ET.SubElement(processing, "respcondition")
            ET.SubElement(
                ET.SubElement(condition, "conditionvar"), "varequal", {"respident": response_id}
            ).text = ident(item.id, "answer", pair.match)
            ET.SubElement(condition, "setvar", {"varname": "SCORE", "action": "Add"}).text = share
        feedbacks.append(("general_fb", item.explanation))
    else:
        response = ET.SubElement(presentation, "response_str", {"ident": "response1", "rcardinality": "Single"})
        ET.SubElement(response, "render_fib")
        condition = ET.SubElement(processing, "respcondition", {"continue": "No"})
        ET.SubElement(ET.SubElement(condition, "conditionvar"), "other")
        points = "; ".join(item.marking_points)
        feedbacks.append(("general_fb", f"{item.model_answer} Marking points: {points}."))
    for feedback_id, text in feedbacks:
        node = ET.SubElement(element, "itemfeedback", {"ident": feedback_id})
        _mattext(ET.SubElement(node, "flow_mat"), text)
    return element


def qti12(site: str, chapters: Sequence[tuple[str, Bank]], epoch: int = DEFAULT_EPOCH) -> bytes:
    files: dict[str, bytes] = {}
    resources = []
    for title, bank in chapters:
        bank_id = ident(bank.chapter)
        root = ET.Element("questestinterop", {"xmlns": QTI12_NS})
        assessment = ET.SubElement(root, "assessment", {"ident": bank_id, "title": f"{site}: {title}"})
        section = ET.SubElement(assessment, "section", {"ident": "root_section"})
        for item in bank.items:
            section.append(qti12_item(bank, item))
        ET.indent(root)
        files[f"{bank_id}/{bank_id}.xml"] = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(
            root, encoding="utf-8"
        )
        resources.append((bank_id, "imsqti_xmlv1p2", f"{bank_id}/{bank_id}.xml"))
    files = {"imsmanifest.xml": _manifest(site, resources), **files}
    return _zip(files, epoch)


def _manifest(site: str, resources: Iterable[tuple[str, str, str]]) -> bytes:
    manifest = ET.Element("manifest", {"identifier": ident(site, "manifest"), "xmlns": CP_NS})
    metadata = ET.SubElement(manifest, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Content"
    ET.SubElement(metadata, "schemaversion").text = "1.1.3"
    ET.SubElement(manifest, "organizations")
    container = ET.SubElement(manifest, "resources")
    for resource_id, kind, href in resources:
        resource = ET.SubElement(container, "resource", {"identifier": resource_id, "type": kind, "href": href})
        ET.SubElement(resource, "file", {"href": href})
    ET.indent(manifest)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(manifest, encoding="utf-8")


# -- QTI 2.1 ------------------------------------------------------------------------------

QTI21_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI21_CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"


def qti21_item(bank: Bank, item: Item) -> ET.Element:
    multiple = item.type == "multiple-response"
    root = ET.Element(
        "assessmentItem",
        {
            "xmlns": QTI21_NS,
            "identifier": ident(qualified(bank, item)),
            "title": qualified(bank, item),
            "adaptive": "false",
            "timeDependent": "false",
        },
    )
    body = ET.Element("itemBody")
    if item.type in ("multiple-choice", "multiple-response", "true-false"):
        choices = _qti12_choices(item)
        declaration = ET.SubElement(
            root,
            "responseDeclaration",
            {"identifier": "RESPONSE", "cardinality": "multiple" if multiple else "single", "baseType": "identifier"},
        )
        correct = ET.SubElement(declaration, "correctResponse")
        for choice_id, _t, is_correct, _f in choices:
            if is_correct:
                ET.SubElement(correct, "value").text = choice_id
        interaction = ET.SubElement(
            body,
            "choiceInteraction",
            {"responseIdentifier": "RESPONSE", "shuffle": "true", "maxChoices": "0" if multiple else "1"},
        )
        ET.SubElement(interaction, "prompt").text = item.stem
        for choice_id, text, _c, _f in choices:
            ET.SubElement(interaction, "simpleChoice", {"identifier": choice_id}).text = text
    elif item.type == "matching":
        answers = matching_choices(item)
        declaration = ET.SubElement(
            root,
            "responseDeclaration",
            {"identifier": "RESPONSE", "cardinality": "multiple", "baseType": "directedPair"},
        )
        correct = ET.SubElement(declaration, "correctResponse")
        for index, pair in enumerate(item.pairs):
            ET.SubElement(
                correct, "value"
            ).text = f"{ident(item.id, 'prompt', str(index))} {ident(item.id, 'answer', pair.match)}"
        interaction = ET.SubElement(
            body,
            "matchInteraction",
            {"responseIdentifier": "RESPONSE", "shuffle": "true", "maxAssociations": str(len(item.pairs))},
        )
        ET.SubElement(interaction, "prompt").text = item.stem
        left = ET.SubElement(interaction, "simpleMatchSet")
        for index, pair in enumerate(item.pairs):
            ET.SubElement(
                left, "simpleAssociableChoice", {"identifier": ident(item.id, "prompt", str(index)), "matchMax": "1"}
            ).text = pair.prompt
        right = ET.SubElement(interaction, "simpleMatchSet")
        for answer in answers:
            ET.SubElement(
                right,
                "simpleAssociableChoice",
                {"identifier": ident(item.id, "answer", answer), "matchMax": str(len(item.pairs))},
            ).text = answer
    else:
        ET.SubElement(
            root, "responseDeclaration", {"identifier": "RESPONSE", "cardinality": "single", "baseType": "string"}
        )
        ET.SubElement(body, "p").text = item.stem
        ET.SubElement(body, "extendedTextInteraction", {"responseIdentifier": "RESPONSE", "expectedLines": "8"})
    outcome = ET.SubElement(
        root, "outcomeDeclaration", {"identifier": "SCORE", "cardinality": "single", "baseType": "float"}
    )
    ET.SubElement(ET.SubElement(outcome, "defaultValue"), "value").text = "0"
    choice_feedback = item.type in ("multiple-choice", "multiple-response", "true-false")
    ET.SubElement(
        root,
        "outcomeDeclaration",
        {"identifier": "FEEDBACK", "cardinality": "multiple" if multiple else "single", "baseType": "identifier"},
    )
    root.append(body)
    processing = ET.SubElement(root, "responseProcessing")
    if item.type != "short-answer":
        condition = ET.SubElement(processing, "responseCondition")
        branch = ET.SubElement(condition, "responseIf")
        match = ET.SubElement(branch, "match")
        ET.SubElement(match, "variable", {"identifier": "RESPONSE"})
        ET.SubElement(match, "correct", {"identifier": "RESPONSE"})
        ET.SubElement(
            ET.SubElement(branch, "setOutcomeValue", {"identifier": "SCORE"}), "baseValue", {"baseType": "float"}
        ).text = "1"
        otherwise = ET.SubElement(condition, "responseElse")
        ET.SubElement(
            ET.SubElement(otherwise, "setOutcomeValue", {"identifier": "SCORE"}), "baseValue", {"baseType": "float"}
        ).text = "0"
    if choice_feedback:
        ET.SubElement(
            ET.SubElement(processing, "setOutcomeValue", {"identifier": "FEEDBACK"}),
            "variable",
            {"identifier": "RESPONSE"},
        )
        for choice_id, _t, _c, feedback in _qti12_choices(item):
            ET.SubElement(
                root, "modalFeedback", {"outcomeIdentifier": "FEEDBACK", "identifier": choice_id, "showHide": "show"}
            ).text = feedback
    else:
        general = item.explanation or item.model_answer
        ET.SubElement(
            ET.SubElement(processing, "setOutcomeValue", {"identifier": "FEEDBACK"}),
            "baseValue",
            {"baseType": "identifier"},
        ).text = "GENERAL"
        ET.SubElement(
            root, "modalFeedback", {"outcomeIdentifier": "FEEDBACK", "identifier": "GENERAL", "showHide": "show"}
        ).text = general
    ET.indent(root)
    return root


def qti21(site: str, chapters: Sequence[tuple[str, Bank]], epoch: int = DEFAULT_EPOCH) -> bytes:
    files: dict[str, bytes] = {}
    resources = []
    for _title, bank in chapters:
        for item in bank.items:
            item_id = ident(qualified(bank, item))
            href = f"items/{item_id}.xml"
            files[href] = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(
                qti21_item(bank, item), encoding="utf-8"
            )
            resources.append((item_id, "imsqti_item_xmlv2p1", href))
    manifest = _manifest(site, resources).replace(CP_NS.encode(), QTI21_CP_NS.encode())
    return _zip({"imsmanifest.xml": manifest, **files}, epoch)


# -- Anki ---------------------------------------------------------------------------------


def anki(
    site: str,
    chapters: Sequence[tuple[str, Bank]],
    concepts: Sequence[tuple[str, str, str]],
    epoch: int = DEFAULT_EPOCH,
) -> bytes:
    """A deck of concept cards (term -> definition) and question cards."""
    import genanki  # only the build's exports need it

    css = ".card { font-family: system-ui, sans-serif; font-size: 18px; text-align: left; color: #222; background: #fff; }"

    def model(model_id: int, name: str, front: str, back: str, template: str) -> Any:
        return genanki.Model(
            model_id,
            f"{site}: {name}",
            fields=[{"name": front}, {"name": back}, {"name": "Id"}],
            templates=[
                {
                    "name": template,
                    "qfmt": f"{{{{{front}}}}}",
                    "afmt": f'{{{{FrontSide}}}}<hr id="answer">{{{{{back}}}}}',
                }
            ],
            css=css,
        )

    concept_model = model(_ANKI_MODEL_ID, "concept", "Term", "Definition", "Term to definition")
    question_model = model(_ANKI_QUESTION_MODEL_ID, "question", "Question", "Answer", "Question to answer")
    deck = genanki.Deck(_ANKI_DECK_ID, site)
    for slug, term, summary in concepts:
        deck.add_note(
            genanki.Note(
                model=concept_model, fields=[_h(term), _h(summary), slug], guid=genanki.guid_for("concept", slug)
            )
        )
    for _title, bank in chapters:
        for item in bank.items:
            front, back = anki_card(item)
            name = qualified(bank, item)
            deck.add_note(
                genanki.Note(
                    model=question_model,
                    fields=[front, back, name],
                    guid=genanki.guid_for("question", name),
                    tags=[chapter_key(bank.chapter), item.level],
                )
            )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.apkg"
        genanki.Package(deck).write_to_file(str(path), timestamp=float(epoch))
        with zipfile.ZipFile(path) as made:
            return _zip({name: made.read(name) for name in made.namelist()}, epoch)


def anki_card(item: Item) -> tuple[str, str]:
    """The front and back of a question's card, as HTML."""
    front = f"<p>{_h(item.stem)}</p>"
    if item.type in ("multiple-choice", "multiple-response"):
        front += '<ol type="A">' + "".join(f"<li>{_h(o.text)}</li>" for o in item.options) + "</ol>"
        keyed = [f"{chr(65 + i)}. {_h(o.text)}" for i, o in enumerate(item.options) if o.correct]
        back = (
            "<p>"
            + "<br>".join(keyed)
            + "</p><ul>"
            + "".join(f"<li>{chr(65 + i)}: {_h(o.feedback)}</li>" for i, o in enumerate(item.options))
            + "</ul>"
        )
    elif item.type == "true-false":
        front += "<p>True or false?</p>"
        back = f"<p>{'True' if item.answer else 'False'}</p><p>{_h(item.explanation)}</p>"
    elif item.type == "matching":
        front += "<ul>" + "".join(f"<li>{_h(p.prompt)}</li>" for p in item.pairs) + "</ul>"
        back = (
            "<ul>"
            + "".join(f"<li>{_h(p.prompt)}: {_h(p.match)}</li>" for p in item.pairs)
            + f"</ul><p>{_h(item.explanation)}</p>"
        )
    else:
        back = (
            f"<p>{_h(item.model_answer)}</p><ul>" + "".join(f"<li>{_h(p)}</li>" for p in item.marking_points) + "</ul>"
        )
    return front, back


# -- all ----------------------------------------------------------------------------------


def _zip(files: dict[str, bytes], epoch: int) -> bytes:
    """A zip with every entry stamped with `epoch` (SOURCE_DATE_EPOCH): the same files, the same bytes."""
    import time

    stamp = time.gmtime(max(epoch, FIRST_ZIP_EPOCH))[:6]  # zip dates start in 1980
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def make_all(
    site: str,
    chapters: Sequence[tuple[str, Bank]],
    concepts: Sequence[tuple[str, str, str]],
    epoch: int = DEFAULT_EPOCH,
) -> dict[str, bytes]:
    """Every export; `epoch` (the build's SOURCE_DATE_EPOCH, conceptbook/settings.py) dates the zips and the deck.

    Kept by the hash of everything they are made from (a few versions): `mkdocs serve`
    makes them again only when a bank, a chapter's title or a concept changed.
    """
    banks = _kept(
        repr((site, list(chapters), epoch)),
        lambda: {
            f"{BASE}.moodle.xml": moodle(site, chapters),
            f"{BASE}.gift.txt": gift(site, chapters),
            f"{BASE}.canvas-qti12.zip": qti12(site, chapters, epoch),
            f"{BASE}.qti21.zip": qti21(site, chapters, epoch),
        },
    )
    # The deck alone holds the concepts' definitions: a summary edited in `mkdocs serve`
    # makes the deck again, not the four files made from the banks.
    deck = _kept(
        repr((site, list(chapters), list(concepts), epoch)),
        lambda: {f"{BASE}.apkg": anki(site, chapters, concepts, epoch)},
    )
    return {**banks, **deck}


def _kept(inputs: str, make: Callable[[], dict[str, bytes]]) -> dict[str, bytes]:
    """What `make` makes from `inputs`: from this process's memory, else from the store on
    disk (with the source of this package in the key, common/store.py), else made."""
    key = hashlib.sha256(inputs.encode()).hexdigest()
    made = _MADE.get(key)
    if made is not None:
        return made
    name = store.key(store.code(str(Path(__file__).parent)), _libraries(), key)
    kept = store.current().get(name)
    if kept is not None:
        try:
            return _MADE.put(key, _unpack(kept))
        except (ValueError, zipfile.BadZipFile):
            pass  # a damaged file: made again below
    made = make()
    store.current().put(name, _pack(made))
    return _MADE.put(key, made)


@functools.cache
def _libraries() -> str:
    """The versions of what the exports are written with besides this package's code."""
    return f"python {platform.python_version()}; sqlite {sqlite3.sqlite_version}; genanki {metadata.version('genanki')}"


def _pack(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for file, data in files.items():
            archive.writestr(file, data)
    return buffer.getvalue()


def _unpack(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


_MADE: Bounded[dict[str, bytes]] = Bounded(8)
