"""What a published page may carry: one set of rules for every check of the book's HTML.

Two regions of a finished page are held to different rules:

- a page's *content* (what Markdown, raw HTML and the engine's generated parts make) is
  held to an allow-list: only the elements the book uses, no event handlers, no `style`,
  links only to https:, http:, mailto: or a relative path, files (images, media) only
  from the book itself, no SVG animation of a link;
- the theme's *frame* around it (head, header, navigation, edit button) ships scripts,
  stylesheets and a search form of its own, so it is held only to the rules that no
  template ever needs to break: no event handler, no link that runs code, no refresh,
  no <base>, <iframe>, <object> or <embed>, scripts and stylesheets only from the site.

Pure functions over strings: the build's checks (hooks/conceptbook/safety/html.py, output.py) and
the editions (hooks/conceptbook/editions/safety.py) share them. An HTML5 parser (lexbor, through
selectolax) reads the HTML as a browser does, character references decoded; the scheme
of a URL is read after removing what browsers ignore in it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser


def names(text: str) -> frozenset[str]:
    """The words of `text`: a long list of element names, written as prose."""
    return frozenset(text.split())


SAFE_SCHEMES = ("http", "https", "mailto")
URL_ATTRIBUTES = (
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "cite",
    "ping",
    "srcset",
    "longdesc",
    "usemap",
    "manifest",
    "codebase",
    "lowsrc",
    "dynsrc",
    "icon",
    "imagesrcset",
)
# Attributes that make the browser fetch a file as soon as the page shows: in a page's
# content they must name a file of the book (a relative path), not another site.
RESOURCE_ATTRIBUTES = ("src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc")
SVG_RESOURCE_ELEMENTS = ("image", "use", "feimage", "mpath")  # their href/xlink:href loads a file
SVG_ANIMATIONS = ("animate", "set", "animatemotion", "animatetransform", "animatecolor", "discard")
CODE_TAGS = ("script", "iframe", "object", "embed", "frame", "frameset", "applet", "base")
_CODE_REASON = "because it can run code or load another site; delete it (draw a figure as an SVG file without scripts)"
# Elements refused in a page's content, with why and what to do instead.
REFUSED = {
    **{tag: _CODE_REASON for tag in CODE_TAGS},
    "meta": 'because it can send every reader to another site (http-equiv="refresh"); delete it '
    "(a page's title and description go in its front matter)",
    "style": "because it can restyle or hide the whole site; delete it (the book's styles live in "
    "docs/assets/stylesheets/)",
    "link": "because it loads a stylesheet or another file into the whole page; delete it "
    "(write a link to read as [text](https://...))",
    "form": "because it can send what a reader types to another site; delete it",
    "foreignObject": "because it puts HTML inside an SVG, where it escapes the book's rules; delete it",
    "annotation-xml": "because it puts HTML inside MathML, where it escapes the book's rules; delete it",
    "noscript": "because a browser reads its content differently from the book's check; delete it",
    "template": "because its content is hidden from the book's check; delete it",
    "portal": _CODE_REASON,
    **{
        tag: "because a browser reads its content as text up to the end of the page; delete it"
        for tag in ("xmp", "plaintext", "noembed", "noframes", "listing")
    },
}
HTML_ELEMENTS = names(
    "a abbr address article aside audio b bdi bdo blockquote br button caption center cite code col colgroup "
    "data dd del details dfn div dl dt em fieldset figcaption figure footer h1 h2 h3 h4 h5 h6 header hgroup hr "
    "i img input ins kbd label legend li main mark menu meter nav ol optgroup option output p picture pre "
    "progress q rp rt ruby s samp search section select small source span strong sub summary sup table tbody "
    "td textarea tfoot th thead time title tr track u ul var video wbr html head body"
)
SVG_ELEMENTS = names(
    "svg g defs desc title metadata symbol use path rect circle ellipse line polyline polygon text tspan "
    "textpath marker lineargradient radialgradient stop pattern clippath mask image filter switch a view "
    "animate set animatemotion animatetransform mpath"
)
MATHML_ELEMENTS = names(
    "math mi mn mo ms mtext mspace mrow mfrac msqrt mroot mstyle merror mpadded mphantom msub msup msubsup "
    "munder mover munderover mmultiscripts mprescripts none mtable mtr mtd mlabeledtr semantics annotation "
    "menclose"
)
ALLOWED_ELEMENTS = HTML_ELEMENTS | SVG_ELEMENTS | MATHML_ELEMENTS
# Links the theme's frame may use to load files: only files of the site.
LOADING_LINKS = ("stylesheet", "preload", "modulepreload", "prefetch", "icon", "manifest", "import")

# The theme's own ids and names start with "__" (#__config holds its settings, which its
# scripts read with querySelector: an element of the content with that id comes first and
# would set them). Only those that pymdownx makes inside content are allowed.
_THEME_ID = re.compile(r"__(?!tabbed_|codelineno|span-)")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop tabs and newlines, trim controls
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


@dataclass(frozen=True)
class Fault:
    """One thing a page may not carry: how to find where it is written, what it is, the fix."""

    patterns: tuple[str, ...]  # regular expressions that find it in a source file, best first
    what: str
    fix: str

    @property
    def message(self) -> str:
        return f"{self.what}; {self.fix}"


def unsafe_scheme(url: str) -> str | None:
    """The scheme of `url` if it is not an allowed one (relative URLs have none)."""
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", url).lower())
    if match is None or match.group(1) in SAFE_SCHEMES:
        return None
    return match.group(1)


def is_external(url: str) -> bool:
    """Whether `url` points outside the site: it has a scheme or starts with // (any host)."""
    cleaned = _IGNORED_IN_URL.sub("", url).replace("\\", "/").lower()
    return cleaned.startswith("//") or _SCHEME.match(cleaned) is not None


def brief(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def srcset_candidates(value: str) -> list[list[str]]:
    """Each candidate of a srcset ("a.png 1x, b.png 2x") as its URL and descriptors; empty ones skipped."""
    return [words for candidate in value.split(",") if (words := candidate.split())]


def srcset_urls(value: str) -> list[str]:
    """The URL of each candidate of a srcset."""
    return [url for url, *_descriptors in srcset_candidates(value)]


def _urls(name: str, value: str) -> list[str]:
    return srcset_urls(value) if name in ("srcset", "imagesrcset") else [value]


def _tag_patterns(tag: str) -> tuple[str, ...]:
    return (rf"<\s*{re.escape(tag)}(?![\w-])",)  # not \b: a tag may end in ")" (<javascript:alert(1)>)


def _attribute_patterns(name: str) -> tuple[str, ...]:
    return (rf"\b{re.escape(name)}\s*=", rf"\b{re.escape(name)}\b")


def _scheme_fault(url: str, scheme: str) -> Fault:
    return Fault(
        (re.escape(url), re.escape(scheme[:4]), re.escape(url.split(":", 1)[-1][:20])),
        f"the link {brief(url)!r} uses the scheme '{scheme}:', which the book does not allow",
        "link only to https://, mailto: or a relative path",
    )


def _handler_fault(tag: str, name: str) -> Fault:
    return Fault(
        _attribute_patterns(name),
        f"the attribute '{name}' on <{tag}> runs code, which the book does not allow",
        "delete it",
    )


def _code_fault(tag: str) -> Fault:
    what, fix = REFUSED.get(tag, _CODE_REASON).split("; ", 1)
    return Fault(_tag_patterns(tag), f"the raw HTML element <{tag}> is not allowed in the book, {what}", fix)


def _animation_fault(tag: str, target: str) -> Fault | None:
    """An SVG animation may not change a link (or a handler): it turns `<a>` into javascript:."""
    lowered = target.strip().lower()
    if lowered in URL_ATTRIBUTES or lowered.startswith("on") or lowered.endswith(":href") or lowered == "style":
        return Fault(
            (rf"attributeName\s*=\s*[\"']?{re.escape(target.strip())}", *_tag_patterns(tag)),
            f"the SVG animation <{tag}> changes the attribute '{target.strip()}', which can turn a link into code",
            "delete the animation (a figure of the book does not move)",
        )
    return None


def common_faults(tag: str, attrs: Iterable[tuple[str, str | None]]) -> list[Fault]:
    """What no HTML anywhere in the book may carry: handlers, links that run code, animated links."""
    found: list[Fault] = []
    for name, value in attrs:
        lowered = name.lower()
        if lowered.startswith("on"):
            found.append(_handler_fault(tag, name))
        elif lowered in URL_ATTRIBUTES:
            for url in _urls(lowered, value or ""):
                scheme = unsafe_scheme(url)
                if scheme is not None:
                    found.append(_scheme_fault(url, scheme))
        elif lowered == "attributename" and tag.lower() in SVG_ANIMATIONS:
            fault = _animation_fault(tag, value or "")
            if fault is not None:
                found.append(fault)
    return found


def content_element_faults(tag: str, attrs: Iterable[tuple[str, str | None]]) -> list[Fault]:
    """What is wrong with one element of a page's content: its tag, a handler, a URL, a style."""
    attrs = list(attrs)
    lowered_tag = tag.lower()
    found: list[Fault] = []
    if tag in REFUSED:
        found.append(_code_fault(tag))
    elif not tag:  # lexbor's node for a processing instruction, which has no tag name
        found.append(
            Fault(
                (r"<\?",),
                "the processing instruction <?…?> is not HTML the book allows",
                "delete it, or write it in a code span if it is an example",
            )
        )
    elif lowered_tag not in ALLOWED_ELEMENTS and not tag.startswith(("-", "#")):
        found.append(
            Fault(
                _tag_patterns(tag),
                f"the raw HTML element <{tag}> is not one the book allows",
                "delete it, or write the text in Markdown",
            )
        )
    found += common_faults(tag, attrs)
    for name, value in attrs:
        lowered = name.lower()
        if lowered == "style":
            found.append(
                Fault(
                    _attribute_patterns(name),
                    f"the attribute 'style' on <{tag}> can cover or restyle the whole page, which the book does not allow",
                    "delete it (the book's styles live in docs/assets/stylesheets/)",
                )
            )
        elif lowered in ("id", "name") and _THEME_ID.match(value or ""):
            found.append(
                Fault(
                    (rf"\b{re.escape(value or '')}\b", *_attribute_patterns(name)),
                    f"the {lowered} {value!r} on <{tag}> is one the theme uses for itself (its ids start with '__'), "
                    f"which could change its settings",
                    "choose a name that does not start with '__'",
                )
            )
        elif lowered == "ping":
            found.append(
                Fault(
                    _attribute_patterns(name),
                    f"the attribute 'ping' on <{tag}> reports every click to another address, which the book does not allow",
                    "delete it",
                )
            )
        elif lowered == "formaction" and unsafe_scheme(value or "") is None:  # a <form> is refused as a whole
            found.append(
                Fault(
                    _attribute_patterns(name),
                    f"the attribute '{name}' on <{tag}> sends what a reader types to an address, which the book does not allow",
                    "delete it",
                )
            )
        elif lowered in RESOURCE_ATTRIBUTES or (
            lowered in ("href", "xlink:href") and lowered_tag in SVG_RESOURCE_ELEMENTS
        ):
            for url in _urls(lowered, value or ""):
                if is_external(url) and unsafe_scheme(url) is None:
                    found.append(
                        Fault(
                            (re.escape(url), *_attribute_patterns(name)),
                            f"the file {brief(url)!r} on <{tag}> would be loaded from another site, which tells that "
                            f"site who reads the book (and is missing from the offline copy)",
                            "save the file under docs/assets/ and give its relative path",
                        )
                    )
    return found


def frame_element_faults(tag: str, attrs: Iterable[tuple[str, str | None]]) -> list[Fault]:
    """What the theme's frame around the content may not carry (see the module's docstring)."""
    attrs = list(attrs)
    found = common_faults(tag, attrs)
    values = {name.lower(): value or "" for name, value in attrs}
    if tag in CODE_TAGS and tag != "script":
        found.append(_code_fault(tag))
    elif tag == "script" and is_external(values.get("src", "")):
        found.append(_external_frame_fault(tag, values["src"]))
    elif tag == "meta" and "http-equiv" in values:
        found.append(
            Fault(
                (r"http-equiv",),
                f"the element <meta http-equiv={values['http-equiv']!r}> can send every reader to another site",
                "delete it",
            )
        )
    elif tag == "link" and set(values.get("rel", "").lower().split()) & set(LOADING_LINKS):
        if is_external(values.get("href", "")):
            found.append(_external_frame_fault(tag, values["href"]))
    elif tag == "form" and values.get("action", "").strip():
        found.append(_code_fault("form"))
    return found


def _external_frame_fault(tag: str, url: str) -> Fault:
    return Fault(
        (re.escape(url),),
        f"the page's frame loads <{tag}> {brief(url)!r} from another site, which the book does not allow",
        "load only files of the site (put the file under docs/assets/)",
    )


def content_faults(html: str) -> list[Fault]:
    """Every fault of a page's content (a fragment of HTML), each once, in document order."""
    if "<" not in html:
        return []
    found: list[Fault] = []
    root = LexborHTMLParser(html).root
    for node in root.traverse() if root is not None else ():
        found += _content_element(node.tag or "", tuple(node.attributes.items()))
    return list(dict.fromkeys(found))


def frame_faults(html: str) -> list[Fault]:
    """Every fault of a page's frame (a whole document, its content left out), each once."""
    return _judged(LexborHTMLParser(html))


def _judged(tree: LexborHTMLParser) -> list[Fault]:
    found: list[Fault] = []
    for node in tree.root.traverse() if tree.root is not None else ():
        found += _frame_element(node.tag or "", tuple(node.attributes.items()))
    return list(dict.fromkeys(found))


# An element's faults depend on its tag and attributes alone, and the same elements come
# back on every page: the theme's navigation lists every chapter on every page (a book of
# 400 chapters: 650,000 elements of frame), the same links and boxes recur in the content.
# Each distinct element is judged once per process.
@functools.lru_cache(maxsize=1 << 16)
def _content_element(tag: str, attributes: tuple[tuple[str, str | None], ...]) -> tuple[Fault, ...]:
    return tuple(content_element_faults(tag, attributes))


@functools.lru_cache(maxsize=1 << 16)
def _frame_element(tag: str, attributes: tuple[tuple[str, str | None], ...]) -> tuple[Fault, ...]:
    return tuple(frame_element_faults(tag, attributes))
