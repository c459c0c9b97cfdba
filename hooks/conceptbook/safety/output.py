"""The final check: every finished page, with every part the build adds, carries no code.

The engine puts parts into a page late, into the finished HTML (`on_post_page`: key terms,
definition tips, references, maps, questions), and the theme prints values around the
content (the edit button's address). The early check (safety/html.py) reads only what
Markdown made, so this check reads the page MkDocs is about to write, last of all.

The page's content is found between two marks (`FinalCheck.mark`, in `on_page_context`),
which carry a token made afresh for each build, so no source file can forge them; they
are removed again. The content is held to the content rules of safety/rules.py, the
theme's frame around it to the frame rules. A fault in the content replaces the content
by a notice (the frame stays); a fault in the frame replaces the whole page by a notice.
So neither `mkdocs serve` nor a failed build's output folder carries the code. Each
cause is reported once, at the source file where it is written when one of the book's
files holds it (a field of docs/references.bib, for instance), else at the page.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable

from conceptbook.common.cache import Bounded
from conceptbook.common.report import where

from .html import locate, notice
from .report import log
from .rules import Fault, content_faults, frame_faults

# Pages found clean, by the hash of their content and frame (common/cache.py): the whole
# real book several times over, for the rebuilds of one `mkdocs serve`.
_CLEAN: Bounded[bool] = Bounded(2048)  # by hash((frame, *contents))
Sources = Callable[[], Iterable[tuple[str, str]]]  # (path as named in messages, text) of the book's files


class FinalCheck:
    """One build's final check; `sources` lists the files a fault may come from."""

    def __init__(self, sources: Sources) -> None:
        token = secrets.token_hex(16)
        self.begin = f"<!--page-content-{token}-->"
        self.end = f"<!--/page-content-{token}-->"
        self.sources = sources
        self._texts: list[tuple[str, str]] | None = None
        self.reported: set[tuple[str, Fault]] = set()

    def mark(self, content: str) -> str:
        return f"{self.begin}{content}{self.end}"

    def check(self, output: str, path: str, source: Callable[[], str | None]) -> str:
        """The page to write: `output` without the marks, or with notices in place of faults."""
        contents, frames = self._split(output)
        frame = "".join(frames)
        clean = "".join(part for pair in zip(frames, [*contents, ""], strict=True) for part in pair)  # no marks
        # A page found clean before is clean again: the rules read nothing but these strings
        # (mkdocs serve rebuilds every page, and most are as they were). Python's string
        # hash has a random key in each process (unless PYTHONHASHSEED fixes it), so no page
        # can be written to collide with one found clean.
        key = str(hash((frame, *contents)))
        if key in _CLEAN:
            return clean
        bad_contents = [content_faults(content) for content in contents]
        bad_frame = frame_faults(frame)
        if not bad_frame and not any(bad_contents):
            _CLEAN.put(key, True)
            return clean
        messages_of = [self._report(faults, path, source) for faults in bad_contents]
        if bad_frame:
            messages = self._report(bad_frame, path, source) + [m for ms in messages_of for m in ms]
            return (
                '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>This page is not shown</title>'
                f'</head><body><article class="md-content__inner md-typeset">{notice(messages)}</article></body></html>\n'
            )
        parts = output.split(self.begin)
        rebuilt = [parts[0]]
        for part, messages in zip(parts[1:], messages_of, strict=False):
            content, _, rest = part.partition(self.end)
            rebuilt.append((notice(messages) if messages else content) + rest)
        return "".join(rebuilt)

    def _split(self, output: str) -> tuple[list[str], list[str]]:
        """The contents between the marks, and the frame's pieces around them (one more)."""
        contents: list[str] = []
        frame: list[str] = []
        rest = output
        while self.begin in rest:
            before, _, after = rest.partition(self.begin)
            content, _, rest = after.partition(self.end)
            frame.append(before)
            contents.append(content)
        frame.append(rest)
        return contents, frame

    def _report(self, faults: list[Fault], path: str, source: Callable[[], str | None]) -> list[str]:
        messages = []
        for fault in faults:
            origin, message = self._message(fault, path, source)
            messages.append(message)
            if (origin, fault) not in self.reported:  # once per cause, not once per page it reaches
                self.reported.add((origin, fault))
                log.error(message)
        return messages

    def _message(self, fault: Fault, path: str, source: Callable[[], str | None]) -> tuple[str, str]:
        """Where the fault is written (a file and line) and the message that says so."""
        text = source()
        line = locate(fault, text) if text is not None else None
        if line is not None:
            return where(path, line), f"{where(path, line)}: {fault.what} (in the finished page); {fault.fix}."
        if self._texts is None:
            self._texts = list(self.sources())
        for other, text in self._texts:
            line = locate(fault, text)
            if line is not None:
                return where(other, line), (
                    f"{where(other, line)}: {fault.what} (it reaches the finished page {path}; every page it "
                    f"reaches shows a notice instead); {fault.fix}."
                )
        return path, (
            f"{path}: {fault.what} (in the finished page, put there by the build or the theme, not written "
            f"in any file of docs/); {fault.fix}."
        )
