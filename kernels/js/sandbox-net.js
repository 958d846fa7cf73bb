// Runs INSIDE a JavaScript cell's sandbox, before the runtime: the network as the
// learner's code sees it. The sandbox's CSP blocks every real request, so fetch()
// and XMLHttpRequest (TF.js uses the first, ml5 loads metadata.json through axios,
// which uses the second) are replaced by versions that ask the parent page, which
// fetches only from the site's own origin. Storage is an in-memory stand-in: the
// sandbox must never touch the page's own localStorage, and libraries that probe
// it should not crash.
(() => {
  "use strict";
  const base = document.baseURI;
  const nativeFetch = globalThis.fetch.bind(globalThis);
  const ask = (payload) => globalThis.__talkbookAsk("fetch", payload);

  function absolute(url) {
    return new URL(url instanceof Request ? url.url : String(url), base).href;
  }

  globalThis.fetch = async (resource, init = {}) => {
    const url = absolute(resource);
    if (url.startsWith("blob:") || url.startsWith("data:")) return nativeFetch(url, init);
    const answer = await ask({ url, method: init.method || "GET" }).catch((error) => {
      throw new TypeError(`Failed to fetch ${url}: ${error.message}`);
    });
    return new Response(answer.status === 204 ? null : answer.body, {
      status: answer.status, statusText: answer.statusText, headers: answer.headers,
    });
  };

  class ProxiedXMLHttpRequest extends EventTarget {
    static UNSENT = 0; static OPENED = 1; static HEADERS_RECEIVED = 2; static LOADING = 3; static DONE = 4;
    readyState = 0; status = 0; statusText = ""; response = null; responseText = ""; responseType = "";
    responseURL = ""; timeout = 0; withCredentials = false; upload = new EventTarget();
    onreadystatechange = null; onload = null; onloadend = null; onerror = null; onabort = null; ontimeout = null;
    #url = ""; #headers = {}; #aborted = false;

    open(method, url) { this.#url = absolute(url); this.#set(1); }
    setRequestHeader() {}
    overrideMimeType() {}
    getAllResponseHeaders() { return Object.entries(this.#headers).map(([k, v]) => `${k}: ${v}`).join("\r\n"); }
    getResponseHeader(name) { return this.#headers[name.toLowerCase()] ?? null; }
    abort() { this.#aborted = true; this.#emit("abort"); this.#emit("loadend"); }

    send() {
      ask({ url: this.#url, method: "GET" }).then((answer) => {
        if (this.#aborted) return;
        this.status = answer.status; this.statusText = answer.statusText; this.responseURL = this.#url;
        this.#headers = Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k.toLowerCase(), v]));
        const text = new TextDecoder().decode(answer.body);
        this.responseText = text;
        this.response = this.responseType === "arraybuffer" ? answer.body
          : this.responseType === "json" ? JSON.parse(text) : this.responseType === "blob" ? new Blob([answer.body]) : text;
        this.#set(4);
        this.#emit("load");
        this.#emit("loadend");
      }, () => {
        if (this.#aborted) return;
        this.#set(4);
        this.#emit("error");
        this.#emit("loadend");
      });
    }

    #set(state) { this.readyState = state; this.#emit("readystatechange"); }
    #emit(type) {
      const event = new ProgressEvent(type);
      this.dispatchEvent(event);
      this[`on${type}`]?.call(this, event);
    }
  }
  globalThis.XMLHttpRequest = ProxiedXMLHttpRequest;

  class MemoryStorage {
    #items = new Map();
    get length() { return this.#items.size; }
    key(index) { return [...this.#items.keys()][index] ?? null; }
    getItem(key) { return this.#items.has(String(key)) ? this.#items.get(String(key)) : null; }
    setItem(key, value) { this.#items.set(String(key), String(value)); }
    removeItem(key) { this.#items.delete(String(key)); }
    clear() { this.#items.clear(); }
  }
  for (const name of ["localStorage", "sessionStorage"]) {
    Object.defineProperty(globalThis, name, { value: new MemoryStorage(), configurable: true });
  }

  // An image from the site as a blob: URL, the one kind of image URL the sandbox may load.
  globalThis.__talkbookImageUrl = async (url) => {
    const response = await globalThis.fetch(url);
    if (!response.ok) throw new Error(`image ${url} not found (HTTP ${response.status})`);
    return URL.createObjectURL(await response.blob());
  };
})();
