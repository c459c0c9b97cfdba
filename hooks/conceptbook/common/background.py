"""Work that waits on another program, started early and collected later.

Some capabilities hand a whole batch to an external program (Pandoc formats every
chapter's "Cite this chapter" box in one run). Its input is known as soon as the
navigation exists, its output only needed once every page is rendered, and MkDocs
renders pages on one core: started in a thread, the program runs on another core
while the pages render, instead of adding its run to the build's wall time.

`result()` re-raises in the build's thread whatever the work raised (a PluginError
names the file and the fix), so a failure reads exactly as if it ran in place.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
THREAD_PREFIX = "mkdocs-background"


def start(work: Callable[..., T], *args: Any) -> Future[T]:
    """Run `work(*args)` in a thread of its own; `.result()` waits for it."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=THREAD_PREFIX)
    try:
        return executor.submit(work, *args)
    finally:
        executor.shutdown(wait=False)  # the thread ends when the work does


class Deferred:
    """HTML that pages paste in at the end (`on_post_page`), made when a page first asks.

    Much of what the engine adds to pages is HTML that only pages rendered later need:
    tips, key-terms boxes, concept pages' backlinks and maps. Each such piece is a job
    (`add` returns its key); `get` makes it in the build's thread the first time it is
    asked for and keeps it, so a part two pages share is made once, and its messages and
    errors reach the build as they are (`--strict` counts them). One way to run, under
    `mkdocs build` and `mkdocs serve` alike, on every system. (The engine once made these
    in a forked process: about 10% of wall time, no CPU saved, and a second way to run;
    see benchmarks/README.md.)
    """

    def __init__(self) -> None:
        self.jobs: list[Callable[[], str]] = []
        self.results: dict[int, str] = {}

    def add(self, job: Callable[[], str]) -> int:
        self.jobs.append(job)
        return len(self.jobs) - 1

    def get(self, key: int) -> str:
        if key not in self.results:
            self.results[key] = self.jobs[key]()
        return self.results[key]
