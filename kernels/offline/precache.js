// The site's pages and small files, cached in the background once the worker is active.
//
// Workbox precaches inside the install event, one file after another, and the worker does not
// take control (nor isolate the page) until that is done: 157 files made the first visit's
// isolation reload 3.0 s late instead of 1.5 s on a local server, and it grows with latency.
// So Workbox's PrecacheController keeps the list (revisioned cache keys, lookups, dropping what
// a new build no longer lists) and this module fills its cache after activation, a few at a time.
import { PrecacheController } from "workbox-precaching";

const PARALLEL = 4;

export function createPrecache(entries, cacheName) {
  const controller = new PrecacheController({ cacheName });
  controller.addToCacheList(entries);
  let filling = null;

  async function fill() {
    const cache = await caches.open(cacheName);
    const missing = [];
    for (const [url, key] of controller.getURLsToCacheKeys()) {
      if (!(await cache.match(key))) missing.push([url, key]);
    }
    const next = async () => {
      for (let item = missing.shift(); item; item = missing.shift()) await store(cache, ...item);
    };
    await Promise.all(Array.from({ length: PARALLEL }, next));
  }

  return {
    // Calls while a fill runs share it; a later one only looks for what is still missing.
    fill: () => (filling ||= fill().finally(() => (filling = null))),
    cleanup: (event) => controller.activate(event),
    match: (url) => controller.matchPrecache(url),
  };
}

async function store(cache, url, key) {
  try {
    // "no-cache": revalidate with the server, never trust a stale HTTP-cache copy of a new build.
    const response = await fetch(url, { cache: "no-cache", credentials: "same-origin" });
    if (response.ok && response.type === "basic") await cache.put(key, response);
  } catch {
    // Offline or the server went away: the next page load tries again.
  }
}
