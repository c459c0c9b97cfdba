"""requirements-dev.lock (what `make` installs, with hashes) holds every package that
requirements.txt and requirements-dev.txt pin, at the same version: a pin changed in
one and not the other would install something else than the file says."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.MULTILINE)


def pins(text: str) -> dict[str, str]:
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in PIN.findall(text)}


def test_the_lock_pins_every_requirement_at_its_version_with_hashes() -> None:
    wanted = pins((ROOT / "requirements.txt").read_text() + (ROOT / "requirements-dev.txt").read_text())
    lock_text = (ROOT / "requirements-dev.lock").read_text()
    locked = pins(lock_text)
    faults = [
        f"{name}=={version} is in requirements*.txt but the lock has {locked.get(name, 'nothing')}"
        for name, version in sorted(wanted.items())
        if locked.get(name) != version
    ]
    assert faults == [], "\n".join(faults) + "\nrun `make lock` to pin them again, and commit requirements-dev.lock"
    entries = re.split(r"\n(?=[A-Za-z0-9])", lock_text.strip())
    unhashed = [e.split("==")[0] for e in entries if PIN.match(e) and "--hash=sha256:" not in e]
    assert unhashed == [], f"entries of requirements-dev.lock without a hash: {unhashed}; run `make lock`"
