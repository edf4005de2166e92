/* The exclusion catalogue (the exclusions index): one entry per exclusion, filtered by product line and tag; the count
   of what is shown is announced (role=status). */

function has(list, word) { return (" " + (list || "") + " ").indexOf(" " + word + " ") >= 0; }

function setupCatalogue(root) {
  var line = "", tag = "";
  function apply() {
    var shown = 0;
    root.querySelectorAll(".hb-index__item").forEach(function (item) {
      var ok = (!line || has(item.getAttribute("data-lines"), line)) && (!tag || has(item.getAttribute("data-tags"), tag));
      item.hidden = !ok;
      if (ok) shown++;
    });
    root.querySelector("[data-count]").textContent = root.getAttribute("data-showing").replace("{n}", shown);
  }
  root.addEventListener("click", function (event) {
    var button = event.target.closest("[data-line]");
    if (!button) return;
    line = button.getAttribute("data-line");
    root.querySelectorAll("[data-line]").forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
    apply();
  });
  root.addEventListener("change", function (event) {
    if (event.target.matches("[data-tag-filter]")) { tag = event.target.value; apply(); }
  });
}

document.querySelectorAll("[data-catalogue]").forEach(setupCatalogue);
