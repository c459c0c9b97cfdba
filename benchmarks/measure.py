"""Timing one MkDocs build, and `mkdocs serve` rebuilds, each in a process of its own.

Every build runs in a fresh `python -m mkdocs build` so nothing imported or cached by
one build (modules, Jinja templates, the engine's state) can speed up the next, as it
would in-process. The child is reaped with `os.wait4`, which returns the resource usage
of that one child: its peak memory, not the largest of all children so far, which is
all `getrusage(RUSAGE_CHILDREN)` can tell.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# ru_maxrss is in KiB on Linux and in bytes on macOS.
_RSS_BYTES = 1 if sys.platform == "darwin" else 1024
_MB = 1024 * 1024
SOURCE_DATE_EPOCH = "1767225600"  # as in the Makefile: fixed dates, so runs write the same bytes
POLL_SECONDS = 0.02
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)


class BenchmarkError(RuntimeError):
    """A build or server the benchmark depends on did not work; the message says which."""


@dataclass(frozen=True)
class BuildRun:
    seconds: float  # wall time from starting the process to reaping it
    cpu_seconds: float  # user + system time of the process: less sensitive to a busy machine
    max_rss_mb: float
    returncode: int
    output: str  # what MkDocs printed (stdout and stderr together)

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.startswith(("WARNING", "ERROR"))]


def mkdocs_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life banner is noise in the output
    env.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    # Python keeps the engine's compiled modules (hooks/**/__pycache__) from one build to the
    # next, as it keeps MkDocs' and Material's from their install. With this variable set
    # (the Makefile set it until 2026-12-06), every build compiled the engine's 80-odd
    # modules again, which no writer's build does: about 0.07 s of CPU a build.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_build(
    config: Path, site: Path, *, cwd: Path, strict: bool = False, quiet: bool = True, env: dict[str, str] | None = None
) -> BuildRun:
    """One build of `config` into `site` in a new process (with `env` added to its
    environment); `site` is removed afterwards."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    command += ["-q"] if quiet else []
    command += ["--strict"] if strict else []
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env={**mkdocs_env(), **(env or {})}, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:  # e.g. Ctrl-C: do not leave a build running behind us
            process.kill()
            process.wait()
            raise
        seconds = time.perf_counter() - start
        # Tell Popen the child is reaped, or it would wait for it again (and warn).
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    shutil.rmtree(site, ignore_errors=True)
    cpu = usage.ru_utime + usage.ru_stime
    return BuildRun(seconds, cpu, usage.ru_maxrss * _RSS_BYTES / _MB, process.returncode, output)


def timings(seconds: Sequence[float]) -> dict[str, Any]:
    return {"seconds": [round(s, 3) for s in seconds], "median_s": round(statistics.median(seconds), 3)}


def summary(runs: Sequence[BuildRun]) -> dict[str, Any]:
    """Median wall time of the builds, median CPU time, and the highest peak memory of any."""
    return {
        **timings([r.seconds for r in runs]),
        "cpu_median_s": round(statistics.median(r.cpu_seconds for r in runs), 3),
        "peak_rss_mb": round(max(r.max_rss_mb for r in runs), 1),
    }


# -- mkdocs serve ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[str, str] | None:
    """(final URL after redirects, body) or None if the server does not answer yet."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.geturl(), response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


class Server:
    """A `mkdocs serve` of one project folder, on a free port, logging to a file."""

    def __init__(self, project: Path, log: Path) -> None:
        self.project = project
        self.log = log
        self.port = free_port()
        self.root = f"http://127.0.0.1:{self.port}/"
        self.base = self.root
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float) -> None:
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--livereload",
            "--dirty",  # as `make serve` runs it: each save rebuilds what it changed
            "-a",
            f"127.0.0.1:{self.port}",
            "-f",
            str(self.project / "mkdocs.yml"),
        ]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                command, cwd=self.project, env=mkdocs_env(), stdout=log, stderr=subprocess.STDOUT
            )
        # The server listens only once its first build is done; `/` redirects to the
        # site's mount path (the path of site_url), which is the base of every page.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchmarkError(f"mkdocs serve exited with {self.process.returncode}:\n{self.output()}")
            answer = fetch(self.root)
            if answer is not None:
                self.base = answer[0]
                return
            time.sleep(0.2)
        raise BenchmarkError(f"mkdocs serve did not answer within {timeout:.0f} s:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def builds(self) -> int:
        """How many rebuilds the server has finished or given up on.

        Counted from the live-reload server's own lines: the build's "Documentation built
        in 0.85 seconds" is dropped by MkDocs' duplicate filter when a time repeats.
        """
        log = self.output()
        return log.count("Reloading browsers") + log.count("An error happened during the rebuild")

    def page_url(self, src_uri: str) -> str:
        """The served URL of a source page, with or without directory URLs."""
        stem = src_uri.removesuffix(".md")
        candidates = [f"{self.base}{stem}.html", f"{self.base}{stem}/"]
        for url in candidates:
            if fetch(url) is not None:
                return url
        raise BenchmarkError(f"mkdocs serve shows none of {candidates}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # Ctrl-C is how MkDocs expects to be stopped: it then removes its temp site.
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@contextmanager
def serving(project: Path, log: Path, timeout: float = 600) -> Iterator[Server]:
    server = Server(project, log)
    try:
        server.start(timeout)
        yield server
    finally:
        server.stop()


def time_edit(
    server: Server, url: str, path: Path, edit: Callable[[str, str], str], marker: str, timeout: float = 120
) -> float:
    """Seconds from saving an edit that puts `marker` on a page to the page showing it."""
    finished = server.builds()
    text = edit(path.read_text(encoding="utf-8"), marker)
    # Replace the file in one step, as editors do, so a rebuild never reads half a file.
    draft = path.with_name(f".{path.name}.{marker}")
    draft.write_text(text, encoding="utf-8")
    draft.replace(path)
    start = time.perf_counter()
    while True:
        answer = fetch(url)
        if answer is not None and marker in answer[1]:
            latency = time.perf_counter() - start
            break
        if time.perf_counter() - start > timeout:
            raise BenchmarkError(f"{url} did not show the edit of {path.name} within {timeout:.0f} s")
        time.sleep(POLL_SECONDS)
    # Let the rebuild finish before the next edit, so edits never overlap a build.
    while server.builds() <= finished:
        if time.perf_counter() - start > timeout:
            raise BenchmarkError(
                f"mkdocs serve never finished the rebuild after the edit of {path.name}:\n{server.output()[-3000:]}"
            )
        time.sleep(POLL_SECONDS)
    return latency


def append_paragraph(text: str, marker: str) -> str:
    return f"{text.rstrip()}\n\nBenchmark edit {marker}.\n"


def prefix_summary(text: str, marker: str) -> str:
    """The concept file with `marker` as the first word of its summary."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise BenchmarkError("the concept file has no front matter to edit")
    data = yaml.safe_load(match.group(1))
    data["summary"] = f"{marker} {data['summary']}"
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000_000)
    return f"---\n{front}---\n{text[match.end() :]}"
