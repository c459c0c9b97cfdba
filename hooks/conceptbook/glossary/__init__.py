"""The glossary and concept engine behind the textbook.

Concept files in docs/concepts/ become a glossary, one page per concept, term links
with tooltips in chapters, and backlinks from each concept to the chapter sections
that discuss it. `hooks/concept_hooks.py` wires these modules to MkDocs events; each
module here can be imported and tested without a build.
"""
