"""Search quality: the built site's own search, asked what readers ask.

The queries run in headless Chromium through the site's real search worker (Material's
lunr index, built from search/search_index.json with the site's own configuration), so
what is measured is what a reader gets: the same query transformation, boosts and
grouping by page as the search box. The worker answers with groups of results, one per
page, best first; the search box shows them in that order.

For each query the expected page, or one of a few acceptable places, must be among the
first three groups; a place with an #anchor counts only if that section is among its
page's results. Page-level hits must come with text to show (a snippet), which the
mkdocs-glightbox wrapping used to empty (hooks/conceptbook/searchindex/unwrap.py). The mean
reciprocal rank over all queries is printed and must be at least 0.8.

Adding a query: a reader's words, and where a good answer lives. If the book changes
and a section moves, update the place, not the threshold.

Two more things a reader meets (hooks/conceptbook/searchindex/entries.py, vocabulary.py):

- a theorist's name lists the chapters and concepts about them first; the Bibliography
  follows as separate works, each with its own short snippet, never as one page-long
  result (it used to be one result 12,000 px tall, in the top 3 for any name);
- a search that finds nothing offers the book's nearest words ("Did you mean"), from
  disk and served, for misspellings that spellings.yml does not list.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

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
    (
        "Kernberg",
        (
            "chapters/personality-organization-and-diagnosis.html#kernbergs-structural-view",
            "chapters/contemporary-approaches.html#kernberg-and-personality-organization",
            "chapters/ego-and-self-psychology.html#kohut-and-kernberg-two-views-of-narcissism",
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
    ("id", ("concepts/id.html",), "term"),
    ("ego", ("concepts/ego.html",), "term"),
    (
        "id ego superego",
        (
            "concepts/structural-model.html",
            "chapters/freuds-models-of-the-mind.html#the-structural-model-id-ego-and-superego",
        ),
        "question",
    ),
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


def run_queries(page: Page, site: SiteUnderTest, queries: list[str]) -> list[list[list]]:
    """Each query's result groups from the site's own search worker (see RUN_QUERIES)."""
    page.goto(site.url("index.html"))
    config = json.loads(page.locator("#__config").text_content() or "{}")
    return page.evaluate(RUN_QUERIES, {"worker": config["search"], "queries": queries})


# --- Whole words first -------------------------------------------------------------------

# Material searches every word with a trailing wildcard ("id*"); a word that is a whole
# concept name must still rank its own page first, above concepts whose names only start
# with it (hooks/conceptbook/searchindex/whole_words.js, alternates.py).
WHOLE_NAMES = [
    ("id", "concepts/id.html", "concepts/idealization.html"),
    ("ego", "concepts/ego.html", "concepts/superego.html"),  # "super ego", a spelling of superego
    ("object", "concepts/object.html", "concepts/object-constancy.html"),
]


def test_a_word_that_is_a_whole_concept_name_ranks_its_page_first(hosted: SiteUnderTest, open_page: OpenPage) -> None:
    queries = [query for query, _, _ in WHOLE_NAMES] + ["id ego superego"]
    answers = run_queries(open_page(hosted), hosted, queries)
    firsts = {
        query: [group[0][0].split("#")[0] for group in groups[:TOP]]
        for query, groups in zip(queries, answers, strict=True)
    }
    for query, own, longer in WHOLE_NAMES:
        assert firsts[query][0] == own, f"{query!r}: {firsts[query]}"
        assert longer not in firsts[query], f"{query!r}: {firsts[query]}"
    assert "concepts/idealization.html" not in firsts["id ego superego"], firsts["id ego superego"]


# --- Theorists' names: the pages about them, then their works one by one ----------------

NAMES = ["Bowlby", "Winnicott", "Kernberg", "Melanie Klein", "Kohut", "Mahler", "Fonagy"]
BIBLIOGRAPHY = "bibliography.html"
LONGEST_SNIPPET = 600  # characters: the longest reference is about 400


def test_a_theorists_name_lists_the_pages_about_them_before_their_works(
    hosted: SiteUnderTest, open_page: OpenPage
) -> None:
    answers = run_queries(open_page(hosted), hosted, [*NAMES, "Winnicott 1971", "Cochrane"])
    faults: list[str] = []
    for query, groups in zip([*NAMES, "Winnicott 1971", "Cochrane"], answers, strict=True):
        pages = [group[0][0].split("#")[0] for group in groups]
        if query in NAMES and BIBLIOGRAPHY in pages[:TOP]:
            faults.append(f"{query!r}: the Bibliography is in the top {TOP}: {pages[:5]}")
        for group in groups:
            for location, length in group:
                if location.split("#")[0] == BIBLIOGRAPHY and length > LONGEST_SNIPPET:
                    faults.append(f"{query!r}: {location} has a snippet of {length} characters")
    assert not faults, "\n".join(faults)
    by_query = dict(zip([*NAMES, "Winnicott 1971", "Cochrane"], answers, strict=True))
    winnicott = next(g for g in by_query["Winnicott"] if g[0][0].startswith(BIBLIOGRAPHY))
    assert sorted(location for location, _ in winnicott) == [
        "bibliography.html",
        "bibliography.html#ref-winnicott1953",
        "bibliography.html#ref-winnicott1965",
        "bibliography.html#ref-winnicott1971",
    ]
    # A name and a year, or words that only a reference holds, find that work.
    assert (
        by_query["Winnicott 1971"][0][0][0]
        == "chapters/object-relations.html#donald-winnicott-and-the-facilitating-environment"
    )
    assert any(group[0][0] == "bibliography.html#ref-winnicott1971" for group in by_query["Winnicott 1971"][:5])
    assert any(group[0][0] == "bibliography.html#ref-abbass2006" for group in by_query["Cochrane"][:TOP])


# Milliseconds to wait for the first answer on a fresh page: the search worker reads the
# whole index first, which takes seconds on a loaded machine (the suite runs beside others).
FIRST_ANSWER = 30_000


def open_search(page: Page, site: SiteUnderTest, query: str) -> None:
    """Open a chapter, press "/" (Material's shortcut) and type `query` key by key."""
    page.goto(site.url("chapters/attachment.html"))
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    box.press_sequentially(query)


def test_the_bibliography_in_the_search_box_is_a_short_list_of_works(
    site_under_test: SiteUnderTest, open_page: OpenPage
) -> None:
    page = open_page(site_under_test, viewport={"width": 1280, "height": 800})
    open_search(page, site_under_test, "Cochrane")  # a word only two references and one chapter hold
    item = page.locator(".md-search-result__item", has=page.locator('a[href*="#ref-abbass"]'))
    expect(item).to_have_count(1, timeout=FIRST_ANSWER)
    expect(item.locator("h1")).to_have_text("Bibliography")
    titles = item.locator("h2").all_text_contents()  # works past the best ones are folded away
    assert sorted(titles) == ["Abbass et al. (2006)", "Abbass et al. (2014)"]
    box = item.bounding_box()
    assert box is not None and box["height"] < 700, f"the Bibliography result is {box} px tall"


# --- "Did you mean": misspellings that spellings.yml does not list -----------------------

# A reader's slip -> the first suggestion, and where searching for it leads.
MISSPELLINGS: list[tuple[str, str, str]] = [
    ("repressoin", "Repression", "concepts/repression.html"),
    ("represion", "Repression", "concepts/repression.html"),
    ("attachmnet", "Attachment", "concepts/attachment.html"),
    ("transferense", "Transference", "concepts/transference.html"),
    ("Kernburg", "Kernberg", "chapters/personality-organization-and-diagnosis.html"),
    ("Winnicut", "Winnicott", "chapters/object-relations.html"),
    ("sublimaton", "Sublimation", "concepts/sublimation.html"),
    ("projectve identifcation", "Projective identification", "concepts/projective-identification.html"),
    ("psychodynamc", "psychodynamic", "chapters/what-is-psychodynamic-therapy.html"),
]
NOTHING_NEAR = "xqzvwk"  # no word of the book is near: no suggestion at all

SUGGEST = """async queries => {
  const vocabulary = await window.searchSuggestions.load();
  return queries.map(query => window.searchSuggestions.suggest(query, vocabulary));
}"""


def test_misspellings_not_on_the_list_are_offered_the_books_own_words(
    hosted: SiteUnderTest, open_page: OpenPage
) -> None:
    page = open_page(hosted)
    slips = [slip for slip, _, _ in MISSPELLINGS]
    fixes = [fix for _, fix, _ in MISSPELLINGS]
    found = run_queries(page, hosted, [*slips, NOTHING_NEAR, *fixes])
    assert found[: len(slips) + 1] == [[]] * (len(slips) + 1), "a slip found something: no suggestion would show"
    suggested = page.evaluate(SUGGEST, [*slips, NOTHING_NEAR])
    assert [s[:1] for s in suggested] == [[fix] for fix in fixes] + [[]]
    assert suggested[0] == ["Repression", "Regression"]
    for (slip, fix, place), groups in zip(MISSPELLINGS, found[len(slips) + 1 :], strict=True):
        rank = rank_of(groups, (place,))
        assert rank is not None and rank <= TOP, f"{slip!r} -> {fix!r}: {place} at rank {rank}"


def test_did_you_mean_is_announced_and_runs_the_search_by_click_and_by_keyboard(
    site_under_test: SiteUnderTest, open_page: OpenPage
) -> None:
    page = open_page(site_under_test, viewport={"width": 390, "height": 844})
    query = page.locator("[data-md-component=search-query]")
    status = page.locator(".md-search-result [role=status]")
    results = page.locator(".md-search-result__item")

    open_search(page, site_under_test, "repressoin")
    expect(status).to_have_text("Did you mean: Repression, Regression?", timeout=FIRST_ANSWER)
    expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")
    # Arrow down reaches the suggestions as it reaches results; Enter on one searches for it.
    page.keyboard.press("ArrowDown")
    expect(status.get_by_role("link", name="Repression")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(status.get_by_role("link", name="Regression")).to_be_focused()
    page.keyboard.press("Enter")
    expect(query).to_have_value("Regression")
    expect(query).to_be_focused()
    expect(results.first.locator("h1")).to_have_text("Regression")
    expect(status).to_be_empty()
    expect(page.locator("#__search")).to_be_checked()  # the search stays open

    # Enter in the search box runs the first suggestion.
    query.fill("")
    page.keyboard.type("Kernburg")
    expect(status).to_have_text("Did you mean: Kernberg?")
    # The theme answers each key typed; Enter is pressed once it has answered the whole word
    # (before, the results of "K" could still be on screen, and Enter opens the first result).
    expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")
    page.keyboard.press("Enter")
    expect(query).to_have_value("Kernberg")
    expect(results.first).to_be_visible()

    # A click (a tap) does the same, and a link still works without the script's help.
    query.fill("")
    page.keyboard.type("attachmnet")
    link = status.get_by_role("link", name="Attachment", exact=True)
    assert "q=Attachment" in (link.get_attribute("href") or "")
    link.click()
    expect(query).to_have_value("Attachment")
    expect(results.first.locator("h1")).to_have_text("Attachment")

    # Nothing near: nothing offered. Found: nothing offered.
    query.fill("")
    page.keyboard.type(NOTHING_NEAR)
    expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")
    expect(status).to_be_empty()
    query.fill("")
    page.keyboard.type("repression")
    expect(results.first).to_be_visible()
    expect(status).to_be_empty()


def test_did_you_mean_has_no_serious_axe_violations_in_either_palette(
    hosted: SiteUnderTest, open_page: OpenPage
) -> None:
    from test_browser_accessibility import AUDITS, PALETTES, finish_audit, start_audit

    found: list[str] = []
    for preference in PALETTES:
        page = open_page(hosted, color_scheme=preference)
        open_search(page, hosted, "repressoin")
        expect(page.locator(".search-suggestions a")).to_have_count(2, timeout=FIRST_ANSWER)
        # Material's own count ("No matching documents") included: accessibility.css darkens it.
        start_audit(page, AUDITS[preference], {"include": [[".md-search"]]})
        found += finish_audit(page, f"search box with suggestions ({preference})")
    assert not found, "\n".join(found)
