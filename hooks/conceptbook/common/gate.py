"""Inline patterns that stand down on a page whose text cannot contain them.

Python-Markdown tries every inline pattern at every text node of a page, in Python, so
each pattern an extension adds costs time on every page, also where it can never match.
A `[[slug]]` reference needs the characters "[[" and a citation needs "@"; most pages
have neither. `gate` adds a preprocessor that looks for those characters in the page's
lines and, when they are absent, removes the pattern from that page's Markdown. MkDocs
makes a new Markdown instance for every page; a Markdown instance that converts several
pages (`md.reset()`, as plain Python-Markdown is used) gets the pattern back, at its
priority, on the next page whose text has the characters.

The preprocessor runs at priority 25: after pymdownx.snippets (32) has pasted included
files in, and before the raw HTML stash (20) has taken `<div markdown>` blocks out of
the lines, so it sees every character the inline patterns can ever be given.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor

PRIORITY = 25


class PatternGate(Preprocessor):
    def __init__(self, md: Markdown, pattern: InlineProcessor, name: str, priority: float, needle: str) -> None:
        super().__init__(md)
        self.pattern, self.name, self.priority, self.needle = pattern, name, priority, needle

    def run(self, lines: list[str]) -> list[str]:
        patterns = self.md.inlinePatterns
        if self.needle not in "\n".join(lines):
            patterns.deregister(self.name, strict=False)
        elif self.name not in patterns:  # taken away on an earlier page of this instance
            patterns.register(self.pattern, self.name, self.priority)
        return lines


def gate(md: Markdown, pattern: InlineProcessor, name: str, priority: float, needle: str) -> None:
    """Register the inline `pattern` as `name` at `priority`, on pages whose text has `needle`."""
    md.inlinePatterns.register(pattern, name, priority)
    md.preprocessors.register(PatternGate(md, pattern, name, priority, needle), f"{name}_gate", PRIORITY)
