"""The logger of the safety capability (under `mkdocs.`, so --strict fails on it)."""

from __future__ import annotations

import logging

log = logging.getLogger("mkdocs.hooks.safety")
