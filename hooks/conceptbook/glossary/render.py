"""HTML for the generated parts, made by Jinja templates in overrides/glossary/.

The templates escape everything (autoescape on), so a summary or term containing `<`,
`&` or quotes reaches the page as text. Python only prepares the data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conceptbook.common.templates import template_env

TEMPLATE_DIR = "glossary"  # under the theme's custom_dir (overrides/)


class Renderer:
    def __init__(self, overrides: Path) -> None:
        self.env = template_env(overrides / TEMPLATE_DIR)

    def render(self, name: str, **data: Any) -> str:
        return self.env.get_template(f"{name}.html").render(**data)
