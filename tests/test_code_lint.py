"""The project's own Python (engine, tests, scripts, benchmarks) passes ruff, as configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sitebuild import ROOT

RUFF = Path(sys.executable).parent / "ruff"
CODE = ["hooks", "tests", "scripts", "benchmarks"]


def test_ruff_finds_no_problem() -> None:
    result = subprocess.run([str(RUFF), "check", *CODE], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, "run 'make lint' and fix what it shows:\n" + result.stdout


def test_code_is_formatted() -> None:
    result = subprocess.run(
        [str(RUFF), "format", "--check", *CODE], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, "run '.venv/bin/ruff format hooks tests scripts benchmarks':\n" + result.stdout
