"""Inline patterns that stand down on a page whose text cannot contain them.

Python-Markdown tries every inline pattern at every text node of a page, in Python, so
each pattern an extension adds costs time on every page, also where it can never match.
A `[[slug]]` reference needs the characters "[[" and a citation needs "@"; most pages
have neither. `gate` adds a preprocessor that looks for those characters in the page's
lines and, when they are absent, removes the pattern from that page's Markdown (MkDocs
makes a new Markdown instance for every page, so the next page has it again).

The preprocessor runs at priority 25: after pymdownx.snippets (32) has pasted included
files in, and before the raw HTML stash (20) has taken `<div markdown>` blocks out of
the lines, so it sees every character the inline patterns can ever be given.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.preprocessors import Preprocessor

PRIORITY = 25


class PatternGate(Preprocessor):
    def __init__(self, md: Markdown, pattern: str, needle: str) -> None:
        super().__init__(md)
        self.pattern = pattern
        self.needle = needle

    def run(self, lines: list[str]) -> list[str]:
        if self.needle not in "\n".join(lines):
            self.md.inlinePatterns.deregister(self.pattern, strict=False)
        return lines


def gate(md: Markdown, pattern: str, needle: str) -> None:
    """Remove the inline pattern registered as `pattern` from pages without `needle`."""
    md.preprocessors.register(PatternGate(md, pattern, needle), f"{pattern}_gate", PRIORITY)
