"""Search that finds what readers type, on top of Material's search plugin.

- `unwrap`: undoes mkdocs-glightbox's wrapping of page content in <html><body>, which
  left every page-level search entry without text;
- `alternates`: other spellings of the words of each search entry (British, common
  misspellings, a concept's aliases), added as extra indexed fields.

`hooks/search_hooks.py` wires them to MkDocs events.
"""
