"""The book's editions for reading away from the site: print page, PDF and EPUB.

All three start from the built site, never from the Markdown, so they show exactly what
the site shows (term links, key-concepts boxes, the generated glossary) and need no
second rendering path:

    site/ --print_page--> site/print.html --pdf--> dist/psychodynamic-theory.pdf
                                          --epub-> dist/psychodynamic-theory.epub

`print_page` reads the chapters' order from the built navigation and joins every
chapter, the glossary and the bibliography (when the site has one) into one page whose
ids carry their page's key (`attachment--secure-base`), so every internal link points
inside it. The PDF is Chromium printing that page; the EPUB splits it again, one XHTML
file per section.
"""
