"""The engine's Markdown extensions under plain Python-Markdown, with no MkDocs at all
(issue 23, item 7): what an engine that runs only Python-Markdown extensions (Zensical,
after Material for MkDocs) gets from `markdown_extensions` in mkdocs.yml.

A small book is written to tmp_path and rendered in a subprocess in which importing
`mkdocs` fails (`sys.modules["mkdocs"] = None`), by the extensions' names and options
only, as Python-Markdown loads any extension. The options and their messages are
checked in-process (common/standalone.py)."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import markdown
import pytest

from conceptbook.citations.cite import CitationExtension, Citer
from conceptbook.glossary.linker import ConceptExtension, Linker
from engine_support import make_glossary
from sitebuild import ROOT, collect_warnings, engine_env

LINKER = "conceptbook.glossary.linker"
CITE = "conceptbook.citations.cite"

BOOK = {
    "docs/concepts/transference.md": "---\nterm: Transference\nsummary: Old feelings & hopes carried into new relationships.\n---\n\nBody.\n",
    "docs/concepts/defense.md": "---\nterm: Defense\naliases: [defence]\nsummary: A way the mind keeps painful feelings out of awareness.\n---\n\nBody.\n",
    "docs/concepts/denial.md": "---\nterm: Denial\nlink: explicit\nsummary: Refusing to accept a painful fact.\n---\n\nBody.\n",
    "docs/references.bib": textwrap.dedent(
        """\
        @book{bowlby1969,
          author = {Bowlby, J.},
          title = {{Attachment and loss: Vol. 1. Attachment}},
          publisher = {Basic Books},
          year = {1969},
        }

        @article{shedler2010,
          author = {Shedler, J.},
          title = {{The efficacy of psychodynamic psychotherapy}},
          journal = {American Psychologist},
          volume = {65},
          number = {2},
          pages = {98--109},
          year = {2010},
          doi = {10.1037/a0018378},
        }
        """
    ),
    "docs/chapters/demo.md": "# Demo\n",  # the page the chapter below is converted as
}

CHAPTER = """\
# Demo

Transference shows early in therapy [@bowlby1969]. Transference again, and [[denial|refusing to see]].

## Findings

@shedler2010 found that defenses can be studied.
"""

SCRIPT = """
import sys

sys.modules["mkdocs"] = None  # from here on, importing mkdocs or any of its modules fails
import json
import logging

import markdown

messages = []


class Collect(logging.Handler):
    def emit(self, record):
        messages.append(f"{record.levelname}: {record.getMessage()}")


logging.getLogger("mkdocs").addHandler(Collect(logging.WARNING))
results = []
for run in json.loads(sys.argv[1]):
    messages.clear()
    md = markdown.Markdown(extensions=["toc", *run["configs"]], extension_configs=run["configs"])
    results.append({"html": [md.reset().convert(text) for text in run["texts"]], "messages": list(messages)})
loaded = sorted(name for name, module in sys.modules.items() if name.split(".")[0] == "mkdocs" and module)
print(json.dumps({"results": results, "mkdocs": loaded}))
"""


def write_book(root: Path) -> None:
    for name, text in BOOK.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def run_without_mkdocs(root: Path, runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each run: one Markdown instance with the two extensions and `configs`, converting `texts`."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(runs)],
        cwd=root,
        env=engine_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("plain-book")
    write_book(root)
    book = {"docs_dir": "docs", "page": "chapters/demo.md", "overrides_dir": str(ROOT / "overrides")}
    return run_without_mkdocs(
        root,
        [
            {"configs": {LINKER: book, CITE: book}, "texts": [CHAPTER]},
            {"configs": {LINKER: {}, CITE: {}}, "texts": [UNCONFIGURED, UNCONFIGURED]},
            {"configs": {LINKER: {"docs_dir": "docs"}, CITE: {"docs_dir": "docs"}}, "texts": [UNCONFIGURED]},
        ],
    )


def term(slug: str, text: str) -> str:
    tip = f"tip-concept-{slug}"
    return (
        f'<a aria-describedby="{tip}" class="concept-link" data-concept="{slug}" data-tip="{tip}" '
        f'href="../concepts/{slug}.md">{text}</a>'
    )


def citation(key: str) -> str:
    return f'aria-describedby="tip-ref-{key}" class="citation" data-tip="tip-ref-{key}" href="../bibliography.md#ref-{key}"'


BOWLBY = "Bowlby, J. (1969). <em>Attachment and loss: Vol. 1. Attachment</em>. Basic Books."
SHEDLER = (
    "Shedler, J. (2010). The efficacy of psychodynamic psychotherapy. <em>American Psychologist</em>, "
    '<em>65</em>(2), 98–109. <a href="https://doi.org/10.1037/a0018378">https://doi.org/10.1037/a0018378</a>'
)


CHAPTER_HTML = [
    '<h1 id="demo">Demo</h1>\n'
    f"<p>{term('transference', 'Transference')} shows early in therapy "
    f'<span class="citations">(<a {citation("bowlby1969")}>Bowlby, 1969</a>)</span>. '
    f"Transference again, and {term('denial', 'refusing to see')}.</p>\n"
    '<h2 id="findings">Findings</h2>\n'
    f'<p><span class="citations">Shedler (<a {citation("shedler2010")}>2010</a>)</span> found that '
    f"{term('defense', 'defenses')} can be studied.</p>\n"
    '<h2 id="references">References<a class="headerlink" href="#references" title="Link to this section">'
    "&para;</a></h2>\n"
    '<ul class="references">\n'
    f'  <li class="csl-entry">{BOWLBY}</li>\n'
    f'  <li class="csl-entry">{SHEDLER}</li>\n'
    "</ul>\n"
    f'<div class="tip-source" id="tip-ref-bowlby1969" hidden>{BOWLBY}</div>\n'
    f'<div class="tip-source" id="tip-ref-shedler2010" hidden>{SHEDLER}</div>\n'
    '<div class="tip-source" id="tip-concept-transference" hidden><p>Old feelings &amp; hopes carried into new '
    'relationships.</p><p class="tip-source__more"><a href="../concepts/transference.md">Read more: '
    "Transference</a></p></div>\n"
    '<div class="tip-source" id="tip-concept-denial" hidden><p>Refusing to accept a painful fact.</p>'
    '<p class="tip-source__more"><a href="../concepts/denial.md">Read more: Denial</a></p></div>\n'
    '<div class="tip-source" id="tip-concept-defense" hidden><p>A way the mind keeps painful feelings out of '
    'awareness.</p><p class="tip-source__more"><a href="../concepts/defense.md">Read more: Defense</a></p></div>'
]


def test_no_module_of_mkdocs_is_imported(plain: dict[str, Any]) -> None:
    assert plain["mkdocs"] == []


def test_a_chapter_gets_term_links_tips_and_citations_without_mkdocs(plain: dict[str, Any]) -> None:
    """First mentions linked (the second 'Transference' is not), an explicit reference,
    a plural; a parenthetical and a narrative citation as Pandoc's citeproc formats them
    in the build; then the References and the hidden tip sources the links point at."""
    run = plain["results"][0]
    assert run["messages"] == []
    assert run["html"] == CHAPTER_HTML


NO_DOCS_DIR = [
    "WARNING: conceptbook.citations.cite: no docs_dir option, so there is nothing to read (references.bib) and "
    "the page was left as written; set docs_dir to the book's docs folder and page to the page's path under it, "
    "e.g. extension_configs={'conceptbook.citations.cite': {'docs_dir': 'docs', 'page': 'chapters/attachment.md'}}.",
    "WARNING: conceptbook.glossary.linker: no docs_dir option, so there is nothing to read (concepts/) and the "
    "page was left as written; set docs_dir to the book's docs folder and page to the page's path under it, "
    "e.g. extension_configs={'conceptbook.glossary.linker': {'docs_dir': 'docs', 'page': 'chapters/attachment.md'}}.",
]
NO_PAGE = [
    f"WARNING: {name}: no page option, so the page was left as written; set page to the page's path under "
    f"docs_dir (e.g. chapters/attachment.md), for each page with the extension's setConfig('page', ...)."
    for name in ("conceptbook.citations.cite", "conceptbook.glossary.linker")  # in the order they meet the page
]
UNCONFIGURED = "[[transference]] and transference [@bowlby1969]."
UNCONFIGURED_HTML = "<p>[[transference]] and transference [@bowlby1969].</p>"


def test_without_options_each_extension_warns_once_and_leaves_the_text(plain: dict[str, Any]) -> None:
    run = plain["results"][1]
    assert run["html"] == [UNCONFIGURED_HTML] * 2
    assert run["messages"] == NO_DOCS_DIR


def test_without_a_page_each_extension_warns_once_and_leaves_the_text(plain: dict[str, Any]) -> None:
    run = plain["results"][2]
    assert run["html"] == [UNCONFIGURED_HTML]
    assert run["messages"] == NO_PAGE  # citations first: they are inline patterns


# -- the options, in-process ------------------------------------------------------------


def convert(configs: dict[str, dict[str, Any]], *texts: str) -> tuple[list[str], list[str]]:
    """Each text through one Markdown instance with the extensions of `configs`; HTML and messages."""
    with collect_warnings() as messages:
        md = markdown.Markdown(extensions=["toc", *configs], extension_configs=configs)
        html = [md.reset().convert(text) for text in texts]
    return html, messages


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_book(tmp_path)
    monkeypatch.chdir(tmp_path)  # docs_dir "docs" is read from the folder Python runs in
    return tmp_path


TEXT = "Transference [@bowlby1969]."
UNCHANGED = "<p>Transference [@bowlby1969].</p>"
OVERRIDES = str(ROOT / "overrides")


# The three runs of the `plain` fixture again, in this process, where a mutation run can
# judge them (it leaves out the subprocess): the same HTML and messages.


def test_in_process_a_chapter_gets_term_links_tips_and_citations(book: Path) -> None:
    options = {"docs_dir": "docs", "page": "chapters/demo.md", "overrides_dir": OVERRIDES}
    assert convert({LINKER: options, CITE: options}, CHAPTER) == (CHAPTER_HTML, [])


def test_in_process_without_options_each_extension_warns_once(book: Path) -> None:
    assert convert({LINKER: {}, CITE: {}}, UNCONFIGURED, UNCONFIGURED) == ([UNCONFIGURED_HTML] * 2, NO_DOCS_DIR)


def test_in_process_without_a_page_each_extension_warns_once(book: Path) -> None:
    configs = {LINKER: {"docs_dir": "docs"}, CITE: {"docs_dir": "docs"}}
    assert convert(configs, UNCONFIGURED, UNCONFIGURED) == ([UNCONFIGURED_HTML] * 2, NO_PAGE)


@pytest.mark.parametrize(
    ("page", "what"),
    [
        pytest.param("../outside.md", "is not a path under docs_dir", id="outside docs_dir"),
        pytest.param("/abs/chapters/demo.md", "is not a path under docs_dir", id="absolute"),
        pytest.param("chapters/demo.txt", "is not a Markdown file (.md)", id="not markdown"),
        pytest.param(
            "docs/chapters/demo.md",
            "names no file: docs/docs/chapters/demo.md does not exist",
            id="from the wrong folder",
        ),
    ],
)
def test_a_bad_page_option_is_one_error_naming_the_fix_and_the_text_is_left(book: Path, page: str, what: str) -> None:
    html, messages = convert({LINKER: {"docs_dir": "docs", "page": page}}, TEXT, TEXT)
    assert html == [UNCHANGED, UNCHANGED]
    assert messages == [
        f"ERROR: conceptbook.glossary.linker: the option page is '{page}', which {what}, so the page was left as "
        f"written; set it to the page's path under docs_dir (docs), e.g. chapters/attachment.md."
    ]


def test_a_docs_dir_that_is_not_a_folder_is_one_error(book: Path) -> None:
    html, messages = convert({CITE: {"docs_dir": "doc", "page": "chapters/demo.md"}}, TEXT, TEXT)
    assert html == [UNCHANGED, UNCHANGED]
    assert messages == [
        "ERROR: conceptbook.citations.cite: the option docs_dir is 'doc', which is not a folder, so pages are left "
        "as written; set it to the book's docs folder (the one that holds references.bib), absolute or relative to "
        "the folder Python runs in."
    ]


def test_a_bibliography_that_is_not_a_file_is_one_error(book: Path) -> None:
    options = {"docs_dir": "docs", "page": "chapters/demo.md", "bibliography": "docs/refs.bib"}
    html, messages = convert({CITE: options}, TEXT, TEXT)
    assert html == [UNCHANGED, UNCHANGED]
    assert messages == [
        "ERROR: conceptbook.citations.cite: the option bibliography is 'docs/refs.bib', which is not a file, so "
        "citations are left as written; set it to the book's .bib file, or leave it out to use docs/references.bib."
    ]


def test_templates_that_are_not_there_are_one_error_and_the_links_stay(book: Path) -> None:
    options = {"docs_dir": "docs", "page": "chapters/demo.md"}  # no overrides/ beside docs/ here
    html, messages = convert({LINKER: options}, "Transference.", "Transference.")
    assert html == [f"<p>{term('transference', 'Transference')}.</p>"] * 2
    assert messages == [
        "ERROR: conceptbook.glossary.linker: docs_dir has no overrides/ beside it (overrides), "
        "and overrides/glossary is not a folder of templates, so the late parts were left out; "
        "set overrides_dir to the theme's custom_dir (the book's overrides/), or late_parts to false."
    ]


def test_an_unknown_option_is_a_warning_with_the_nearest_one(book: Path) -> None:
    html, messages = convert({LINKER: {"docsdir": "docs", "page": "chapters/demo.md"}}, TEXT)
    assert html == [UNCHANGED]
    assert messages == [
        "WARNING: conceptbook.glossary.linker: unknown option 'docsdir' — did you mean 'docs_dir'? The options are "
        "docs_dir, page, overrides_dir, late_parts; it was ignored.",
        "WARNING: conceptbook.glossary.linker: no docs_dir option, so there is nothing to read (concepts/) and the "
        "page was left as written; set docs_dir to the book's docs folder and page to the page's path under it, "
        "e.g. extension_configs={'conceptbook.glossary.linker': {'docs_dir': 'docs', 'page': 'chapters/attachment.md'}}.",
    ]


def test_one_instance_reads_the_concepts_once_and_takes_each_page_from_set_config(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The documented way to convert several pages with one Markdown instance."""
    from conceptbook.glossary import linker

    reads: list[Path] = []
    monkeypatch.setattr(linker, "read_glossary", _counting(linker.read_glossary, reads))
    md = markdown.Markdown(extensions=[LINKER], extension_configs={LINKER: {"docs_dir": "docs", "late_parts": False}})
    extension = next(e for e in md.registeredExtensions if isinstance(e, ConceptExtension))
    html = []
    with collect_warnings() as messages:
        for page in ("chapters/demo.md", "concepts/transference.md", "index.md"):
            if not (book / "docs" / page).exists():
                (book / "docs" / page).write_text("# Home\n", encoding="utf-8")
            extension.setConfig("page", page)
            html.append(md.reset().convert("Transference and [[transference]]."))
    assert messages == []
    assert reads == [Path("docs")]
    assert html == [
        f"<p>{term('transference', 'Transference')} and {term('transference', 'transference')}.</p>",
        "<p>Transference and transference.</p>",  # a concept's own page never links to itself
        # Not a chapter: first mentions are not linked, a reference is.
        '<p>Transference and <a aria-describedby="tip-concept-transference" class="concept-link" '
        'data-concept="transference" data-tip="tip-concept-transference" href="concepts/transference.md">'
        "transference</a>.</p>",
    ]


def _counting(read: Any, reads: list[Path]) -> Any:
    def counted(docs_dir: Path) -> Any:
        reads.append(docs_dir)
        return read(docs_dir)

    return counted


def test_pandoc_failing_on_its_own_is_one_error_and_the_citations_stay(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conceptbook.citations import formatter

    failing = book / "pandoc"
    failing.write_text("#!/bin/sh\necho 'pandoc: out of memory' >&2\nexit 1\n")
    failing.chmod(0o755)
    monkeypatch.setattr(formatter, "pandoc_path", lambda: str(failing))
    monkeypatch.setattr(formatter, "_cache", {})
    html, messages = convert({CITE: {"docs_dir": "docs", "page": "chapters/demo.md"}}, TEXT, TEXT)
    assert html == [UNCHANGED, UNCHANGED]
    assert messages == [
        "ERROR: conceptbook.citations.cite: docs/references.bib: Pandoc could not format the bibliography: pandoc: "
        "out of memory; fix the entry it names, or reinstall Pandoc with pip install -r requirements.txt if it "
        "names none."
    ]


def test_a_figure_reference_is_left_to_the_numbering_with_a_warning(book: Path) -> None:
    """`@fig-name` is the numbering hook's; on its own the citation extension must not read it as a citation."""
    options = {"docs_dir": "docs", "page": "chapters/demo.md", "late_parts": False}
    html, messages = convert({CITE: options}, "As @fig-levels shows, and @fig-levels again.")
    assert html == ["<p>As @fig-levels shows, and @fig-levels again.</p>"]
    assert messages == [
        "WARNING: docs/chapters/demo.md:1: '@fig-levels' is a figure reference, which the book's numbering (a MkDocs "
        "hook) writes as a link such as 'Figure 7.1'; it does not run here, so the reference is left as written. "
        "Number figures in a step before the Markdown (ARCHITECTURE.md, 'After Material for MkDocs'), or build with "
        "MkDocs."
    ]


def test_hosted_with_no_page_set_each_extension_warns_once() -> None:
    """Under the hooks the host sets the page; converting with none set is named, not silent."""
    md = markdown.Markdown(extensions=[ConceptExtension(Linker(make_glossary())), CitationExtension(Citer())])
    with collect_warnings() as messages:
        html = [md.reset().convert(TEXT) for _ in range(2)]
    assert html == [UNCHANGED, UNCHANGED]
    assert messages == [
        f"WARNING: {name}: a page was converted while its host had set no page, so the page was left as written; "
        "the host sets the page before each page's Markdown (the MkDocs hooks do in on_page_markdown), or run the "
        "extension on its own with the docs_dir and page options."
        for name in (CITE, LINKER)
    ]


def test_the_extensions_log_under_mkdocs() -> None:
    """So that `mkdocs build --strict` (and an engine reading the same loggers) fails on them."""
    assert ConceptExtension.log.name.startswith("mkdocs.") and CitationExtension.log.name.startswith("mkdocs.")
    assert logging.getLogger(ConceptExtension.log.name) is ConceptExtension.log


# -- each option's checks at their edges (common/standalone.py) ------------------------------


def extension_of(md: markdown.Markdown, kind: type) -> Any:
    return next(e for e in md.registeredExtensions if isinstance(e, kind))


def test_the_options_and_their_help_are_the_same_for_both_extensions() -> None:
    shared = [
        ("docs_dir", "The book's docs folder (it holds {})."),
        ("page", "The page being converted, as its path under docs_dir: chapters/attachment.md."),
        ("overrides_dir", "The theme's custom_dir with the templates (default: overrides/ beside docs_dir)."),
        ("late_parts", "Add what the hooks add after search indexing (on when not hosted)."),
    ]
    md = markdown.Markdown(extensions=[LINKER, CITE])
    linker_info = extension_of(md, ConceptExtension).getConfigInfo()
    cite_info = extension_of(md, CitationExtension).getConfigInfo()
    assert linker_info == [(name, text.format("concepts/")) for name, text in shared]
    assert cite_info[:4] == [(name, text.format("references.bib")) for name, text in shared]
    assert [name for name, _text in cite_info[4:]] == ["bibliography"]


def test_each_bad_value_of_an_option_is_reported_once_on_its_own(book: Path) -> None:
    """One Markdown instance, the option set to a second bad value: a second error, not silence."""
    md = markdown.Markdown(extensions=[LINKER], extension_configs={LINKER: {"docs_dir": "doc1", "page": "x.md"}})
    extension = extension_of(md, ConceptExtension)
    with collect_warnings() as messages:
        for name, value in [
            ("docs_dir", "doc2"),
            ("docs_dir", "docs"),
            ("page", "chapters/two.md"),
            ("page", "chapters/demo.md"),
        ]:
            md.reset().convert(TEXT)
            md.reset().convert(TEXT)
            extension.setConfig(name, value)
        md.reset().convert(TEXT)
        extension.setConfig("overrides_dir", "theme1")
        md.reset().convert(TEXT)
        extension.setConfig("overrides_dir", "theme2")
        md.reset().convert(TEXT)
        extension.setConfig("colour", "red")
        extension.setConfig("colour", "blue")
        extension.setConfig("size", "10")
    fix = "set it to the page's path under docs_dir (docs), e.g. chapters/attachment.md."
    templates = "is not a folder of templates, so the late parts were left out; set overrides_dir to the theme's "
    templates += "custom_dir (the book's overrides/), or late_parts to false."
    assert messages == [
        *(
            f"ERROR: {LINKER}: the option docs_dir is '{name}', which is not a folder, so pages are left as written; "
            "set it to the book's docs folder (the one that holds concepts/), absolute or relative to the folder "
            "Python runs in."
            for name in ("doc1", "doc2")
        ),
        f"ERROR: {LINKER}: the option page is 'x.md', which names no file: docs/x.md does not exist, so the page "
        f"was left as written; {fix}",
        f"ERROR: {LINKER}: the option page is 'chapters/two.md', which names no file: docs/chapters/two.md does not "
        f"exist, so the page was left as written; {fix}",
        f"ERROR: {LINKER}: docs_dir has no overrides/ beside it (overrides), and overrides/glossary {templates}",
        f"ERROR: {LINKER}: the option overrides_dir is 'theme1', and theme1/glossary {templates}",
        f"ERROR: {LINKER}: the option overrides_dir is 'theme2', and theme2/glossary {templates}",
        f"WARNING: {LINKER}: unknown option 'colour' — The options are docs_dir, page, overrides_dir, late_parts; "
        "it was ignored.",
        f"WARNING: {LINKER}: unknown option 'size' — The options are docs_dir, page, overrides_dir, late_parts; "
        "it was ignored.",
    ]


@pytest.mark.parametrize(
    ("page", "what"),
    [
        pytest.param("\\abs\\chapters\\demo.md", "is not a path under docs_dir", id="windows absolute"),
        pytest.param("../docs/chapters/demo.md", "is not a path under docs_dir", id="outside, to a file that is there"),
    ],
)
def test_a_page_outside_docs_dir_is_refused_even_when_the_file_is_there(book: Path, page: str, what: str) -> None:
    html, messages = convert({LINKER: {"docs_dir": "docs", "page": page, "late_parts": False}}, TEXT)
    assert html == [UNCHANGED]
    assert messages == [
        f"ERROR: conceptbook.glossary.linker: the option page is '{page}', which {what}, so the page was left as "
        f"written; set it to the page's path under docs_dir (docs), e.g. chapters/attachment.md."
    ]


def test_a_page_written_with_backslashes_is_the_same_page(book: Path) -> None:
    html, messages = convert({LINKER: {"docs_dir": "docs", "page": "chapters\\demo.md", "late_parts": False}}, TEXT)
    assert (html, messages) == ([f"<p>{term('transference', 'Transference')} [@bowlby1969].</p>"], [])


def test_a_warning_of_the_linker_on_its_own_names_the_page_under_its_docs_folder_and_line(book: Path) -> None:
    """No tip on the page: no template is looked for either (there is no overrides/ here)."""
    html, messages = convert(
        {LINKER: {"docs_dir": "docs", "page": "chapters/demo.md"}}, "First.\n\nSee [[transferense]]."
    )
    assert html == ["<p>First.</p>\n<p>See transferense.</p>"]
    assert messages == [
        "WARNING: docs/chapters/demo.md:3: unknown concept 'transferense' in '[[transferense]]' — did you mean "
        "'transference'? Concepts live in docs/concepts/<slug>.md."
    ]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        pytest.param(
            "chapters/denial.md", f"<p>See {term('denial', 'denial')}.</p>", id="a chapter named as a concept"
        ),
        pytest.param("concepts/denial.md", "<p>See denial.</p>", id="the concept's own page"),
    ],
)
def test_only_a_concepts_own_page_leaves_its_reference_unlinked(book: Path, page: str, expected: str) -> None:
    if not (book / "docs" / page).exists():  # the concept's own file is there
        (book / "docs" / page).write_text("# Denial\n", encoding="utf-8")
    options = {"docs_dir": "docs", "page": page, "late_parts": False}
    assert convert({LINKER: options}, "See [[denial]].") == ([expected], [])


def test_one_instance_renders_each_pages_tips_with_the_templates_it_names(book: Path) -> None:
    other = book / "other-overrides"
    shutil.copytree(ROOT / "overrides" / "glossary", other / "glossary")
    (other / "glossary" / "tip-source.html").write_text(
        '<div id="tip-concept-{{ concept.slug }}">{{ concept.term }} (other)</div>', encoding="utf-8"
    )
    options = {"docs_dir": "docs", "page": "chapters/demo.md", "overrides_dir": str(ROOT / "overrides")}
    md = markdown.Markdown(extensions=[LINKER], extension_configs={LINKER: options})
    extension = next(e for e in md.registeredExtensions if isinstance(e, ConceptExtension))
    html = [md.reset().convert("Transference.")]
    extension.setConfig("overrides_dir", str(other))
    html.append(md.reset().convert("Transference."))
    extension.setConfig("overrides_dir", str(ROOT / "overrides"))
    html.append(md.reset().convert("Transference."))
    book_tip = (
        '<div class="tip-source" id="tip-concept-transference" hidden><p>Old feelings &amp; hopes carried into new '
        'relationships.</p><p class="tip-source__more"><a href="../concepts/transference.md">Read more: '
        "Transference</a></p></div>"
    )
    linked = f"<p>{term('transference', 'Transference')}.</p>\n"
    assert html == [
        linked + book_tip,
        linked + '<div id="tip-concept-transference">Transference (other)</div>',
        linked + book_tip,
    ]


# -- the citation extension reading a book on its own: what the build's hooks do for it ------

CITE_PAGE = {"docs_dir": "docs", "page": "chapters/demo.md", "late_parts": False}


def test_a_bibliography_given_by_option_is_read_from_there(book: Path) -> None:
    (book / "refs").mkdir()
    (book / "docs" / "references.bib").rename(book / "refs" / "book.bib")
    html, messages = convert({CITE: {**CITE_PAGE, "bibliography": "refs/book.bib"}}, TEXT)
    assert messages == []
    assert html == [
        f'<p>Transference <span class="citations">(<a {citation("bowlby1969")}>Bowlby, 1969</a>)</span>.</p>'
    ]


def test_each_bibliography_option_that_names_no_file_is_one_error(book: Path) -> None:
    md = markdown.Markdown(extensions=[CITE], extension_configs={CITE: CITE_PAGE})
    extension = extension_of(md, CitationExtension)
    with collect_warnings() as messages:
        for value in ("a.bib", "b.bib", "a.bib"):
            extension.setConfig("bibliography", value)
            assert md.reset().convert(TEXT) == UNCHANGED
    assert [m.split("'")[1] for m in messages] == ["a.bib", "b.bib"]


def test_one_instance_reads_the_bibliography_once(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conceptbook.citations import cite

    loads: list[str] = []
    real_load = cite.load
    monkeypatch.setattr(cite, "load", lambda label, text: loads.append(label) or real_load(label, text))
    html, messages = convert({CITE: CITE_PAGE}, TEXT, TEXT, TEXT)
    assert messages == [] and len(set(html)) == 1 and "Bowlby, 1969" in html[0]
    assert loads == ["docs/references.bib"]


@pytest.mark.parametrize(
    ("bib", "message"),
    [
        pytest.param(
            b"@book{bowlby1969,\n  author = {Bowlby, J.},\n  title = {Attachment},\n  year = {1969},\n}\n",
            "WARNING: docs/references.bib:1: entry 'bowlby1969' (@book) has no 'publisher' field",
            id="an entry's problem",
        ),
        pytest.param(
            "@book{bowlby1969,\n  author = {Bowlby, J. \xe9},\n}\n".encode("latin-1"),
            "ERROR: docs/references.bib:",
            id="a file that is not UTF-8",
        ),
    ],
)
def test_the_bibliography_s_problems_are_named_by_its_path_from_the_book(
    book: Path, monkeypatch: pytest.MonkeyPatch, bib: bytes, message: str
) -> None:
    """As in the build: docs/references.bib, from the folder that holds docs/, wherever Python runs."""
    (book / "docs" / "references.bib").write_bytes(bib)
    elsewhere = book / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    _html, messages = convert({CITE: {**CITE_PAGE, "docs_dir": str(book / "docs")}}, TEXT)
    assert messages and messages[0].startswith(message), messages


def test_works_of_one_author_and_year_are_told_apart_on_a_page_that_cites_one(book: Path) -> None:
    """Two works by one author in one year are 2010a and 2010b in the whole book (APA orders them
    by title, and every entry is formatted), even on a page that cites only one of them; the
    other pages, one of them with bytes that are not UTF-8, are read without an error."""
    bib = book / "docs" / "references.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8")
        + "\n@book{shedler2010b,\n  author = {Shedler, J.},\n  title = {{A second book}},\n"
        "  publisher = {Basic Books},\n  year = {2010},\n}\n",
        encoding="utf-8",
    )
    (book / "docs" / "chapters" / "other.md").write_text("Also [@shedler2010b].\n", encoding="utf-8")
    (book / "docs" / "chapters" / "latin.md").write_bytes("Caf\xe9, [@bowlby1969].\n".encode("latin-1"))
    html, messages = convert({CITE: CITE_PAGE}, "Found [@shedler2010].")
    assert messages == []
    assert html == [f'<p>Found <span class="citations">(<a {citation("shedler2010")}>Shedler, 2010b</a>)</span>.</p>']


def test_every_page_formats_the_whole_book_s_citations_so_one_pandoc_run_serves_them_all(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pandoc's result is kept by the hash of its input: each page hands it the citations of every
    page under docs/ (Markdown files only) with its own, so the pages of one book ask for the same
    run and Pandoc runs once."""
    from conceptbook.citations import cite

    other = "Also [@shedler2010, p. 3]."
    (book / "docs" / "chapters" / "demo.md").write_text(TEXT, encoding="utf-8")
    (book / "docs" / "chapters" / "other.md").write_text(other, encoding="utf-8")
    (book / "docs" / "chapters" / "notes.txt").write_text("Not a page [@bowlby1969, p. 9].", encoding="utf-8")
    handed: list[list[str]] = []
    real = cite.format_book

    def counting(entries: Any, families: Any, citations: dict[str, list[str]]) -> Any:
        handed.append(sorted(citations))
        return real(entries, families, citations)

    monkeypatch.setattr(cite, "format_book", counting)
    html, messages = convert({CITE: CITE_PAGE}, TEXT, other)
    assert messages == [] and "Bowlby, 1969" in html[0] and "Shedler, 2010, p. 3" in html[1]
    assert handed == [["[@bowlby1969]", "[@shedler2010, p. 3]"]] * 2


def test_the_references_come_from_the_overrides_beside_docs_and_are_left_out_without_them(book: Path) -> None:
    options = {"docs_dir": "docs", "page": "chapters/demo.md"}
    html, messages = convert({CITE: options}, TEXT)
    assert html == [
        f'<p>Transference <span class="citations">(<a {citation("bowlby1969")}>Bowlby, 1969</a>)</span>.</p>'
    ]
    assert len(messages) == 1 and "overrides" in messages[0]
    shutil.copytree(ROOT / "overrides", book / "overrides")
    html, messages = convert({CITE: options}, TEXT)
    assert messages == []
    assert f'<div class="tip-source" id="tip-ref-bowlby1969" hidden>{BOWLBY}</div>' in html[0]


def test_each_citation_with_a_link_in_its_prefix_warns_and_the_link_becomes_text(book: Path) -> None:
    text = "[cf. <https://example.org/x> @shedler2010] and [see <https://example.org/y> @bowlby1969]."
    html, messages = convert({CITE: CITE_PAGE}, text)
    assert html == [
        f'<p><span class="citations">(cf. <span>https://example.org/x</span> <a {citation("shedler2010")}>Shedler, '
        f'2010</a>)</span> and <span class="citations">(see <span>https://example.org/y</span> '
        f"<a {citation('bowlby1969')}>Bowlby, 1969</a>)</span>.</p>"
    ]
    assert [m.split(" holds a link ")[1].split(" ")[0] for m in messages] == [
        "(https://example.org/x)",
        "(https://example.org/y)",
    ]


def test_a_citation_s_formatted_text_is_final_so_markup_in_it_stays_text(book: Path) -> None:
    """What Pandoc made of a prefix or locator is not read as Markdown or HTML again: a tag
    typed there stays text, before the cited work and after it."""
    html, messages = convert({CITE: CITE_PAGE}, "[see <b> @bowlby1969, p. 2&3 <i>] and @shedler2010 [p. 5 <u>].")
    assert messages == []
    assert html == [
        f'<p><span class="citations">(see &lt;b&gt; <a {citation("bowlby1969")}>Bowlby, 1969, p. 2</a>&amp;3 '
        f'&lt;i&gt;)</span> and <span class="citations">Shedler (<a {citation("shedler2010")}>2010, p. 5</a> '
        "&lt;u&gt;)</span>.</p>"
    ]


def test_each_malformed_citation_on_a_page_is_named(book: Path) -> None:
    html, messages = convert({CITE: CITE_PAGE}, "[see; @bowlby1969] and [@shedler2010,] and [see; @bowlby1969].")
    assert html == ["<p>[see; @bowlby1969] and [@shedler2010,] and [see; @bowlby1969].</p>"]
    assert [m.split("malformed citation ")[1].split(":")[0] for m in messages] == [
        "'[see; @bowlby1969]'",
        "'[@shedler2010,]'",
    ]


def test_each_citation_inside_a_raw_html_link_is_left_as_written_with_a_warning(book: Path) -> None:
    """Python-Markdown has set the raw tags aside before citations are read: the extension
    looks them up, for the bracketed form and the narrative one."""
    text = 'A <a href="x"><b>see</b> [@bowlby1969]</a> and <a href="y">by @shedler2010</a>.'
    html, messages = convert({CITE: CITE_PAGE}, text)
    assert html == [f"<p>{text}</p>"]
    assert [m.split("the citation ")[1].split(" is inside")[0] for m in messages] == [
        "'[@bowlby1969]'",
        "'@shedler2010'",
    ]


def test_each_unknown_or_refused_key_is_named_once_with_its_citation(book: Path) -> None:
    bib = book / "docs" / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + '\n@book{bad2000,\n  author = "A,\n  year = {2000},\n}\n')
    text = "[@bad2000; @nokey1999] and [@bowlbi1969], [@nokey1999]."
    html, messages = convert({CITE: CITE_PAGE}, text)
    assert html == [f"<p>{text}</p>"]
    assert messages == [
        "ERROR: docs/references.bib:19: entry 'bad2000' cannot be read (a brace or quote in it is never closed); "
        "check its braces, quotes and the commas between fields.",
        "WARNING: docs/chapters/demo.md:1: the entry 'bad2000' cited in '[@bad2000; @nokey1999]' is left out of "
        "docs/references.bib because of the error reported for it there; fix that entry.",
        "WARNING: docs/chapters/demo.md:1: unknown citation key 'nokey1999' in '[@bad2000; @nokey1999]' — Every key "
        "needs an entry in docs/references.bib.",
        "WARNING: docs/chapters/demo.md:1: unknown citation key 'bowlbi1969' in '[@bowlbi1969]' — did you mean "
        "'bowlby1969'? Every key needs an entry in docs/references.bib.",
    ]


def test_citations_in_a_book_without_a_bibliography_are_one_warning_with_the_first_line(book: Path) -> None:
    (book / "docs" / "references.bib").unlink()
    text = "Text\n\n[@bowlby1969] and [@shedler2010]."
    html, messages = convert({CITE: CITE_PAGE}, text)
    assert html == ["<p>Text</p>\n<p>[@bowlby1969] and [@shedler2010].</p>"]
    assert messages == [
        "WARNING: docs/chapters/demo.md:3: citation '[@bowlby1969]' but the book has no docs/references.bib; "
        "create it with a BibTeX entry for each work you cite."
    ]
