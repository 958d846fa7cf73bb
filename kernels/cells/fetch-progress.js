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
