/* Policy Service Handbook: "was this page helpful?", searches that found nothing and the result opened for a query.
   Each event is one small GET to the site's own /_event, which the web server logs (see deploy/nginx.conf).
   No cookie, no reader identifier, nothing typed into a letter or form. Offline, events wait on this device in a
   short queue and go when the connection is back. The phone-use page has a switch that turns all of it off. */
(function () {
  "use strict";

  var OFF_KEY = "hb:events-off";
  var QUEUE_KEY = "hb:events-queue";
  var QUEUE_MAX = 50;
  var QUERY_MAX = 60;
  var COMMENT_MAX = 200;
  var SETTLE_MS = 1500; /* a search that still finds nothing after the reader stops typing for this long counts */
  var LANG = document.documentElement.lang === "en" ? "en" : "zh";

  /* This file is <site>/assets/feedback.js in both languages, so the site's root is one folder up from it. */
  var ROOT = new URL("../", document.currentScript ? document.currentScript.src : location.href).href;
  function root() { return ROOT; }
  function pagePath() { return "/" + location.pathname.slice(new URL(ROOT).pathname.length).replace(/index\.html$/, ""); }

  function store() { try { return window.localStorage; } catch (e) { return null; } }
  function enabled() { var s = store(); return !s || s.getItem(OFF_KEY) !== "1"; }

  function readQueue() {
    var s = store();
    try { return (s && JSON.parse(s.getItem(QUEUE_KEY) || "[]")) || []; } catch (e) { return []; }
  }
  function writeQueue(queue) {
    var s = store();
    if (!s) return;
    if (queue.length) s.setItem(QUEUE_KEY, JSON.stringify(queue.slice(-QUEUE_MAX))); else s.removeItem(QUEUE_KEY);
  }

  function url(params) { return root() + "_event?" + new URLSearchParams(params).toString(); }

  /* Resolves true when the server took the event; false means it waits in the queue. */
  function deliver(params) {
    if (!navigator.onLine) return Promise.resolve(false);
    return fetch(url(params), { method: "GET", credentials: "omit", cache: "no-store", keepalive: true, referrerPolicy: "no-referrer" })
      .then(function (r) { return r.ok; }, function () { return false; });
  }

  function send(params) {
    if (!enabled()) return Promise.resolve(false);
    params.l = LANG;
    return deliver(params).then(function (sent) {
      if (!sent) { var queue = readQueue(); queue.push(params); writeQueue(queue); }
      return sent;
    });
  }

  var flushing = false;
  function flush() {
    if (flushing || !navigator.onLine || !enabled()) return;
    var queue = readQueue();
    if (!queue.length) return;
    flushing = true;
    writeQueue([]);
    var left = [];
    queue.reduce(function (chain, params) {
      return chain.then(function () { return deliver(params).then(function (ok) { if (!ok) left.push(params); }); });
    }, Promise.resolve()).then(function () {
      if (left.length) writeQueue(left.concat(readQueue()));
      flushing = false;
    });
  }
  window.addEventListener("online", flush);
  flush();

  /* ---------- was this page helpful? ---------- */
  function setupFeedback(form) {
    var done = form.querySelector(".hb-feedback__done");
    var why = form.querySelector(".hb-feedback__why");
    function finish(sent, key) {
      form.querySelectorAll("fieldset").forEach(function (f) { f.hidden = true; });
      done.textContent = sent ? done.getAttribute(key) : done.getAttribute("data-queued");
    }
    form.hidden = false;
    form.querySelector(".hb-feedback__ask").addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.value === "yes") {
        send({ e: "helpful", p: pagePath(), r: form.getAttribute("data-record"), v: "yes" }).then(function (sent) { finish(sent, "data-thanks"); });
      } else {
        why.hidden = false;
        why.querySelector("input").focus();
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var reasons = Array.prototype.map.call(form.querySelectorAll("input[name=reason]:checked"), function (box) { return box.value; });
      var comment = form.querySelector("textarea").value.trim().slice(0, COMMENT_MAX);
      var params = { e: "helpful", p: pagePath(), r: form.getAttribute("data-record"), v: "no", why: reasons.join(",") };
      if (comment) params.c = comment;
      send(params).then(function (sent) { finish(sent, "data-thanks-no"); });
    });
  }

  /* ---------- searches with no result, and what was opened for a query ---------- */
  var pending = null;
  document.addEventListener("hb:searched", function (event) {
    clearTimeout(pending);
    var query = String(event.detail.query || "").trim().slice(0, QUERY_MAX);
    if (!query || event.detail.count > 0) return;
    pending = setTimeout(function () { send({ e: "no-result", q: query, p: pagePath() }); }, SETTLE_MS);
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("#hb-search .hb-result__link");
    if (!link) return;
    var input = document.querySelector("#hb-search .hb-search__input");
    var query = input ? input.value.trim().slice(0, QUERY_MAX) : "";
    var target = new URL(link.href, location.href);
    if (query) send({ e: "opened", q: query, to: "/" + target.pathname.slice(new URL(root()).pathname.length) });
  });

  /* ---------- the switch on the phone-use page ---------- */
  function setupSwitch(box) {
    box.checked = enabled();
    box.disabled = !store();
    box.addEventListener("change", function () {
      var s = store();
      if (!s) return;
      if (box.checked) s.removeItem(OFF_KEY); else { s.setItem(OFF_KEY, "1"); s.removeItem(QUEUE_KEY); }
    });
  }

  function init() {
    if (enabled()) document.querySelectorAll("[data-hb-feedback]").forEach(setupFeedback);
    document.querySelectorAll("[data-hb-events-switch]").forEach(setupSwitch);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
