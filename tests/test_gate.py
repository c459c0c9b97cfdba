"""common/gate.py: an inline pattern stands down on a page whose text cannot contain it,
and only there — text pasted in by pymdownx.snippets and Markdown inside raw HTML blocks
(md_in_html) still reach it. The engine's and the citations' patterns are gated."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest
from markdown import Extension
from markdown.inlinepatterns import InlineProcessor

from conceptbook.citations.cite import CitationExtension, Citer
from conceptbook.common.gate import gate
from engine_support import render


class _Double(InlineProcessor):
    def handleMatch(self, m, data):  # type: ignore[override]
        element = etree.Element("b")
        element.text = m.group(1)
        return element, m.start(0), m.end(0)


class _Extension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        gate(md, _Double(r"\[\[(\w+)\]\]"), "double", 175, "[[")


def _convert(text: str, tmp_path: Path) -> tuple[str, markdown.Markdown]:
    md = markdown.Markdown(
        extensions=["md_in_html", "pymdownx.superfences", "pymdownx.snippets", _Extension()],
        extension_configs={"pymdownx.snippets": {"base_path": [str(tmp_path)], "check_paths": True}},
    )
    return md.convert(text), md


def test_a_page_without_the_characters_loses_the_pattern(tmp_path: Path) -> None:
    html, md = _convert("Plain [text] with [one] bracket.", tmp_path)
    assert html == "<p>Plain [text] with [one] bracket.</p>"
    assert "double" not in md.inlinePatterns


@pytest.mark.parametrize(
    ("text", "snippet"),
    [
        pytest.param("See [[here]].", "", id="in the page"),
        pytest.param('--8<-- "part.md"', "See [[here]].", id="only in an included snippet"),
        pytest.param('<div markdown="1">\nSee [[here]].\n</div>', "", id="only inside a raw HTML block"),
    ],
)
def test_the_pattern_runs_wherever_its_characters_are(tmp_path: Path, text: str, snippet: str) -> None:
    (tmp_path / "part.md").write_text(snippet, encoding="utf-8")
    html, md = _convert(text, tmp_path)
    assert "<b>here</b>" in html
    assert "double" in md.inlinePatterns


def test_the_engines_reference_pattern_is_gated_and_still_links_inside_raw_html_blocks() -> None:
    html, _ = render('# C\n\n<div markdown="1">\n\nSee [[transference]].\n\n</div>\n')
    assert 'data-concept="transference"' in html
    md = markdown.Markdown(extensions=["md_in_html", CitationExtension(Citer())])
    md.convert("No citations here.")
    assert "citation" not in md.inlinePatterns


def test_both_gates_of_the_book_stand_side_by_side() -> None:
    """Each gate is registered under its own name: neither replaces the other."""
    from conceptbook.glossary.linker import ConceptExtension, Linker
    from engine_support import make_glossary

    md = markdown.Markdown(extensions=[ConceptExtension(Linker(make_glossary())), CitationExtension(Citer())])
    assert {"concept_reference_gate", "citation_gate"} <= set(md.preprocessors._data)
    md.convert("Neither here.")
    assert "concept_reference" not in md.inlinePatterns and "citation" not in md.inlinePatterns
    md.reset().convert("Both here: [[x]] and @y.")  # back, each at its place among the patterns
    order = ["backtick", "escape", "citation", "concept_reference", "reference"]  # 190, 180, 176, 175, 170
    assert sorted(order, key=md.inlinePatterns.get_index_for_name) == order


def test_one_markdown_instance_gets_the_pattern_back_on_the_next_page_that_needs_it(tmp_path: Path) -> None:
    """Plain Python-Markdown converts page after page with one instance (md.reset()): a page
    without "[[" must not take the pattern away from the pages after it."""
    md = markdown.Markdown(extensions=[_Extension()])
    before = (md.inlinePatterns.get_index_for_name("double"), len(md.inlinePatterns))
    pages = ["Plain.", "Plain.", "See [[here]].", "Plain again.", "And [[there]]."]  # twice: already gone
    assert [md.reset().convert(page) for page in pages] == [
        "<p>Plain.</p>",
        "<p>Plain.</p>",
        "<p>See <b>here</b>.</p>",
        "<p>Plain again.</p>",
        "<p>And <b>there</b>.</p>",
    ]
    assert (md.inlinePatterns.get_index_for_name("double"), len(md.inlinePatterns)) == before  # its place, once
