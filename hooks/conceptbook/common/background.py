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
