"""The glossary in standard vocabularies: SKOS (a file) and schema.org (in each page).

SKOS is the W3C vocabulary for glossaries and thesauri that reference managers,
flashcard tools and knowledge graphs read; `glossary.skos.jsonld` holds one skos:Concept
per concept, with its page's URL as @id. skos has no "contrasts" or "developed from", so
those two use properties of this book's own, under the export's URL.

schema.org's DefinedTerm (each concept page) and DefinedTermSet (the glossary page) tell
search engines what the pages define. JSON inside <script> must not contain `</script`;
`script_json` escapes every <, > and & as \\u escapes, which JSON parsers read back unchanged.
"""

from __future__ import annotations

import json
from typing import Any

SKOS = "http://www.w3.org/2004/02/skos/core#"
SKOS_FILE = "glossary.skos.jsonld"
SCHEME_NAME = "Glossary of the Psychodynamic Theory textbook"
# glossary.json field -> SKOS property (or this book's own), in the order they are written.
PROPERTIES = {
    "broader": "skos:broader",
    "narrower": "skos:narrower",
    "related": "skos:related",
    "contrasts": "book:contrasts",
    "developed_from": "book:developedFrom",
    "led_to": "book:ledTo",
}


def skos_document(records: list[dict[str, Any]], base: str, glossary: str) -> str:
    """SKOS as JSON-LD; `base` is the site's URL (absolute IRIs) or '' (relative ones),
    `glossary` the glossary page's URL from the site root (the scheme's @id)."""
    by_slug = {r["slug"]: base + r["url"] for r in records}
    scheme = base + glossary
    context: dict[str, Any] = {
        "skos": SKOS,
        "book": f"{base}{SKOS_FILE}#",
        "prefLabel": {"@id": "skos:prefLabel", "@language": "en"},
        "altLabel": {"@id": "skos:altLabel", "@language": "en"},
        "definition": {"@id": "skos:definition", "@language": "en"},
        "inScheme": {"@id": "skos:inScheme", "@type": "@id"},
        **{key: {"@id": prop, "@type": "@id"} for key, prop in PROPERTIES.items()},
    }
    graph: list[dict[str, Any]] = [{"@id": scheme, "@type": "skos:ConceptScheme", "prefLabel": SCHEME_NAME}]
    for record in records:
        concept: dict[str, Any] = {
            "@id": by_slug[record["slug"]],
            "@type": "skos:Concept",
            "inScheme": scheme,
            "prefLabel": record["term"],
            "definition": record["summary"],
        }
        if record["aliases"]:
            concept["altLabel"] = record["aliases"]
        for key in PROPERTIES:
            if record.get(key):
                concept[key] = [by_slug[s] for s in record[key]]
        graph.append(concept)
    return json.dumps({"@context": context, "@graph": graph}, ensure_ascii=False, indent=1) + "\n"


def defined_term(record: dict[str, Any], base: str) -> dict[str, Any]:
    term: dict[str, Any] = {
        "@type": "DefinedTerm",
        "@id": base + record["url"],
        "url": base + record["url"],
        "name": record["term"],
        "description": record["summary"],
        "termCode": record["slug"],
    }
    if record["aliases"]:
        term["alternateName"] = record["aliases"]
    return term


def defined_term_page(record: dict[str, Any], base: str, glossary: str) -> dict[str, Any]:
    """schema.org for a concept page: the term, in the glossary's set."""
    set_ref = {"@type": "DefinedTermSet", "@id": base + glossary, "name": SCHEME_NAME}
    return {"@context": "https://schema.org", **defined_term(record, base), "inDefinedTermSet": set_ref}


def defined_term_set(records: list[dict[str, Any]], base: str, glossary: str) -> dict[str, Any]:
    """schema.org for the glossary page: the set and every term in it."""
    return {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": base + glossary,
        "url": base + glossary,
        "name": SCHEME_NAME,
        "hasDefinedTerm": [defined_term(r, base) for r in records],
    }


def script_json(data: dict[str, Any]) -> str:
    """A <script type="application/ld+json"> element that no text in `data` can close early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/ld+json">{text}</script>'
