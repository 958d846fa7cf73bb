// The parent-page side of a JavaScript cell's sandbox.
//
// Learner code runs in an <iframe sandbox="allow-scripts"> whose document comes from
// srcdoc: an opaque origin (no access to this page's DOM, cookies or storage) with a
// Content-Security-Policy that allows no network at all. The iframe reaches the site
// only through requests on a private MessagePort, answered here: library source text,
// and GET requests for files of this site's own origin (models, images). Nothing else
// is ever fetched, so learner code cannot make the page talk to another host.

const CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval' blob:",
  "style-src 'unsafe-inline'",
  "img-src blob: data:",
  "media-src blob: data:",
  "connect-src blob: data:",
  "worker-src blob:",
  "font-src data:",
].join("; ");

const textCache = new Map();

function fetchText(url) {
  if (!textCache.has(url)) {
    textCache.set(url, fetch(url).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${url}: HTTP ${r.status}`)))));
  }
  return textCache.get(url);
}

function escapeAttribute(text) {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

export class Sandbox {
  // runtimeUrls: the in-sandbox scripts; libraries: {name: [script urls]}; baseUrl: what
  // relative paths in learner code resolve against (the site root, where course images live).
  constructor({ runtimeUrls, libraries, baseUrl, onMessage }) {
    this.runtimeUrls = runtimeUrls;
    this.libraries = libraries;
    this.baseUrl = baseUrl;
    this.onMessage = onMessage;
    this.frame = null;
    this.port = null;
  }

  async start(container) {
    const runtime = await Promise.all(this.runtimeUrls.map(fetchText));
    const frame = document.createElement("iframe");
    frame.className = "talkbook-sandbox";
    frame.setAttribute("sandbox", "allow-scripts");
    frame.setAttribute("title", "Output of the JavaScript cell");
    frame.srcdoc = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<base href="${escapeAttribute(this.baseUrl)}">
<style>html,body{margin:0;padding:0;font:14px system-ui,sans-serif;background:transparent}
canvas{display:block;max-width:100%;height:auto!important}body>div{margin:.25em .5em}</style>
</head><body>${runtime.map((code) => `<script>${code}<\/script>`).join("\n")}</body></html>`;
    const loaded = new Promise((resolve) => frame.addEventListener("load", resolve, { once: true }));
    container.append(frame);
    await loaded;
    const channel = new MessageChannel();
    const ready = new Promise((resolve) => {
      channel.port1.onmessage = ({ data }) => (data.type === "ready" ? resolve() : this.#receive(data));
    });
    frame.contentWindow.postMessage("talkbook-sandbox", "*", [channel.port2]);
    await ready;
    channel.port1.onmessage = ({ data }) => this.#receive(data);
    this.frame = frame;
    this.port = channel.port1;
  }

  run(run, code, libraries, settings) {
    this.port.postMessage({ type: "run", run, code, libraries, settings });
  }

  destroy() {
    this.port?.close();
    this.frame?.remove();
    this.port = this.frame = null;
  }

  #receive(message) {
    if (message.type === "request") this.#answer(message);
    else if (message.type === "resize" && this.frame) this.frame.style.height = `${Math.min(message.height, 2000)}px`;
    else this.onMessage(message);
  }

  async #answer({ rid, kind, name, url }) {
    try {
      const answer = kind === "library" ? await this.#library(name) : await this.#fetch(url);
      this.port?.postMessage({ type: "response", rid, ...answer }, answer.body ? [answer.body] : []);
    } catch (error) {
      this.port?.postMessage({ type: "response", rid, error: String(error.message || error) });
    }
  }

  async #library(name) {
    const urls = this.libraries[name];
    if (!urls) throw new Error(`no library called '${name}'`);
    return { texts: await Promise.all(urls.map(fetchText)) };
  }

  // Only GET requests for this site's own files; everything else is refused.
  async #fetch(url) {
    const target = new URL(url, this.baseUrl);
    if (target.origin !== location.origin) {
      throw new Error(`${target.href} is not part of this site; cells can only load the site's own files`);
    }
    const response = await fetch(target.href);
    return {
      status: response.status,
      statusText: response.statusText,
      headers: Object.fromEntries(response.headers.entries()),
      body: await response.arrayBuffer(),
    };
  }
}
