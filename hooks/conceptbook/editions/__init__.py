"""The book's editions for reading away from the site: print page, PDF and EPUB.

The whole-book page is made by the build, from the build's own data, never by reading
the site's files; the PDF and the EPUB are made from that page afterwards:

    build --capability.py, book.py--> site/print.html --pdf--> dist/psychodynamic-theory.pdf
                                                      --epub-> dist/psychodynamic-theory.epub

`capability.py` (the MkDocs events, called from hooks/editions_hooks.py) keeps each
section's finished content as the build writes the page (every generated part in
place), with its title and its place in the nav; `book.py` prepares each section for
print (ids carry their section's key, `attachment--secure-base`, so every internal link
points inside the page); overrides/editions/print-book.html renders the page, and the
theme puts its frame around it. `printed.py` reads the page back for `pdf.py` (Chromium
prints it) and `epub.py` (one XHTML file per section, from templates in
templates/ here).
"""
