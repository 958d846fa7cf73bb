// talkbook's service worker: the course keeps working offline after the first visit, and,
// when the site asks for it, every page is cross-origin isolated (COOP/COEP) on hosts that
// cannot set headers. A scope has one service worker, so both jobs live here.
// The build bundles this module into one classic script (build/offline/talkbook-sw.js); the
// talkbook/offline plugin writes it to the site root after `self.__TALKBOOK_OFFLINE__ = {...}`:
//   precache:  [{url, revision}] the site's pages and small files, listed by the build
//   isolation: add COOP/COEP headers to every response the worker gives
import { clientsClaim } from "workbox-core";
import { ExpirationPlugin } from "workbox-expiration";
import { registerRoute } from "workbox-routing";
import { CacheFirst, NetworkFirst } from "workbox-strategies";
import { isolationPlugin } from "./isolation.js";
import { createPrecache } from "./precache.js";
import { dropOtherVersions, handledRequest, isVersionedAsset } from "./routes.js";

const settings = self.__TALKBOOK_OFFLINE__ || { precache: [], isolation: false };
const scope = self.registration.scope;

// A new build's worker takes over at once: pages are network-first, so nothing it serves
// can mix with an older build's pages, and the isolation headers must not wait for a tab close.
self.skipWaiting();
clientsClaim();

// Filled after activation (see precache.js): only entries whose revision changed are fetched,
// and entries a build no longer lists are dropped.
const precache = createPrecache(settings.precache, `talkbook-precache-${scope}`);
const vendorCache = `talkbook-vendor-${scope}`;
self.addEventListener("activate", (event) => {
  precache.cleanup(event);
  event.waitUntil(dropOtherVersions(vendorCache, (settings.vendor || []).map((folder) => new URL(folder, scope).href)));
  precache.fill();
});
// Every page asks once it is controlled: the message event keeps the worker alive until done.
// A port sent along hears when the site is cached (tests wait on it before going offline).
self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "talkbook:precache") return;
  const done = precache.fill().then(() => event.ports[0]?.postMessage({ type: "talkbook:precached" }));
  event.waitUntil(done);
});

// Anything that failed on the network and is not in a runtime cache may still be precached.
const precacheFallback = {
  handlerDidError: ({ request }) => precache.match(withoutSearch(request.url)),
};
const cacheFirstPrecached = {
  cachedResponseWillBeUsed: async ({ request, cachedResponse }) =>
    cachedResponse || (await precache.match(withoutSearch(request.url))) || null,
};
// Only complete same-origin answers are kept: no redirects, errors or partial content.
const onlyComplete = {
  cacheWillUpdate: async ({ response }) => (response.status === 200 && response.type === "basic" ? response : null),
};
const isolation = settings.isolation ? [isolationPlugin] : [];

// Versioned files (assets/vendor/<name>/<version>/...): the same URL never changes, so the
// cache answers first. Pyodide, TF.js, ml5 and p5 land here the first time a page loads them.
registerRoute(
  ({ request, url }) => handledRequest(request, url, scope) && isVersionedAsset(url, scope),
  new CacheFirst({
    cacheName: vendorCache,
    plugins: [onlyComplete, cacheFirstPrecached, new ExpirationPlugin({ maxEntries: 200 }), precacheFallback, ...isolation],
  }),
);

// Everything else of the site (pages, search index, talkbook's modules, models): the network
// first, so a new build shows as soon as it is deployed (and `mkdocs serve` never serves a stale
// page); the last copy seen, or the precached one, when the network fails.
registerRoute(
  ({ request, url }) => handledRequest(request, url, scope),
  new NetworkFirst({
    cacheName: `talkbook-pages-${scope}`,
    matchOptions: { ignoreSearch: true }, // search highlighting adds ?h=term to page links
    plugins: [onlyComplete, new ExpirationPlugin({ maxEntries: 500 }), precacheFallback, ...isolation],
  }),
);

function withoutSearch(href) {
  const url = new URL(href);
  url.search = "";
  return url.href;
}
