// The kernel worker's transport: messages in, messages out (see protocol.js).
// A module worker, because pyodide.mjs is an ES module. The work itself is in python-runtime.js.
import { PythonRuntime } from "./python-runtime.js";

const runtime = new PythonRuntime((message) => self.postMessage(message));

// A worker that dies (closed by learner code, killed by the browser) sends nothing more.
// It holds this Web Lock for as long as it lives, so the page, asking for the same lock,
// is granted it exactly when the worker is gone (see worker-client.js).
const lifeLock = new URL(self.location.href).searchParams.get("lock");
if (lifeLock && self.navigator.locks) {
  self.navigator.locks.request(lifeLock, () => {
    self.postMessage({ type: "alive", lock: lifeLock });
    return new Promise(() => {}); // held until the worker ends
  });
}

// Requests are handled one at a time, in order: a run waits for init to finish.
let queue = Promise.resolve();

self.onmessage = ({ data }) => {
  queue = queue.then(() => answer(data));
};

async function answer(request) {
  try {
    self.postMessage({ id: request.id, ...(await runtime.handle(request)) });
  } catch (error) {
    const message = error?.message ?? String(error);
    self.postMessage({ id: request.id, type: "error", error: { name: error?.name ?? "Error", message, traceback: "" } });
  }
}
