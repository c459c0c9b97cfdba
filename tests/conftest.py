"""Shared fixtures: one strict build of the real site per test session."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from filelock import FileLock

from sitebuild import ROOT, BuildResult, build_site

pytest_plugins: list[str] = []


@pytest.fixture(scope="session")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site, built once, strictly, into a temporary folder.

    Under `pytest -n 2` the first process that needs it builds it into the session's
    shared temporary folder while the other waits on a lock (or, usually, is busy with
    tests that need no site), then both read the same build and its messages: the
    pattern pytest-xdist documents for session data. Tests never write into it (those
    that break a site copy it first).
    """
    if not os.environ.get("PYTEST_XDIST_WORKER"):  # one process (also with -p no:xdist): build it here
        return build_site(tmp_path_factory.mktemp("real-site") / "site")
    shared = tmp_path_factory.getbasetemp().parent / "real-site"
    record = shared / "build.json"
    with FileLock(f"{shared}.lock"):
        if not record.is_file():
            shared.mkdir(exist_ok=True)  # a build that stops early writes nothing: record why
            result = build_site(shared / "site")
            record.write_text(json.dumps({"messages": result.messages, "failed": result.failed}), encoding="utf-8")
    saved = json.loads(record.read_text(encoding="utf-8"))
    return BuildResult(site=shared / "site", messages=saved["messages"], failed=saved["failed"])


@pytest.fixture(scope="session")
def site(real_build: BuildResult) -> Path:
    """The built real site; fails every test that needs it if the build did not pass."""
    if real_build.failed or real_build.problems:
        pytest.fail("the real site did not build cleanly:\n" + real_build.text() + f"\n{real_build.failed or ''}")
    return real_build.site


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


# --- Browser tests (tests/test_browser_*.py) -------------------------------------------
# One Chromium per session; every test gets fresh contexts from `open_page`, which also
# fails the test if a page sent a request off the site or logged an error. Helpers and
# the rules for finding the browser are in tests/browser_support.py.

from collections.abc import Iterator  # noqa: E402  (this block is self-contained)
from typing import Any  # noqa: E402

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright  # noqa: E402

import browser_support  # noqa: E402
from browser_support import Journal, OpenPage, SiteUnderTest  # noqa: E402


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Headless Chromium for the whole session; skipped (failed under CI) if there is none."""
    with sync_playwright() as playwright:
        try:
            executable = browser_support.find_chromium(playwright)
        except browser_support.BrowserConfigError as error:
            pytest.fail(str(error))
        if executable is None:
            if browser_support.running_in_ci():
                pytest.fail(browser_support.NO_BROWSER_HELP + " (CI=true: browser tests must run)")
            pytest.skip(browser_support.NO_BROWSER_HELP)
        browser = playwright.chromium.launch(executable_path=str(executable), args=browser_support.LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def hosted_url(site: Path) -> Iterator[str]:
    """The built site served over HTTP on a free local port, for the whole session."""
    with browser_support.serve(site) as url:
        yield url


@pytest.fixture(params=["offline", "hosted"])
def site_under_test(request: pytest.FixtureRequest) -> SiteUnderTest:
    """Each journey runs twice: from disk (file://), and hosted (http://127.0.0.1)."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def offline(site: Path) -> SiteUnderTest:
    """The site from disk only, for checks that do not depend on how it is served."""
    return browser_support.offline_site(site)


@pytest.fixture
def hosted(site: Path, hosted_url: str) -> SiteUnderTest:
    """The site over HTTP only."""
    return SiteUnderTest("hosted", site, hosted_url)


@pytest.fixture
def open_page(chromium: Browser) -> Iterator[OpenPage]:
    """`open_page(site, **context_options)`: a page in a new context, watched by a Journal.

    At teardown, every request that tried to leave the site and every console error or
    uncaught exception fails the test.
    """
    opened: list[tuple[BrowserContext, Journal]] = []

    def open_(site: SiteUnderTest, **context_options: Any) -> Page:
        context = chromium.new_context(**context_options)
        context.set_default_timeout(10_000)  # fail in seconds, not Playwright's 30
        journal = Journal(site)
        journal.attach(context)
        opened.append((context, journal))
        return context.new_page()

    yield open_
    problems: list[str] = []
    for context, journal in opened:
        context.close()
        problems += journal.problems()
    assert not problems, "the pages misbehaved:\n" + "\n".join(problems)


# Tests marked `seeds` prove the committed fingerprint (tests/data/seed-fingerprint.txt)
# is made from the seed articles. The articles are not in the repository: where they
# are not beside the checkout (GitHub Actions, a contributor's clone) these tests are
# left out, like the `network` ones, and the summary says so. The originality check
# itself runs everywhere against the fingerprint.
_LEFT_OUT: list[str] = []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from scripts.seed_fingerprint import seed_texts

    needs_seeds = [item for item in items if item.get_closest_marker("seeds")]
    if needs_seeds and not seed_texts():
        config.hook.pytest_deselected(items=needs_seeds)
        items[:] = [item for item in items if item not in needs_seeds]
        _LEFT_OUT.extend(item.nodeid for item in needs_seeds)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Name the tests left out for want of the seed articles; print the readability
    figures (tests/test_readability.py) whatever the outcome."""
    import sys

    from scripts.seed_fingerprint import SEEDS

    if _LEFT_OUT:
        terminalreporter.section("left out: the seed articles are not beside this checkout")
        terminalreporter.write_line(f"{SEEDS} is missing, so these did not run (marker `seeds`):")
        for nodeid in _LEFT_OUT:
            terminalreporter.write_line(f"  {nodeid}")
    readability = sys.modules.get("readability")
    lines = getattr(readability, "REPORT", None)
    ran = any(
        getattr(report, "nodeid", "").startswith("tests/test_readability.py")
        for reports in terminalreporter.stats.values()
        for report in reports
    )
    if not lines and ran:  # the tests ran in worker processes (pytest -n): measure here
        import readability as measured

        from sitebuild import DOCS

        lines = measured.book_figures(DOCS)
    if lines:
        terminalreporter.section("readability (Flesch–Kincaid grade)")
        for line in lines:
            terminalreporter.write_line(line)
