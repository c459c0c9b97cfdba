"""Start a new chapter or concept file from the templates in scripts/templates/.

    make new-chapter NAME="Grief and loss"   writes docs/chapters/grief-and-loss.md
    make new-concept NAME="Mourning"         writes docs/concepts/mourning.md

(The make variable is NAME for both: TERM would be the shell's terminal type, which is
always set, so a forgotten TERM= once made docs/concepts/xterm-256color.md.)

The new file builds as it is; each "TODO:" in it marks text to write. An existing file
is never overwritten. The templates live outside docs/ so they are never published.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import string
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

# One slug rule and one set of name rules, shared with the engine (hooks/conceptbook/,
# importable once `make` has set up .venv).
from conceptbook.common.text import slug as slugify
from conceptbook.glossary.names import SUMMARY_MAX_WORDS, name_problem

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"

MAKE_VARIABLE = "NAME"
EXAMPLES = {"chapter": "Grief and loss", "concept": "Mourning"}
_SITE_URL = re.compile(r"^site_url:\s*(\S+)", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$", re.DOTALL | re.MULTILINE)


@dataclass(frozen=True)
class Kind:
    folder: str  # under docs/
    noun: str  # what the name is called: title or term


KINDS = {
    "chapter": Kind(folder="chapters", noun="title"),
    "concept": Kind(folder="concepts", noun="term"),
}


MAX_SLUG_CHARS = 80  # a file name; the file system's limit is 255 bytes


def usage(kind: str) -> str:
    return f'make new-{kind} {MAKE_VARIABLE}="{EXAMPLES[kind]}"'


def preview_root(config: Path = ROOT / "mkdocs.yml") -> str:
    """Where `make serve` shows the site: the dev server serves under site_url's path."""
    found = _SITE_URL.search(config.read_text(encoding="utf-8")) if config.is_file() else None
    path = urlsplit(found.group(1)).path if found else "/"
    return "http://127.0.0.1:8000/" + path.strip("/") + ("/" if path.strip("/") else "")


def yaml_value(text: str) -> str:
    """`text` as a one-line YAML value: bare when YAML reads it back unchanged, else quoted."""
    try:
        if yaml.safe_load(f"key: {text}") == {"key": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted one


def render(kind: str, name: str, slug: str, today: datetime.date) -> str:
    template = string.Template((TEMPLATES / f"{kind}.md").read_text(encoding="utf-8"))
    if kind == "chapter":
        return template.substitute(title=name, title_yaml=yaml_value(name), today=today.isoformat())
    return template.substitute(term=name, term_yaml=yaml_value(name), slug=slug, max_words=SUMMARY_MAX_WORDS)


def shown(path: Path) -> str:
    """A path as the user should read it: relative to where they are, when it is below."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _name_key(name: str) -> str:
    return " ".join(name.replace("\u2019", "'").split()).casefold()


def concept_named(docs: Path, name: str) -> Path | None:
    """The concept file that already has `name` as its term or an alias, if any."""
    for path in sorted((docs / "concepts").glob("*.md")):
        match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
        try:
            data = yaml.safe_load(match.group(1)) if match else None
        except yaml.YAMLError:
            continue  # the build reports it
        if isinstance(data, dict):
            names = [data.get("term"), *(data.get("aliases") or [])]
            if any(isinstance(n, str) and _name_key(n) == _name_key(name) for n in names):
                return path
    return None


def next_steps(kind: str, path: Path, slug: str) -> str:
    preview = preview_root()
    if kind == "chapter":
        return f"""\
Created {shown(path)}. Next:
  1. Put it in the reading order: in mkdocs.yml, under "nav:" and "- Chapters:", add the line
         - chapters/{slug}.md
     The home page then lists it, with its description, by itself.
  2. Run `make serve` and open {preview}chapters/{slug}.html
     to watch the chapter change as you write.
  3. Replace every "TODO:" with your text, and the description in the front matter too.
     CONTRIBUTING.md explains each part of a chapter and the house style.
  4. Make every new concept you teach with: make new-concept {MAKE_VARIABLE}="..."
  5. Run `make test`, then open a pull request."""
    return f"""\
Created {shown(path)}. Next:
  1. Write the summary (at most {SUMMARY_MAX_WORDS} words) and fill in or delete aliases, related and link.
  2. Mention the term in a chapter: its first mention there becomes a link to the concept
     (with "link: explicit", write [[{slug}]] instead).
  3. Run `make serve`: the concept's page is at {preview}concepts/{slug}.html
     and its glossary entry at {preview}glossary.html#{slug}
  4. Run `make test`, then open a pull request."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Start a chapter or a concept from the templates in scripts/templates/.",
        epilog=f"Usually run through make: {usage('chapter')} or {usage('concept')}.",
    )
    parser.add_argument("kind", choices=sorted(KINDS), help="what to start")
    parser.add_argument("name", help=f"the chapter's title or the concept's term, e.g. \"{EXAMPLES['concept']}\"")
    parser.add_argument(
        "--docs", type=Path, default=ROOT / "docs", help="the docs folder to write into (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    kind = KINDS[args.kind]

    name = " ".join(args.name.split())
    slug = slugify(name)
    if not slug:
        problem = f"{name!r} has no letters or digits to make a file name from" if name else f"no {kind.noun} given"
        print(f"error: {problem}. Give the new {args.kind} a {kind.noun}, e.g.\n  {usage(args.kind)}", file=sys.stderr)
        return 2
    if len(slug) > MAX_SLUG_CHARS:
        print(
            f"error: the {kind.noun} {name[:40]!r}... would make a file name of {len(slug)} characters; the limit "
            f"is {MAX_SLUG_CHARS}. Give a shorter {kind.noun}, e.g.\n  {usage(args.kind)}",
            file=sys.stderr,
        )
        return 2
    if args.docs.exists() and not args.docs.is_dir():
        print(
            f"error: --docs {args.docs} is not a folder; give the book's docs folder (the default is docs/).",
            file=sys.stderr,
        )
        return 2
    named = name_problem(name, kind.noun, "auto") if args.kind == "concept" else None
    if named:
        print(f"error: {named}. Nothing was written.", file=sys.stderr)
        return 2

    path = args.docs / kind.folder / f"{slug}.md"
    if path.exists():
        print(
            f"error: {shown(path)} already exists, so nothing was written. Edit that file, "
            f"or choose a different {kind.noun}.",
            file=sys.stderr,
        )
        return 1
    owner = concept_named(args.docs, name) if args.kind == "concept" else None
    if owner is not None:
        print(
            f"error: {name!r} is already a name of the concept in {shown(owner)} (its term or an alias), "
            f"so nothing was written. A name may belong to one concept only: edit that file instead.",
            file=sys.stderr,
        )
        return 1
    text = render(args.kind, name, slug, datetime.date.today())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:  # "x": never overwrite, even in a race
            file.write(text)
    except OSError as error:
        print(f"error: {shown(path)} cannot be written ({error.strerror}); nothing was written.", file=sys.stderr)
        return 1
    print(next_steps(args.kind, path, slug))
    return 0


if __name__ == "__main__":
    sys.exit(main())
