"""Synthetic books in the real site's format, to measure the engine as a book grows.

A book is N chapters of about 800 words and M concept files, written the way authors
write them here: chapter front matter (title, description, authors, last_reviewed),
headings, an admonition, lists, a table, a code block, links between chapters,
concept mentions by term, alias and plural, a few `[[slug]]` references and the
key-concepts marker; concepts with aliases, related slugs and some `link: explicit`.

A long-chapter book (`sections` > 0) is instead one chapter of that many sections, each
mentioning about 80 concepts twice: the shape that exposes any cost that grows with the
mentions of one page rather than with the book.

Each book has two configs that differ only in `hooks:`, so a timing difference is the
engine's cost. Both inherit the real mkdocs.yml (theme, overrides, plugins, Markdown
extensions), so the benchmark follows the site when its config changes. The output
depends only on (seed, N, M): the same cell is the same book on every machine.

    python -m benchmarks.generate --chapters 20 --concepts 50 /tmp/book
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_CONFIG = ROOT / "mkdocs.yml"
# Every hook the real mkdocs.yml registers (the engine: concepts, editions, search, safety),
# in its order. Until 2026-12-06 the benchmark registered concept_hooks.py alone.
REAL_HOOKS = tuple(
    ROOT / path
    for path in re.findall(r"^\s*-\s*(hooks/\S+\.py)", REAL_CONFIG.read_text(encoding="utf-8"), re.MULTILINE)
)
REAL_OVERRIDES = ROOT / "overrides"
REAL_ASSETS = ROOT / "docs" / "assets"
ASSET_DIRS = ("stylesheets", "javascripts")  # what the real config's extra_css/polyfills load

# Densities measured on the real site (5 chapters, 115 concepts, November 2026): about
# 36 concept mentions per 1,000 words, 24 distinct concepts per 3,500-word chapter,
# 0.8 aliases and 4 related slugs per concept, one concept in six `link: explicit`.
WORDS_PER_CHAPTER = 800
MENTION_SHARE = 0.5  # sentences with a mention: ~36 per 1,000 words at ~15 words a sentence
TOPICS_PER_CHAPTER = 10  # concepts a chapter keeps returning to
OFF_TOPIC_SHARE = 0.1  # mentions of any concept of the book, not one of the chapter's topics
ALIAS_COUNTS = (0, 0, 1, 1, 2)  # drawn per concept: 0.8 on average
RELATED_COUNTS = (2, 3, 4, 5, 6)  # drawn per concept: 4 on average
EXPLICIT_SHARE = 0.16
REFERENCES_PER_CHAPTER = 3
MAX_NAME_TRIES = 100_000  # about 16,000 two-word names exist; M=2000 uses about 3,600
CHAPTER_LINKS = 2
LONG_SECTION_CONCEPTS = 80  # concepts each section of a long chapter mentions, twice each

# Concept names are made of these words; prose filler never uses them, so every
# mention in a chapter is one the generator placed on purpose.
ADJECTIVES = (
    "anxious",
    "secure",
    "avoidant",
    "early",
    "inner",
    "primitive",
    "mature",
    "hidden",
    "shared",
    "split",
    "false",
    "true",
    "partial",
    "whole",
    "unconscious",
    "internal",
    "moral",
    "narcissistic",
    "depressive",
    "paranoid",
    "oedipal",
    "oral",
    "latent",
    "manifest",
    "symbolic",
    "imaginary",
    "reflective",
    "projective",
    "defensive",
    "adaptive",
    "neurotic",
    "schizoid",
    "erotic",
    "aggressive",
    "libidinal",
    "ideal",
    "archaic",
    "corrective",
    "therapeutic",
    "analytic",
    "dynamic",
    "structural",
    "relational",
    "intersubjective",
    "transitional",
    "potential",
    "containing",
    "idealizing",
    "grandiose",
    "empty",
    "fragmented",
    "cohesive",
    "integrated",
    "disorganized",
    "resistant",
    "preoccupied",
    "dismissing",
    "earned",
    "reparative",
    "envious",
    "grateful",
    "persecutory",
    "somatic",
    "affective",
    "traumatic",
    "cumulative",
    "primary",
    "secondary",
    "repetitive",
    "compulsive",
    "negative",
    "positive",
    "basic",
    "maternal",
    "paternal",
    "infantile",
    "archetypal",
    "collective",
    "personal",
    "social",
    "sexual",
    "hostile",
    "benign",
    "malignant",
    "masochistic",
)
NOUNS = (
    "attachment",
    "object",
    "defense",
    "wish",
    "conflict",
    "self",
    "fantasy",
    "bond",
    "memory",
    "anxiety",
    "guilt",
    "shame",
    "drive",
    "instinct",
    "impulse",
    "affect",
    "ego",
    "superego",
    "envy",
    "rage",
    "grief",
    "mourning",
    "loss",
    "trauma",
    "identification",
    "projection",
    "introjection",
    "splitting",
    "denial",
    "repression",
    "regression",
    "sublimation",
    "displacement",
    "resistance",
    "transference",
    "alliance",
    "frame",
    "interpretation",
    "insight",
    "enactment",
    "rupture",
    "repair",
    "attunement",
    "containment",
    "environment",
    "position",
    "phase",
    "complex",
    "triangle",
    "organization",
    "representation",
    "schema",
    "script",
    "template",
    "style",
    "capacity",
    "tolerance",
    "regulation",
    "boundary",
    "dependency",
    "autonomy",
    "intimacy",
    "separation",
    "individuation",
    "narcissism",
    "omnipotence",
    "idealization",
    "devaluation",
    "ambivalence",
    "integration",
    "dream",
    "symptom",
    "compromise",
    "neutrality",
    "abstinence",
    "termination",
    "narrative",
    "mentalization",
    "haven",
    "caregiver",
    "rivalry",
    "jealousy",
    "longing",
    "desire",
    "aggression",
    "illusion",
    "disillusionment",
    "masochism",
    "phobia",
    "obsession",
    "dissociation",
    "vigilance",
)
FILLER = (
    "people",
    "often",
    "notice",
    "when",
    "their",
    "relationships",
    "change",
    "slowly",
    "over",
    "time",
    "and",
    "the",
    "a",
    "of",
    "in",
    "with",
    "may",
    "can",
    "feel",
    "think",
    "about",
    "how",
    "others",
    "respond",
    "this",
    "that",
    "what",
    "is",
    "seems",
    "helps",
    "explain",
    "why",
    "some",
    "patterns",
    "return",
    "later",
    "life",
    "therapy",
    "room",
    "client",
    "therapist",
    "work",
    "together",
    "understand",
    "meaning",
    "behind",
    "habits",
    "words",
    "feelings",
    "stories",
    "family",
    "friends",
    "partner",
    "school",
    "home",
    "research",
    "studies",
    "suggest",
    "writers",
    "describe",
    "theory",
    "idea",
    "view",
    "practice",
    "session",
    "week",
    "years",
    "childhood",
    "adults",
    "children",
    "everyday",
    "small",
    "large",
    "careful",
    "gentle",
    "steady",
    "new",
    "old",
    "familiar",
    "strange",
    "sometimes",
    "usually",
    "rarely",
    "gradually",
    "clearly",
    "quietly",
    "for",
    "to",
    "from",
    "by",
    "as",
    "at",
    "on",
    "not",
    "more",
    "less",
    "most",
    "many",
    "few",
    "both",
    "each",
    "other",
    "same",
    "different",
    "way",
    "ways",
    "part",
    "parts",
    "story",
    "voice",
)
AUTHORS = (
    "Bowlby",
    "Ainsworth",
    "Klein",
    "Winnicott",
    "Fairbairn",
    "Kohut",
    "Kernberg",
    "Main",
    "Fonagy",
    "Stern",
    "Shedler",
    "Safran",
    "Horney",
    "Freud",
    "Mitchell",
)
LANGUAGES = ("python", "yaml", "text")


@dataclass(frozen=True)
class BookSpec:
    chapters: int
    concepts: int
    seed: int = 8
    words_per_chapter: int = WORDS_PER_CHAPTER
    sections: int = 0  # > 0: each chapter is one long chapter of this many sections
    density: int = 1  # concept mentions in a sentence that has any: 8 is eight times the real link density


@dataclass(frozen=True)
class ConceptSpec:
    slug: str
    term: str
    aliases: tuple[str, ...]
    related: tuple[str, ...]
    explicit: bool

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


@dataclass(frozen=True)
class Book:
    spec: BookSpec
    root: Path
    docs: Path
    engine_config: Path  # the real hooks
    plain_config: Path  # the same book with `hooks: []`
    chapter_words: int

    @property
    def pages(self) -> int:
        """Markdown pages MkDocs renders in both builds: chapters, concepts and home."""
        return self.spec.chapters + self.spec.concepts + 1


# -- names ------------------------------------------------------------------------


def plural(name: str) -> str:
    """The same regular plural the engine's matcher adds (hooks/conceptbook/glossary/names.py).

    Kept as a copy, not an import, so generating a book never loads the engine that is
    being measured; a drift would show as a 'name already claimed' warning in the
    strict check build that run.py makes before measuring a book (run.check_book).
    """
    if re.search(r"(?:s|x|z|ch|sh)$", name, re.IGNORECASE):
        return name + "es"
    if re.search(r"[^aeiou]y$", name, re.IGNORECASE):
        return name[:-1] + "ies"
    return name + "s"


class NamePool:
    """Hands out names no other concept uses, counting plurals, as the engine requires."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()
        self.singles = list(NOUNS)
        rng.shuffle(self.singles)

    def _free(self, name: str) -> bool:
        return not {name, plural(name)} & self.taken

    def _claim(self, name: str) -> str:
        self.taken.update({name, plural(name)})
        return name

    def take(self, single_word_share: float) -> str:
        # Short single-word terms ("defense") exist next to longer ones ("secure
        # attachment"), which exercises the matcher's longest-name-first rule.
        while self.singles and self.rng.random() < single_word_share:
            name = self.singles.pop()
            if self._free(name):
                return self._claim(name)
        for _ in range(MAX_NAME_TRIES):
            first = self.rng.choice(ADJECTIVES if self.rng.random() < 0.7 else NOUNS)
            second = self.rng.choice(NOUNS)
            name = f"{first} {second}"
            if first != second and self._free(name):
                return self._claim(name)
        raise ValueError(f"the word lists ran out of unused two-word names after {len(self.taken) // 2} names")


def make_concepts(count: int, seed: int) -> list[ConceptSpec]:
    """`count` concepts with unique names; depends on (count, seed) only, not on N."""
    rng = random.Random(f"concepts:{seed}:{count}")
    pool = NamePool(rng)
    named: list[tuple[str, tuple[str, ...]]] = []
    for _ in range(count):
        term = pool.take(single_word_share=0.15)
        aliases = tuple(pool.take(single_word_share=0.0) for _ in range(rng.choice(ALIAS_COUNTS)))
        named.append((term, aliases))
    slugs = [term.replace(" ", "-") for term, _ in named]
    concepts = []
    for index, (term, aliases) in enumerate(named):
        others = [s for s in rng.sample(slugs, min(len(slugs), max(RELATED_COUNTS) + 1)) if s != slugs[index]]
        related = tuple(others[: rng.choice(RELATED_COUNTS)])
        concepts.append(
            ConceptSpec(
                slugs[index], term[:1].upper() + term[1:], aliases, related, explicit=rng.random() < EXPLICIT_SHARE
            )
        )
    return concepts


# -- prose --------------------------------------------------------------------------


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _citation(rng: random.Random) -> str:
    # A name and a year, but not in the "(Name, 1999)" form the build rejects as typed by
    # hand (hooks/conceptbook/authoring/prose.py): the same length of text without a citation key.
    return f" ({rng.choice(AUTHORS)} in {rng.randint(1936, 2024)})"


def phrase(rng: random.Random, words: int) -> str:
    """A few capitalized filler words, for headings and questions."""
    return _capitalize(" ".join(rng.choices(FILLER, k=words)))


def sentence(rng: random.Random, mention: str | None = None, words: int | None = None) -> str:
    """A sentence of filler with `mention` (already formatted Markdown) somewhere in it."""
    body = rng.choices(FILLER, k=words or rng.randint(9, 18))
    if mention is not None:
        body.insert(rng.randint(0, len(body)), mention)
    cite = _citation(rng) if rng.random() < 0.15 else ""
    return _capitalize(" ".join(body)) + cite + "."


class Mentions:
    """Draws a chapter's concept mentions: term, alias or plural, sometimes bold."""

    def __init__(self, rng: random.Random, concepts: Sequence[ConceptSpec], density: int = 1) -> None:
        self.rng = rng
        self.density = density
        self.topics = rng.sample(list(concepts), min(TOPICS_PER_CHAPTER, len(concepts)))
        self.all = concepts

    def next(self) -> str:
        # Mostly the chapter's own topics, sometimes any concept of the book.
        pool = self.all if self.rng.random() < OFF_TOPIC_SHARE else self.topics
        concept = self.rng.choice(pool)
        name = self.rng.choice(concept.names).lower()
        if self.rng.random() < 0.25:
            name = plural(name)
        return f"**{name}**" if self.rng.random() < 0.2 else name

    def in_sentence(self) -> str | None:
        """The mentions of one sentence: none, or `density` of them (one draw per sentence,
        so a book of density 1 is the same book as before densities existed)."""
        if self.rng.random() >= MENTION_SHARE:
            return None
        return " and ".join(self.next() for _ in range(self.density))

    def reference(self, labelled: bool) -> str:
        concept = self.rng.choice(self.topics)
        if labelled:
            return f"[[{concept.slug}|{self.rng.choice(concept.names).lower()}]]"
        return f"[[{concept.slug}]]"


def paragraph(rng: random.Random, mentions: Mentions, sentences: int = 4) -> str:
    return " ".join(sentence(rng, mentions.in_sentence()) for _ in range(sentences))


# -- files --------------------------------------------------------------------------


def chapter_name(number: int) -> str:
    return f"chapter-{number:04d}.md"


def chapter_title(rng: random.Random, number: int) -> str:
    return f"Chapter {number}: {phrase(rng, 3)}"


def _front_matter(title: str, rng: random.Random) -> str:
    description = sentence(rng, words=14)
    return (
        f'---\ntitle: "{title}"\ndescription: {description}\n'
        f"authors: [Benchmark Author, Second Author]\nlast_reviewed: 2026-01-{rng.randint(10, 28)}\n---\n"
    )


def _code_block(rng: random.Random, mentions: Mentions) -> str:
    # A concept name inside code must stay unlinked; the engine has to skip it.
    language = rng.choice(LANGUAGES)
    return f'```{language}\nnote = "{mentions.next()}"\nseen = {rng.randint(1, 99)}\n```'


def _table(rng: random.Random, mentions: Mentions) -> str:
    rows = [f"| {_capitalize(mentions.next())} | {sentence(rng, words=6)} |" for _ in range(3)]
    return "| Idea | What it means |\n| --- | --- |\n" + "\n".join(rows)


def _bullets(rng: random.Random, mentions: Mentions, count: int) -> str:
    return "\n".join(f"- {sentence(rng, mentions.next(), words=rng.randint(6, 10))}" for _ in range(count))


def chapter_text(spec: BookSpec, number: int, titles: Sequence[str], concepts: Sequence[ConceptSpec]) -> str:
    rng = random.Random(f"chapter:{spec.seed}:{spec.chapters}:{spec.concepts}:{number}")
    mentions = Mentions(rng, concepts, spec.density)
    title = titles[number - 1]
    others = [n for n in range(1, spec.chapters + 1) if n != number]
    links = [f"[{titles[n - 1]}]({chapter_name(n)})" for n in rng.sample(others, min(CHAPTER_LINKS, len(others)))]
    references = [mentions.reference(labelled=i == 0) for i in range(REFERENCES_PER_CHAPTER)]

    objectives = "\n".join(f"    - {sentence(rng, words=8)}" for _ in range(3))
    head = [
        f"# {title}",
        f'!!! abstract "Learning objectives"\n\n    By the end of this chapter you should be able to:\n\n{objectives}',
        paragraph(rng, mentions),
    ]
    sections = [
        [
            f"## Section one: {phrase(rng, 3)}",
            " ".join([sentence(rng, references[0]), paragraph(rng, mentions, 3)]),
            _bullets(rng, mentions, 4),
        ],
        [
            f"## Section two: {phrase(rng, 3)}",
            f"### Part of section two: {phrase(rng, 2)}",
            " ".join([paragraph(rng, mentions, 3), sentence(rng, references[1])]),
            _code_block(rng, mentions),
            _table(rng, mentions),
        ],
        [
            f"## Section three: {phrase(rng, 3)}",
            " ".join(
                [
                    sentence(rng, references[2]),
                    f"See also {' and '.join(links)}." if links else "",
                    paragraph(rng, mentions, 3),
                ]
            ),
        ],
    ]
    tail = [
        "## Key takeaways",
        _bullets(rng, mentions, 3),
        "<!-- key-concepts -->",
        "## Summary",
        paragraph(rng, mentions, 3),
        "## Review questions",
        f'??? question "1. {phrase(rng, 7)}?"\n\n    {sentence(rng, mentions.next())}',
    ]

    def words() -> int:
        return sum(len(block.split()) for block in (*head, *(b for s in sections for b in s), *tail))

    # Pad the sections in turn up to the target length, like a chapter that grows.
    turn = 0
    while words() < spec.words_per_chapter:
        sections[turn % len(sections)].append(paragraph(rng, mentions, rng.randint(3, 5)))
        turn += 1
    blocks = [*head, *(b for s in sections for b in s), *tail]
    return _front_matter(title, rng) + "\n" + "\n\n".join(blocks) + "\n"


def long_chapter_text(spec: BookSpec, number: int, titles: Sequence[str], concepts: Sequence[ConceptSpec]) -> str:
    """One chapter of `spec.sections` sections; each names LONG_SECTION_CONCEPTS concepts twice,
    by term, alias or plural, two mentions to a sentence."""
    rng = random.Random(f"long-chapter:{spec.seed}:{spec.sections}:{spec.concepts}:{number}")
    title = titles[number - 1]
    blocks = [f"# {title}", paragraph(rng, Mentions(rng, concepts), 2)]
    for section in range(1, spec.sections + 1):
        chosen = rng.sample(list(concepts), min(LONG_SECTION_CONCEPTS, len(concepts)))
        names = [rng.choice(c.names).lower() for c in chosen for _ in range(2)]
        names = [plural(n) if rng.random() < 0.25 else n for n in names]
        rng.shuffle(names)
        sentences = [
            _capitalize(f"{rng.choice(FILLER)} {a} {rng.choice(FILLER)} {b}") + "."
            for a, b in zip(names[::2], names[1::2], strict=False)
        ]
        blocks.append(f"## Section {section}: {phrase(rng, 3)}")
        blocks += [" ".join(sentences[i : i + 8]) for i in range(0, len(sentences), 8)]
    blocks.append("<!-- key-concepts -->")
    return _front_matter(title, rng) + "\n" + "\n\n".join(blocks) + "\n"


def concept_text(concept: ConceptSpec, seed: int) -> str:
    rng = random.Random(f"concept-text:{seed}:{concept.slug}")
    summary = sentence(rng, concept.term.lower(), words=rng.randint(16, 26)) + " " + sentence(rng, words=10)
    lines = ["---", f"term: {concept.term}", "summary: >-", f"  {summary}"]
    if concept.aliases:
        lines.append(f"aliases: [{', '.join(concept.aliases)}]")
    if concept.related:
        lines.append(f"related: [{', '.join(concept.related)}]")
    if concept.explicit:
        lines.append("link: explicit")
    lines.append("---")
    refs = [f"[[{slug}]]" for slug in concept.related[:2]]
    detail = " ".join(sentence(rng, ref) for ref in refs) + " " + " ".join(sentence(rng) for _ in range(4))
    example = " ".join(sentence(rng) for _ in range(3))
    # Not a hand-typed reference list, which the build rejects (hooks/conceptbook/authoring/prose.py);
    # "Further reading" is a section the engine leaves unindexed, as it did "Reference".
    reference = (
        f"*{_capitalize(concept.term)}*, by A. {rng.choice(AUTHORS)} ({rng.randint(1936, 2024)}), Example Press."
    )
    body = [
        "## In more detail",
        detail.strip(),
        "## An example",
        f"An invented example: {example}",
        "## Further reading",
        reference,
    ]
    return "\n".join(lines) + "\n\n" + "\n\n".join(body) + "\n"


def home_text(spec: BookSpec) -> str:
    return (
        "---\ntitle: Benchmark book\ndescription: A synthetic book that measures the glossary engine.\n"
        "hide:\n  - navigation\n---\n\n# Benchmark book\n\n"
        f"A generated book of {spec.chapters} chapters and {spec.concepts} concepts.\n\n"
        "## The chapters\n\n<!-- chapter-cards -->\n"
    )


def config_text(spec: BookSpec, chapters: Sequence[str], *, hooks: bool) -> str:
    # INHERIT takes the real theme, plugins, Markdown extensions and validation; only
    # what differs per book is set here. Paths in the real config are relative to the
    # file that uses them, so the hook and overrides are given absolute.
    # The plain twin must say `hooks: []`: leaving `hooks` out would inherit the real
    # relative path, which does not exist next to this file.
    hook_line = "hooks:\n" + "".join(f"  - {hook}\n" for hook in REAL_HOOKS) if hooks else "hooks: []\n"
    nav = "\n".join(f"      - chapters/{name}" for name in chapters)
    return (
        f"INHERIT: {REAL_CONFIG}\n"
        f"site_name: Benchmark book N={spec.chapters} M={spec.concepts}\n"
        "docs_dir: docs\n"
        f"theme:\n  custom_dir: {REAL_OVERRIDES}\n"
        f"{hook_line}"
        "# Concept pages stay out of the nav, as on the real site.\n"
        "not_in_nav: |\n  /concepts/\n"
        f"nav:\n  - Home: index.md\n  - Chapters:\n{nav}\n"
    )


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _copy_assets(docs: Path) -> None:
    """The stylesheets and scripts the real config names, so both builds load them."""
    for name in ASSET_DIRS:
        source = REAL_ASSETS / name
        if source.is_dir():
            shutil.copytree(source, docs / "assets" / name, dirs_exist_ok=True)


def generate_book(spec: BookSpec, root: Path) -> Book:
    """Write the book into `root` (created if needed) and return where everything is."""
    docs = root / "docs"
    concepts = make_concepts(spec.concepts, spec.seed)
    title_rng = random.Random(f"titles:{spec.seed}:{spec.chapters}")
    titles = [chapter_title(title_rng, n) for n in range(1, spec.chapters + 1)]
    words = 0
    write_chapter = long_chapter_text if spec.sections else chapter_text
    for number in range(1, spec.chapters + 1):
        text = write_chapter(spec, number, titles, concepts)
        words += len(text.split("\n---\n", 1)[1].split())
        _write(docs / "chapters" / chapter_name(number), text)
    for concept in concepts:
        _write(docs / "concepts" / f"{concept.slug}.md", concept_text(concept, spec.seed))
    _write(docs / "index.md", home_text(spec))
    _copy_assets(docs)
    names = [chapter_name(n) for n in range(1, spec.chapters + 1)]
    engine = root / "mkdocs.yml"
    plain = root / "mkdocs-no-hooks.yml"
    _write(engine, config_text(spec, names, hooks=True))
    _write(plain, config_text(spec, names, hooks=False))
    return Book(spec, root, docs, engine, plain, words)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chapters", type=int, default=20)
    parser.add_argument("--concepts", type=int, default=50)
    parser.add_argument("--sections", type=int, default=0, help="> 0: long chapters of this many sections")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    book = generate_book(BookSpec(args.chapters, args.concepts, args.seed, sections=args.sections), args.folder)
    print(f"{book.root}: {book.pages} pages, {book.chapter_words} words of chapters")
    print(f"  with the engine:    mkdocs build -f {book.engine_config}")
    print(f"  without its hooks:  mkdocs build -f {book.plain_config}")


if __name__ == "__main__":
    main()
