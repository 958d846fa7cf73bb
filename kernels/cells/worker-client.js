// Page side of the worker transport: request/answer by id, events in between.
// It knows nothing of Python; see protocol.js for the messages.
import { FINAL } from "./protocol.js";

export class WorkerClient {
  constructor(url, onBroadcast) {
    this.worker = new Worker(url, { type: "module" });
    this.pending = new Map();
    this.nextId = 1;
    this.onBroadcast = onBroadcast;
    this.worker.onmessage = ({ data }) => this.#receive(data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.#failAll({ name: "Error", message: `The kernel worker failed: ${event.message || "could not load"}` });
    };
  }

  // Send one request; resolves with its final message, passing events to onEvent.
  request(message, onEvent = () => {}) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, onEvent });
      this.worker.postMessage({ ...message, id });
    });
  }

  // Stop the worker at once; every open request ends with `answer`'s error.
  terminate(answer) {
    this.worker.terminate();
    this.#failAll(answer.error, answer);
  }

  #receive(data) {
    const request = this.pending.get(data.id);
    if (data.id === undefined || !request) {
      this.onBroadcast?.(data);
    } else if (FINAL.has(data.type)) {
      this.pending.delete(data.id);
      request.resolve(data);
    } else {
      request.onEvent(data);
    }
  }

  #failAll(error, extra = {}) {
    for (const [id, request] of this.pending) request.resolve({ ...extra, id, type: "error", error });
    this.pending.clear();
  }
}
