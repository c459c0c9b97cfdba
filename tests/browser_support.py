"""Helpers for the browser tests (tests/test_browser_*.py): finding Chromium, serving the
built site over HTTP, and recording what a page did that it should not have.

The fixtures that use these live in the browser block at the end of tests/conftest.py.

Finding the browser, in this order:

1. the environment variable PLAYWRIGHT_CHROMIUM_EXECUTABLE (a path to a Chromium binary);
2. /usr/bin/chromium (Debian and Ubuntu: `apt-get install chromium`);
3. the Chromium that `playwright install chromium` downloaded, if it did.

With none of them the browser tests are skipped, except under CI=true, where they fail:
a CI run that silently tests no browser would look green for the wrong reason.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Playwright, Route, WebError
from selectolax.lexbor import LexborHTMLParser

from sitebuild import ROOT

CHROMIUM_ENV = "PLAYWRIGHT_CHROMIUM_EXECUTABLE"
SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

# Headless, and quiet: no background calls home (updates, sync, field trials, QUIC probes)
# that would show up as requests leaving the site. --no-sandbox because containers and
# CI runners often lack the user namespaces Chromium's sandbox needs.
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# `open_page(site, **context_options)`, the fixture in tests/conftest.py: a page in a new
# browser context whose requests and errors are checked when the test ends.
OpenPage = Callable[..., Page]

NO_BROWSER_HELP = (
    "no Chromium for the browser tests: install one (`sudo apt-get install chromium`, "
    f"or `playwright install chromium`), or point {CHROMIUM_ENV} at a Chromium binary"
)


class BrowserConfigError(Exception):
    """The environment names a browser that is not there."""


def find_chromium(playwright: Playwright) -> Path | None:
    """The Chromium to launch, or None when there is none on this machine."""
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        # An explicit setting that points nowhere is a mistake to report, not to skip.
        if not Path(configured).is_file():
            raise BrowserConfigError(f"{CHROMIUM_ENV}={configured} is not a file; fix or unset it")
        return Path(configured)
    if SYSTEM_CHROMIUM.is_file():
        return SYSTEM_CHROMIUM
    # Playwright reports where its own download would be, whether or not it happened.
    bundled = Path(playwright.chromium.executable_path)
    return bundled if bundled.is_file() else None


def running_in_ci() -> bool:
    """CI services set CI=true, CI=1 or similar: anything but empty, 0 or false counts."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


# --- The site, reached from disk or over HTTP ----------------------------------------


@dataclass(frozen=True)
class SiteUnderTest:
    """The built site as a browser reaches it: from disk (file://) or hosted (http://)."""

    mode: str  # "offline" or "hosted"; also the prefix of screenshot names
    root: Path  # the built site folder
    base_url: str  # ends with "/"

    def url(self, path: str = "index.html") -> str:
        return self.base_url + path

    def is_own(self, url: str) -> bool:
        """True for a request the site may make: into its own folder offline (a file:// URL
        elsewhere on the disk would break in the zip just the same), to its server hosted."""
        return url.startswith(self.base_url)

    def path_of(self, url: str) -> str:
        """The site-relative path of a page URL, without query or fragment."""
        return url.removeprefix(self.base_url).split("#")[0].split("?")[0]


def offline_site(root: Path) -> SiteUnderTest:
    return SiteUnderTest("offline", root, root.as_uri() + "/")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean: one line per file served is noise."""


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Chromium drops connections it no longer needs (a page navigated away); that is
        # not a server fault. Anything else still gets the standard report.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root` at http://127.0.0.1:<free port>/ for the duration of the block."""
    server = _Server(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- What a page did -----------------------------------------------------------------


@dataclass
class Journal:
    """Requests that tried to leave the site (all aborted) and errors the pages logged."""

    site: SiteUnderTest
    left_site: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> None:
        context.route("**/*", self._route)
        context.on("console", self._console)
        context.on("weberror", self._web_error)

    def _route(self, route: Route) -> None:
        url = route.request.url
        if self.site.is_own(url):
            route.continue_()
        else:
            self.left_site.append(url)
            route.abort()

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.errors.append(f"console error: {message.text} ({where})")

    def _web_error(self, error: WebError) -> None:
        self.errors.append(f"uncaught error: {error.error}")

    def problems(self) -> list[str]:
        return [f"request left the site: {url}" for url in self.left_site] + self.errors


# --- Reading the built site ----------------------------------------------------------


def parse(site: Path, path: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / path).read_text(encoding="utf-8"))


def chapter_paths(site: Path) -> list[str]:
    """The chapters in reading order, as the navigation lists them ("chapters/x.html")."""
    paths: list[str] = []
    for link in parse(site, "index.html").css("nav.md-nav--primary a.md-nav__link[href]"):
        href = link.attributes.get("href") or ""
        if href.startswith("chapters/") and href.endswith(".html") and href not in paths:
            paths.append(href)
    return paths


def concept_sample(site: Path, size: int = 5) -> list[str]:
    """`size` concept pages spread evenly over the alphabet, the same ones every run."""
    pages = sorted(p.relative_to(site).as_posix() for p in (site / "concepts").glob("*.html"))
    return [pages[i * len(pages) // size] for i in range(min(size, len(pages)))]


def wait_for_animations(page: Page) -> None:
    """Let fades, slides and colour transitions finish, so a screenshot shows what a reader sees."""
    # Material reacts to a scroll or a hover on the next frames (the header swaps the site
    # name for the page title): give it two frames to start its transitions, then wait.
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_function(
        """() => document.getAnimations().every(animation =>
             animation.playState !== 'running'
             || animation.effect.getTiming().iterations === Infinity)"""
    )


def screenshot(page: Page, name: str) -> Path:
    """Save the window under test-artifacts/screenshots/ for people to look at, once any
    fade, slide or scroll-linked header swap has finished."""
    wait_for_animations(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
