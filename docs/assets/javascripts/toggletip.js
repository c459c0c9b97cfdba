/* Definition toggletips: the book's short definitions (and other inline tips) shown in
   place, on every device.

   The contract (the build writes it; see CONTRIBUTING.md, "Changing the code"):
     <a href="…" data-tip="ID" aria-describedby="ID">term</a>
     …
     <div class="tip-source" id="ID" hidden>the tip's content</div>

   Without JavaScript the term is a plain link, and a screen reader still reads the tip
   as the link's description (aria-describedby may name hidden content). With it:

   - after each term this script puts a small <button> ("Definition of transference");
     a tap or click on it shows the tip in place, without leaving the page, and a
     polite live region announces the text (the inclusive-components toggletip pattern);
   - hovering over the term or the button, or reaching the term with the keyboard,
     shows the tip after a short delay; the pointer can move onto the tip;
   - Escape, a tap or click outside, or moving away closes it.

   The tip is one element, moved after the button of the term it explains (so Tab goes
   from the button into its "Read more" link), and positioned with Floating UI
   (vendor/floating-ui, MIT) as position: fixed: it never moves the text around it, and
   it flips and shifts to stay inside the viewport. The space for each button is kept
   free by CSS from the first paint (see the `has-tips` class set in overrides/main.html),
   so inserting the buttons does not move any text either. */
(function () {
  "use strict";

  var OPEN_DELAY = 300; // ms: a pointer or focus passing through does not flash a tip
  var CLOSE_DELAY = 250; // ms: time to move the pointer from the term onto the tip
  var MARGIN = 8; // px kept free between the tip and the edges of the viewport

  var tip = null; // the one tip element
  var live = null; // the live region that announces a tip opened by a tap or click
  var current = null; // { term, button } whose tip is showing
  var pinned = false; // opened by a click: stays until closed, not on pointer leave
  var openTimer = 0;
  var closeTimer = 0;
  var stopUpdates = null;

  function floating() {
    return window.FloatingUIDOM || null;
  }

  function label(term) {
    var text = term.textContent.replace(/\s+/g, " ").trim();
    if (term.dataset.tipLabel) return term.dataset.tipLabel;
    if (term.classList.contains("citation")) return "Reference for " + text;
    return "Definition of " + text;
  }

  function createTip() {
    tip = document.createElement("div");
    tip.className = "toggletip";
    tip.id = "toggletip";
    tip.hidden = true;
    tip.addEventListener("pointerenter", function () {
      clearTimeout(closeTimer);
    });
    tip.addEventListener("pointerleave", function (event) {
      if (event.pointerType === "mouse" && !pinned) scheduleClose();
    });
    live = document.createElement("div");
    live.className = "toggletip-announcer";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    document.body.appendChild(live);
  }

  function sourceOf(term) {
    var id = term.getAttribute("data-tip");
    return id ? document.getElementById(id) : null;
  }

  function open(pair, byClick) {
    var source = sourceOf(pair.term);
    if (!source) return;
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    if (current && current.term !== pair.term) close(false);
    pinned = pinned || byClick;
    if (current && current.term === pair.term) {
      if (byClick) announce(source);
      return;
    }
    current = pair;
    tip.replaceChildren.apply(tip, Array.prototype.map.call(source.childNodes, function (node) {
      return node.cloneNode(true);
    }));
    pair.button.after(tip);
    pair.button.setAttribute("aria-expanded", "true");
    tip.hidden = false;
    place();
    if (byClick) announce(source);
  }

  function announce(source) {
    // Emptied first, so that the same text announced twice is still a change.
    live.textContent = "";
    window.setTimeout(function () {
      live.textContent = source.textContent.replace(/\s+/g, " ").trim();
    }, 50);
  }

  function place() {
    var lib = floating();
    if (!lib || !current) return;
    var reference = current.term;
    var update = function () {
      lib
        .computePosition(reference, tip, {
          strategy: "fixed",
          placement: "bottom-start",
          middleware: [lib.inline(), lib.offset(6), lib.flip({ padding: MARGIN }), lib.shift({ padding: MARGIN })],
        })
        .then(function (position) {
          tip.style.left = position.x + "px";
          tip.style.top = position.y + "px";
        });
    };
    if (stopUpdates) stopUpdates();
    stopUpdates = lib.autoUpdate(reference, tip, update);
  }

  function close(restoreFocus) {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    if (!current) return;
    var button = current.button;
    var hadFocus = tip.contains(document.activeElement);
    if (stopUpdates) stopUpdates();
    stopUpdates = null;
    tip.hidden = true;
    tip.replaceChildren();
    live.textContent = "";
    button.setAttribute("aria-expanded", "false");
    current = null;
    pinned = false;
    if (restoreFocus || hadFocus) button.focus();
  }

  function scheduleOpen(pair) {
    clearTimeout(closeTimer);
    if (current && current.term === pair.term) return;
    clearTimeout(openTimer);
    openTimer = window.setTimeout(function () {
      open(pair, false);
    }, OPEN_DELAY);
  }

  function scheduleClose() {
    clearTimeout(openTimer);
    if (pinned) return;
    clearTimeout(closeTimer);
    closeTimer = window.setTimeout(function () {
      close(false);
    }, CLOSE_DELAY);
  }

  function bind(term) {
    if (term.dataset.tipBound) return;
    if (!sourceOf(term)) return;
    term.dataset.tipBound = "true";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "tip-button";
    button.setAttribute("aria-label", label(term));
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "toggletip");
    var icon = document.createElement("span");
    icon.className = "tip-button__icon";
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = "i";
    button.appendChild(icon);
    term.after(button);
    var pair = { term: term, button: button };

    [term, button].forEach(function (element) {
      element.addEventListener("pointerenter", function (event) {
        if (event.pointerType === "mouse") scheduleOpen(pair);
      });
      element.addEventListener("pointerleave", function (event) {
        if (event.pointerType === "mouse" && current && current.term === term) scheduleClose();
        else if (event.pointerType === "mouse") clearTimeout(openTimer);
      });
    });
    // Keyboard focus only: a link focused by a click or tap is about to be followed.
    term.addEventListener("focus", function () {
      if (term.matches(":focus-visible")) scheduleOpen(pair);
    });
    [term, button].forEach(function (element) {
      element.addEventListener("blur", function (event) {
        var next = event.relatedTarget;
        if (next && (next === term || next === button || tip.contains(next))) return;
        if (current && current.term === term && !pinned) close(false);
        else if (!current) clearTimeout(openTimer);
      });
    });
    button.addEventListener("click", function (event) {
      event.preventDefault();
      if (current && current.term === term && pinned) close(false);
      else open(pair, true);
    });
  }

  function bindAll() {
    if (!tip) createTip();
    if (current) close(false);
    document.querySelectorAll("[data-tip]").forEach(bind);
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) {
      var focusWasInside = tip.contains(document.activeElement) || document.activeElement === current.button;
      close(focusWasInside);
    }
  });
  // A tap or click anywhere but on the term, its button or the tip closes it.
  document.addEventListener("pointerdown", function (event) {
    if (!current) return;
    var target = event.target;
    if (tip.contains(target) || current.term.contains(target) || current.button.contains(target)) return;
    close(false);
  });
  // Leaving the tip by keyboard (Tab past its last link) closes it.
  document.addEventListener("focusin", function (event) {
    if (!current || !pinned) return;
    var target = event.target;
    if (tip.contains(target) || target === current.term || target === current.button) return;
    close(false);
  });

  // Material's instant navigation swaps the page without a reload and announces it on
  // document$; without it (as in this book), the page is ready once this script runs.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(bindAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", bindAll);
  } else {
    bindAll();
  }
})();

/* The Key terms box (overrides/glossary/key-concepts.html) folds away on a phone, where
   it runs to several screens: its <details> is open in the HTML (so without this script,
   in print and on a wide screen it is open); on a narrow screen it starts closed, and
   its title opens it. Before printing it opens again, so paper always has the list. */
(function () {
  "use strict";

  var PHONE = "(max-width: 44.9375em)"; // Material's breakpoint below tablets

  function folds() {
    return document.querySelectorAll(".key-concepts > details.key-concepts__fold");
  }

  function start() {
    if (!window.matchMedia || !window.matchMedia(PHONE).matches) return;
    folds().forEach(function (fold) { fold.open = false; });
  }

  window.addEventListener("beforeprint", function () {
    folds().forEach(function (fold) { fold.open = true; });
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
