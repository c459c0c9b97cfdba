"""One search result per bibliography entry, instead of one page-long result.

Material's search plugin cuts a page into sections at its headings. The Bibliography
page (made by the citations capability) has no heading per entry, so all 270-odd entries
used to be one search entry: any theorist's name put "Bibliography" near the top of the
results, with the whole bibliography from "Abbass" onwards as its snippet.

Two steps, each on one side of the search plugin:

- `mark_entries` (on_page_content, before the plugin reads the page): every entry of the
  page (`<li id="ref-KEY">`, the anchors citations link to) gets `data-search-exclude`,
  so the page's own search entry keeps only its introduction. The plugin strips the
  attribute from the page once it has read it: the published HTML does not change.
- `add_entries` (on_post_build, after the plugin wrote search_index.json): one search
  entry per work, from bibliography.json, located at `bibliography.html#ref-KEY`, titled
  as the book cites it ("Winnicott (1953)") and with the full reference as its text. It
  sits right after the page's entry, so that Material groups it under "Bibliography".
  Each entry carries a low document boost: a theorist's name lists the chapters and
  concepts that discuss them first, and the works after them.
"""

from __future__ import annotations

import html
import re
from typing import Any

# The search weight of one bibliography entry, against 1 for a section of a chapter.
# A name in the entry's title (weighted 1000) then counts about as much as the name in
# a chapter's text, so chapters and concepts about the person come first.
ENTRY_BOOST = 0.001
EXCLUDE = ' data-search-exclude="bibliography-entry"'

_ENTRY_ITEM = re.compile(r'<li\b(?=[^>]*\bid="ref-[^"]+")')
_YEAR = re.compile(r"\(((?:\d{4}|n\.d\.)[a-z]?)[,)]")


def mark_entries(content: str) -> tuple[str, int]:
    """The page's HTML with every `<li id="ref-…">` left out of search, and how many there were."""
    return _ENTRY_ITEM.subn(lambda match: match.group(0) + EXCLUDE, content)


def cited_as(entry: dict[str, Any]) -> str:
    """How the book cites a work in running text: "Winnicott (1953)", "Greenberg & Mitchell
    (1983)", "Abbass et al. (2006)", from an entry of bibliography.json."""
    csl = entry.get("csl") or {}
    people = csl.get("author") or csl.get("editor") or []
    names = [_family(person) for person in people if _family(person)]
    if not names:
        who = str(csl.get("title") or entry.get("key", ""))
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} & {names[1]}"
    else:
        who = f"{names[0]} et al."
    found = _YEAR.search(str(entry.get("reference", "")))
    if found:
        year = found.group(1)
    else:
        parts = ((csl.get("issued") or {}).get("date-parts") or [[None]])[0]
        year = str(parts[0]) if parts and parts[0] else "n.d."
    return f"{who} ({year})"


def _family(person: dict[str, Any]) -> str:
    if person.get("literal"):
        return str(person["literal"])
    particle = person.get("non-dropping-particle")
    family = str(person.get("family") or "")
    return f"{particle} {family}" if particle and family else family


def entry_documents(bibliography: dict[str, Any]) -> list[dict[str, Any]]:
    """A search entry for each work of bibliography.json (parsed), in its order."""
    documents = []
    for entry in bibliography.get("entries", []):
        if not entry.get("url") or not entry.get("reference"):
            continue
        documents.append(
            {
                "location": entry["url"],
                "title": html.escape(cited_as(entry), quote=False),
                "text": f"<p>{html.escape(entry['reference'], quote=False)}</p>",
                "boost": ENTRY_BOOST,
            }
        )
    return documents


def add_entries(index: dict[str, Any], bibliography: dict[str, Any]) -> list[str]:
    """Put one search entry per work right after its page's entry in `index` (search_index.json,
    parsed). Returns the pages whose works found no page entry to join (left out)."""
    documents = entry_documents(bibliography)
    by_page: dict[str, list[dict[str, Any]]] = {}
    for document in documents:
        by_page.setdefault(document["location"].split("#")[0], []).append(document)
    docs: list[dict[str, Any]] = []
    for doc in index.get("docs", []):
        docs.append(doc)
        docs += by_page.pop(doc.get("location", ""), [])
    index["docs"] = docs
    return sorted(by_page)
