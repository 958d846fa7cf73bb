// The kernel worker's transport: messages in, messages out (see protocol.js).
// A module worker, because pyodide.mjs is an ES module. The work itself is in python-runtime.js.
import { PythonRuntime } from "./python-runtime.js";

const runtime = new PythonRuntime((message) => self.postMessage(message));

// Requests are handled one at a time, in order: a run waits for init to finish.
let queue = Promise.resolve();

self.onmessage = ({ data }) => {
  if (data.type === "watch") holdLock(data.lock);
  else queue = queue.then(() => answer(data));
};

// A worker that dies (closed by learner code, killed by the browser) sends nothing more.
// It holds this Web Lock for as long as it lives, so the page, asking for the same lock,
// is granted it exactly when the worker is gone (see worker-client.js).
function holdLock(name) {
  self.navigator.locks?.request(name, () => {
    self.postMessage({ type: "alive", lock: name });
    return new Promise(() => {}); // held until the worker ends
  });
}

async function answer(request) {
  try {
    self.postMessage({ id: request.id, ...(await runtime.handle(request)) });
  } catch (error) {
    const message = error?.message ?? String(error);
    self.postMessage({ id: request.id, type: "error", error: { name: error?.name ?? "Error", message, traceback: "" } });
  }
}
