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
