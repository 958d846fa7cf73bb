// Which requests the worker answers, which of them are versioned (never change at one URL),
// and which versioned files a build no longer ships.

// mkdocs serve's live-reload long poll: it must always reach the server, never a cache.
const LIVE_RELOAD = "/livereload/";
const VERSIONED = "assets/vendor/";

export function handledRequest(request, url, scope) {
  if (request.method !== "GET") return false;
  // A request that may only be answered from the HTTP cache cannot be refetched (coi-serviceworker's edge case).
  if (request.cache === "only-if-cached" && request.mode !== "same-origin") return false;
  if (!url.href.startsWith(scope)) return false; // other origins, and paths outside this site
  if (url.pathname.startsWith(LIVE_RELOAD)) return false;
  // Range requests (media seeking) want partial answers the caches do not hold.
  return !request.headers.has("range");
}

export function isVersionedAsset(url, scope) {
  return url.href.startsWith(new URL(VERSIONED, scope).href);
}

// Library files of versions this build no longer ships (an upgraded Pyodide leaves 13 MB behind).
export async function dropOtherVersions(cacheName, currentFolders) {
  const cache = await caches.open(cacheName);
  for (const request of await cache.keys()) {
    if (!currentFolders.some((folder) => request.url.startsWith(folder))) await cache.delete(request);
  }
}
