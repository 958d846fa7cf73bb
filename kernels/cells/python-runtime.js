// Inside the worker: start Pyodide, install the course's wheels, run cells.
// The messages it answers and sends are described in protocol.js.
import { countingFetch, gunzippingFetch } from "./fetch-progress.js";
import { INPUT_CANCELLED, INPUT_HEADER_BYTES, INPUT_WAITING } from "./protocol.js";

export class PythonRuntime {
  constructor(post) {
    this.post = post;
    this.runner = null;
    this.interruptFlag = null;
    this.currentId = undefined;
  }

  async handle(request) {
    switch (request.type) {
      case "init":
        return this.init(request);
      case "run":
        return this.run(request);
      case "forget":
        this.runner.forget(request.page);
        return { type: "result", value: null };
      default:
        throw new Error(`unknown request type '${request.type}'`);
    }
  }

  async init({ settings, interruptBuffer, inputBuffer }) {
    const progress = (detail) => this.post({ type: "progress", ...detail });
    const download = (detail) => progress({ stage: "download", ...detail });
    const fetch = gunzippingFetch(globalThis.fetch.bind(globalThis), settings.gzipped ?? []);
    globalThis.fetch = countingFetch(fetch, download);
    progress({ stage: "start" });
    // Fetched while Python starts, not after: they are small, and every millisecond here is waited for.
    const wheels = settings.wheels.map((url) => fetchFile(url, "arrayBuffer"));
    const modules = settings.modules.map((url) => fetchFile(url, "text"));
    const { pyodide, start } = await startPython(settings);
    progress({ stage: "install" });
    // A restored snapshot has its modules in memory but not its files: unpack every wheel again.
    const installed = [];
    for (const [index, wheel] of wheels.entries()) installed.push(installWheel(pyodide, settings.wheels[index], await wheel));
    addModules(pyodide, settings.modules, await Promise.all(modules));
    if (interruptBuffer) {
      this.interruptFlag = new Uint8Array(interruptBuffer);
      pyodide.setInterruptBuffer(this.interruptFlag);
    }
    this.runner = pyodide.pyimport("talkbook_kernel");
    // undefined, not null: Pyodide turns null into jsnull, and undefined into None.
    const readLine = inputBuffer ? (prompt) => this.#readLine(prompt, inputBuffer) : undefined;
    this.runner.connect((kind, json) => this.#emit(kind, json), readLine);
    return { type: "ready", python: pyodide.version, installed, start };
  }

  run({ id, page, cell, code, checks }) {
    this.currentId = id;
    let text;
    try {
      text = this.runner.run_cell(code, page, cell, checks ?? undefined);
    } catch (error) {
      if (error?.pyodide_fatal_error) return fatal(error.message, /out of memory|\bOOM\b|enlarge memory/i.test(error.message));
      throw error;
    } finally {
      this.currentId = undefined;
    }
    let reply;
    try {
      reply = JSON.parse(text);
    } catch {
      // Python answered with bytes that are not its reply: its memory cannot be trusted.
      // Seen only when memory had run out, which is the likely cause.
      return fatal("Python's answer came back unreadable: it probably ran out of memory.", true);
    }
    if (reply.error) {
      return { type: "error", error: reply.error, interrupted: reply.error.name === "KeyboardInterrupt" };
    }
    return { type: "result", value: reply.value, checks: reply.checks };
  }

  #emit(kind, json) {
    this.post({ ...JSON.parse(json), id: this.currentId, type: kind });
  }

  // input(): ask the page, then sleep until it writes the answer into the shared buffer.
  #readLine(prompt, buffer) {
    const header = new Int32Array(buffer, 0, 2);
    Atomics.store(header, 0, INPUT_WAITING);
    this.post({ id: this.currentId, type: "input", prompt });
    Atomics.wait(header, 0, INPUT_WAITING);
    if (Atomics.load(header, 0) === INPUT_CANCELLED) return undefined; // None: Stop was pressed
    const bytes = new Uint8Array(buffer, INPUT_HEADER_BYTES, Atomics.load(header, 1)).slice();
    return new TextDecoder().decode(bytes);
  }
}

// Pyodide cannot go on after a fatal error (a failed allocation inside the runtime, a crash):
// the page must start a new worker. `fatal` tells it so; the name says why, when it is known.
function fatal(message, outOfMemory) {
  return {
    type: "error",
    fatal: outOfMemory ? "memory" : "crash",
    error: { name: outOfMemory ? "MemoryError" : "PythonCrashed", message, traceback: "" },
  };
}

// From the snapshot when there is one and it restores; otherwise, and silently for the learner,
// a cold start (the console says why). Both read the same compiled standard library.
async function startPython(settings) {
  const { loadPyodide } = await import(`${settings.pyodide}pyodide.mjs`);
  const options = { indexURL: settings.pyodide, stdLibURL: settings.stdlib };
  if (settings.snapshot) {
    try {
      const pyodide = await loadPyodide({ ...options, _loadSnapshot: fetchSnapshot(settings.snapshot) });
      // The snapshot froze the random state of the build machine: every learner would draw the same numbers.
      pyodide.runPython("import random; random.seed()");
      return { pyodide, start: { from: "snapshot" } };
    } catch (error) {
      const reason = error?.message ?? String(error);
      console.warn(`talkbook: Python starts without its snapshot (${reason})`);
      return { pyodide: await loadPyodide(options), start: { from: "cold", reason } };
    }
  }
  return { pyodide: await loadPyodide(options), start: { from: "cold", reason: "no snapshot" } };
}

// The snapshot is served gzipped (31 MB of heap, about 5 MB on the wire) and unpacked here.
async function fetchSnapshot(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
}

// A file the kernel needs, as an ArrayBuffer or text; a failure names the file. Rejections are
// handled where the result is awaited (and marked handled here, since that may be after Python starts).
function fetchFile(url, as) {
  const name = url.split("/").pop();
  const result = fetch(url).then((response) => {
    if (!response.ok) throw new Error(`Could not install ${name}: HTTP ${response.status}`);
    return response[as]();
  });
  result.catch(() => {});
  return result;
}

// A wheel is a zip of the package's files: unpacked straight into site-packages (no loadPackage
// bookkeeping, which a restored snapshot does not need and which costs a few hundred ms).
function installWheel(pyodide, url, bytes) {
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  pyodide.unpackArchive(bytes, "wheel", { extractDir: sitePackages });
  return url.split("/").pop().split("-")[0];
}

// The kernel's own Python modules (talkbook_kernel.py, viz.py) go beside installed packages.
function addModules(pyodide, urls, texts) {
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  urls.forEach((url, index) => pyodide.FS.writeFile(`${sitePackages}/${url.split("/").pop()}`, texts[index]));
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
}
