/* "Did you mean": when the book's search finds nothing, offer the nearest of the book's
   own words as links that search again.

   The words (concept terms, aliases, authors' family names) are made at build time
   into search/vocabulary.js (hooks/conceptbook/searchindex/vocabulary.py). It is loaded, with this
   feature's stylesheet, the first time a search finds nothing, by a <script> element,
   so that it also works from disk (file://), where a page may not fetch a file.

   How it meets Material's search box (overrides/partials/search.html):
   - Material rewrites the result count (the first child of the result area) each time
     the search worker answers; a MutationObserver on it runs `update` after each answer,
     when the result list is complete.
   - The suggestions go in a live region (role="status") between the count and the list,
     so a screen reader reads them out ("Did you mean: Repression, Regression?").
   - Each suggestion is a link, so the arrow keys reach it as they reach results. Its
     href opens this page with ?q=, which Material turns into a search; a click runs that
     search in place instead. The first child of each link carries data-md-score, which
     Material reads from every link of the result area when Enter is pressed in the
     search box: Enter then runs the first suggestion.
*/
(function () {
  "use strict";

  var here = document.currentScript && document.currentScript.src;
  var box = document.querySelector("[data-search-suggestions]");
  var input = document.querySelector("[data-md-component=search-query]");
  var result = document.querySelector("[data-md-component=search-result]");
  if (!here || !box || !input || !result) return;

  var VOCABULARY = new URL("../../search/vocabulary.js", here).href;
  var STYLESHEET = new URL("../stylesheets/search-suggestions.css", here).href;
  var MOST = 4; // suggestions shown at most

  /* Lower case, accents and punctuation off, one space between words. */
  function normalize(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  /* How many typing slips a word of this length may hold and still be suggested. */
  function allowance(length) {
    return length <= 3 ? 0 : length <= 5 ? 1 : length <= 8 ? 2 : 3;
  }

  /* Edits (insert, delete, replace, swap two neighbours) from a to b; limit + 1 once it
     is clear there are more than `limit`. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null, previous = [], row, i, j;
    for (j = 0; j <= b.length; j++) previous[j] = j;
    for (i = 1; i <= a.length; i++) {
      row = [i];
      var least = i;
      for (j = 1; j <= b.length; j++) {
        var d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (before && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
        row[j] = d;
        if (d < least) least = d;
      }
      if (least > limit && Math.min.apply(null, previous) > limit) return limit + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  /* The vocabulary's entries nearest to `query`, best first: whole terms and names
     ("Projective identification"), then the query with each unknown word replaced by
     the nearest word of the vocabulary. */
  function suggest(query, vocabulary) {
    var wanted = normalize(query);
    if (!wanted) return [];
    var found = [];
    var words = {};
    [vocabulary.concepts || [], vocabulary.names || []].forEach(function (labels, kind) {
      var limit = allowance(wanted.length);
      labels.forEach(function (label) {
        var plain = normalize(label);
        var d = distance(wanted, plain, limit);
        if (d <= limit) found.push({ text: label, distance: d, kind: kind });
        plain.split(" ").forEach(function (word) {
          if (word.length >= 3 && !(word in words)) words[word] = kind;
        });
      });
    });
    var changed = 0, cost = 0;
    var mended = wanted.split(" ").map(function (word) {
      if (word.length < 3 || word in words) return word;
      var limit = allowance(word.length), best = word, bestDistance = limit + 1;
      Object.keys(words).forEach(function (known) {
        var d = distance(word, known, limit);
        if (d <= limit && (d < bestDistance || (d === bestDistance && known < best))) { best = known; bestDistance = d; }
      });
      if (best !== word) { changed++; cost += bestDistance; }
      return best;
    });
    if (changed) found.push({ text: mended.join(" "), distance: cost, kind: 2 });
    found.sort(function (x, y) {
      return x.distance - y.distance || x.kind - y.kind || (x.text < y.text ? -1 : x.text > y.text ? 1 : 0);
    });
    var seen = {};
    seen[wanted] = true;
    return found.filter(function (item) {
      var key = normalize(item.text);
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    }).slice(0, MOST).map(function (item) { return item.text; });
  }

  var loading = null;
  function load() {
    if (!loading) {
      loading = new Promise(function (done) {
        var style = document.createElement("link");
        style.rel = "stylesheet";
        style.href = STYLESHEET;
        document.head.appendChild(style);
        var script = document.createElement("script");
        script.src = VOCABULARY;
        script.onload = function () { done(window.__searchVocabulary || {}); };
        script.onerror = function () { done({}); }; // the browser reports the failed load itself
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function search(text) {
    input.value = text;
    input.focus();
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true })); // what Material listens to
  }

  var shown = "";
  function show(items) {
    var key = items.join("\n");
    if (key === shown) return;
    shown = key;
    box.textContent = "";
    if (!items.length) return;
    var sentence = document.createElement("p");
    sentence.className = "search-suggestions__text";
    sentence.appendChild(document.createTextNode((box.getAttribute("data-label") || "Did you mean:") + " "));
    items.forEach(function (text, position) {
      if (position) sentence.appendChild(document.createTextNode(", "));
      var link = document.createElement("a");
      var url = new URL(location.href);
      url.hash = "";
      url.searchParams.set("q", text);
      link.href = url.href;
      link.className = "search-suggestions__link";
      var label = document.createElement("span");
      label.textContent = text;
      label.setAttribute("data-md-score", String(items.length - position));
      link.appendChild(label);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation(); // or Material closes the search, as for a result
        search(text);
      });
      sentence.appendChild(link);
    });
    sentence.appendChild(document.createTextNode("?"));
    box.appendChild(sentence);
  }

  function update() {
    var query = input.value.trim();
    if (!query || result.lastElementChild.children.length) {
      show([]);
      return;
    }
    load().then(function (vocabulary) {
      if (input.value.trim() === query && !result.lastElementChild.children.length) show(suggest(query, vocabulary));
    });
  }

  new MutationObserver(update).observe(result.firstElementChild, { childList: true, characterData: true, subtree: true });

  /* For the tests (tests/test_search_quality.py) and for anyone curious. */
  window.searchSuggestions = { suggest: suggest, distance: distance, load: load };
})();
