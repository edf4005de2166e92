/* On every page: what the site keeps on this device. The service worker (sw.js at the site root) that keeps visited
   and saved pages readable offline; the note on a page served from that saved copy; remembered form values deleted
   when they expire; and the phone-use page's button that forgets everything the site stored. */
import { T, say, REMEMBER_PREFIXES, serviceWorkerReady, storedKeys, unpackRemembered } from "./core.js";

/* The service worker, registered once the page has loaded (a reader's first page waits for nothing). */
function registerServiceWorker() {
  const register = function () { serviceWorkerReady().catch(function () { /* no offline support here: the site works as before */ }); };
  if (document.readyState === "complete") register(); else window.addEventListener("load", register);
}

/* A page from the device's saved copy: the service worker marks it (<meta name="hb-saved-copy">) when the network
   failed or took too long; the page says when it was saved and that it may be out of date, and reloads when the
   connection comes back. */
function markSavedCopy() {
  const meta = document.querySelector('meta[name="hb-saved-copy"]');
  if (!meta) return;
  const when = meta.getAttribute("content") ? new Date(meta.getAttribute("content")) : null;
  const date = when && !isNaN(when.getTime())
    ? new Intl.DateTimeFormat(T.js_locale, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }).format(when)
    : T.js_saved_copy_unknown_date;
  const note = document.createElement("p");
  note.className = "hb-saved-copy";
  note.setAttribute("role", "status");
  note.textContent = say("js_saved_copy", { date: date });
  const place = document.querySelector(".md-content__inner") || document.body;
  place.insertBefore(note, place.firstChild);
  window.addEventListener("online", function () { window.location.reload(); });
}

/* Remembered values that have expired are deleted on every page, even for forms not opened again. */
function forgetExpired() {
  storedKeys().forEach(function (key) {
    const remembered = REMEMBER_PREFIXES.some(function (p) { return key.indexOf(p) === 0; });
    if (remembered && !unpackRemembered(localStorage.getItem(key))) localStorage.removeItem(key);
  });
}

/* The phone-use page: one control that forgets everything this site stored on the device. */
function setupForgetButtons() {
  document.querySelectorAll("[data-action=forget-device]").forEach(function (button) {
    const status = document.querySelector(button.getAttribute("data-status"));
    button.hidden = false;
    button.addEventListener("click", function () {
      const keys = storedKeys();
      keys.forEach(function (key) { localStorage.removeItem(key); });
      if (status) status.textContent = button.getAttribute("data-done").replace("{n}", String(keys.length));
    });
  });
}

registerServiceWorker();
markSavedCopy();
forgetExpired();
setupForgetButtons();
