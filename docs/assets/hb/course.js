/* The course page: quizzes scored on the device (localStorage per course, module and language), and the trainer's
   guide, trainer handouts and role cards printed on A4 in their own print modes. */
import { LANG, printOnly } from "./core.js";

function readState(key) {
  try { return JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { return {}; }
}

function setupQuiz(quiz) {
  var key = "hb:course:" + quiz.getAttribute("data-course") + ":" + quiz.getAttribute("data-module") + ":" + LANG;
  var questions = Array.prototype.slice.call(quiz.querySelectorAll(".hb-q"));
  var state = readState(key);

  function inputs(q) { return Array.prototype.slice.call(q.querySelectorAll("input")); }
  function correct(q) { return inputs(q).map(function (el, i) { return el.hasAttribute("data-correct") ? i : -1; }).filter(function (i) { return i >= 0; }); }
  function isRight(q, picked) { var want = correct(q); return picked.length === want.length && want.every(function (i) { return picked.indexOf(i) >= 0; }); }
  function letters(q) {
    var options = inputs(q);
    return correct(q).map(function (i) { return options[i].closest("label").querySelector(".hb-q__letter").textContent.replace(/\.$/, ""); })
      .join(quiz.getAttribute("data-separator"));
  }

  function show(q, picked) {
    var right = isRight(q, picked);
    inputs(q).forEach(function (el, i) {
      el.checked = picked.indexOf(i) >= 0;
      el.disabled = true;
      var li = el.closest("li");
      li.classList.toggle("hb-q__option--correct", el.hasAttribute("data-correct"));
      li.classList.toggle("hb-q__option--wrong", el.checked && !el.hasAttribute("data-correct"));
    });
    q.classList.toggle("hb-q--right", right);
    q.classList.toggle("hb-q--wrong", !right);
    q.querySelector(".hb-q__verdict").textContent = right ? quiz.getAttribute("data-right")
      : quiz.getAttribute("data-wrong") + " " + quiz.getAttribute("data-answer") + " " + letters(q);
    q.querySelector(".hb-q__feedback").hidden = false;
    q.querySelector("[data-action=check]").hidden = true;
    q.querySelector(".hb-q__hint").textContent = "";
  }

  function clear(q) {
    inputs(q).forEach(function (el) {
      el.checked = false; el.disabled = false;
      el.closest("li").classList.remove("hb-q__option--correct", "hb-q__option--wrong");
    });
    q.classList.remove("hb-q--right", "hb-q--wrong");
    q.querySelector(".hb-q__feedback").hidden = true;
    q.querySelector("[data-action=check]").hidden = false;
    q.querySelector(".hb-q__hint").textContent = "";
  }

  function score() {
    var answered = questions.filter(function (q) { return state[q.getAttribute("data-q")]; });
    var right = answered.filter(function (q) { return isRight(q, state[q.getAttribute("data-q")]); });
    quiz.querySelector("[data-score]").textContent = right.length;
    quiz.querySelector("[data-answered]").textContent = answered.length;
    quiz.classList.toggle("hb-quiz--done", answered.length === questions.length);
  }

  quiz.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button) return;
    var action = button.getAttribute("data-action");
    if (action === "check") {
      var q = button.closest(".hb-q");
      var picked = inputs(q).map(function (el, i) { return el.checked ? i : -1; }).filter(function (i) { return i >= 0; });
      if (!picked.length) { q.querySelector(".hb-q__hint").textContent = quiz.getAttribute("data-pick"); return; }
      state[q.getAttribute("data-q")] = picked;
      try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* storage full or disabled: the score still shows */ }
      show(q, picked);
      score();
    }
    if (action === "reset-quiz") {
      state = {};
      try { localStorage.removeItem(key); } catch (e) { /* ignore */ }
      questions.forEach(clear);
      score();
    }
  });

  questions.forEach(function (q) {
    var picked = state[q.getAttribute("data-q")];
    if (Array.isArray(picked) && picked.length) show(q, picked); else delete state[q.getAttribute("data-q")];
  });
  score();
}

document.querySelectorAll(".hb-quiz[data-course]").forEach(setupQuiz);

document.querySelectorAll("[data-course-print]").forEach(function (button) {
  button.addEventListener("click", function () {
    printOnly(document.querySelector(button.getAttribute("data-target")), "hb-print-" + button.getAttribute("data-course-print"));
  });
});
