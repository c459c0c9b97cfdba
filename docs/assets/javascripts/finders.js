/* Finding an entry on the two longest pages, on a phone as on a laptop.

   - Glossary (overrides/glossary/glossary.html): a filter box above the letters. Typing
     keeps the concepts whose name, other names or definition contain the words typed
     (any case, accents ignored), hides the letters left empty, and says in a polite
     live region how many are shown.
   - Bibliography (hooks/conceptbook/citations/): an A–Z bar above the list, one link per first
     letter of the entries, to the first entry under it.

   Both are added by this script, so without JavaScript there is no control that does
   nothing: the glossary keeps its letters, the bibliography its one list. Both carry
   the class screen-only, which print.css leaves off paper. No request, no storage: it
   works the same from the offline zip (file://). */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function glossaryFilter() {
    var letters = document.querySelector(".md-typeset nav.glossary-letters");
    var lists = document.querySelectorAll(".md-typeset dl.glossary-entries");
    if (!letters || !lists.length || document.getElementById("glossary-filter")) return;

    var entries = [];
    lists.forEach(function (list) {
      var heading = list.previousElementSibling;
      list.querySelectorAll(":scope > dt").forEach(function (dt) {
        var dd = dt.nextElementSibling;
        entries.push({ dt: dt, dd: dd, list: list, heading: heading, text: fold(dt.textContent + " " + (dd ? dd.textContent : "")) });
      });
    });

    var box = document.createElement("div");
    box.className = "finder screen-only";
    var label = document.createElement("label");
    label.htmlFor = "glossary-filter";
    label.textContent = "Filter the glossary";
    var input = document.createElement("input");
    input.type = "search";
    input.id = "glossary-filter";
    input.className = "finder__input";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("aria-describedby", "glossary-filter-count");
    var count = document.createElement("p");
    count.id = "glossary-filter-count";
    count.className = "finder__count";
    count.setAttribute("role", "status");
    count.setAttribute("aria-live", "polite");
    box.append(label, input, count);
    letters.before(box);

    var timer = 0;
    function apply() {
      var words = fold(input.value).split(" ").filter(Boolean);
      var shown = 0;
      entries.forEach(function (entry) {
        var match = words.every(function (word) {
          return entry.text.indexOf(word) !== -1;
        });
        entry.dt.hidden = !match;
        if (entry.dd) entry.dd.hidden = !match;
        if (match) shown += 1;
      });
      lists.forEach(function (list) {
        var any = list.querySelector(":scope > dt:not([hidden])") !== null;
        list.hidden = !any;
        var heading = list.previousElementSibling;
        if (heading && heading.tagName === "H2") heading.hidden = !any;
        var jump = heading && letters.querySelector('a[href="#' + heading.id + '"]');
        if (jump) jump.parentElement.hidden = !any;
      });
      count.textContent = words.length
        ? shown === 0
          ? "No concept matches “" + input.value.trim() + "”."
          : shown + " of " + entries.length + (entries.length === 1 ? " concept" : " concepts") + " shown."
        : "";
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = window.setTimeout(apply, 150); // one update per pause in typing, not per key
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && input.value) {
        input.value = "";
        apply();
      }
    });
  }

  function bibliographyLetters() {
    var list = document.querySelector(".md-typeset ul.references.bibliography");
    if (!list || document.querySelector(".bibliography-letters")) return;
    var firsts = [];
    var seen = {};
    list.querySelectorAll(":scope > li[id]").forEach(function (item) {
      var letter = fold(item.textContent).charAt(0).toUpperCase();
      if (!/[A-Z]/.test(letter)) letter = "#";
      if (!seen[letter]) {
        seen[letter] = true;
        firsts.push({ letter: letter, id: item.id });
      }
    });
    if (firsts.length < 2) return;
    var nav = document.createElement("nav");
    nav.className = "glossary-letters bibliography-letters screen-only";
    nav.setAttribute("aria-label", "Bibliography by first letter");
    var ul = document.createElement("ul");
    firsts.forEach(function (first) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + first.id;
      a.textContent = first.letter;
      li.appendChild(a);
      ul.appendChild(li);
    });
    nav.appendChild(ul);
    list.before(nav);
  }

  function start() {
    glossaryFilter();
    bibliographyLetters();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
