"""The book reads at the level it promises: concept summaries (what readers see in
definition tooltips and the glossary) at Flesch–Kincaid grade 11 or below with a median
of 9 or below and at most 45 words; each chapter at grade 11 or below; no sentence over
40 words anywhere. The book's and each chapter's grade are printed at the end of the run."""

from __future__ import annotations

from pathlib import Path

import readability as rd

from checks import chapter_files, concept_files
from sitebuild import DOCS, ROOT


def shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_concept_summaries_are_short_and_plain() -> None:
    measured = []
    faults = []
    for concept in concept_files(DOCS):
        summary = " ".join(str(concept.data.get("summary", "")).split())
        if not summary:
            continue  # a missing summary is the definition checker's to report
        level, words = rd.grade(summary), rd.word_count(summary)
        measured.append(rd.Measured(concept.path, level, words))
        if level > rd.SUMMARY_MAX_GRADE:
            faults.append(
                f"{concept.path}: summary reads at grade {level:.1f} (> {rd.SUMMARY_MAX_GRADE:g}); use shorter sentences and plainer words"
            )
        if words > rd.SUMMARY_MAX_WORDS:
            faults.append(
                f"{concept.path}: summary has {words} words (> {rd.SUMMARY_MAX_WORDS}); move detail into the page body"
            )
    middle = rd.median([m.grade for m in measured])
    worst = sorted(measured, key=lambda m: -m.grade)[:5]
    rd.REPORT.append(
        f"concept summaries: median grade {middle:.1f} over {len(measured)}; hardest: "
        + ", ".join(f"{Path(m.name).stem} {m.grade:.1f}" for m in worst)
    )
    if middle > rd.SUMMARY_MEDIAN_MAX_GRADE:
        faults.append(
            f"the median summary reads at grade {middle:.1f} (> {rd.SUMMARY_MEDIAN_MAX_GRADE:g}); simplify the hardest ones first"
        )
    assert not faults, f"{len(faults)} problem(s):\n" + "\n".join(faults)


def test_each_chapter_reads_at_grade_eleven_or_below() -> None:
    faults = []
    texts = []
    for chapter in chapter_files(DOCS):
        text = rd.prose(chapter.read_text(encoding="utf-8"))
        texts.append(text)
        level = rd.grade(text)
        rd.REPORT.append(f"{shown(chapter)}: grade {level:.1f}, {rd.word_count(text)} words")
        if level > rd.CHAPTER_MAX_GRADE:
            faults.append(
                f"{shown(chapter)}: reads at grade {level:.1f} (> {rd.CHAPTER_MAX_GRADE:g}); split long sentences first"
            )
    rd.REPORT.insert(0, f"the book's chapters together: grade {rd.grade(chr(10).join(texts)):.1f}")
    assert not faults, f"{len(faults)} problem(s):\n" + "\n".join(faults)


def test_no_sentence_in_the_book_is_over_forty_words() -> None:
    faults = []
    pages = [*chapter_files(DOCS), *sorted((DOCS / "concepts").glob("*.md")), DOCS / "index.md", DOCS / "about.md"]
    for page in pages:
        for sentence in rd.sentences(rd.prose(page.read_text(encoding="utf-8"))):
            words = rd.word_count(sentence)
            if words > rd.SENTENCE_MAX_WORDS:
                faults.append(f"{shown(page)}: a sentence of {words} words: '{sentence[:90]}…'; split it")
    for concept in concept_files(DOCS):
        for sentence in rd.sentences(" ".join(str(concept.data.get("summary", "")).split())):
            if rd.word_count(sentence) > rd.SENTENCE_MAX_WORDS:
                faults.append(
                    f"{concept.path}: the summary has a sentence of {rd.word_count(sentence)} words; split it"
                )
    assert not faults, f"{len(faults)} problem(s):\n" + "\n".join(faults)


def test_prose_extraction_keeps_sentences_and_drops_markup() -> None:
    markdown = (
        '---\ntitle: T\n---\n\n# Title\n\n!!! abstract "Objectives"\n\n    - Explain a thing\n\n'
        "Bowlby wrote this [@bowlby1969, p. 3]. See [the glossary](../glossary.md) and [[transference|it]].\n\n"
        "```python\ncode here is not prose\n```\n\n![A figure](x.svg){ loading=lazy }\n"
    )
    assert rd.prose(markdown) == "Explain a thing.\nBowlby wrote this. See the glossary and it."
    assert rd.sentences("One two. Three four!\nFive") == ["One two.", "Three four!", "Five"]
    narrative = rd.prose("It reflects values [see @aron1996]. @mitchell1988 proposed a model.\n")
    assert rd.sentences(narrative) == ["It reflects values.", "Author proposed a model."]
    assert rd.grade("The cat sat on the mat. It was a happy cat.") < 2
