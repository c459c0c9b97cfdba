"""The Jinja environment every capability renders its HTML with (templates in overrides/).

Autoescape is on, so whatever came from a Markdown author reaches the page as text;
undefined variables fail loudly instead of printing nothing.
"""

from __future__ import annotations

from pathlib import Path

import jinja2


def template_env(folder: Path) -> jinja2.Environment:
    """Templates of one capability, e.g. overrides/glossary/."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
