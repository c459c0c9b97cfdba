"""Running EPUBCheck, the W3C's EPUB validator (Debian: `apt-get install epubcheck`).

Debian installs it as a jar (/usr/share/java/epubcheck.jar) and /usr/bin/epubcheck as
that same jar, which runs only where binfmt_misc knows jars (not in most containers), so
`java -jar` is used whenever the jar is there.

Usage: python -m conceptbook.editions.epubcheck BOOK.epub  (exits non-zero on any error)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

DEBIAN_JAR = Path("/usr/share/java/epubcheck.jar")
# A check of one book is a short run: the JVM's quick compiler alone and its simplest
# garbage collector halve its CPU time (12 s to 5.5 s on the whole book, 2 cores). For
# Debian's jar only: a launcher script (another system's package) has its own settings.
JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
INSTALL_HELP = "EPUBCheck is not installed: `sudo apt-get install epubcheck` (Debian/Ubuntu; it brings Java)"


@dataclass
class Result:
    errors: int
    fatals: int
    output: str


def command() -> list[str] | None:
    if DEBIAN_JAR.is_file() and shutil.which("java"):
        return ["java", *JAVA_OPTIONS, "-jar", str(DEBIAN_JAR)]
    found = shutil.which("epubcheck")
    if found and Path(found).read_bytes()[:2] != b"PK":  # a launcher script, not a bare jar
        return [found]
    return None


def check(book: Path) -> Result:
    cmd = command()
    if cmd is None:
        raise FileNotFoundError(INSTALL_HELP)
    run = subprocess.run(
        [*cmd, str(book)], capture_output=True, text=True, encoding="locale", errors="replace", check=False
    )
    output = run.stdout + run.stderr
    counts = re.search(r"Messages: (\d+) fatals? / (\d+) errors?", output)
    if counts is None:
        return Result(errors=1, fatals=0, output=output or f"epubcheck exited {run.returncode} with no report")
    return Result(errors=int(counts.group(2)), fatals=int(counts.group(1)), output=output)


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        sys.exit("usage: python -m conceptbook.editions.epubcheck BOOK.epub")
    try:
        result = check(Path(argv[0]))
    except FileNotFoundError as error:
        sys.exit(f"error: {error}")
    print(result.output.strip())
    if result.errors or result.fatals:
        sys.exit(f"error: {argv[0]}: EPUBCheck found {result.fatals} fatal(s) and {result.errors} error(s); see above.")


if __name__ == "__main__":
    main(sys.argv[1:])
