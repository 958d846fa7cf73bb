// The JavaScript kernel: the same {init, run, interrupt} interface as the Python one.
//
// Each JavaScript cell gets its own sandbox (see sandbox.js); Run starts a fresh one, so
// a sketch restarts and nothing lingers from the previous run. Stop removes the sandbox,
// which ends everything in it at once: loops, timers, animation frames.
import { guardLoops } from "./loop-guard.js";
import { Sandbox } from "./sandbox.js";

const LIBRARY_USES = {
  p5: /\bfunction\s+(?:preload|setup|draw)\s*\(|\bcreateCanvas\s*\(/,
  ml5: /\bml5\s*\./,
  tf: /\btf\s*\.|\bloadModel\s*\(/,
};

// The libraries a piece of code needs, in load order: p5 first, so ml5 sees it and joins
// p5's preload. ml5 brings its own TF.js, so code that uses both gets ml5's copy of `tf`.
export function librariesFor(code) {
  const needed = LIBRARY_USES.p5.test(code) ? ["p5"] : [];
  if (LIBRARY_USES.ml5.test(code)) needed.push("ml5");
  else if (LIBRARY_USES.tf.test(code)) needed.push("tf");
  return needed;
}

export function createJsKernel(settings) {
  const sandboxes = new Map(); // cell id -> {sandbox, finish}
  let runs = 0;

  function stop(cell, outcome) {
    const current = sandboxes.get(cell);
    if (!current) return;
    sandboxes.delete(cell);
    current.sandbox.destroy();
    current.finish(outcome);
  }

  return {
    language: "javascript",
    generation: 1,
    init: () => Promise.resolve(),

    async run({ page = "", cell, code, timeout = 0 }, handlers) {
      const key = `${page}#${cell}`;
      stop(key, { ok: false, error: { name: "Restarted", message: "run again", traceback: "" }, interrupted: true });
      const run = ++runs;
      const frame = document.createElement("div");
      frame.className = "talkbook-sandbox-frame";
      handlers.onDisplay?.({ type: "element", element: frame });
      let settled = false;
      let failure = null;
      const sandbox = new Sandbox({
        runtimeUrls: settings.runtimeUrls,
        libraries: settings.libraries,
        baseUrl: settings.baseUrl,
        onMessage: (message) => {
          if (message.type === "console" || message.type === "display") {
            const name = message.level === "error" || message.level === "warn" ? "stderr" : "stdout";
            handlers.onStream?.({ name, text: `${message.text}\n` });
          } else if (message.type === "error") {
            const where = message.error.line ? ` (line ${message.error.line})` : "";
            failure = { name: message.error.name, message: `${message.error.message}${where}`, traceback: "" };
            // After the run has returned (a callback, a draw() frame), errors join the output.
            if (settled) handlers.onStream?.({ name: "stderr", text: `${failure.name}: ${failure.message}\n` });
          } else if (message.type === "done" && message.run === run) {
            settled = true;
            const outcome = message.ok ? { ok: true, value: null } : { ok: false, error: failure };
            // A broken sandbox (out of memory, WebGL lost) is closed: that frees its memory,
            // and nothing it computes afterwards is shown.
            if (message.broken) stop(key, outcome);
            else sandboxes.get(key)?.finish(outcome);
          }
        },
      });
      const result = new Promise((finish) => sandboxes.set(key, { sandbox, finish }));
      const [guarded] = await Promise.all([guardLoops(code, settings.acornUrl), sandbox.start(frame)]);
      sandbox.run(run, guarded, librariesFor(code), {
        backend: settings.backend || "cpu",
        loopLimit: (timeout || settings.loopLimit || 5) * 1000,
        modelsIndex: settings.modelsIndex,
      });
      return result;
    },

    // Stopping a sandbox loses only that cell's own state: other cells are untouched.
    interrupt(key) {
      const keys = key ? [key] : [...sandboxes.keys()];
      for (const id of keys) stop(id, { ok: false, error: { name: "Stopped", message: "", traceback: "" }, interrupted: true });
      return { stateLost: false };
    },

  };
}
