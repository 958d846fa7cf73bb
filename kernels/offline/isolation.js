// Cross-origin isolation from a service worker, as coi-serviceworker does it: COOP and COEP on
// every response the page gets (cached ones too), so SharedArrayBuffer works on any static host.

const HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  // The JS cells' opaque-origin sandbox is cross-origin to the site: require-corp there
  // needs the site's files to allow being embedded.
  "Cross-Origin-Resource-Policy": "cross-origin",
};

export function withIsolationHeaders(response) {
  // Opaque and redirect-filtered responses (status 0) cannot be rebuilt; pass them on as they are.
  if (!response || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// A Workbox strategy plugin: runs on whatever the strategy answers, from the network or a cache.
export const isolationPlugin = {
  handlerWillRespond: async ({ response }) => withIsolationHeaders(response),
};
