/* Check your understanding (hooks/conceptbook/questions/, overrides/questions/bank.html).
 *
 * Each question is readable without this script: its answer and the feedback for every
 * option sit in a folded "Answer and feedback". With it, a reader chooses, selects Check,
 * and the result region (role="status") announces whether the answer is right, the
 * feedback for what was chosen, the right answer, and where the chapter teaches it.
 * Progress is kept in this browser's localStorage, one entry per chapter, and never sent
 * anywhere; "Clear my answers" removes it. Works from file:// (no request is made).
 */
(function () {
  "use strict";
  var PREFIX = "psychodynamic-theory:questions:";

  function load(chapter) {
    try {
      return JSON.parse(window.localStorage.getItem(PREFIX + chapter) || "{}") || {};
    } catch (error) {
      return {};
    }
  }

  function save(chapter, state) {
    try {
      window.localStorage.setItem(PREFIX + chapter, JSON.stringify(state));
    } catch (error) {
      /* storage refused (private mode, quota): the quiz still works for this visit */
    }
  }

  function forget(chapter) {
    try {
      window.localStorage.removeItem(PREFIX + chapter);
    } catch (error) {
      /* nothing stored */
    }
  }

  function text(tag, value, className) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    node.textContent = value;
    return node;
  }

  function feedbackFor(item, index) {
    var node = item.querySelector('.quiz-answer__feedback [data-option="' + index + '"]');
    return node ? node.cloneNode(true) : null;
  }

  function where(item) {
    var link = item.querySelector(".quiz-answer__where a");
    if (!link) return null;
    var paragraph = document.createElement("p");
    paragraph.appendChild(link.cloneNode(true));
    return paragraph;
  }

  /* The reader's answer judged: {status: "right"|"wrong"|"none"|"seen", nodes: [...] } */
  function judge(item) {
    var type = item.getAttribute("data-type");
    var nodes = [];
    if (type === "short-answer") {
      var model = item.querySelector(".quiz-answer__model");
      nodes.push(text("p", "Compare your answer with the model answer and the points a marker looks for:"));
      if (model) nodes.push(model.cloneNode(true));
      var points = item.querySelector(".quiz-answer__points");
      if (points) nodes.push(points.cloneNode(true));
      return { status: "seen", nodes: nodes };
    }
    if (type === "matching") {
      var selects = item.querySelectorAll("select");
      var right = 0;
      var answered = 0;
      selects.forEach(function (select) {
        if (select.value !== "") answered += 1;
        if (select.value === select.getAttribute("data-key")) right += 1;
      });
      if (answered === 0) return { status: "none", nodes: [text("p", "Choose a match for each item first.")] };
      var all = right === selects.length;
      nodes.push(text("p", all ? "Correct: every match is right." : "Not quite: " + right + " of " + selects.length + " matches are right. The right matches:"));
      if (!all) {
        var pairs = item.querySelector(".quiz-answer__pairs");
        if (pairs) nodes.push(pairs.cloneNode(true));
      }
      var explanation = item.querySelector(".quiz-answer__explanation");
      if (explanation) nodes.push(explanation.cloneNode(true));
      return { status: all ? "right" : "wrong", nodes: nodes };
    }
    var inputs = Array.prototype.slice.call(item.querySelectorAll("input"));
    var chosen = inputs.filter(function (input) { return input.checked; });
    if (chosen.length === 0) return { status: "none", nodes: [text("p", "Choose an answer first.")] };
    var correct = inputs.every(function (input) { return input.checked === input.hasAttribute("data-key"); });
    nodes.push(text("p", correct ? "Correct." : "Not quite.", "quiz-item__verdict"));
    if (type === "true-false") {
      var why = item.querySelector(".quiz-answer__explanation");
      if (!correct) nodes.push(text("p", "The answer is " + (inputs[0].hasAttribute("data-key") ? "true" : "false") + "."));
      if (why) nodes.push(why.cloneNode(true));
    } else {
      var list = document.createElement("ul");
      list.className = "quiz-answer__feedback";
      chosen.forEach(function (input) {
        var feedback = feedbackFor(item, input.value);
        if (feedback) list.appendChild(feedback);
      });
      nodes.push(list);
      if (!correct) {
        var key = item.querySelector(".quiz-answer__key");
        if (key) nodes.push(key.cloneNode(true));
      }
    }
    return { status: correct ? "right" : "wrong", nodes: nodes };
  }

  function show(item, result) {
    var region = item.querySelector(".quiz-item__result");
    region.textContent = "";
    result.nodes.forEach(function (node) { region.appendChild(node); });
    if (result.status === "right" || result.status === "wrong") {
      var link = where(item);
      if (link) region.appendChild(link);
    }
    item.classList.remove("quiz-item--right", "quiz-item--wrong");
    if (result.status === "right") item.classList.add("quiz-item--right");
    if (result.status === "wrong") item.classList.add("quiz-item--wrong");
  }

  function progress(quiz, state) {
    var items = quiz.querySelectorAll(".quiz-item");
    var right = 0;
    var tried = 0;
    items.forEach(function (item) {
      var value = state[item.id];
      if (value) tried += 1;
      if (value === "right") right += 1;
    });
    var node = quiz.querySelector(".quiz__progress");
    node.textContent = tried === 0 ? "" : "You have tried " + tried + " of " + items.length + " questions here, " + right + " of them right.";
    node.hidden = tried === 0;
  }

  function setUp(quiz) {
    var chapter = quiz.getAttribute("data-quiz");
    var state = load(chapter);
    quiz.querySelectorAll("[hidden].quiz-item__actions, .quiz__controls, .quiz__privacy").forEach(function (node) {
      node.hidden = false;
    });
    quiz.querySelectorAll(".quiz-item").forEach(function (item) {
      if (state[item.id] === "right") item.classList.add("quiz-item--right");
      if (state[item.id] === "wrong") item.classList.add("quiz-item--wrong");
      item.querySelector(".quiz-item__check").addEventListener("click", function () {
        var result = judge(item);
        show(item, result);
        if (result.status !== "none") {
          state[item.id] = result.status;
          save(chapter, state);
          progress(quiz, state);
        }
      });
    });
    quiz.querySelector(".quiz__reset").addEventListener("click", function () {
      state = {};
      forget(chapter);
      quiz.querySelectorAll("input").forEach(function (input) { input.checked = false; });
      quiz.querySelectorAll("select").forEach(function (select) { select.value = ""; });
      quiz.querySelectorAll("textarea").forEach(function (area) { area.value = ""; });
      quiz.querySelectorAll(".quiz-item").forEach(function (item) {
        item.classList.remove("quiz-item--right", "quiz-item--wrong");
        item.querySelector(".quiz-item__result").textContent = "";
      });
      progress(quiz, state);
      var node = quiz.querySelector(".quiz__progress");
      node.textContent = "Your answers for this chapter are cleared.";
      node.hidden = false;
    });
    progress(quiz, state);
  }

  function start() {
    document.querySelectorAll(".quiz[data-quiz]").forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
