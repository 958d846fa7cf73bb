// The one interface every cell kernel implements (Python here; JavaScript alongside).
//
//   kernel.init() -> Promise<void>
//       Start the kernel once; later calls return the same promise. Progress while it
//       starts is dispatched on `kernel.events` as "progress" events (detail: see protocol.js).
//   kernel.run({page, cell, code, checks?}, handlers) -> Promise<RunResult>
//       Run `code` in the namespace of `page`; runs are queued, one at a time.
//       handlers: {onStream({name, text}), onDisplay(message), onInput(prompt) -> Promise<string>,
//                  onNotice(text): something the learner should know about the kernel itself}
//       RunResult: {ok: true, value: string|null, checks?: [{passed, message, detail}]}
//                | {ok: false, error: {name, message, traceback}, interrupted?, stateLost?, restarted?}
//       restarted: "memory" | "crash" when the kernel died under this run and starts afresh next time.
//   kernel.interrupt() -> {stateLost: boolean}
//       Stop the running code. stateLost is true when the kernel had to restart.
//
// Optional: kernel.events (an EventTarget: "progress", "ready", "restart"), kernel.generation
// (bumped on every (re)start, so pages know when to rerun their hidden setup cells).
//
// A kernel module is imported only when a cell of its language first runs, which keeps
// pages light until then. Register a language with registerKernel(language, load),
// where load() resolves to the kernel object.

const loaders = new Map([
  ["python", () => import("./python-kernel.js").then((module) => module.pythonKernel)],
  ["javascript", () => Promise.all([import("../js/js-kernel.js"), import("./settings.js")])
    .then(([module, settings]) => module.createJsKernel(settings.default.js))],
]);
const kernels = new Map();

export function registerKernel(language, load) {
  loaders.set(language, load);
  kernels.delete(language);
}

export function kernelFor(language) {
  if (!kernels.has(language)) {
    const load = loaders.get(language);
    if (!load) return Promise.reject(new Error(`no kernel runs ${language} cells`));
    kernels.set(language, load().then((kernel) => checkKernel(language, kernel)));
  }
  return kernels.get(language);
}

function checkKernel(language, kernel) {
  for (const method of ["init", "run", "interrupt"]) {
    if (typeof kernel?.[method] !== "function") throw new TypeError(`the ${language} kernel has no ${method}() method`);
  }
  return kernel;
}
