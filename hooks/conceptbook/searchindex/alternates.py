"""Other spellings of the words in each search entry, so that a reader finds the book
whatever spelling they type.

The book is written in American English, and Material's search matches the start of a
word (`defen` finds "defenses") but never a different spelling ("defence"). Each entry of
search/search_index.json therefore gets two extra fields that Material indexes like the
others (mkdocs.yml declares them under the search plugin's `fields`) but never shows:

- `title_alternates`: other spellings of the words of the entry's title, and on a
  concept page the concept's aliases (weighted like the title);
- `text_alternates`: other spellings of the words of the entry's text;
- `concept_name`: on a concept page, each of its one-word names (term and aliases,
  "The unconscious" counting as one word) with their one-word other spellings, weighted above
  the title, so that "transference" lists Transference before Countertransference
  (alias "counter-transference") and Transference-focused psychotherapy, whose titles
  also hold the word.

The spellings come from searchindex/spellings.yml (edit that file, not this one): rules
for -ize/-yze, a table of American word beginnings with their British forms, and common
misspellings of the book's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

SPELLINGS = Path(__file__).with_name("spellings.yml")
TITLE_FIELD = "title_alternates"
TEXT_FIELD = "text_alternates"
NAME_FIELD = "concept_name"

_TAG = re.compile(r"<[^>]+>")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_ONE_WORD = re.compile(r"[a-z]+")  # no space or dash: search would split it into words
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
# -ize, -ise: organization -> organisation. Two letters at least before it, so that
# "size" and "seize" are left alone.
_IZE = re.compile(r"^([a-z]{2,}[^s\W])iz(e|es|ed|ing|ation|ations|er|ers)$")
# -yze, -yse: analyze -> analyse.
_YZE = re.compile(r"^([a-z]{3,})yz(e|es|ed|ing|er|ers)$")


@dataclass
class Spellings:
    """Word beginnings and their other spellings (each maps to one or more forms)."""

    beginnings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Each word's variants, worked out once: a book's search index repeats the same few
    # thousand words in every entry (400 chapters: 200,000 lookups of 7,000 entries).
    _known: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    def variants(self, word: str) -> frozenset[str]:
        """Other spellings of one lower-case word (never the word itself)."""
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = frozenset(self._variants(word))
        return known

    def _variants(self, word: str) -> set[str]:
        found: set[str] = set()
        for rule in (_IZE, _YZE):
            match = rule.match(word)
            if match:
                found.add(f"{match.group(1)}{'is' if rule is _IZE else 'ys'}{match.group(2)}")
        for size in range(len(word), 2, -1):
            forms = self.beginnings.get(word[:size])
            if forms:
                found.update(form + word[size:] for form in forms)
                break
        found.discard(word)
        return found

    def of_text(self, text: str) -> list[str]:
        """The other spellings of every word of `text` (HTML tags ignored), sorted."""
        words = set(_WORD.findall(_TAG.sub(" ", text).lower()))
        found: set[str] = set()
        for word in words:
            found |= self.variants(word)
        return sorted(found - words)


def load_spellings(path: Path = SPELLINGS) -> Spellings:
    """Read spellings.yml: `british` and `misspellings`, each a mapping of a word
    beginning the book uses to the beginning(s) a reader may type instead."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{path}: cannot read the search spellings: {error}") from error
    spellings = Spellings()
    for section in ("british", "misspellings"):
        table = data.get(section) or {}
        if not isinstance(table, dict):
            raise PluginError(f"{path}: '{section}' must map a word beginning to its other spelling(s)")
        for start, forms in table.items():
            forms = [forms] if isinstance(forms, str) else forms
            if not isinstance(start, str) or not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
                raise PluginError(
                    f"{path}: {section}: '{start}' must map to a spelling or a list of spellings, "
                    f"e.g. `defense: defence`"
                )
            known = spellings.beginnings.setdefault(start.lower(), ())
            spellings.beginnings[start.lower()] = tuple(dict.fromkeys([*known, *(f.lower() for f in forms)]))
    return spellings


def add_alternates(index: dict, spellings: Spellings, concept_names: dict[str, list[str]]) -> dict:
    """Give every entry of a search index (search_index.json, parsed) its alternates.

    `names` maps a page's location (concepts/transference.html) to the names of the
    concept it describes, term first; they join the page-level entry's alternates."""
    for doc in index.get("docs", []):
        title = doc.get("title", "")
        names = concept_names.get(doc.get("location", ""), [])
        title_words = spellings.of_text(title)
        for name in names[1:]:
            title_words += [name.lower(), *spellings.of_text(name)]
        exact = [w for w in (_ARTICLE.sub("", n).lower() for n in names) if _ONE_WORD.fullmatch(w)]
        if exact:
            # Only one-word spellings: search splits "super ego" (a spelling of superego), and
            # "ego" would be a name of the Superego page, ranked above the Ego page.
            variants = [v for n in exact for v in sorted(spellings.variants(n)) if _ONE_WORD.fullmatch(v)]
            doc[NAME_FIELD] = " ".join(dict.fromkeys(exact + variants))
        if title_words:
            doc[TITLE_FIELD] = " ".join(dict.fromkeys(title_words))
        text_words = spellings.of_text(doc.get("text", ""))
        if text_words:
            doc[TEXT_FIELD] = " ".join(text_words)
    return index
