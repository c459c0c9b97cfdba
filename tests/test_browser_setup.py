"""How the browser tests find Chromium (tests/browser_support.py), without launching one.

Order: $PLAYWRIGHT_CHROMIUM_EXECUTABLE, then /usr/bin/chromium, then Playwright's own
download; None when there is none, so that the suite can skip (or fail under CI=true).
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import browser_support
from browser_support import CHROMIUM_ENV, BrowserConfigError, find_chromium


def fake_playwright(bundled: Path) -> Any:
    """Stands in for Playwright: only `chromium.executable_path` is read."""
    return SimpleNamespace(chromium=SimpleNamespace(executable_path=str(bundled)))


def executable(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    return path


@pytest.fixture
def no_system_chromium(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(CHROMIUM_ENV, raising=False)
    monkeypatch.setattr(browser_support, "SYSTEM_CHROMIUM", tmp_path / "no-system-chromium")


def test_the_environment_variable_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    chosen = executable(tmp_path, "my-chromium")
    monkeypatch.setenv(CHROMIUM_ENV, str(chosen))
    monkeypatch.setattr(browser_support, "SYSTEM_CHROMIUM", executable(tmp_path, "system"))
    assert find_chromium(fake_playwright(executable(tmp_path, "bundled"))) == chosen


def test_an_environment_variable_that_points_nowhere_is_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CHROMIUM_ENV, str(tmp_path / "missing"))
    with pytest.raises(BrowserConfigError, match=CHROMIUM_ENV):
        find_chromium(fake_playwright(tmp_path / "bundled"))


def test_the_system_chromium_comes_before_playwrights_download(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(CHROMIUM_ENV, raising=False)
    system = executable(tmp_path, "system")
    monkeypatch.setattr(browser_support, "SYSTEM_CHROMIUM", system)
    assert find_chromium(fake_playwright(executable(tmp_path, "bundled"))) == system


@pytest.mark.usefixtures("no_system_chromium")
def test_playwrights_download_is_the_last_resort(tmp_path: Path) -> None:
    bundled = executable(tmp_path, "bundled")
    assert find_chromium(fake_playwright(bundled)) == bundled


@pytest.mark.usefixtures("no_system_chromium")
def test_no_browser_at_all_gives_none(tmp_path: Path) -> None:
    # Playwright names its download's path even when nothing was downloaded.
    assert find_chromium(fake_playwright(tmp_path / "never-downloaded")) is None


@pytest.mark.parametrize(
    ("value", "expected"), [("true", True), ("1", True), ("yes", True), ("", False), ("false", False), ("0", False)]
)
def test_ci_is_recognised_from_the_environment(monkeypatch: pytest.MonkeyPatch, value: str, expected: bool) -> None:
    monkeypatch.setenv("CI", value)
    assert browser_support.running_in_ci() is expected


@pytest.mark.browser
def test_the_journal_records_off_site_requests_console_errors_and_uncaught_errors(
    chromium: Any, tmp_path: Path
) -> None:
    """The guard every browser test relies on is itself shown to fail: a page that reaches
    for another host, logs an error and throws is reported on all three counts."""
    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang=en><title>Planted</title><body>"
        '<img src="https://cdn.example.org/pixel.png" alt="">'
        "<script>console.error('planted console error'); setTimeout(() => { throw new Error('planted throw') });</script>"
        "</body></html>",
        encoding="utf-8",
    )
    site = browser_support.offline_site(tmp_path)
    context = chromium.new_context()
    journal = browser_support.Journal(site)
    journal.attach(context)
    page = context.new_page()
    page.goto(site.url())
    page.wait_for_timeout(300)
    context.close()
    problems = journal.problems()
    assert "request left the site: https://cdn.example.org/pixel.png" in problems, problems
    assert any(p.startswith("console error: planted console error") for p in problems), problems
    assert any("planted throw" in p and p.startswith("uncaught error") for p in problems), problems

    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "index.html").write_text(
        "<!doctype html><html lang=en><title>Clean</title><p>Quiet.</p>", encoding="utf-8"
    )
    context = chromium.new_context()
    journal = browser_support.Journal(browser_support.offline_site(clean))
    journal.attach(context)
    context.new_page().goto(browser_support.offline_site(clean).url())
    context.close()
    assert journal.problems() == []
