// Inside the worker: start Pyodide, install the course's wheels, run cells.
// The messages it answers and sends are described in protocol.js.
import { countingFetch } from "./fetch-progress.js";
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
    globalThis.fetch = countingFetch(globalThis.fetch.bind(globalThis), download);
    progress({ stage: "start" });
    const { loadPyodide } = await import(`${settings.pyodide}pyodide.mjs`);
    const pyodide = await loadPyodide({ indexURL: settings.pyodide });
    progress({ stage: "install" });
    const installed = [];
    for (const wheel of settings.wheels) installed.push(...(await installWheel(pyodide, wheel)));
    await addModules(pyodide, settings.modules);
    if (interruptBuffer) {
      this.interruptFlag = new Uint8Array(interruptBuffer);
      pyodide.setInterruptBuffer(this.interruptFlag);
    }
    this.runner = pyodide.pyimport("talkbook_kernel");
    // undefined, not null: Pyodide turns null into jsnull, and undefined into None.
    const readLine = inputBuffer ? (prompt) => this.#readLine(prompt, inputBuffer) : undefined;
    this.runner.connect((kind, json) => this.#emit(kind, json), readLine);
    return { type: "ready", python: pyodide.version, installed };
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

// loadPackage never throws: it resolves to the packages it did install. Check that.
async function installWheel(pyodide, url) {
  const errors = [];
  const loaded = await pyodide.loadPackage(url, {
    messageCallback: () => {},
    errorCallback: (message) => errors.push(message),
  });
  if (!loaded || loaded.length === 0) {
    const name = url.split("/").pop();
    throw new Error(`Could not install ${name}: ${errors.join(" ") || "nothing was installed"}`);
  }
  return loaded.map((pkg) => pkg.name);
}

// The kernel's own Python modules (talkbook_kernel.py, viz.py) go beside installed packages.
async function addModules(pyodide, modules) {
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  for (const url of modules) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Could not load ${url}: HTTP ${response.status}`);
    pyodide.FS.writeFile(`${sitePackages}/${url.split("/").pop()}`, await response.text());
  }
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
}
