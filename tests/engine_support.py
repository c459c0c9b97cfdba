"""Rendering Markdown through the linker outside MkDocs, for unit tests of the engine."""

from __future__ import annotations

import markdown

from conceptbook.glossary.linker import ConceptExtension, Linker, PageContext
from conceptbook.glossary.model import Concept, Glossary, build_glossary


def concept(
    slug: str, term: str, *aliases: str, link: str = "auto", related: tuple[str, ...] = (), summary: str | None = None
) -> Concept:
    return Concept(
        slug=slug,
        term=term,
        summary=summary or f"Definition of {term}.",
        src_uri=f"concepts/{slug}.md",
        path=f"docs/concepts/{slug}.md",
        aliases=tuple(aliases),
        related=related,
        link=link,  # type: ignore[arg-type]
    )


GLOSSARY_CONCEPTS = [
    concept("attachment", "Attachment"),
    concept("secure-attachment", "Secure attachment"),
    concept("defense", "Defense", "defence", "defense mechanism"),
    concept("transference", "Transference"),
    concept("countertransference", "Countertransference", "counter-transference"),
    concept("object", "Object", link="explicit"),
    concept("denial", "Denial", link="explicit"),
    concept("strange-situation", "Strange Situation"),
    concept("ego", "Ego", link="explicit"),
    concept("cafe-self", "Café self"),
]


def make_glossary() -> Glossary:
    return build_glossary(GLOSSARY_CONCEPTS)


def render(
    text: str, *, src_uri: str = "chapters/demo.md", own_slug: str | None = None, glossary: Glossary | None = None
) -> tuple[str, PageContext]:
    """Render `text` as one page with the engine's extension; return HTML and what it saw."""
    linker = Linker(glossary or make_glossary())
    page = PageContext(
        src_uri=src_uri,
        path=f"docs/{src_uri}",
        source=text,
        is_chapter=src_uri.startswith("chapters/"),
        own_slug=own_slug,
    )
    linker.page = page
    md = markdown.Markdown(
        extensions=[
            "toc",
            "admonition",
            "attr_list",
            "md_in_html",
            "footnotes",
            "tables",
            "pymdownx.superfences",
            "pymdownx.details",
            ConceptExtension(linker),
        ]
    )
    return md.convert(text), page


def link(slug: str, text: str, href: str | None = None) -> str:
    """The exact HTML the engine writes for a concept link: the tip contract, no title
    (its definition is a hidden tip source the hooks add to the page)."""
    tip = f"tip-concept-{slug}"
    return (
        f'<a aria-describedby="{tip}" class="concept-link" data-concept="{slug}" data-tip="{tip}" '
        f'href="{href or f"../concepts/{slug}.md"}">{text}</a>'
    )
