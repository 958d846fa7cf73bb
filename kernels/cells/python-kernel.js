// The Python kernel on the page: one worker for the whole visit.
//
// It is a module-level singleton: under mkdocs-material's instant navigation the
// document (and this module) stays, so the next page reuses the running Python.
import settings from "./settings.js";
import { WorkerClient } from "./worker-client.js";
import {
  INPUT_ANSWERED, INPUT_BUFFER_BYTES, INPUT_CANCELLED, INPUT_HEADER_BYTES, SIGINT,
} from "./protocol.js";

const MODULES = ["talkbook_kernel.py", "viz.py"].map((name) => new URL(`./python/${name}`, import.meta.url).href);

class PythonKernel {
  constructor() {
    this.events = new EventTarget();
    this.generation = 0; // bumped on every (re)start; pages rerun their hidden setup cells
    this.client = null;
    this.ready = null;
    this.queue = Promise.resolve();
    this.running = false;
    this.diedIdle = false; // the worker died between runs: the next run says so
    this.starting = false; // a run waits for init()
    this.cancelled = false; // ... and was stopped meanwhile
  }

  get isolated() {
    return globalThis.crossOriginIsolated === true;
  }

  init() {
    this.ready ??= this.#start();
    return this.ready;
  }

  run(request, handlers = {}) {
    const result = this.queue.then(() => this.#run(request, handlers));
    this.queue = result.catch(() => {});
    return result;
  }

  interrupt() {
    if (!this.running) {
      // A run waiting for Python to (re)start is cancelled: a time limit or a Stop must not be lost.
      if (this.starting) this.cancelled = true;
      return { stateLost: false };
    }
    if (this.interruptFlag) {
      Atomics.store(this.interruptFlag, 0, SIGINT);
      this.#answerInput(null);
      return { stateLost: false };
    }
    // Without cross-origin isolation nothing can reach a busy worker: replace it.
    this.#discard({
      error: { name: "KeyboardInterrupt", message: "Stopped: Python was restarted, so earlier results are gone." },
      interrupted: true,
      stateLost: true,
    });
    this.init().catch(() => {});
    return { stateLost: true };
  }

  // Drop the worker (ending its open requests with `answer`); the next run starts a new one.
  #discard(answer) {
    this.client?.terminate(answer);
    this.#forgetWorker();
  }

  #forgetWorker() {
    this.client = null;
    this.ready = null;
    this.events.dispatchEvent(new Event("restart"));
  }

  #start() {
    this.generation += 1;
    const shared = this.isolated;
    this.interruptFlag = shared ? new Uint8Array(new SharedArrayBuffer(1)) : null;
    this.inputBuffer = shared ? new SharedArrayBuffer(INPUT_BUFFER_BYTES) : null;
    const progress = (message) => this.events.dispatchEvent(new CustomEvent("progress", { detail: message }));
    // A worker that dies by itself (closed by learner code, killed by the browser) is
    // forgotten; its running cell is told so, and the next run starts a fresh one.
    const client = new WorkerClient(new URL("./python-worker.js", import.meta.url), progress, () => {
      if (this.client !== client) return;
      this.diedIdle = !this.running; // a running cell hears it from its own run
      this.#forgetWorker();
    });
    this.client = client;
    const init = {
      type: "init",
      settings: {
        pyodide: settings.pyodide,
        gzipped: settings.gzipped,
        stdlib: settings.stdlib,
        snapshot: settings.snapshot,
        wheels: settings.wheels,
        modules: MODULES,
      },
      interruptBuffer: this.interruptFlag?.buffer,
      inputBuffer: this.inputBuffer,
    };
    return this.client.request(init).then((reply) => {
      if (reply.type === "error") {
        this.ready = null; // the next run tries again
        throw new Error(reply.error.message);
      }
      this.info = reply;
      this.events.dispatchEvent(new CustomEvent("ready", { detail: reply }));
    });
  }

  async #run({ page, cell, code, checks }, handlers) {
    this.starting = true;
    this.cancelled = false;
    try {
      await this.init();
    } catch (error) {
      return { ok: false, error: { name: "KernelError", message: `Python could not start: ${error.message}`, traceback: "" } };
    } finally {
      this.starting = false;
    }
    if (this.cancelled) {
      return { ok: false, interrupted: true, error: { name: "KeyboardInterrupt", message: "Stopped before it started.", traceback: "" } };
    }
    if (this.diedIdle) {
      this.diedIdle = false;
      handlers.onNotice?.("Python had stopped unexpectedly since the last run and was restarted, "
        + "so every variable from earlier cells is gone: run them again.");
    }
    this.running = true;
    // Cleared here, not in the worker: a Stop pressed before the worker begins must still count.
    if (this.interruptFlag) Atomics.store(this.interruptFlag, 0, 0);
    const onEvent = (message) => this.#route(message, handlers);
    try {
      const reply = await this.client.request({ type: "run", page, cell, code, checks }, onEvent);
      if (reply.type === "result") return { ok: true, value: reply.value, checks: reply.checks };
      // Pyodide cannot go on after a fatal error: replace the worker (state is lost).
      if (reply.fatal) this.#discard({ error: reply.error });
      const restarted = reply.fatal || (reply.exited ? "crash" : undefined);
      return {
        ok: false, error: reply.error, interrupted: !!reply.interrupted, stateLost: !!reply.stateLost || !!restarted, restarted,
      };
    } finally {
      this.running = false;
    }
  }

  #route(message, handlers) {
    if (message.type === "stream") handlers.onStream?.(message);
    else if (message.type === "input") this.#ask(message.prompt, handlers);
    else handlers.onDisplay?.(message);
  }

  async #ask(prompt, handlers) {
    const answer = handlers.onInput ? await handlers.onInput(prompt) : null;
    this.#answerInput(answer);
  }

  #answerInput(answer) {
    if (!this.inputBuffer) return;
    const header = new Int32Array(this.inputBuffer, 0, 2);
    if (answer === null || answer === undefined) {
      Atomics.store(header, 0, INPUT_CANCELLED);
    } else {
      const bytes = new TextEncoder().encode(String(answer)).slice(0, INPUT_BUFFER_BYTES - INPUT_HEADER_BYTES);
      new Uint8Array(this.inputBuffer, INPUT_HEADER_BYTES, bytes.length).set(bytes);
      Atomics.store(header, 1, bytes.length);
      Atomics.store(header, 0, INPUT_ANSWERED);
    }
    Atomics.notify(header, 0);
  }
}

export const pythonKernel = new PythonKernel();

// Tests and the benchmark look at the kernel here (how often it started, what it installed).
globalThis.talkbookCells = Object.assign(globalThis.talkbookCells ?? {}, { kernel: pythonKernel });
