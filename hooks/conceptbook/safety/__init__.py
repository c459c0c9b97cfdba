"""Safety of the published pages against what a contributor can write.

Every file in docs/ arrives by pull request, so it is untrusted input. This capability
makes sure no page can run code or be broken by text:

- `meta`: front-matter values that the theme prints as HTML (title, description, ...)
  are escaped, and values the theme uses as paths or class names are checked.
- `rules`: what a page may carry (an allow-list for its content, a few rules for the
  theme's frame), shared by every check below and by the editions (hooks/conceptbook/editions/).
- `html`: the early check of a page's HTML as Markdown made it, with file:line.
- `output`: the final check of every finished page, after every part the build adds.
- `files`, `svg`: file names that break out of attributes, files browsers run scripts
  in, SVG files with code, and files that cannot be read as UTF-8 text.
- `snippets`: a snippet include that cannot be read is a message, not a traceback.
"""
