"""Finding concept names in text: a walk over the text's words, once, along a tree of names.

The text is cut into tokens once (names.py says how: words, punctuation, and whether
white space stands between them). Every name (terms, aliases and their regular plurals)
is a path of tokens in one prefix tree. At each token of the text the matcher follows
the tree as far as the text allows and keeps the longest name that ends on a word
boundary, then goes on after it: leftmost-longest, case-insensitive, whole words.

The cost is one dictionary look-up per token of the text, plus, where a name starts,
one per token of the longest name that the text follows. Nothing recurses, so a name
of any length and any number of names that are prefixes of one another are safe (a
regular expression compiled from the same tree nested one group per character and hit
Python's recursion limit at about 490 characters). A maintained Aho–Corasick library
(pyahocorasick) was considered: it matches characters, not words, so it would need the
same tokenizing around it to fold case and white space and to check word boundaries,
and its longest-match mode is not leftmost-longest; a C dependency for no gain.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import compress, islice
from typing import Any, NamedTuple

from .forms import TOKEN, has_letter, keyed_tokens, plural, token_key

_END = ""  # the key under which a tree node holds the slug of a name that ends there
# A name is not glued to a letter, digit, hyphen or underscore on either side
# ("attachment" is not found in "non-attachment"), nor part of an abbreviation such
# as "i.e." (a one-letter name "I" is not found there).
_GLUE = frozenset("-")


def plurals_too(names: Mapping[str, str], claimed: Iterable[str] = ()) -> dict[tuple[str, ...], str]:
    """Token keys of every name and, where no other name claims it, of its plural."""
    keys: dict[tuple[str, ...], str] = {}
    for name, slug in names.items():
        if has_letter(name):
            keys.setdefault(token_key(name), slug)
    taken = set(keys) | {token_key(name) for name in claimed}
    for name, slug in names.items():
        key = token_key(plural(name))
        # No plural of a one-letter word: the plural of "I" would be the word "is".
        if has_letter(name) and key not in taken and len(token_key(name)[-1].strip()) > 1:
            keys.setdefault(key, slug)
    return keys


class Match(NamedTuple):  # a tuple: made for every mention, several times faster than a dataclass
    start: int
    end: int
    slug: str


class TermMatcher:
    """Finds every non-overlapping mention of any name in a text, leftmost-longest."""

    def __init__(self, names: Mapping[str, str], claimed: Iterable[str] = ()) -> None:
        """`names` maps a name (any case) to the slug of the concept it belongs to.

        `claimed` are names of other concepts that are not linked automatically: a
        plural never takes one of them.
        """
        self._tree: dict[str, Any] = {}
        for key, slug in plurals_too(names, claimed).items():
            node = self._tree.setdefault(key[0], {})
            self._tree[" " + key[0]] = node  # a name may start after a space or not
            for token in key[1:]:
                node = node.setdefault(token, {})
            node.setdefault(_END, slug)

    def finditer(self, text: str) -> Iterator[Match]:
        tree = self._tree
        if not tree:
            return
        keyed = keyed_tokens(text)
        count = len(keyed)
        # Where a match's first and last tokens are in `text`: the tokens are found again
        # in the text as written, skipping those before them in C (islice), and only as
        # far as a match needs (most text nodes have none).
        located = TOKEN.finditer(text)
        passed = 0  # tokens taken from `located` so far
        after = 0  # the next match starts at this token or later
        for i in compress(range(count), map(tree.__contains__, keyed)):
            if i < after or not _free_before(keyed, i):
                continue
            node = tree[keyed[i]]
            best: tuple[int, str] | None = None
            j = i
            while True:
                slug = node.get(_END)
                if slug is not None and _free_after(keyed, j):
                    best = (j, slug)
                j += 1
                if j == count:
                    break
                node = node.get(keyed[j])
                if node is None:
                    break
            if best is None:
                continue
            last, slug = best
            first = next(islice(located, i - passed, None))  # token i
            final = first if last == i else next(islice(located, last - i - 1, None))  # token `last`
            passed = last + 1
            yield Match(first.start(), final.end(), slug)
            after = last + 1


# A token glued to the one before it has no space in front.
def _joins(token: str) -> bool:
    """Whether a glued token makes one word with its neighbour: a letter, digit or hyphen."""
    return token[-1].isalnum() or token[-1] in _GLUE


def _free_before(keyed: list[str], i: int) -> bool:
    if i == 0 or keyed[i][0] == " ":
        return True
    before = keyed[i - 1]
    if _joins(before):
        return False
    # "i.e.": a dot glued between two words joins them.
    return not (before == "." and i >= 2 and _joins(keyed[i - 2]))


def _free_after(keyed: list[str], j: int) -> bool:
    if j + 1 == len(keyed) or keyed[j + 1][0] == " ":
        return True
    after = keyed[j + 1]
    if _joins(after):
        return False
    return not (after == "." and j + 2 < len(keyed) and keyed[j + 2][0] != " " and keyed[j + 2][-1].isalnum())
