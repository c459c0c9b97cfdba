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

import logging
import os
import pickle
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
THREAD_PREFIX = "mkdocs-background"
NO_FORK = "GLOSSARY_NO_FORK"  # set to make every deferred job in the build's own thread


def start(work: Callable[..., T], *args: Any) -> Future[T]:
    """Run `work(*args)` in a thread of its own; `.result()` waits for it."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=THREAD_PREFIX)
    try:
        return executor.submit(work, *args)
    finally:
        executor.shutdown(wait=False)  # the thread ends when the work does


class Deferred:
    """HTML that pages paste in at the end (`on_post_page`), made in a forked process.

    Much of what the engine adds to pages is HTML that only pages rendered later need:
    tips, key-terms boxes, concept pages' backlinks and maps. Each such piece is a job
    (`add` returns its key). `start` forks once all jobs are known (in `on_env`); the
    child makes every job's HTML on the second core and streams the results back,
    while the build's thread renders pages with the theme. `get` waits for one result.

    Nothing the build sees may differ: a job runs in the child only if it neither raises
    nor logs; otherwise, and wherever fork is unavailable or unsafe (another thread is
    running, as under `mkdocs serve`, or not on Linux), `get` runs the job itself, in the
    build's thread, with its messages and errors exactly as before. Jobs must not change
    the build's state: the child's changes are lost.
    """

    def __init__(self) -> None:
        self.jobs: list[Callable[[], str]] = []
        self.results: dict[int, str] = {}
        self.arrived = threading.Condition()  # notified for each result the child sends
        self.receiving = False  # the child may still send results
        self.forked = False

    def add(self, job: Callable[[], str]) -> int:
        self.jobs.append(job)
        return len(self.jobs) - 1

    def start(self) -> None:
        """Fork a child that runs every job added so far, if that is safe here."""
        if not self.jobs or not _can_fork():
            return
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child; its results are tested through the parent
            os.close(read_end)
            _run_jobs(self.jobs, write_end)
        os.close(write_end)
        logging.getLogger("mkdocs.plugins.background").debug(f"{len(self.jobs)} late parts made in process {pid}")
        self.forked = True
        self.receiving = True
        threading.Thread(target=self._receive, args=(read_end, pid), name="mkdocs-deferred", daemon=True).start()

    def _receive(self, read_end: int, pid: int) -> None:
        try:
            with os.fdopen(read_end, "rb") as stream:
                while True:
                    try:
                        index, html = pickle.load(stream)
                    except (EOFError, pickle.UnpicklingError):
                        break
                    with self.arrived:
                        self.results[index] = html
                        self.arrived.notify_all()
        finally:
            os.waitpid(pid, 0)
            with self.arrived:
                self.receiving = False
                self.arrived.notify_all()

    def get(self, key: int) -> str:
        """The job's HTML: from the child as soon as it has sent it (the child works in the
        order jobs were added, which is about the order pages need them), else made here."""
        with self.arrived:
            self.arrived.wait_for(lambda: key in self.results or not self.receiving)
        if key not in self.results:
            self.results[key] = self.jobs[key]()
        return self.results[key]


def _can_fork() -> bool:
    # Forking a process with other threads is unsafe (a lock one of them holds stays
    # locked in the child). The threads of `start` have handed back their results by
    # now; let them end.
    for thread in threading.enumerate():
        if thread.name.startswith(THREAD_PREFIX) and thread is not threading.current_thread():
            thread.join(timeout=5)
    return sys.platform == "linux" and threading.active_count() == 1 and not os.environ.get(NO_FORK)


def _run_jobs(jobs: list[Callable[[], str]], write_end: int) -> None:  # pragma: no cover - runs in the child
    """Run each job; send (index, html) for each that neither raised nor logged; exit."""
    logged: list[logging.LogRecord] = []
    logging.Logger.callHandlers = lambda self, record: logged.append(record)  # type: ignore[method-assign]
    status = 0
    try:
        with os.fdopen(write_end, "wb") as stream:
            for index, job in enumerate(jobs):
                try:
                    html = job()
                except BaseException:  # the build's thread runs it again and reports it
                    logged.clear()
                    continue
                if logged:  # its messages must come from the build's own process
                    logged.clear()
                    continue
                pickle.dump((index, html), stream, protocol=pickle.HIGHEST_PROTOCOL)
                stream.flush()
    except BaseException:
        status = 1
    finally:
        os._exit(status)
