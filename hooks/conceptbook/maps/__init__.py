"""The concept map: typed relations between concepts, drawn and exported.

Concepts name their relations in front matter (`broader`, `contrasts`, `developed_from`,
and the glossary's own `related`). `relations` reads and checks them into a `Graph`;
`neighbourhood` draws one concept's map, `bookmap` lays out the whole book with
Graphviz, `export` writes SKOS and schema.org JSON-LD, and `capability` wires these to
the build through the glossary model only (hooks/concept_hooks.py calls it, one line
per event).
"""
