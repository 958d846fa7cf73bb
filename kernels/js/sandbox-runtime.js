// Runs INSIDE a JavaScript cell's sandboxed iframe (inlined into its srcdoc; a plain
// script, not a module). The iframe has an opaque origin and a Content-Security-Policy
// that forbids every network request, so the learner's code can reach neither the
// page's DOM and storage nor any host. Everything it needs from the site (libraries,
// models, images) is asked of the parent page over one MessagePort.
(() => {
  "use strict";
  const pending = new Map();
  let port = null;
  let nextRequest = 1;
  let currentRun = 0;
  let running = false;
  let lineOffset = 0;

  function post(message, transfer) {
    port.postMessage(message, transfer || []);
  }

  // -- asking the parent page --------------------------------------------------------
  function ask(kind, payload) {
    const rid = nextRequest++;
    return new Promise((resolve, reject) => {
      pending.set(rid, { resolve, reject });
      post({ type: "request", rid, kind, ...payload });
    });
  }

  function onAnswer(message) {
    const request = pending.get(message.rid);
    if (!request) return;
    pending.delete(message.rid);
    if (message.error) request.reject(new Error(message.error));
    else request.resolve(message);
  }

  // -- output ----------------------------------------------------------------------------
  function describe(value, depth = 0) {
    if (typeof value === "string") return value;
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    if (typeof value === "function") return `[Function ${value.name || "anonymous"}]`;
    if (value === undefined || value === null || typeof value !== "object") return String(value);
    if (typeof value.toString === "function" && value.toString !== Object.prototype.toString && !Array.isArray(value)) {
      const text = value.toString();
      if (!text.startsWith("[object")) return text;
    }
    if (depth > 2) return Array.isArray(value) ? "[…]" : "{…}";
    try {
      const seen = new WeakSet();
      return JSON.stringify(value, (key, item) => {
        if (typeof item === "object" && item !== null) {
          if (seen.has(item)) return "[Circular]";
          seen.add(item);
        }
        return typeof item === "bigint" ? `${item}n` : item;
      }, 1)?.replace(/\n\s*/g, " ") ?? String(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }

  // ml5 greets every page that loads it with a 14-line banner: noise in a learner's output
  // (it stays in the browser's own console).
  const BANNERS = [/^\s*🌈+\s*🌟 Thank you for using ml5\.js/u];
  const isBanner = (args) => typeof args[0] === "string" && BANNERS.some((banner) => banner.test(args[0]));

  for (const level of ["log", "info", "warn", "error", "debug"]) {
    const original = console[level].bind(console);
    console[level] = (...args) => {
      original(...args);
      if (port && !isBanner(args)) post({ type: "console", level, text: args.map((a) => describe(a)).join(" ") });
    };
  }

  // display(value): elements (a canvas, a chart) join the sandbox's own page; anything else is text.
  globalThis.display = (value) => {
    if (value instanceof Node) document.body.append(value);
    else post({ type: "display", text: describe(value) });
    return value;
  };

  // loadModel("colours"): one of the course's precomputed models, by name, as a TF.js model.
  globalThis.loadModel = async (name) => {
    if (!globalThis.__talkbookModelsIndex) throw new Error("this site has no models: loadModel needs the talkbook/models plugin");
    const indexUrl = new URL(globalThis.__talkbookModelsIndex, document.baseURI);
    const index = await (await fetch(indexUrl.href)).json();
    const entry = (index.models || []).find((model) => model.name === name);
    if (!entry) {
      const known = (index.models || []).map((model) => model.name).join(", ") || "none";
      throw new Error(`this course has no model called '${name}' (models: ${known})`);
    }
    if (!globalThis.tf) throw new Error("loadModel needs TF.js: use tf somewhere in this cell, e.g. tf.tidy");
    const model = await globalThis.tf.loadLayersModel(new URL(entry.url, indexUrl).href);
    model.labels = entry.labels;
    return model;
  };

  // -- errors, with the learner's own line numbers -----------------------------------------
  function lineOf(error, scriptUrl) {
    const stack = String(error?.stack || "");
    const escaped = scriptUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const match = stack.match(new RegExp(`${escaped}:(\\d+):(\\d+)`));
    return match ? Number(match[1]) - lineOffset : null;
  }

  function report(error, line) {
    const name = error?.name || "Error";
    const message = error?.message ?? describe(error);
    post({ type: "error", run: currentRun, error: { name, message, line } });
  }

  // Set when this sandbox can no longer be trusted (memory ran out, WebGL was lost): the
  // parent then closes it, so nothing it computes afterwards is shown and the next run is fresh.
  let broken = false;
  function finish(ok) {
    if (!running) return;
    running = false;
    post({ type: "done", run: currentRun, ok, broken });
  }

  let scriptUrl = "";
  window.addEventListener("error", (event) => {
    const line = event.filename === scriptUrl ? event.lineno - lineOffset : lineOf(event.error, scriptUrl);
    report(event.error || { name: "Error", message: event.message }, line);
    event.preventDefault();
    finish(false); // a syntax error, or an exception in the code's synchronous part
  });
  window.addEventListener("unhandledrejection", (event) => {
    report(event.reason, lineOf(event.reason, scriptUrl));
    event.preventDefault();
  });

  // -- loading libraries and the learner's code ---------------------------------------------
  function addScript(text) {
    const url = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.onload = () => resolve(url);
      script.onerror = () => reject(new Error("the script could not load"));
      document.head.append(script);
    }).then((loaded) => (loaded === scriptUrl ? loaded : (URL.revokeObjectURL(loaded), loaded)));
  }

  // What each library needs once loaded: the backend is always set explicitly (ml5 would
  // otherwise pick WebGPU where it exists, and crash training on some adapters).
  const AFTER_LOAD = {
    async tf({ backend }) {
      await globalThis.tf.setBackend(backend);
      await globalThis.tf.ready();
    },
    async ml5({ backend }) {
      const { ml5 } = globalThis;
      if (!globalThis.tf) globalThis.tf = ml5.tf;
      await (ml5.setBackend ? ml5.setBackend(backend) : ml5.tf.setBackend(backend));
      await ml5.tf.ready();
    },
  };

  const loaded = new Set();
  async function loadLibrary(name, settings) {
    if (loaded.has(name)) return;
    const answer = await ask("library", { name });
    for (const text of answer.texts) await addScript(text);
    loaded.add(name);
    await AFTER_LOAD[name]?.(settings);
    await globalThis.__talkbookAfterLibrary?.[name]?.(settings);
  }

  const P5_FUNCTIONS = ["preload", "setup", "draw", "mousePressed", "mouseReleased", "mouseMoved", "mouseDragged",
    "mouseClicked", "doubleClicked", "mouseWheel", "keyPressed", "keyReleased", "keyTyped", "windowResized"];

  function wrap(code) {
    if (!/\bawait\b/.test(code)) {
      lineOffset = 0;
      return `${code}\n;globalThis.__talkbookFinished(${currentRun});\n`;
    }
    // Top-level await needs an async function; p5's callbacks declared inside it are made global.
    lineOffset = 1;
    const exports = P5_FUNCTIONS.map((n) => `if (typeof ${n} === "function") globalThis.${n} = ${n};`).join(" ");
    return `(async () => {\n${code}\n;${exports}\n})().then(() => globalThis.__talkbookFinished(${currentRun}),` +
      ` (error) => globalThis.__talkbookFailed(${currentRun}, error));\n`;
  }

  globalThis.__talkbookFinished = () => {
    try {
      globalThis.__talkbookAfterRun?.();
    } catch (error) {
      report(error, lineOf(error, scriptUrl));
    }
    finish(true);
  };
  globalThis.__talkbookFailed = (run, error) => {
    report(error, lineOf(error, scriptUrl));
    finish(false);
  };
  globalThis.__talkbookAsk = ask;

  async function run({ run: id, code, libraries, settings }) {
    currentRun = id;
    running = true;
    loopLimit = settings.loopLimit || loopLimit;
    idleAt = performance.now();
    globalThis.__talkbookModelsIndex = settings.modelsIndex;
    try {
      for (const name of libraries) await loadLibrary(name, settings);
      await globalThis.__talkbookBeforeRun?.(code);
    } catch (error) {
      report(error, null);
      finish(false);
      return;
    }
    scriptUrl = URL.createObjectURL(new Blob([wrap(code)], { type: "text/javascript" }));
    const script = document.createElement("script");
    script.src = scriptUrl;
    document.body.append(script);
  }

  // -- the loop guard (see loop-guard.js) ----------------------------------------------------
  // `idleAt` moves on whenever the event loop gets a turn; a loop that keeps it from doing so
  // for longer than the limit is stopped with an error the learner can read.
  let idleAt = performance.now();
  let loopLimit = 5000;
  const heartbeat = new MessageChannel();
  heartbeat.port1.onmessage = () => {
    idleAt = performance.now();
    setTimeout(() => heartbeat.port2.postMessage(0), 100);
  };
  heartbeat.port2.postMessage(0);
  globalThis.__talkbookLoopGuard = () => {
    const now = performance.now();
    if (now - idleAt > loopLimit) {
      idleAt = now;
      throw new RangeError(`this loop ran for ${loopLimit / 1000} s without pause, so it was stopped (an endless loop?)`);
    }
    if (now - memoryCheckedAt > MEMORY_CHECK_MS) checkMemory(now);
  };

  // -- the memory guard ------------------------------------------------------------------------
  // A sandbox shares its renderer process with the page (Chromium keeps a sandboxed srcdoc
  // frame in its parent's process by default), and a JavaScript heap that reaches its limit
  // crashes that whole process: the page with it. So a loop that keeps allocating is stopped
  // well before, once the heap passes half its limit. performance.memory is Chromium's (live
  // there, in ~40 MB steps); where it is missing, nothing is checked. Allocations between two
  // checks (MEMORY_CHECK_MS apart) stay far below the half left as headroom.
  const MEMORY_CHECK_MS = 25;
  const MEMORY_SHARE = 0.5;
  let memoryCheckedAt = 0;
  function checkMemory(now) {
    memoryCheckedAt = now;
    const memory = performance.memory;
    if (!memory?.jsHeapSizeLimit || memory.usedJSHeapSize < memory.jsHeapSizeLimit * MEMORY_SHARE) return;
    broken = true;
    const megabytes = Math.round(memory.usedJSHeapSize / 2 ** 20);
    throw new RangeError(`out of memory: this cell's data reached ${megabytes} MB, so it was stopped and its memory freed`);
  }

  // -- WebGL context loss --------------------------------------------------------------------
  // Once its WebGL context is lost (a GPU reset, too many contexts), TF.js's webgl backend
  // quietly answers zeros. Every WebGL context made here (TF.js's, ml5's, a p5 WEBGL canvas)
  // is watched: the run that meets a loss fails with a message, and its sandbox is closed.
  const watchedCanvases = new WeakSet();
  function onContextLost() {
    broken = true;
    report({
      name: "WebGLContextLost",
      message: "the GPU (WebGL) context of this cell was lost, so results computed on it are wrong and "
        + "the cell was stopped. Run it again: it gets a fresh context.",
    }, null);
    finish(false);
  }
  for (const Canvas of [globalThis.HTMLCanvasElement, globalThis.OffscreenCanvas].filter(Boolean)) {
    const getContext = Canvas.prototype.getContext;
    Canvas.prototype.getContext = function (kind, ...rest) {
      const context = getContext.call(this, kind, ...rest);
      if (context && /^(experimental-)?webgl2?$/.test(kind) && !watchedCanvases.has(this)) {
        watchedCanvases.add(this);
        this.addEventListener("webglcontextlost", onContextLost);
      }
      return context;
    };
  }

  // -- size: the parent fits the iframe to what the sketch draws ------------------------------
  new ResizeObserver(() => {
    if (port) post({ type: "resize", height: document.documentElement.scrollHeight });
  }).observe(document.documentElement);

  window.addEventListener("message", (event) => {
    if (event.data !== "talkbook-sandbox" || port || !event.ports[0]) return;
    port = event.ports[0];
    port.onmessage = ({ data }) => {
      if (data.type === "run") run(data);
      else if (data.type === "response") onAnswer(data);
    };
    post({ type: "ready" });
  });
})();
