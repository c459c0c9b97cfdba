"""Finding the Chromium that prints the PDF: the same rules as the browser tests
(tests/browser_support.py), never a download.

1. PLAYWRIGHT_CHROMIUM_EXECUTABLE, a path to a Chromium binary;
2. /usr/bin/chromium (Debian and Ubuntu: `apt-get install chromium`);
3. the Chromium `playwright install chromium` downloaded, if it did.
"""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Playwright

CHROMIUM_ENV = "PLAYWRIGHT_CHROMIUM_EXECUTABLE"
SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
# Headless and quiet; --no-sandbox because containers and CI runners often lack the user
# namespaces Chromium's sandbox needs (it only ever opens the book's own files).
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
NO_CHROMIUM = (
    "no Chromium to print the PDF with: install one (`sudo apt-get install chromium`), "
    f"or point {CHROMIUM_ENV} at a Chromium binary"
)


def find_chromium(playwright: Playwright) -> Path | None:
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        return Path(configured) if Path(configured).is_file() else None
    if SYSTEM_CHROMIUM.is_file():
        return SYSTEM_CHROMIUM
    bundled = Path(playwright.chromium.executable_path)
    return bundled if bundled.is_file() else None
