"""The engine reads front matter with libyaml's parser, keeping its own strict checks.

The strict checks (tags, anchors, duplicate keys, impossible dates) once refused every
plain date under libyaml, whose parser gives a plain scalar the style "" where the
pure-Python parser gives None; every chapter then fell back to the pure-Python parser,
forty times slower. The fallback still gives the same errors; this proves the fast path
takes ordinary front matter."""

from __future__ import annotations

import pytest
import yaml

from conceptbook.glossary import frontmatter

CHAPTER = (
    'title: "Attachment"\ndescription: How early bonds shape what we expect.\n'
    "authors: [Ada Lovelace, 'Second Author']\nlast_reviewed: 2026-11-22\nsearch:\n  boost: 2\n"
)


@pytest.mark.skipif(frontmatter._FAST_LOADER is None, reason="PyYAML was built without libyaml")
def test_ordinary_front_matter_loads_on_the_libyaml_path() -> None:
    data = yaml.load(CHAPTER, Loader=frontmatter._FAST_LOADER)
    assert str(data["last_reviewed"]) == "2026-11-22"
    assert data["authors"] == ["Ada Lovelace", "Second Author"]


@pytest.mark.skipif(frontmatter._FAST_LOADER is None, reason="PyYAML was built without libyaml")
@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("d: !!str 2026-01-01\n", "it uses the YAML tag '!!str'"),
        ("x: &a [1]\ny: *a\n", "it uses a YAML anchor and alias"),
        ("k: 1\nk: 2\n", "the key 'k' appears twice"),
        ("last_reviewed: 2026-02-30\n", "'2026-02-30' is not a real date"),
    ],
)
def test_the_libyaml_path_keeps_the_strict_checks(text: str, problem: str) -> None:
    with pytest.raises(yaml.YAMLError, match=problem.replace("(", r"\(").replace("*", r"\*")):
        yaml.load(text, Loader=frontmatter._FAST_LOADER)


def test_the_html_check_reads_every_srcset_candidate_and_entity_encoded_schemes() -> None:
    from conceptbook.safety.html import _faults

    def schemes(html: str) -> list[str]:
        return [message.split("'")[1] for _, message in _faults(html)]

    assert schemes('<img srcset="a.png 1x, javascript:x 2x" alt="">') == ["javascript:x"]
    assert schemes('<a href="&#106;avascript:alert(1)">x</a>') == ["javascript:alert(1)"]
    assert schemes('<a href="#fn:1">1</a><a href="https://example.org/">x</a>') == []


@pytest.mark.skipif(frontmatter._FAST_LOADER is None, reason="PyYAML was built without libyaml")
def test_the_loader_for_other_yaml_files_is_libyaml_unless_asked_for_the_pure_python_one() -> None:
    """The question banks read with `strict_yaml_loader`: libyaml by default, the pure-Python
    parser (whose messages authors know) when asked; both read the text they are given."""
    fast = frontmatter.strict_yaml_loader("items:\n  - a: 1\n")
    slow = frontmatter.strict_yaml_loader("items:\n  - a: 1\n", fast=False)
    assert isinstance(fast, yaml.CSafeLoader) and not isinstance(slow, yaml.CSafeLoader)
    assert isinstance(slow, frontmatter._SafeLoader)
    for loader in (fast, slow):
        node = loader.get_single_node()
        assert node.value[0][0].start_mark.line == 0
        assert loader.construct_document(node) == {"items": [{"a": 1}]}
        loader.dispose()
    with pytest.raises(yaml.YAMLError, match="the key 'k' appears twice"):
        frontmatter.strict_yaml_loader("k: 1\nk: 2\n", fast=False).get_single_data()


def test_a_front_matter_error_reads_as_its_message() -> None:
    error = frontmatter.FrontMatterError(4, "the key 'k' appears twice")
    assert (str(error), error.line, error.message) == ("the key 'k' appears twice", 4, "the key 'k' appears twice")


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("---\ntitle: A\nstatus: x\n---\n", 3),
        ("---\n\ntitle: A\n\nstatus: x\n---\n", 5),  # blank lines in the front matter count too
        ("---\nstatus: x\n---\n", 2),
    ],
)
def test_a_key_is_found_on_its_line_of_the_file(source: str, line: int) -> None:
    front = frontmatter.parse(source)
    assert front.line_of_key("status") == line and front.line_of_key("missing") is None


def test_a_key_that_is_a_list_is_refused_with_a_message_not_a_traceback() -> None:
    with pytest.raises(frontmatter.FrontMatterError, match=r"not valid YAML \(found unhashable key\)") as error:
        frontmatter.parse("---\ntitle: A\n? [a, b]\n: 1\n---\n")
    assert error.value.line == 3


@pytest.mark.parametrize(
    ("source", "closed"),
    [
        ("---\ntitle: A\n---", "---\ntitle: A\n---\n"),  # ends on the closing line: a newline added
        ("---\ntitle: A\n...", "---\ntitle: A\n...\n"),
        ("---\n---", "---\n---\n"),
        ("---\ntitle: A\n---\n", None),  # already closed by a newline
        ("---\ntitle: A\n---\nBody.", None),  # a body follows
        ("Body.\n---", None),  # no front matter
        ("---x\ntitle: A\n---", None),  # not a front matter opening
        ("---\ntitle: A", None),  # never closed: the front matter reader reports it
    ],
)
def test_front_matter_that_ends_the_file_gets_the_newline_mkdocs_needs(source: str, closed: str | None) -> None:
    assert frontmatter.closed_front_matter(source) == closed
