/* Guided decisions: the page's nested outline becomes one question per screen, with big answer buttons, a trail of
   the answers so far, Back and Start over. The path lives in the address (#path=0.1) so the phone's back button and
   a reload keep the place. Without this script the outline is the whole flow, and it is what prints. */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function readPath(flow) {
    /* answer indexes from the address, kept only while they still lead through the flow */
    var match = /(?:^#|&)path=([0-9.]*)/.exec(location.hash);
    var picks = match && match[1] ? match[1].split(".").map(Number) : [];
    var path = [];
    var at = flow.start;
    for (var i = 0; i < picks.length; i++) {
      var question = flow.questions[at];
      if (!question || !question.answers[picks[i]]) break;
      path.push(picks[i]);
      at = question.answers[picks[i]].next;
    }
    return path;
  }

  function walk(flow, path) {
    /* the questions asked along the path, with the answer picked at each, and where the reader now is */
    var steps = [];
    var at = flow.start;
    path.forEach(function (pick) {
      var question = flow.questions[at];
      steps.push({ id: at, question: question, answer: question.answers[pick] });
      at = question.answers[pick].next;
    });
    return { steps: steps, at: at };
  }

  function setup(root) {
    var flow = JSON.parse(root.querySelector(".hb-flow__data").textContent);
    var app = root.querySelector(".hb-flow__app");
    var outline = root.querySelector(".hb-flow__outline");
    var labels = flow.labels;
    var path = readPath(flow);

    function go(newPath, push) {
      path = newPath;
      var hash = path.length ? "#path=" + path.join(".") : " ";
      if (push) history.pushState(null, "", hash === " " ? location.pathname + location.search : hash);
      render(true);
    }

    function button(label, cls, onClick, disabled) {
      var b = el("button", { type: "button", "class": cls }, label);
      if (disabled) b.disabled = true;
      b.addEventListener("click", onClick);
      return b;
    }

    function render(moveFocus) {
      var state = walk(flow, path);
      app.textContent = "";
      if (state.steps.length) {
        var trail = el("ol", { "class": "hb-flow__trail", "aria-label": labels.flow_trail });
        state.steps.forEach(function (step, i) {
          var item = el("li");
          var back = el("button", { type: "button", "class": "hb-flow__crumb" });
          back.appendChild(el("span", { "class": "hb-flow__crumb-q" }, step.question.text));
          back.appendChild(el("span", { "class": "hb-flow__crumb-a" }, step.answer.label));
          back.setAttribute("aria-label", labels.flow_change + " " + labels.flow_question_n.replace("{n}", i + 1) + ": " + step.question.text + " — " + step.answer.label);
          back.addEventListener("click", function () { go(path.slice(0, i), true); });
          item.appendChild(back);
          trail.appendChild(item);
        });
        app.appendChild(trail);
      }
      var card = el("section", { "class": "hb-flow__card", "aria-live": "polite" });
      var heading;
      var question = flow.questions[state.at];
      if (question) {
        card.setAttribute("data-node", state.at);
        card.appendChild(el("p", { "class": "hb-flow__step" }, labels.flow_question_n.replace("{n}", state.steps.length + 1)));
        heading = el("h2", { "class": "hb-flow__question", tabindex: "-1" }, question.text);
        card.appendChild(heading);
        if (question.hint) card.appendChild(el("p", { "class": "hb-flow__hint" }, question.hint));
        var answers = el("div", { "class": "hb-flow__choices", role: "group", "aria-label": question.text });
        question.answers.forEach(function (answer, i) {
          answers.appendChild(button(answer.label, "hb-flow__choice", function () { go(path.concat([i]), true); }));
        });
        card.appendChild(answers);
      } else {
        var outcome = flow.outcomes[state.at];
        card.setAttribute("data-node", state.at);
        card.classList.add("hb-flow__card--outcome");
        card.appendChild(el("p", { "class": "hb-flow__step" }, labels.flow_outcome));
        heading = el("h2", { "class": "hb-flow__question", tabindex: "-1" }, outcome.title);
        card.appendChild(heading);
        card.appendChild(el("p", { "class": "hb-flow__rtext" }, outcome.text));
        var links = el("ul", { "class": "hb-flow__go" });
        outcome.links.forEach(function (link) {
          var a = el("a", { href: link.href });
          a.appendChild(el("span", { "class": "hb-kind" }, link.kind));
          a.appendChild(document.createTextNode(" " + link.title));
          var li = el("li");
          li.appendChild(a);
          links.appendChild(li);
        });
        card.appendChild(links);
      }
      app.appendChild(card);
      var controls = el("div", { "class": "hb-flow__controls" });
      controls.appendChild(button(labels.flow_back, "hb-flow__back", function () { go(path.slice(0, -1), true); }, !path.length));
      controls.appendChild(button(labels.flow_restart, "hb-flow__restart", function () { go([], true); }, !path.length));
      controls.appendChild(button(labels.flow_print, "hb-flow__print", function () { window.print(); }));
      app.appendChild(controls);
      if (moveFocus && heading) heading.focus({ preventScroll: true });
      if (moveFocus) card.scrollIntoView({ block: "start" });
    }

    window.addEventListener("popstate", function () { path = readPath(flow); render(true); });
    app.hidden = false;
    outline.classList.add("hb-flow__outline--behind");
    render(false);
  }

  document.querySelectorAll(".hb-flow").forEach(setup);
})();
