"""A cache that stays small: the least recently used entry goes when it is full.

`mkdocs serve` keeps the engine's modules loaded for as long as it runs, so a cache at
module level (Pandoc's output, by the hash of its input) would otherwise keep every
version of the bibliography an author ever saved. What it hands out is a deep copy, so
a caller that changes a result cannot change what the next build is given.
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from typing import Generic, TypeVar

T = TypeVar("T")


class Bounded(Generic[T]):
    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("a bounded cache holds at least one entry")
        self.size = size
        self._entries: OrderedDict[str, T] = OrderedDict()

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> T | None:
        """A copy of the value kept for `key`, or None."""
        if key not in self._entries:
            return None
        self._entries.move_to_end(key)
        return copy.deepcopy(self._entries[key])

    def put(self, key: str, value: T) -> T:
        """Keep a copy of `value` for `key` (dropping the least recently used entry when
        full); returns `value` itself, for the caller to use."""
        self._entries[key] = copy.deepcopy(value)
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return value
