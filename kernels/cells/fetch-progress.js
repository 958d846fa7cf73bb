// Count the bytes of every download while Python starts, so the page can show them.
// Pyodide fetches its files itself; wrapping fetch is the one place to watch them.

export function countingFetch(fetch, report) {
  return async (input, init) => {
    const response = await fetch(input, init);
    const total = Number(response.headers.get("content-length")) || 0;
    if (!response.body || !response.ok) return response;
    const file = String(response.url || input).split("/").pop();
    let loaded = 0;
    const counter = new TransformStream({
      transform(chunk, controller) {
        loaded += chunk.byteLength;
        report({ file, loaded, total });
        controller.enqueue(chunk);
      },
    });
    // A new Response keeps the headers (WebAssembly.instantiateStreaming checks Content-Type).
    return new Response(response.body.pipeThrough(counter), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

// Files talkbook ships gzipped (Pyodide's 9.6 MB WebAssembly is 3.5 MB so) are fetched as
// `<url>.gz` and unpacked here, whatever the host's own compression: Pyodide asks for the plain
// URL and gets the plain bytes, with the Content-Type that streaming compilation needs.
const TYPES = { wasm: "application/wasm", json: "application/json", zip: "application/zip" };

export function gunzippingFetch(fetch, gzipped) {
  const wanted = new Set(gzipped);
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!wanted.has(url)) return fetch(input, init);
    const response = await fetch(`${url}.gz`, init);
    if (!response.ok || !response.body) return response;
    const type = TYPES[url.split(".").pop()] ?? "application/octet-stream";
    return new Response(response.body.pipeThrough(new DecompressionStream("gzip")), {
      status: 200,
      headers: { "Content-Type": type },
    });
  };
}
