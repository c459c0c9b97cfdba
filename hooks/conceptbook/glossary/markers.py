"""The HTML comments the engine replaces with generated parts, and where each may be written.

Authors write only `<!-- key-concepts -->` (in a chapter, at most once) and
`<!-- chapter-cards -->` (on the home page); the engine adds the others itself, so one
written in a page would be filled twice or with the wrong page's data.
"""

from __future__ import annotations

KEY_CONCEPTS_MARKER = "<!-- key-concepts -->"
CONCEPT_SECTIONS_MARKER = "<!-- concept-sections -->"
CONNECTIONS_MARKER = "<!-- concept-connections -->"
GLOSSARY_MARKER = "<!-- glossary-entries -->"
CHAPTER_CARDS_MARKER = "<!-- chapter-cards -->"
TIPS_MARKER = "<!-- concept-tips -->"
ENGINE_ONLY = (CONCEPT_SECTIONS_MARKER, CONNECTIONS_MARKER, GLOSSARY_MARKER, TIPS_MARKER)
