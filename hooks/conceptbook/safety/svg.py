"""SVG files of the book (figures) as a browser opens them: no script, handler or code link.

A figure is shown through <img> in a page, where it cannot run code, but the lightbox
links the file itself, and a reader who opens it in a tab gets a document of its own,
where a <script>, an `onload` or an animated `javascript:` link runs. So every SVG file
under docs/ is read as a browser reads it, as XML (expat, from the standard library:
an HTML parser reads XML entities and CDATA differently), and held to an allow-list:
SVG elements only (no <script>, <foreignObject>, HTML or MathML elements), no event
handlers, links only to https:, http:, mailto: or a fragment/relative path, files loaded
only from the book, no animation of a link, no internal DTD (its entities can hide
markup) and no stylesheet processing instruction. A clean file is published as it is;
a faulty one is reported and published without what is wrong.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from dataclasses import dataclass, field
from html import escape

from .rules import Fault, common_faults, is_external, names

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ACTIVE_NS = ("http://www.w3.org/1999/xhtml", "http://www.w3.org/1998/Math/MathML")
ALLOWED = names(
    "svg g defs desc title metadata symbol use path rect circle ellipse line polyline polygon text tspan textPath "
    "marker linearGradient radialGradient stop pattern clipPath mask image filter switch a view style "
    "animate animateMotion animateTransform set mpath "
    "feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting "
    "feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur "
    "feImage feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile "
    "feTurbulence"
)
LOADS = ("image", "use", "feImage")  # their href loads a file
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)|@import", re.IGNORECASE)


@dataclass
class Finding:
    line: int
    fault: Fault


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    clean: str = ""  # the file without what is wrong (only made when there are findings)
    error: str | None = None  # the XML parser's message: the file is not XML at all


def _fault(tag: str, what: str, fix: str = "delete it") -> Fault:
    return Fault((rf"<\s*{re.escape(tag)}\b",), what, fix)


class _Reader:
    def __init__(self) -> None:
        self.result = Result()
        self.out: list[str] = []
        self.namespaces: list[dict[str, str]] = [{"xml": "http://www.w3.org/XML/1998/namespace"}]
        self.skip = 0  # depth inside an element that is left out
        self.in_style = False
        self.parser = xml.parsers.expat.ParserCreate()
        self.parser.buffer_text = True
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text
        self.parser.StartDoctypeDeclHandler = self.doctype
        self.parser.EntityDeclHandler = self.entity
        self.parser.ProcessingInstructionHandler = self.instruction
        self.parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def find(self, fault: Fault) -> None:
        self.result.findings.append(Finding(self.parser.CurrentLineNumber, fault))

    def doctype(self, name: str, system_id: str | None, public_id: str | None, has_internal_subset: int) -> None:
        if has_internal_subset:
            self.find(
                Fault(
                    (r"<!DOCTYPE",),
                    "the SVG declares its own DTD, whose entities can hide markup from the book's check",
                    "delete the part in [...] after <!DOCTYPE (or the whole line)",
                )
            )

    def entity(self, *args: object) -> None:
        self.find(Fault((r"<!ENTITY",), "the SVG declares an entity, which can hide markup", "delete it"))

    def instruction(self, target: str, data: str) -> None:
        if target.lower() == "xml-stylesheet":
            self.find(
                Fault(
                    (r"<\?xml-stylesheet",),
                    "the SVG names a stylesheet (<?xml-stylesheet?>), which can add code",
                    "delete it",
                )
            )

    def start(self, name: str, attributes: dict[str, str]) -> None:
        scope = dict(self.namespaces[-1])
        for key, value in attributes.items():
            if key == "xmlns":
                scope[""] = value
            elif key.startswith("xmlns:"):
                scope[key[6:]] = value
        self.namespaces.append(scope)
        if self.skip:
            self.skip += 1
            return
        prefix, _, local = name.rpartition(":")
        namespace = scope.get(prefix, "")
        kept = self._element(name, local, namespace, attributes)
        if kept is None:
            self.skip = 1
            return
        attrs = "".join(f' {k}="{escape(v, quote=True)}"' for k, v in kept.items())
        self.out.append(f"<{name}{attrs}>")
        self.in_style = local == "style"

    def _element(self, name: str, local: str, namespace: str, attributes: dict[str, str]) -> dict[str, str] | None:
        """The attributes to keep, or None to leave the element out (with a finding if it is a fault)."""
        if namespace in ACTIVE_NS:
            self.find(_fault(name, f"the SVG holds the HTML element <{name}>, which can run code in a figure"))
            return None
        if namespace != SVG_NS:
            return None if self.out else dict(attributes)  # editors' own metadata: not shown, left out
        if local not in ALLOWED:
            why = {
                "script": "runs code when the figure is opened",
                "foreignObject": "puts HTML inside the figure, which can run code",
            }.get(local, "is not one a figure of the book needs")
            self.find(_fault(name, f"the SVG element <{name}> {why}", "delete it (export the figure again without it)"))
            return None
        kept: dict[str, str] = {}
        animates_a_link = False
        for key, value in attributes.items():
            attribute = "xlink:href" if key.endswith(":href") else key  # whatever prefix names XLink
            faults = common_faults(local, [(attribute, value)])
            if key == "attributeName" and faults:
                animates_a_link = True
            if attribute in ("href", "xlink:href") and local in LOADS and is_external(value) and not faults:
                faults.append(
                    Fault(
                        (re.escape(value),),
                        f"the SVG element <{name}> loads {value!r} from another site",
                        "put the file under docs/assets/ and give its relative path",
                    )
                )
            if key == "style":
                faults += self._css(name, value)
            if key.startswith("xml:base"):
                faults.append(
                    Fault(
                        (r"xml:base",),
                        f"the SVG sets xml:base on <{name}>, which changes where every link of the figure points",
                        "delete it",
                    )
                )
            for fault in faults:
                self.find(fault)
            if not faults:
                kept[key] = value
        return None if animates_a_link else kept

    def _css(self, name: str, css: str) -> list[Fault]:
        found = []
        for match in _CSS_URL.finditer(css):
            url = match.group(1)
            if url is None or (is_external(url) and not url.startswith("#")):
                found.append(
                    Fault(
                        (re.escape(match.group(0)),),
                        f"the SVG's CSS on <{name}> loads a file from another site or another stylesheet",
                        "delete the url(...) or @import",
                    )
                )
        return found

    def end(self, name: str) -> None:
        self.namespaces.pop()
        if self.skip:
            self.skip -= 1
            return
        self.in_style = False
        self.out.append(f"</{name}>")

    def text(self, data: str) -> None:
        if self.skip:
            return
        if self.in_style:
            for fault in self._css("style", data):
                self.find(fault)
                data = ""
        self.out.append(escape(data, quote=False))


def check_svg(text: str) -> Result:
    """Read an SVG file as a browser does; list what it may not carry and make a clean copy."""
    reader = _Reader()
    try:
        reader.parser.Parse(text, True)
    except xml.parsers.expat.ExpatError as error:
        return Result(error=f"line {error.lineno}: {xml.parsers.expat.ErrorString(error.code)}")
    result = reader.result
    if result.findings:
        result.clean = "".join(reader.out) + "\n"
    return result
