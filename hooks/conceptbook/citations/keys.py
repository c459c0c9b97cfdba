"""Which of the book's citation keys a mistyped key most plausibly means.

Keys follow the book's scheme: the first author's surname, the year, and a letter for a
second work of that year (`bowlby1969`, `freud1915a`; bibliography.py warns about keys
that do not). A general string match over whole keys suggests unrelated works: to it,
'blos1967' and 'loftus1974' share enough letters and digits to look alike. A slip in a
key is a slip in the surname or in the year, so the two parts are compared apart:

- the surname must be close (a letter or two wrong, missing or extra: 'bowlbi', 'winnicot');
- the year must be the same, or one digit off or two digits swapped ('1996' for '1969');
- of the keys that pass, the one with the fewest slips wins; a missing or wrong letter
  after the year counts half ('freud1915' means 'freud1915a' before 'freud1905').

A key outside the scheme, or a candidate outside it, is compared whole, and only a close
match is offered. No suggestion is better than a wrong one: the message still says where
every key must be.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_PARTS = re.compile(r"^([a-z]+)([0-9]{4})([a-z]?)$")
SURNAME_CUTOFF = 0.8  # difflib's ratio: 'bowlbi'/'bowlby' 0.83, 'blos'/'loftus' 0.6
WHOLE_CUTOFF = 0.85  # for keys outside the scheme


def _year_slips(a: str, b: str) -> int:
    """0 for the same year, 1 for one digit off or two neighbours swapped, else 2."""
    if a == b:
        return 0
    differ = [i for i in range(len(a)) if a[i] != b[i]]
    if len(differ) == 1:
        return 1
    if (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and a[differ[0]] == b[differ[1]]
        and a[differ[1]] == b[differ[0]]
    ):
        return 1
    return 2


def nearest_key(key: str, keys: Iterable[str]) -> str | None:
    """The key of `keys` that `key` most plausibly misspells, or None when none is plausible."""
    typed = key.lower()
    parts = _PARTS.match(typed)
    best: tuple[tuple[float, ...], str] | None = None
    for candidate in keys:
        other = _PARTS.match(candidate.lower())
        if parts and other:
            surname = difflib.SequenceMatcher(None, parts[1], other[1]).ratio()
            year = _year_slips(parts[2], other[2])
            if surname < SURNAME_CUTOFF or year > 1:
                continue
            rank: tuple[float, ...] = (
                year + (surname < 1) + 0.5 * (parts[3] != other[3]),
                -surname,
                abs(int(parts[2]) - int(other[2])),  # then the nearer year: 1989 means 1988, not 1969
            )
        else:
            whole = difflib.SequenceMatcher(None, typed, candidate.lower()).ratio()
            if whole < WHOLE_CUTOFF:
                continue
            rank = (2.0, -whole)
        if best is None or (rank, candidate) < best:
            best = (rank, candidate)
    return best[1] if best else None
