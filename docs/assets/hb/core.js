/* Shared by the site's modules: the wording the page carries, printing one part of a page, and how form values
   remembered on the device are kept. Nothing here runs on its own; the feature modules import what they use. */

/* The page's language: it names the search index and each stored value's key, never the wording (that is T). */
export const LANG = document.documentElement.lang === "en" ? "en" : "zh";

/* The interface wording of this page's language (i18n/<lang>.yml, keys js_*), emitted by the build as JSON. */
export const T = (function () {
  const data = document.getElementById("hb-strings");
  try { return data ? JSON.parse(data.textContent) : {}; } catch (e) { return {}; }
})();

/* A catalogue text with its {name} parts filled in: say("js_search_more", { n: 4 }). */
export function say(key, values) {
  const text = key in T ? T[key] : key; /* a missing key shows itself instead of a blank (tests catch it first) */
  return text.replace(/\{(\w+)\}/g, function (whole, name) { return values && name in values ? String(values[name]) : whole; });
}

/* ---------- printing one part of the page ---------- */

/* Mark what prints: a letter or form alone (root given), or the whole page as a handout. Returns the undo. */
export function printMode(root, className) {
  document.documentElement.classList.add("hb-printing", className);
  if (root) root.classList.add("hb-print-target");
  return function () {
    document.documentElement.classList.remove("hb-printing", className);
    if (root) root.classList.remove("hb-print-target");
  };
}
window.hbPrintMode = function (selector, className) { return printMode(selector ? document.querySelector(selector) : null, className); };

/* Print in a mode and leave it when the print dialog closes. */
export function printOnly(root, className) {
  const undo = printMode(root, className);
  const done = function () { undo(); window.removeEventListener("afterprint", done); };
  window.addEventListener("afterprint", done);
  window.print();
}

/* ---------- offline reading ---------- */

/* The site root (the search dialog in every page's footer names it), or null on a page without the dialog. */
export function siteRoot() {
  const dialog = document.getElementById("hb-search");
  return dialog && dialog.hasAttribute("data-root") ? new URL(dialog.getAttribute("data-root"), window.location.href) : null;
}

/* The service worker (sw.js at the site root), registered once per page; resolves when it is active, rejects where
   there is none (no support, a private window). */
let serviceWorker = null;
export function serviceWorkerReady() {
  if (serviceWorker) return serviceWorker;
  const root = siteRoot();
  serviceWorker = !("serviceWorker" in navigator) || !root ? Promise.reject(new Error("no service worker"))
    : navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname })
      .then(function () { return navigator.serviceWorker.ready; });
  return serviceWorker;
}

/* ---------- form values remembered on this device ---------- */

/* What "remember on this device" keeps: each form's values with the time they were saved, for REMEMBER_DAYS days
   after the last change; fields marked data-private (ID, phone and account numbers unless the form allows them)
   never. */
export const REMEMBER_PREFIXES = ["hb:letter:", "hb:form:"];
export const REMEMBER_DAYS = 30;

export function mayRemember(el) { return !el.closest("[data-private]"); }

export function packRemembered(values) { return JSON.stringify({ saved: Date.now(), values: values }); }

/* The values, or null when they are older than the limit or were stored without a date (before the limit existed). */
export function unpackRemembered(raw) {
  let stored = null;
  try { stored = JSON.parse(raw); } catch (e) { return null; }
  if (!stored || typeof stored.saved !== "number" || !stored.values || typeof stored.values !== "object") return null;
  return Date.now() - stored.saved > REMEMBER_DAYS * 86400000 ? null : stored.values;
}

/* Every key this site stored in localStorage (they all start "hb:"). */
export function storedKeys() {
  const keys = [];
  try { for (let i = 0; i < localStorage.length; i++) if (localStorage.key(i).indexOf("hb:") === 0) keys.push(localStorage.key(i)); }
  catch (e) { /* storage disabled */ }
  return keys;
}
