"""The authoring checks' logger (under `mkdocs.`, so --strict fails on their warnings)."""

from __future__ import annotations

import logging

log = logging.getLogger("mkdocs.hooks.authoring")
