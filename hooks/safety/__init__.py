"""Safety of the published pages against what a contributor can write.

Every file in docs/ arrives by pull request, so it is untrusted input. This capability
makes sure no page can run code or be broken by text:

- `meta`: front-matter values that the theme prints as HTML (title, description, ...)
  are escaped, and values the theme uses as paths or class names are checked.
- `html`: a page's HTML may not carry scripts, event-handler attributes or links with a
  scheme other than http, https and mailto; each one fails the build with file:line.
- `files`: files that cannot be read as UTF-8 text are reported and left out.
"""
