"""Fail early, with the fix, when the Python that would create .venv is too old."""

import sys

REQUIRED = (3, 11, 5)  # pymdown-extensions 13 needs 3.11.5

if sys.version_info < REQUIRED:
    found = ".".join(map(str, sys.version_info[:3]))
    need = ".".join(map(str, REQUIRED))
    sys.exit(
        f"error: this project needs Python >= {need}, but '{sys.executable}' is {found}.\n"
        f"Install a newer Python and run make again with it, e.g. make test PYTHON=python3.12"
    )
