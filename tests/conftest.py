"""Shared fixtures: one strict build of the real site per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import ROOT, BuildResult, build_site

pytest_plugins: list[str] = []


@pytest.fixture(scope="session")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site, built once, strictly, into a temporary folder."""
    return build_site(tmp_path_factory.mktemp("real-site") / "site")


@pytest.fixture(scope="session")
def site(real_build: BuildResult) -> Path:
    """The built real site; fails every test that needs it if the build did not pass."""
    if real_build.failed or real_build.problems:
        pytest.fail("the real site did not build cleanly:\n" + real_build.text() + f"\n{real_build.failed or ''}")
    return real_build.site


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
