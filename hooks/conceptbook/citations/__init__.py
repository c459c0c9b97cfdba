"""Citations: one bibliography (docs/references.bib), Pandoc citation keys in the text,
APA 7 formatting by Pandoc's citeproc with the vendored APA CSL style, generated
reference lists, a Bibliography page and bibliography.json (issue 13).

Layers, read top-down: `capability` (what the MkDocs events call) → `cite` (the Markdown
extension) → `syntax` (Pandoc's citation syntax) and `formatter` (Pandoc) → `bibliography`
(loading and checking the .bib file).
"""
