"""The question bank in a built book (hooks/conceptbook/questions/capability.py), on a small
throw-away book: the quiz under a chapter's "Check your understanding" heading, the answer
key, "Test yourself" on concept pages, the instructors' summary and the downloads, and the
warnings for a bank the build cannot place. The real book's banks are checked in
tests/test_questions.py; this book is small enough for the mutation runs (scripts/mutants.toml).

Expected values are literal: golden files under tests/golden/expected/questions/book/, read
by a person (rewrite them with GOLDEN_UPDATE=1 and review the diff), and exact lists.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest
from test_questions import GOOD

from sitebuild import ROOT, build_small_site

EXPECTED = ROOT / "tests" / "golden" / "expected" / "questions" / "book"
UPDATE = os.environ.get("GOLDEN_UPDATE") == "1"
NAV = ["index.md", "chapters/zeta.md", "chapters/alpha.md", "instructors.md"]  # reading order, not alphabetical

BIB = """\
@incollection{freud1926,
  author = {Freud, S.},
  editor = {Strachey, J.},
  title = {{Inhibitions, symptoms and anxiety}},
  booktitle = {{The standard edition}},
  publisher = {Hogarth Press},
  year = {1959},
}
"""


def concept(term: str, summary: str) -> str:
    return f"---\nterm: {term}\nsummary: {summary}\n---\n"


def chapter(title: str, objectives: int, body: str, after: str = "") -> str:
    bullets = "".join(f"    - Objective {n}.\n" for n in range(1, objectives + 1))
    return (
        f"---\ntitle: {title}\ndescription: The chapter {title.lower()}.\n---\n\n# {title}\n\n"
        f'!!! abstract "Learning objectives"\n\n{bullets}\n'
        f"{body}\n\n## Check your understanding\n{after}"
    )


ZETA = chapter(
    "Zeta comes first",
    3,
    "## Anxiety as a signal\n\n"
    "**Signal anxiety** warns of danger; a **defense** answers it, as Freud said [@freud1926].\n\n"
    "### A closer look\n\nAnxiety and ambivalence meet here.\n\n"
    "## Where it leads\n\nA signal is answered.",
    "\n## Further reading\n\nMore on signals.\n",  # the questions go right under their own heading
)
ALPHA = chapter("Alpha comes second", 1, "## Defenses again\n\nA defense keeps a wish away.")


def true_false(n: int, section: str, level: str, concepts: str) -> str:
    return (
        f"  - {{id: tf{n}, type: true-false, level: {level}, concepts: [{concepts}], objective: 1, "
        f"section: {section}, stem: Statement {n}., answer: {'true' if n % 2 else 'false'}, explanation: Because {n}.}}\n"
    )


# zeta: the five types of tests/test_questions.py's GOOD bank, then 20 short true-false items on
# anxiety (6 above "remember"), half of them on a section after a heading with a subsection; alpha: 25 true-false items, ten above "remember", two on defense.
ZETA_BANK = GOOD + "".join(
    true_false(n, "a-closer-look" if n % 2 else "where-it-leads", "remember" if n % 3 else "apply", "anxiety")
    for n in range(1, 21)
)
ALPHA_BANK = "items:\n" + "".join(
    true_false(
        n, "defenses-again", "understand" if n <= 10 else "remember", "defense" if n in (2, 25) else "ambivalence"
    )
    for n in range(1, 26)
)

FILES = {
    "index.md": "# Home\n",
    "instructors.md": "# For instructors\n\n<!-- question-bank -->\n",
    "references.bib": BIB,
    "chapters/zeta.md": ZETA,
    "chapters/alpha.md": ALPHA,
    "concepts/signal-anxiety.md": concept("Signal anxiety", "Anxiety as a warning of danger."),
    "concepts/defense.md": concept("Defense", "A way the mind protects itself."),
    "concepts/anxiety.md": concept("Anxiety", "A feeling of dread."),
    "concepts/ambivalence.md": concept("Ambivalence", "Opposite feelings toward one person."),
    "questions/zeta.yml": ZETA_BANK,
    "questions/alpha.yml": ALPHA_BANK,
}


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = build_small_site(tmp_path_factory.mktemp("question-book"), FILES, nav=NAV)
    assert (result.failed, result.problems) == (None, []), result.text()
    return result.site


def golden(name: str, actual: str) -> None:
    path = EXPECTED / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8") if path.exists() else f"(no golden file {path})"
    assert actual == expected, f"{name} differs from tests/golden/expected/questions/book/{name}"


def between(html: str, start: str, end: str) -> str:
    """From the first `start` to the next `end` (inclusive), one non-blank line per line."""
    at = html.index(start)
    part = html[at : html.index(end, at) + len(end)]
    return "\n".join(line.rstrip() for line in part.splitlines() if line.strip()) + "\n"


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def toc(html: str) -> list[tuple[str, str]]:
    """The page's own table of contents (the secondary sidebar): (href, text) in order."""
    sidebar = html[html.index('<nav class="md-nav md-nav--secondary"') :]
    sidebar = sidebar[: sidebar.index("</nav>")]
    return re.findall(
        r'<a href="(#[^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', sidebar
    )


def quiz_ids(html: str) -> list[str]:
    return re.findall(r'<li class="quiz-item" id="q-([^"]+)"', html)


def test_each_type_of_question_is_rendered_under_the_chapters_heading(book: Path) -> None:
    """The five types of the GOOD bank, as a reader sees them, up to the first short true-false item."""
    html = read(book, "chapters/zeta.html")
    golden("zeta-quiz.html.txt", between(html, '<h2 id="check-your-understanding"', '<li class="quiz-item" id="q-tf1"'))
    assert quiz_ids(html) == [
        "signal-anxiety-purpose",
        "defenses-many",
        "anxiety-true-false",
        "match-terms",
        "explain-signal",
        *(f"tf{n}" for n in range(1, 21)),
    ]
    alpha = read(book, "chapters/alpha.html")
    assert quiz_ids(alpha) == [f"tf{n}" for n in range(1, 26)]
    assert re.findall(r'data-quiz="(\w+)"', html + alpha) == ["zeta", "alpha"]
    assert re.findall(r"</ol>\n</div>\n+(<h2 [^>]+>[^<]+)<", html) == ['<h2 id="further-reading">Further reading']
    assert "25 questions on this chapter." in alpha


def test_the_answer_key_has_every_chapter_in_reading_order_with_links_back(book: Path) -> None:
    html = read(book, "answer-key.html")
    golden("answer-key.html.txt", between(html, "<h1", '<li id="answers--zeta--tf1">'))
    assert re.findall(r'<h2 id="([^"]+)">([^<]+)<', html) == [
        ("answers--zeta", "1. Zeta comes first"),
        ("answers--alpha", "2. Alpha comes second"),
    ]
    assert toc(html) == [("#answers--zeta", "1. Zeta comes first"), ("#answers--alpha", "2. Alpha comes second")]
    links = re.findall(r'<li id="answers--(\w+)--([\w-]+)"><p class="answer-key__question"><a href="([^"]+)">', html)
    assert links[4:7] == [
        ("zeta", "explain-signal", "chapters/zeta.html#q-explain-signal"),
        ("zeta", "tf1", "chapters/zeta.html#q-tf1"),
        ("zeta", "tf2", "chapters/zeta.html#q-tf2"),
    ]
    assert links[24:26] == [
        ("zeta", "tf20", "chapters/zeta.html#q-tf20"),
        ("alpha", "tf1", "chapters/alpha.html#q-tf1"),
    ]
    assert len(links) == 50
    assert (
        re.findall(r'<p class="quiz-answer__where"><a href="([^"]+)">', html)[-1]
        == "chapters/alpha.html#defenses-again"
    )
    assert re.findall(r"<strong>Answer:</strong> (\w+)\.</p>", html)[-2:] == ["False", "True"]  # tf24, tf25


def test_concept_pages_list_the_questions_that_test_them_in_reading_order(book: Path) -> None:
    html = read(book, "concepts/defense.html")
    golden("defense-test-yourself.html.txt", between(html, '<h2 id="concept--test-yourself"', "</ul>"))
    assert toc(html) == [
        ("#concept--where-this-appears", "Where this appears in the book"),
        ("#concept--test-yourself", "Test yourself"),
    ]
    signal = read(book, "concepts/signal-anxiety.html")
    assert re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', signal[signal.index('id="concept--test-yourself"') :]) == [
        ("../chapters/zeta.html#q-signal-anxiety-purpose", "1. Zeta comes first, question 1"),
        ("../chapters/zeta.html#q-explain-signal", "1. Zeta comes first, question 5"),
    ]
    assert 'id="concept--test-yourself"' not in read(book, "chapters/zeta.html")


def test_the_instructors_page_counts_each_chapter_and_links_the_downloads(book: Path) -> None:
    html = read(book, "instructors.html")
    golden(
        "instructors.html.txt", between(html, '<div class="question-bank-counts"', '<ul class="question-bank-files">')
    )
    assert re.findall(r'<li><a href="([^"]+)"', between(html, '<ul class="question-bank-files">', "</ul>")) == [
        "answer-key.html",
        "downloads/questions/psychodynamic-theory-questions.moodle.xml",
        "downloads/questions/psychodynamic-theory-questions.gift.txt",
        "downloads/questions/psychodynamic-theory-questions.canvas-qti12.zip",
        "downloads/questions/psychodynamic-theory-questions.qti21.zip",
        "downloads/questions/psychodynamic-theory-questions.apkg",
    ]
    downloads = book / "downloads" / "questions"
    assert sorted(p.name for p in downloads.iterdir()) == [
        "psychodynamic-theory-questions.apkg",
        "psychodynamic-theory-questions.canvas-qti12.zip",
        "psychodynamic-theory-questions.gift.txt",
        "psychodynamic-theory-questions.moodle.xml",
        "psychodynamic-theory-questions.qti21.zip",
    ]
    gift = (downloads / "psychodynamic-theory-questions.gift.txt").read_text(encoding="utf-8")
    assert re.findall(r"\$CATEGORY: (.+)", gift) == [
        "$course$/Psychodynamic Theory/1. Zeta comes first",
        "$course$/Psychodynamic Theory/2. Alpha comes second",
    ]
    assert not (book / "questions").exists()  # the banks are data, not pages or files of the site


def test_a_bank_the_build_cannot_place_is_named_with_its_line_and_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # the downloads are dated from it
    faulty = (
        GOOD.replace("objective: 3", "objective: 4")
        .replace("concepts: [defense]", "concepts: [defence]")
        .replace("source: [freud1926]", "source: [freud1962]")
        .replace("section: anxiety-as-a-signal\n    stem: Why", "section: anxiety-signal\n    stem: Why")
        .replace("    marking_points: [a warning, of a risky wish, before awareness]\n", "")
        .replace("id: explain-signal", "id: match-terms")
    )
    files = {
        "index.md": "# Home\n",
        "references.bib": BIB,
        "chapters/zeta.md": ZETA,
        "chapters/alpha.md": ALPHA,  # a heading, no bank
        "chapters/beta.md": "---\ntitle: Beta\ndescription: The chapter beta.\n---\n\n# Beta\n\nNo questions heading.\n",
        "concepts/signal-anxiety.md": concept("Signal anxiety", "Anxiety as a warning of danger."),
        "concepts/defense.md": concept("Defense", "A way the mind protects itself."),
        "concepts/anxiety.md": concept("Anxiety", "A feeling of dread."),
        "concepts/ambivalence.md": concept("Ambivalence", "Opposite feelings toward one person.")
        + "\n## Mine {#concept--test-yourself}\n\nA heading that takes the id of the generated section.\n",
        "questions/zeta.yml": faulty,
        "questions/beta.yml": ALPHA_BANK.replace("defenses-again", "beta"),
        "questions/gamma.yml": ALPHA_BANK,
        "questions/notes.txt": "notes\n",
        "questions/old/zeta.yml": GOOD,
        "questions/theta.yml": "items: [\n  - oops\n",
        "chapters/theta.md": "---\ntitle: Theta\ndescription: The chapter theta.\n---\n\n# Theta\n",
    }
    nav = ["index.md", "chapters/zeta.md", "chapters/alpha.md", "chapters/beta.md", "chapters/theta.md"]
    result = build_small_site(tmp_path, files, nav=nav)
    assert result.failed == "Aborted with 16 warnings in strict mode!"
    bank = "WARNING: docs/questions/zeta.yml"
    assert result.problems == [
        # on_files, in the order MkDocs lists the files
        "WARNING: docs/questions/gamma.yml: no chapter docs/chapters/gamma.md for this bank; name the file after its "
        "chapter's file (a chapter in a subfolder of docs/chapters/: the same subfolder of docs/questions/).",
        "WARNING: docs/questions/notes.txt: docs/questions/ holds one <chapter>.yml per chapter; rename or move this file.",
        "WARNING: docs/questions/theta.yml:2: this is not valid YAML (expected the node content, but found '-'); check quotes, colons and indentation.",
        f"{bank}:54: a short-answer question needs 'marking_points': a list of 2 to 5 points a marker looks for.",
        "WARNING: docs/questions/old/zeta.yml: no chapter docs/chapters/old/zeta.md for this bank; name the file after "
        "its chapter's file (a chapter in a subfolder of docs/chapters/: the same subfolder of docs/questions/).",
        # on_page_content, in reading order
        "WARNING: docs/chapters/alpha.md: the chapter has a 'Check your understanding' heading but no question bank; write docs/questions/alpha.yml (see CONTRIBUTING.md, 'Questions').",
        "WARNING: docs/chapters/beta.md: docs/questions/beta.yml has questions for this chapter but it has no '## Check your understanding' heading; add the heading where the questions go (after the Summary).",
        f"{bank}:8: unknown citation key 'freud1962'; every key needs an entry in docs/references.bib.",
        f"{bank}:24: unknown concept 'defence' — did you mean 'defense'?; concepts live in docs/concepts/.",
        f"{bank}:25: objective 4, but the chapter's learning objectives box has 3; give the number of the bullet the question serves.",
        f"{bank}:59: 'anxiety-signal' is not a heading of the chapter; give the id of the heading where the chapter teaches the answer (its text in lowercase with hyphens, e.g. 'anxiety-as-a-signal').",
        f"{bank}:54: give 2 to 5 marking points, not 0.",
        # on_env, over each whole chapter
        f"{bank}: 5 questions; a chapter's bank has at least 25.",
        f"{bank}:42: the id 'match-terms' is used 2 times in this file; each question needs its own.",
        f"{bank}: key terms of the chapter no question tests: defense; add a question whose 'concepts' names each.",
        # on_post_page: an author's heading with the id of the section the questions add
        "WARNING: docs/concepts/ambivalence.md: a heading of the page has the id 'concept--test-yourself', which the "
        "build gives the Test yourself questions it adds; rename the heading (or give it another id).",
    ]
    ambivalence = (tmp_path / "site" / "concepts" / "ambivalence.html").read_text(encoding="utf-8")
    assert re.findall(r'<li><a href="([^"]+)">', ambivalence[ambivalence.index('<ul class="concept-tests">') :])[
        :2
    ] == [
        "../chapters/zeta.html#q-match-terms",  # after the unknown concept 'defence', the others still get theirs
        "../chapters/beta.html#q-tf1",
    ]
    qti = zipfile.ZipFile(tmp_path / "site" / "downloads" / "questions" / "psychodynamic-theory-questions.qti21.zip")
    assert {info.date_time for info in qti.infolist()} == {(2027, 1, 15, 8, 0, 0)}  # 1800000000 in UTC
    assert not (tmp_path / "site" / "chapters" / "beta.html").read_text(encoding="utf-8").count('class="quiz"')
    assert quiz_ids((tmp_path / "site" / "chapters" / "zeta.html").read_text(encoding="utf-8")) == [
        "signal-anxiety-purpose",
        "defenses-many",
        "anxiety-true-false",
        "match-terms",
        "match-terms",  # the repeated id
    ]


def test_without_a_bank_the_book_has_no_answer_key_and_no_downloads(tmp_path: Path) -> None:
    files = {"index.md": "# Home\n", "chapters/alpha.md": ALPHA.replace("## Check your understanding\n", "")}
    result = build_small_site(tmp_path, {**files, "questions/notes.txt": "notes\n"})
    assert result.problems == [
        "WARNING: docs/questions/notes.txt: docs/questions/ holds one <chapter>.yml per chapter; rename or move this file."
    ]
    assert (
        sorted(p.name for p in (tmp_path / "site").iterdir() if p.name.startswith(("answer", "downloads", "questions")))
        == []
    )


def test_a_chapter_in_a_subfolder_has_its_bank_in_the_same_subfolder(tmp_path: Path) -> None:
    files = {
        **{name: text for name, text in FILES.items() if not name.startswith(("chapters/", "questions/"))},
        "chapters/part-one/zeta.md": ZETA,
        "questions/part-one/zeta.yml": ZETA_BANK,
        "chapters/part-one/alpha.md": ALPHA,  # a heading, no bank
    }
    result = build_small_site(
        tmp_path, files, nav=["index.md", "chapters/part-one/zeta.md", "chapters/part-one/alpha.md"]
    )
    assert result.problems == [
        "WARNING: docs/chapters/part-one/alpha.md: the chapter has a 'Check your understanding' heading but no "
        "question bank; write docs/questions/part-one/alpha.yml (see CONTRIBUTING.md, 'Questions').",
    ]
    site = tmp_path / "site"
    zeta = read(site, "chapters/part-one/zeta.html")
    assert re.findall(r'data-quiz="([\w-]+)"', zeta) == ["part-one--zeta"]
    assert re.findall(r'<h2 id="([^"]+)">', read(site, "answer-key.html")) == ["answers--part-one--zeta"]
    gift = (site / "downloads" / "questions" / "psychodynamic-theory-questions.gift.txt").read_text(encoding="utf-8")
    assert re.findall(r"^::([^:]+)::", gift, re.MULTILINE)[:2] == [
        "part-one--zeta/signal-anxiety-purpose",
        "part-one--zeta/defenses-many",
    ]
