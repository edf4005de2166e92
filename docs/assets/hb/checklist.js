/* Checklists: ticks kept on the device per checklist and language, progress shown as they change, "untick all" with
   an undo, and the checklist printed as a handout. */
import { LANG, printOnly } from "./core.js";

/* "Untick all" can be undone: the ticks it cleared come back with one tap on Undo, until the next tick. */
function untickAll(root, boxes, key, progress) {
  var before = boxes.filter(function (b) { return b.checked; });
  if (!before.length) return;
  boxes.forEach(function (b) { b.checked = false; });
  try { localStorage.removeItem(key); } catch (e) { /* ignore */ }
  progress();
  var status = root.querySelector(".hb-checklist__undo");
  status.textContent = status.getAttribute("data-reset-done") + " ";
  var undo = document.createElement("button");
  undo.type = "button";
  undo.className = "md-button";
  undo.setAttribute("data-action", "undo");
  undo.textContent = status.getAttribute("data-undo-label");
  undo.addEventListener("click", function () {
    before.forEach(function (b) { b.checked = true; });
    status.textContent = "";
    root.dispatchEvent(new Event("change"));
  });
  status.appendChild(undo);
  root.addEventListener("change", function clear(event) {
    if (event.target !== root) { status.textContent = ""; root.removeEventListener("change", clear); }
  });
}

function setupChecklist(root) {
  var key = "hb:checklist:" + root.getAttribute("data-checklist") + ":" + LANG;
  var boxes = Array.prototype.slice.call(root.querySelectorAll("input[type=checkbox][data-item]"));
  var state = {};
  try { state = JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { state = {}; }
  boxes.forEach(function (box) { box.checked = !!state[box.getAttribute("data-item")]; });
  function progress() {
    var done = boxes.filter(function (b) { return b.checked; }).length;
    root.querySelector("[data-progress-done]").textContent = done;
    root.querySelector("[data-progress-total]").textContent = boxes.length;
    root.classList.toggle("hb-checklist--complete", done === boxes.length);
  }
  root.addEventListener("change", function () {
    var next = {};
    boxes.forEach(function (b) { if (b.checked) next[b.getAttribute("data-item")] = true; });
    try { localStorage.setItem(key, JSON.stringify(next)); } catch (e) { /* ignore */ }
    progress();
  });
  root.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button) return;
    if (button.getAttribute("data-action") === "reset") untickAll(root, boxes, key, progress);
    if (button.getAttribute("data-action") === "print") printOnly(null, "hb-print-page");
  });
  progress();
}

document.querySelectorAll(".hb-checklist").forEach(setupChecklist);
