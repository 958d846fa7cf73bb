// A loaded model, bound to the backend chosen for it: predict() and classify().
// Should its WebGL context be lost, it moves to a CPU backend and says so ("backendchange").
import { compileDense } from "./dense.js";
import { exclusive, idle, useBackend } from "./queue.js";
import { planOf, runPlan } from "./stepped.js";
import { prepareBackend } from "./tfjs.js";

const FALLBACKS = ["wasm", "cpu"];
// A prediction slower than a frame runs layer by layer (stepped.js), so the page stays
// responsive; a faster one runs in one call, which costs less than the turns would.
export const LONG_MS = 16;

/**
 * The scores of one batch, read back as cheaply as the backend allows.
 * long: run layer by layer, giving the page turns (see stepped.js), and read back
 * asynchronously so that WebGL's read-back does not block either; shouldStop() may end it.
 */
export function infer(tf, model, x, backend, { long = false, shouldStop } = {}) {
  model.talkbookDense ??= compileDense(tf, model) ?? false;
  const dense = model.talkbookDense;
  if (long && !dense) {
    model.talkbookPlan ??= planOf(model) ?? false;
    if (model.talkbookPlan) return inferStepped(tf, model.talkbookPlan, x, backend, shouldStop);
  }
  // predictOnBatch: predict() would cut the batch into slices of 32 and concatenate them again.
  const y = dense ? dense.apply(x) : model.predictOnBatch(x);
  const finish = (scores) => (dense ? dense.finish(scores, x.shape[0]) : scores);
  return backend === "webgpu" ? readAsync(y).then(finish) : finish(readSync(y));
}

async function inferStepped(tf, plan, x, backend, shouldStop) {
  const y = await runPlan(tf, plan, x, { shouldStop });
  // cpu and wasm already hold the scores in memory: a synchronous read waits for nothing.
  return backend === "cpu" || backend === "wasm" ? readSync(y) : readAsync(y);
}

// Synchronous read-back where it costs no more than the asynchronous one (CPU memory, or a
// small WebGL read), saving a polling round trip; WebGPU must be read asynchronously.
function readSync(y) {
  try {
    return y.dataSync();
  } finally {
    y.dispose();
  }
}

async function readAsync(y) {
  try {
    return await y.data();
  } finally {
    y.dispose();
  }
}

/** Nested arrays and typed arrays, in any mix, as one Float32Array in row-major order. */
function toFloat32(rows) {
  if (rows instanceof Float32Array) return rows;
  if (typeof rows[0] === "number") return Float32Array.from(rows);  // one flat input: the common case
  const out = [];
  const walk = (value) => {
    if (typeof value === "number") out.push(value);
    else for (const item of value) walk(item);
  };
  walk(rows);
  return Float32Array.from(out);
}

export class ModelHandle {
  // artifacts: the model's files in memory (tf.io.fromMemory), to load it again elsewhere.
  constructor(tf, model, entry, card, choice, artifacts) {
    Object.assign(this, { tf, model, entry, card, artifacts, name: entry.name, labels: entry.labels, input: entry.input });
    Object.assign(this, choice);  // backend, latency, measurements, skipped, source, note
    this.lastLatency = null;
    this.inputSize = this.input.shape.reduce((a, b) => a * b, 1);
    this.events = new EventTarget();
    this.moving = null;
    this.#watchWebgl();
  }

  // A lost WebGL context keeps answering, with zeros: the loss must be seen, not waited for.
  #watchWebgl() {
    if (this.backend !== "webgl") return;
    this.gl = this.tf.findBackend("webgl")?.gpgpu?.gl ?? null;
    this.gl?.canvas?.addEventListener("webglcontextlost", () => this.#leaveGpu("its WebGL context was lost"), { once: true });
  }

  /** Load the model again on the fastest CPU backend that starts; its weights died with the context. */
  #leaveGpu(reason) {
    this.moving ??= exclusive(async () => {
      const from = this.backend;
      const to = await fallbackBackend(this.measurements);
      await useBackend(this.tf, to);
      const old = this.model;
      this.model = await this.tf.loadLayersModel(this.tf.io.fromMemory(this.artifacts));
      try {
        old.dispose();  // only the engine's records: the data went with the context
      } catch { /* a lost context may refuse even that */ }
      Object.assign(this, {
        backend: to, latency: this.measurements?.[to] ?? null, source: "fallback", lastLatency: null,
        note: `${from} stopped working (${reason}), so the model moved to ${to}`,
      });
      this.events.dispatchEvent(new CustomEvent("backendchange", { detail: { from, to, reason } }));
    });
    return this.moving;
  }

  /**
   * True when a prediction takes longer than a frame here: it then runs layer by layer. The last
   * run's time says it best; before any run, the measured one; with neither (a backend chosen by
   * the author, or a fallback never timed) a run is taken as long: stepping a small model costs
   * next to nothing, running a big one whole freezes the page.
   */
  get long() {
    const ms = this.lastLatency ?? this.latency;
    return !Number.isFinite(ms) || ms > LONG_MS;
  }

  /** rows: an array of inputs (nested arrays) or one flat Float32Array; returns one Float32Array per row. */
  predict(rows) {
    // The loss event comes a task later; a prediction in between must not read zeros.
    if (this.backend === "webgl" && this.gl?.isContextLost()) this.#leaveGpu("its WebGL context was lost");
    const flat = toFloat32(rows);
    const count = flat.length / this.inputSize;
    if (!Number.isInteger(count) || count < 1) {
      return Promise.reject(new Error(`${this.name}: inputs of ${this.inputSize} numbers expected`));
    }
    // Nothing queued, backend active, synchronous read-back: run now, skipping the queue's hops.
    // A long prediction gives the page turns, and another widget could switch the backend in
    // one of them: it always holds the queue.
    if (idle() && !this.long && this.backend !== "webgpu" && this.tf.getBackend() === this.backend) {
      return Promise.resolve(this.run(flat, count));
    }
    return exclusive(async () => {
      await useBackend(this.tf, this.backend);
      return this.run(flat, count);
    });
  }

  async run(flat, count) {
    const started = performance.now();
    const x = this.tf.tensor(flat, [count, ...this.input.shape], "float32");
    try {
      const scores = await infer(this.tf, this.model, x, this.backend, { long: this.long });
      this.lastLatency = performance.now() - started;
      const width = scores.length / count;
      return Array.from({ length: count }, (_, i) => scores.subarray(i * width, (i + 1) * width));
    } finally {
      x.dispose();
    }
  }

  /** The top predictions for one input, best first: [{label, confidence, index}]. */
  async classify(input, top = this.labels.length) {
    const [scores] = await this.predict(toFloat32(input));
    return Array.from(scores, (confidence, index) => ({ label: this.labels[index], confidence, index }))
      .sort((a, b) => b.confidence - a.confidence)
      .slice(0, top);
  }
}

/** The fastest CPU backend as measured, or the first that starts here. */
async function fallbackBackend(measurements = {}) {
  const timed = (name) => (Number.isFinite(measurements[name]) ? measurements[name] : Infinity);
  for (const name of [...FALLBACKS].sort((a, b) => timed(a) - timed(b))) {
    if (await prepareBackend(name)) return name;
  }
  return "cpu";
}
