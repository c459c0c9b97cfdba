"""The book engine: concepts, citations, maps, questions, numbering, safety and editions.

One package, so that no part of it is a top-level module name another installed package
could shadow. The files MkDocs loads (hooks/*_hooks.py, registered under `hooks:` in
mkdocs.yml) are thin adapters over it; MkDocs puts hooks/ on the import path while it
loads them, and `make` puts it on the venv's path for the scripts (a .pth file). The
layers and how a page flows through them: ARCHITECTURE.md.
"""
