// Page side of the worker transport: request/answer by id, events in between.
// It knows nothing of Python; see protocol.js for the messages.
import { FINAL } from "./protocol.js";

export class WorkerClient {
  // onExit(error) is called once if the worker dies by itself (not on terminate()).
  constructor(url, onBroadcast, onExit = () => {}) {
    this.worker = new Worker(url, { type: "module" });
    this.pending = new Map();
    this.nextId = 1;
    this.closed = false;
    this.onBroadcast = onBroadcast;
    this.onExit = onExit;
    this.worker.onmessage = ({ data }) => this.#receive(data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.#failAll({ name: "Error", message: `The kernel worker failed: ${event.message || "could not load"}` });
    };
    // Web Locks exist in secure contexts (https, localhost); elsewhere a dead worker goes unseen.
    if (globalThis.navigator?.locks) {
      this.lock = `talkbook-worker-${crypto.randomUUID()}`; // secure contexts have both
      this.worker.postMessage({ type: "watch", lock: this.lock });
    }
  }

  // Send one request; resolves with its final message, passing events to onEvent.
  request(message, onEvent = () => {}) {
    const id = this.nextId++;
    if (this.closed) return Promise.resolve({ id, type: "error", error: EXITED });
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, onEvent });
      this.worker.postMessage({ ...message, id });
    });
  }

  // Stop the worker at once; every open request ends with `answer`'s error.
  terminate(answer) {
    this.closed = true;
    this.worker.terminate();
    this.#failAll(answer.error, answer);
  }

  #receive(data) {
    const request = this.pending.get(data.id);
    if (data.type === "alive" && data.lock === this.lock) {
      this.#watch();
    } else if (data.id === undefined || !request) {
      this.onBroadcast?.(data);
    } else if (FINAL.has(data.type)) {
      this.pending.delete(data.id);
      request.resolve(data);
    } else {
      request.onEvent(data);
    }
  }

  // The worker holds the lock while it lives: the page gets it once the worker is gone.
  #watch() {
    navigator.locks?.request(this.lock, () => {
      if (this.closed) return; // terminate() ended it on purpose
      this.closed = true;
      this.#failAll(EXITED, { exited: true });
      this.onExit(EXITED);
    });
  }

  #failAll(error, extra = {}) {
    for (const [id, request] of this.pending) request.resolve({ ...extra, id, type: "error", error });
    this.pending.clear();
  }
}

const EXITED = { name: "KernelDied", message: "Python stopped unexpectedly: its worker ended.", traceback: "" };
