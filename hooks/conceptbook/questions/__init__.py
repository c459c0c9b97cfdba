"""Check your understanding: a question bank tied to the book's concepts.

- `model.py` reads a chapter's bank (docs/questions/<chapter>.yml) into items, with the
  line of every item and field; `rules.py` holds the item-writing rules. Neither imports
  MkDocs or Markdown.
- `exports.py` writes the bank for learning platforms: Moodle XML, GIFT, QTI 1.2 (Canvas),
  QTI 2.1 and an Anki deck.
- `capability.py` is what the MkDocs events call: it reads the banks, checks them against
  the glossary, the chapters' objectives and headings and the bibliography, puts each
  bank under its chapter's "Check your understanding" heading, and publishes the answer
  key and the exports.
"""
