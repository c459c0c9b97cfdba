"""Search that finds what readers type, on top of Material's search plugin.

- `unwrap`: undoes mkdocs-glightbox's wrapping of page content in <html><body>, which
  left every page-level search entry without text;
- `alternates`: other spellings of the words of each search entry (British, common
  misspellings, a concept's aliases), added as extra indexed fields;
- `entries`: one search entry per bibliography entry, instead of the whole Bibliography
  page as one;
- `vocabulary`: the book's own words (terms, aliases, authors' names), which the search
  box offers as "Did you mean" when a search finds nothing
  (docs/assets/javascripts/search-suggestions.js).

`hooks/search_hooks.py` wires them to MkDocs events.
"""
