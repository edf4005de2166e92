/* "Save for offline" on a section's index page: asks the service worker to fetch that section's pages and the
   language's search files (listed in offline.json), and shows its progress. The box stays hidden where the browser
   has no service workers. */
import { serviceWorkerReady, siteRoot } from "./core.js";

function save(box, root) {
  const button = box.querySelector("[data-action=save-offline]");
  const status = box.querySelector(".hb-offline__status");
  const label = function (name) { return box.getAttribute("data-label-" + name); };
  button.disabled = true;
  fetch(new URL(box.getAttribute("data-list"), window.location.href).href, { cache: "no-cache" })
    .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
    .then(function (list) {
      const absolute = function (u) { return new URL(u, root).href; };
      const pages = (list.sections[box.getAttribute("data-section")] || []).map(absolute);
      const files = (list.search || []).map(absolute);
      return serviceWorkerReady().then(function (registration) {
        return new Promise(function (resolve) {
          const channel = new MessageChannel();
          channel.port1.onmessage = function (event) {
            const m = event.data;
            const pagesLeft = m.done.pages < m.total.pages;
            status.textContent = pagesLeft ? label("pages") + " " + m.done.pages + " / " + m.total.pages
              : label("search") + " " + m.done.files + " / " + m.total.files;
            if (m.finished) resolve(m.done.failed);
          };
          registration.active.postMessage({ type: "hb-save", pages: pages, files: files }, [channel.port2]);
        });
      });
    })
    .then(function (failed) {
      status.textContent = failed ? label("failed") : label("done");
      box.setAttribute("data-saved", failed ? "partly" : "yes");
    }, function () { status.textContent = label("failed"); })
    .then(function () { button.disabled = false; });
}

const root = siteRoot();
if ("serviceWorker" in navigator && root) {
  document.querySelectorAll(".hb-offline").forEach(function (box) {
    box.hidden = false;
    box.querySelector("[data-action=save-offline]").addEventListener("click", function () { save(box, root); });
  });
}
