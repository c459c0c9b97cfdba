"""The citation capability's logger (under `mkdocs.`, so --strict fails on its warnings).

The message helpers are the glossary's (one `where` and one `did_you_mean` for the whole
engine); they belong in a shared hooks/conceptbook/common/ once a third capability needs them.
"""

from __future__ import annotations

import logging

from conceptbook.glossary.report import did_you_mean, line_of, where

log = logging.getLogger("mkdocs.hooks.citations")
# bibtexparser logs its own (file-less) warning for a block it cannot read; the engine
# reports the same problem with the file and line, so the parser's copy is noise.
logging.getLogger("bibtexparser").setLevel(logging.ERROR)

__all__ = ["did_you_mean", "line_of", "log", "where"]
