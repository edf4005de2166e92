/* Freshness a reader can see: an overdue-review banner computed from today's date (no rebuild needed), and on index
   pages and What's new a mark on records changed since this reader last saw them. Kept in localStorage only:
   the day of the previous visit and, per record, the `updated` date of the version last opened. */
(function () {
  "use strict";
  var STORE = "hb:freshness";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function load() {
    try {
      var state = JSON.parse(localStorage.getItem(STORE) || "{}");
      return state && typeof state === "object" ? state : {};
    } catch (err) { return {}; }
  }

  function save(state) {
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (err) { /* private mode: marks just do not persist */ }
  }

  var now = today();
  var state = load();
  if (!state.seen || typeof state.seen !== "object") state.seen = {};
  if (state.current !== now) {  /* a new day's visit: the last one becomes "your last visit" */
    state.previous = state.current || null;
    state.current = now;
  }

  var line = document.querySelector(".hb-reviewed[data-ref]");
  if (line) {
    var due = line.getAttribute("data-review-by");
    var message = line.getAttribute("data-overdue");
    if (message && due && due < now) {
      var banner = document.createElement("div");
      banner.className = "admonition warning hb-overdue";
      banner.setAttribute("role", "note");
      var text = document.createElement("p");
      text.textContent = message.replace("{date}", due);
      banner.appendChild(text);
      line.parentNode.insertBefore(banner, line.nextSibling);
    }
    state.seen[line.getAttribute("data-ref")] = line.getAttribute("data-updated");
  }

  document.querySelectorAll("[data-changed]").forEach(function (list) {
    var label = list.getAttribute("data-changed");
    /* a record of its own line, or one of a day's first publications folded into one line */
    list.querySelectorAll(".hb-index__item[data-ref], .hb-firsts__entry[data-ref]").forEach(function (item) {
      var since = state.seen[item.getAttribute("data-ref")] || state.previous;
      if (!since || !(item.getAttribute("data-updated") > since)) return;
      var mark = document.createElement("span");
      mark.className = "hb-badge hb-badge--changed";
      mark.textContent = label;
      var link = item.querySelector("a");
      link.parentNode.insertBefore(mark, link.nextSibling);
      link.parentNode.insertBefore(document.createTextNode(" "), mark);
      item.setAttribute("data-changed-since", since);
    });
  });

  save(state);
})();
