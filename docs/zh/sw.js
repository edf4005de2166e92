/* Policy Service Handbook: offline reading for both languages. Published at the site root so its scope covers
   / and /en/. The build writes BUILD (version, the shell files to precache, and per language where its pages live and
   the wording of the offline page, from the interface catalogues); each build gets its own caches. */
"use strict";

const BUILD = {"version": "dev", "shell": [], "pages": [], "languages": []};

const PREFIX = "hb-";
const SHELL = PREFIX + BUILD.version + "-shell";
const PAGES = PREFIX + BUILD.version + "-pages";
const RUNTIME = PREFIX + BUILD.version + "-runtime";
const ROOT = new URL("./", self.location.href).href;
const SHELL_URLS = new Set(BUILD.shell.map(function (u) { return new URL(u, ROOT).href; }));
const STATIC_FILE = /\.(css|js|mjs|json|webmanifest|png|svg|ico|jpg|jpeg|webp|woff2?|wasm|pagefind|pf_meta|pf_index|pf_fragment|pf_filter)$/;

function key(url) {
  /* one cache entry per file: no fragment, and no query (Pagefind adds ?ts= to its entry file to skip HTTP caches) */
  const u = new URL(url);
  u.hash = "";
  u.search = "";
  return u.href;
}

function fresh(url) {
  return new Request(url, { cache: "no-cache" });
}

self.addEventListener("install", function (event) {
  event.waitUntil((async function () {
    const shell = await caches.open(SHELL);
    await shell.addAll(Array.from(SHELL_URLS, fresh));
    const pages = await caches.open(PAGES);
    await pages.addAll(BUILD.pages.map(function (u) { return fresh(new URL(u, ROOT).href); }));
    await self.skipWaiting();
  })());
});

async function carryPages(from, into) {
  /* pages saved or visited under an older build stay readable offline; online they are fetched fresh anyway */
  const old = await caches.open(from);
  for (const request of await old.keys()) {
    if (!(await into.match(request))) await into.put(request, await old.match(request));
  }
}

async function cacheOpenWindows(pages) {
  /* the page that registered the worker was loaded before the worker controlled it */
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  await Promise.all(windows.map(async function (client) {
    const url = key(client.url);
    if (!url.startsWith(ROOT) || (await pages.match(url))) return;
    try {
      const response = await fetch(fresh(url));
      if (response.ok) await pages.put(url, response);
    } catch (err) { /* offline: nothing to add */ }
  }));
}

self.addEventListener("activate", function (event) {
  event.waitUntil((async function () {
    const pages = await caches.open(PAGES);
    const names = await caches.keys();
    const old = names.filter(function (n) { return n.startsWith(PREFIX) && [SHELL, PAGES, RUNTIME].indexOf(n) < 0; });
    for (const name of old.filter(function (n) { return n.endsWith("-pages"); })) await carryPages(name, pages);
    await Promise.all(old.map(function (n) { return caches.delete(n); }));
    await self.clients.claim();
    await cacheOpenWindows(pages);
  })());
});

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c]; });
}

function offlinePage(url) {
  /* the language whose folder holds the page (the longest matching prefix: "en/" before the default language's "") */
  const path = new URL(url).pathname;
  const base = new URL(ROOT).pathname;
  const words = BUILD.languages
    .filter(function (l) { return path.indexOf(base + l.prefix) === 0; })
    .sort(function (a, b) { return b.prefix.length - a.prefix.length; })[0];
  if (!words) return Response.error();
  const title = escapeHtml(words.title);
  const html = "<!doctype html><html lang=\"" + words.lang + "\"><meta charset=\"utf-8\">" +
    "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>" + title + "</title>" +
    "<body style=\"font:16px/1.6 system-ui,sans-serif;margin:2rem\"><h1>" + title + "</h1><p>" + escapeHtml(words.text) +
    "</p><p><a href=\"" + ROOT + words.prefix + "\">" + escapeHtml(words.home) + "</a></p></body></html>";
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

/* How long a page may take before the device's saved copy is shown instead: a connection that accepts but never
   answers (a captive portal, one bar of signal) must not leave a reader waiting. The download goes on and refreshes
   the saved copy for next time. */
const NETWORK_WAIT_MS = 3500;

async function savedCopy(url) {
  return (await (await caches.open(PAGES)).match(url)) || (await caches.match(url));
}

async function markedAsSaved(response) {
  /* A page from the device's copy carries <meta name="hb-saved-copy" content="when it was saved">, from the Date
     the server sent with it; the page script shows it as "saved on DATE; may be out of date". */
  if ((response.headers.get("content-type") || "").indexOf("text/html") !== 0) return response;
  const date = Date.parse(response.headers.get("date") || "");
  const meta = "<meta name=\"hb-saved-copy\" content=\"" + (isNaN(date) ? "" : new Date(date).toISOString()) + "\">";
  const text = await response.text();
  const head = text.search(/<head[^>]*>/i);
  const html = head < 0 ? meta + text : text.replace(/<head[^>]*>/i, function (tag) { return tag + meta; });
  return new Response(html, { status: response.status, headers: { "Content-Type": response.headers.get("content-type") } });
}

async function networkFirst(event, request) {
  const url = key(request.url);
  const network = fetch(request).then(async function (response) {
    if (response.ok && response.type === "basic") await (await caches.open(PAGES)).put(url, response.clone());
    return response;
  });
  event.waitUntil(network.catch(function () { /* offline: the saved copy answers */ }));
  let timer = null;
  const slow = new Promise(function (resolve) { timer = setTimeout(resolve, NETWORK_WAIT_MS, null); });
  try {
    const first = await Promise.race([network, slow]);
    if (first) return first;
    const copy = await savedCopy(url);
    return copy ? await markedAsSaved(copy) : await network;
  } catch (err) {
    const copy = await savedCopy(url);
    return copy ? await markedAsSaved(copy) : offlinePage(url);
  } finally {
    clearTimeout(timer);
  }
}

function staleWhileRevalidate(event, request) {
  const url = key(request.url);
  const cached = caches.match(url);
  const network = fetch(request).then(function (response) {
    if (response.ok && response.type === "basic") {
      const copy = response.clone();
      event.waitUntil(caches.open(SHELL_URLS.has(url) ? SHELL : RUNTIME).then(function (c) { return c.put(url, copy); }));
    }
    return response;
  });
  event.waitUntil(network.catch(function () { /* offline: the cached copy is all there is */ }));
  return cached.then(function (hit) { return hit || network; });
}

self.addEventListener("fetch", function (event) {
  const request = event.request;
  if (request.method !== "GET" || request.headers.has("range") || !request.url.startsWith(ROOT)) return;
  const path = new URL(request.url).pathname;
  if (request.mode === "navigate" || path.endsWith("/") || path.endsWith(".html")) {
    event.respondWith(networkFirst(event, request));
  } else if (STATIC_FILE.test(path) && !path.endsWith("/sw.js")) {
    event.respondWith(staleWhileRevalidate(event, request));
  }
});

async function saveAll(data, port) {
  /* "Save for offline": a section's pages (always fetched fresh) and the language's search files */
  const jobs = data.pages.map(function (u) { return { url: key(u), into: PAGES, page: true }; })
    .concat(data.files.map(function (u) { return { url: key(u), into: RUNTIME, page: false }; }));
  const total = { pages: data.pages.length, files: data.files.length };
  const done = { pages: 0, files: 0, failed: 0 };
  let next = 0;
  async function worker() {
    while (next < jobs.length) {
      const job = jobs[next++];
      try {
        if (job.page || !(await caches.match(job.url))) {
          const response = await fetch(fresh(job.url));
          if (!response.ok) throw new Error(String(response.status));
          await (await caches.open(job.into)).put(job.url, response);
        }
      } catch (err) { done.failed += 1; }
      done[job.page ? "pages" : "files"] += 1;
      port.postMessage({ done: done, total: total });
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()]);
  port.postMessage({ done: done, total: total, finished: true });
}

self.addEventListener("message", function (event) {
  const data = event.data || {};
  if (data.type === "hb-save" && event.ports[0]) {
    event.waitUntil(saveAll({ pages: data.pages || [], files: data.files || [] }, event.ports[0]));
  }
});
