/*
 * Tepat service worker — only for the field-visit page (/verifikasi/tugas/<id>), so a desa
 * operator can reopen a task page on a phone without a network. Registered by that page alone,
 * with scope /verifikasi/tugas/: no other page is ever controlled by it.
 *
 * What it keeps (and nothing else):
 *   - "tepat-visit-pages": the HTML of task pages the officer opened (at most MAX_PAGES, the
 *     oldest dropped first). This is the only personal data it stores: the task the officer
 *     opened, as the page showed it. Dropped when another account uses the page, when the page
 *     answers 403/404 or a redirect (signed out), and on every new worker version.
 *   - "tepat-visit-assets": the hashed /build/ files that page loaded (scripts, styles, the
 *     exifr chunk) and the favicon; immutable, so cache-first.
 * What it never touches: POST requests (the visit sync goes straight to the network), loader
 * data (?_data=), photos (/verifikasi/foto/*), any other path. Those pass through untouched.
 *
 * Strategy for task pages: network first (always fresh when online), the kept copy when the
 * network fails, else a short offline notice. The visits themselves live in IndexedDB
 * (app/offline/visit-queue.ts), not here.
 */
const VERSION = "v1";
const PAGES = `tepat-visit-pages-${VERSION}`;
const ASSETS = `tepat-visit-assets-${VERSION}`;
const META = `tepat-visit-meta-${VERSION}`;
const MAX_PAGES = 10;
const TASK_PAGE = /^\/verifikasi\/tugas\/\d+$/;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([PAGES, ASSETS, META]);
      for (const name of await caches.keys()) if (name.startsWith("tepat-visit-") && !keep.has(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

async function trimPages(cache) {
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) await cache.delete(old);
}

/** Forget every kept page when the account using this phone changes. */
async function noteAccount(account) {
  const meta = await caches.open(META);
  const stored = await meta.match("/__akun");
  const previous = stored ? await stored.text() : null;
  if (previous !== account) {
    await caches.delete(PAGES);
    await meta.put("/__akun", new Response(account));
  }
}

async function keepPage(path) {
  const res = await fetch(path, { credentials: "same-origin", redirect: "manual" });
  const cache = await caches.open(PAGES);
  if (res.ok && res.type === "basic" && (res.headers.get("Content-Type") || "").includes("text/html")) {
    await cache.delete(path);
    await cache.put(path, res);
    await trimPages(cache);
  } else {
    await cache.delete(path);
  }
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "keep-page") return;
  const reply = (ok) => event.ports[0] && event.ports[0].postMessage({ ok });
  event.waitUntil(
    (async () => {
      try {
        if (typeof data.account === "string") await noteAccount(data.account);
        const assets = await caches.open(ASSETS);
        const wanted = (Array.isArray(data.assets) ? data.assets : [])
          .map((u) => new URL(u, self.location.origin))
          .filter((u) => u.origin === self.location.origin && u.pathname.startsWith("/build/"))
          .map((u) => u.pathname);
        wanted.push("/favicon.svg");
        for (const path of wanted) if (!(await assets.match(path))) await assets.add(path);
        if (typeof data.page === "string" && TASK_PAGE.test(data.page)) await keepPage(data.page);
        reply(true);
      } catch (err) {
        reply(false);
      }
    })(),
  );
});

async function taskPage(request, path) {
  const cache = await caches.open(PAGES);
  try {
    const res = await fetch(request);
    if (res.ok && res.type === "basic" && (res.headers.get("Content-Type") || "").includes("text/html")) {
      await cache.delete(path);
      await cache.put(path, res.clone());
      await trimPages(cache);
    } else {
      // Signed out (redirect), no longer allowed (403) or gone (404): keep nothing.
      await cache.delete(path);
    }
    return res;
  } catch (err) {
    const kept = await cache.match(path);
    if (kept) return kept;
    return new Response(
      '<!doctype html><html lang="id"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
        "<title>Luring</title><body style=\"font-family:sans-serif;padding:1rem\"><h1>Sedang luring</h1>" +
        "<p>Halaman tugas ini belum pernah dibuka saat tersambung, jadi belum tersimpan di ponsel. " +
        "Buka lagi setelah ada sinyal.</p></body></html>",
      { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } },
    );
  }
}

async function asset(request, path) {
  const cache = await caches.open(ASSETS);
  const kept = await cache.match(path);
  if (kept) return kept;
  const res = await fetch(request);
  if (res.ok && res.type === "basic") await cache.put(path, res.clone());
  return res;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (TASK_PAGE.test(url.pathname) && !url.search) event.respondWith(taskPage(request, url.pathname));
    return;
  }
  if (url.pathname.startsWith("/build/") || url.pathname === "/favicon.svg") event.respondWith(asset(request, url.pathname));
});
