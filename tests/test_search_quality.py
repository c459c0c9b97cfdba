"""Search quality: the built site's own search, asked what readers ask.

The queries run in headless Chromium through the site's real search worker (Material's
lunr index, built from search/search_index.json with the site's own configuration), so
what is measured is what a reader gets: the same query transformation, boosts and
grouping by page as the search box. The worker answers with groups of results, one per
page, best first; the search box shows them in that order.

For each query the expected page, or one of a few acceptable places, must be among the
first three groups; a place with an #anchor counts only if that section is among its
page's results. Page-level hits must come with text to show (a snippet), which the
mkdocs-glightbox wrapping used to empty (hooks/searchindex/unwrap.py). The mean
reciprocal rank over all queries is printed and must be at least 0.8.

Adding a query: a reader's words, and where a good answer lives. If the book changes
and a section moves, update the place, not the threshold.
"""

from __future__ import annotations

import json

import pytest

from browser_support import OpenPage, SiteUnderTest

pytestmark = pytest.mark.browser

MIN_MRR = 0.8
TOP = 3

# (query, acceptable places, kind). A place is a page, or a page#section.
QUERIES: list[tuple[str, tuple[str, ...], str]] = [
    # A concept's own term: its concept page first.
    ("transference", ("concepts/transference.html",), "term"),
    ("countertransference", ("concepts/countertransference.html",), "term"),
    ("projective identification", ("concepts/projective-identification.html",), "term"),
    ("splitting", ("concepts/splitting.html",), "term"),
    ("mentalization", ("concepts/mentalization.html",), "term"),
    ("superego", ("concepts/superego.html",), "term"),
    ("repression", ("concepts/repression.html",), "term"),
    ("sublimation", ("concepts/sublimation.html",), "term"),
    ("containment", ("concepts/containment.html",), "term"),
    ("attachment style", ("concepts/attachment-style.html",), "term"),
    # Aliases and abbreviations.
    ("AAI", ("concepts/adult-attachment-interview.html",), "alias"),
    ("CBT", ("concepts/cognitive-behavioral-therapy.html",), "alias"),
    (
        "working alliance",
        ("concepts/therapeutic-alliance.html", "chapters/therapy-relationship.html#the-working-alliance"),
        "alias",
    ),
    ("death instinct", ("concepts/death-drive.html",), "alias"),
    ("file-drawer problem", ("concepts/publication-bias.html",), "alias"),
    ("reflective functioning", ("concepts/mentalization.html",), "alias"),
    # British spellings of an American text.
    ("defence", ("concepts/defense.html",), "british"),
    ("defence mechanisms", ("concepts/defense.html", "chapters/defenses.html"), "british"),
    ("passive-aggressive behaviour", ("concepts/passive-aggression.html",), "british"),
    (
        "personality organisation",
        (
            "concepts/personality-organization.html",
            "chapters/contemporary-approaches.html#kernberg-and-personality-organization",
        ),
        "british",
    ),
    ("idealisation", ("concepts/idealization.html",), "british"),
    (
        "randomised controlled trial",
        ("concepts/randomized-controlled-trial.html", "chapters/evidence.html#randomized-controlled-trials"),
        "british",
    ),
    ("internalisation", ("concepts/internalization.html",), "british"),
    (
        "hierarchy of defences",
        ("concepts/hierarchy-of-defenses.html", "chapters/defenses.html#vaillants-hierarchy-of-defenses"),
        "british",
    ),
    # Common misspellings.
    ("transferance", ("concepts/transference.html",), "misspelling"),
    ("narcisism", ("concepts/narcissism.html",), "misspelling"),
    (
        "seperation individuation",
        (
            "concepts/separation-individuation.html",
            "chapters/ego-and-self-psychology.html#margaret-mahler-separation-individuation",
        ),
        "misspelling",
    ),
    ("unconcious", ("concepts/the-unconscious.html",), "misspelling"),
    # Theorists: the section about them.
    ("Bowlby", ("chapters/attachment.html#bowlby-and-the-attachment-system",), "theorist"),
    ("Melanie Klein", ("chapters/object-relations.html#melanie-klein-and-the-infants-inner-world",), "theorist"),
    ("Winnicott", ("chapters/object-relations.html#donald-winnicott-and-the-facilitating-environment",), "theorist"),
    (
        "Kohut",
        (
            "chapters/ego-and-self-psychology.html#heinz-kohut-and-self-psychology",
            "chapters/object-relations.html#heinz-kohut-and-self-psychology",
        ),
        "theorist",
    ),
    ("Karen Horney", ("chapters/defenses.html#horney-moving-toward-against-and-away-from-people",), "theorist"),
    ("Anna Freud", ("chapters/ego-and-self-psychology.html#anna-freud-defense-as-the-egos-work",), "theorist"),
    (
        "Popper falsifiability",
        ("chapters/critiques-and-debates.html#popper-and-falsifiability", "concepts/falsifiability.html"),
        "theorist",
    ),
    # Questions in a reader's words: the section that answers.
    ("does psychodynamic therapy work", ("chapters/evidence.html",), "question"),
    ("how big is the effect", ("chapters/evidence.html#effect-sizes-how-big-is-the-difference",), "question"),
    ("guilt versus shame", ("chapters/conflict.html#guilt-versus-shame",), "question"),
    ("can attachment change", ("chapters/attachment.html#can-attachment-change-earned-security",), "question"),
    ("can attachment change?", ("chapters/attachment.html#can-attachment-change-earned-security",), "question"),
    ("defenses, humor", ("concepts/humor.html", "chapters/defenses.html"), "question"),
    (
        "recovered memory controversy",
        ("chapters/critiques-and-debates.html#the-recovered-memory-controversy", "concepts/recovered-memory.html"),
        "question",
    ),
    (
        "strange situation culture",
        ("chapters/critiques-and-debates.html#culture-and-the-strange-situation",),
        "question",
    ),
    ("short-term therapy evidence", ("chapters/evidence.html#short-term-therapy",), "question"),
    (
        "id ego and superego",
        (
            "concepts/structural-model.html",
            "chapters/freuds-models-of-the-mind.html#the-structural-model-id-ego-and-superego",
        ),
        "question",
    ),
]

# Starts Material's search worker on the page, as the search box does, and runs the
# queries one after another. Resolves with, for each query, the result groups: a list
# of [location, text length] of each result of a page, the page's own entry included.
RUN_QUERIES = """async ({worker, queries}) => {
  const index = await (await fetch(new URL('search/search_index.json', document.baseURI))).json();
  const search = new Worker(new URL(worker, document.baseURI));
  const answers = [];
  let pending = null;
  search.onmessage = event => { if (pending) { const done = pending; pending = null; done(event.data); } };
  const ask = message => new Promise(done => { pending = done; search.postMessage(message); });
  await ask({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  for (const query of queries) {
    const answer = await ask({type: 2, data: query});
    answers.push(answer.data.items.map(group =>
      group.map(item => [item.location, (item.text || '').replace(/<[^>]+>/g, '').trim().length])));
  }
  search.terminate();
  return answers;
}"""


def rank_of(groups: list[list[list]], places: tuple[str, ...]) -> int | None:
    """1-based position of the first result group that holds one of `places`."""
    for position, group in enumerate(groups, start=1):
        locations = {location for location, _ in group}
        pages = {location.split("#")[0] for location in locations}
        for place in places:
            if (place in locations) if "#" in place else (place in pages):
                return position
    return None


def test_search_finds_what_readers_type(hosted: SiteUnderTest, open_page: OpenPage) -> None:
    assert len(QUERIES) >= 30
    page = open_page(hosted)
    page.goto(hosted.url("index.html"))
    config = json.loads(page.locator("#__config").text_content() or "{}")
    worker = config["search"]
    answers = page.evaluate(RUN_QUERIES, {"worker": worker, "queries": [q for q, _, _ in QUERIES]})

    faults: list[str] = []
    reciprocal: list[float] = []
    for (query, places, kind), groups in zip(QUERIES, answers, strict=True):
        rank = rank_of(groups, places)
        reciprocal.append(1 / rank if rank else 0.0)
        shown = [g[0][0] for g in groups[:5]]
        if rank is None or rank > TOP:
            faults.append(f"{kind}: {query!r}: {places[0]} at rank {rank or '-'}; first results {shown}")
        for group in groups[:TOP]:
            faults += [
                f"{kind}: {query!r}: the page hit {location} has no text to show"
                for location, length in group
                if "#" not in location and length == 0
            ]
    mrr = sum(reciprocal) / len(reciprocal)
    print(f"\nsearch quality: mean reciprocal rank {mrr:.3f} over {len(QUERIES)} queries")
    assert not faults, f"{len(faults)} search problem(s) (MRR {mrr:.3f}):\n" + "\n".join(faults)
    assert mrr >= MIN_MRR, f"mean reciprocal rank {mrr:.3f} < {MIN_MRR}"
