"""How names are compared: one normal form for concept names and the words of a text.

A name or a text is cut into tokens: runs of letters and digits (with any combining
marks that follow), and single punctuation characters. Each token is compared in its
folded form — Unicode NFC, then full case folding (`Größenselbst` and `GRÖSSENSELBST`
fold alike; so do composed and decomposed `ö`), with a curly apostrophe read as a
straight one. Whether a token is separated from the one before by white space is part
of the comparison, but not how much white space: "good-enough" is not "good - enough",
and "secure\n  attachment" is "secure attachment".
"""

from __future__ import annotations

import re
import unicodedata

# A word: letters or digits with their combining marks (decomposed Unicode stays one
# word). Anything else that is not white space is a token of one character.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# Invisible characters an editor may leave inside a word (soft hyphen, zero-width space,
# non-joiner and joiner, word joiner): between letters they keep the word one word, and
# fold() drops them, so "Trans\u00adference" is found as "transference" (probe T20).
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060"
_WORD = rf"[\w{_MARKS}]+(?:[{_INVISIBLE}]+[\w{_MARKS}]+)*"
TOKEN = re.compile(rf"{_WORD}|\S")
# In text whose white space is already one space each: a token with the space before it.
SPACED_TOKEN = re.compile(rf" ?(?:{_WORD}|\S)")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"} | dict.fromkeys(_INVISIBLE, None))


def fold(token: str) -> str:
    """The form a token is compared in (a space before it is kept)."""
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", token).casefold())
    return folded.translate(_APOSTROPHES)


def keyed_tokens(text: str) -> list[str]:
    """The text's tokens in the form the matcher compares: folded, and ' ' before each
    token that white space separates from the one before (never before the first)."""
    flat = " ".join(text.lower().split())
    if flat.isascii():  # most text: lower() already folded it
        return SPACED_TOKEN.findall(flat)
    return [t if t.isascii() else fold(t) for t in SPACED_TOKEN.findall(flat)]


def token_key(name: str) -> tuple[str, ...]:
    """A name as a path in the matcher's tree of names."""
    return tuple(keyed_tokens(name))


def name_key(name: str) -> str:
    """The form two names are compared in: case, spacing, apostrophes and Unicode form ignored."""
    return "".join(token_key(name))


# Letters of other alphabets that look like Latin ones (Cyrillic and Greek, lower and upper
# case): a name written wholly in them ("Ѕсоре") looks like a Latin name ("Scope") that
# the mixed-alphabet check cannot catch, since each of its words is in one alphabet.
# Names are compared case-folded, so a capital that looks Latin ("В", "Н", "М", "Т") is
# listed by the small letter it folds to as well. Not Unicode's whole confusables table:
# the letters a book in English meets.
_LOOKALIKES = str.maketrans(
    "аАвВсСеЕһНніІјЈкКмМтоОрРѕЅтТхХуУԁԛԝӏαΑβΒεΕζΖηΗιΙκΚμΜνΝοΟρΡτΤυΥχΧ",
    "aabbcceehhhiijjkkmmtooppssttxxyydqwlaabbeezznhiikkmmnnooppttuyxx",
)


def lookalike_key(name: str) -> str:
    """The form two names are compared in by how they look: name_key, with Cyrillic and
    Greek letters that look like Latin ones read as those."""
    return name_key(name).translate(_LOOKALIKES)


def has_letter(name: str) -> bool:
    return any(c.isalpha() for c in name)


def plural(name: str) -> str:
    """The regular English plural of a name's last word: defense → defenses."""
    if re.search(r"(?:s|x|z|ch|sh)$", name, re.IGNORECASE):
        return name + "es"
    if re.search(r"[^aeiou]y$", name, re.IGNORECASE):
        return name[:-1] + "ies"
    return name + "s"


def sort_key(term: str) -> str:
    """Alphabetical order by base letters: 'Über-Ich' sorts with the Us, not after Z."""
    decomposed = unicodedata.normalize("NFKD", term.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def initial(term: str) -> str:
    """The glossary letter a term is listed under: its first base letter, or '#'."""
    base = sort_key(term)[:1].upper()
    return base if base.isalpha() else "#"
