// talkbook's model runtime: load a frozen model by name and run it on the backend that
// is fastest for it on this device.
//
//   import { loadModel } from ".../assets/talkbook/<version>/models/runtime.js";
//   const colours = await loadModel("colours");          // or loadModel("colours", { backend: "wasm" })
//   colours.backend, colours.latency                     // chosen backend, its measured median (ms)
//   const [best] = await colours.classify([1, 0.5, 0]);  // {label, confidence, index}
import settings from "./settings.js";
import { cacheKey, chooseBackend, requestedBackend } from "./backends.js";
import { fetchArtifacts, findModel, loadIndex } from "./catalog.js";
import { loadScript, loadTf, prepareBackend } from "./tfjs.js";

export { settings, loadIndex, loadTf, prepareBackend };

// TF.js has one active backend per page. Widgets using different backends take turns:
// each task sets its backend and finishes (awaits included) before the next one starts.
let queue = Promise.resolve();
export function exclusive(task) {
  const run = queue.then(task, task);
  queue = run.catch(() => {});
  return run;
}

export async function loadModel(name, { backend = "auto", indexUrl = settings.index } = {}) {
  const tf = await loadTf();
  const entry = await findModel(name, indexUrl);
  const { card, artifacts } = await fetchArtifacts(entry);
  const model = await exclusive(() => tf.loadLayersModel(tf.io.fromMemory(artifacts)));
  const key = await cacheKey(entry.sha256);
  const choice = await exclusive(() => chooseBackend({
    key,
    requested: requestedBackend(backend),
    measure: (candidate) => timeModel(tf, model, candidate, entry.input.shape),
  }));
  return new ModelHandle(tf, model, entry, card, choice);
}

/** Median ms of a batch-1 prediction after one warm-up run; null where `backend` cannot run. */
export async function timeModel(tf, model, backend, shape, { batch = 1, budgetMs = 400, maxRuns = 9 } = {}) {
  if (!(await prepareBackend(backend))) return null;
  await tf.setBackend(backend);
  const input = tf.zeros([batch, ...shape]);
  const once = async () => {
    const started = performance.now();
    const output = model.predict(input);
    await output.data();
    output.dispose();
    return performance.now() - started;
  };
  try {
    await once();  // compiles shaders and moves the weights to this backend: not a typical call
    const times = [];
    const started = performance.now();
    while (times.length < maxRuns && (times.length < 3 || performance.now() - started < budgetMs)) times.push(await once());
    return median(times);
  } catch (error) {
    console.warn(`talkbook: ${backend} failed to run the model:`, error);
    return null;
  } finally {
    input.dispose();
  }
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

class ModelHandle {
  constructor(tf, model, entry, card, choice) {
    Object.assign(this, { tf, model, entry, card, name: entry.name, labels: entry.labels, input: entry.input });
    Object.assign(this, choice);  // backend, latency, measurements, source, note
    this.lastLatency = null;
  }

  /** rows: an array of inputs (nested arrays) or one flat Float32Array; returns one Float32Array per row. */
  predict(rows) {
    const size = this.input.shape.reduce((a, b) => a * b, 1);
    const flat = rows instanceof Float32Array ? rows : Float32Array.from(rows.flat(Infinity));
    const count = flat.length / size;
    if (!Number.isInteger(count) || count < 1) throw new Error(`${this.name}: inputs of ${size} numbers expected`);
    return exclusive(async () => {
      await this.tf.setBackend(this.backend);
      const started = performance.now();
      const x = this.tf.tensor(flat, [count, ...this.input.shape], "float32");
      const y = this.model.predict(x);
      const scores = await y.data();
      x.dispose();
      y.dispose();
      this.lastLatency = performance.now() - started;
      const width = scores.length / count;
      return Array.from({ length: count }, (_, i) => scores.slice(i * width, (i + 1) * width));
    });
  }

  /** The top predictions for one input, best first: [{label, confidence, index}]. */
  async classify(input, top = this.labels.length) {
    const [scores] = await this.predict([input]);
    return Array.from(scores, (confidence, index) => ({ label: this.labels[index], confidence, index }))
      .sort((a, b) => b.confidence - a.confidence)
      .slice(0, top);
  }
}

/** ml5 1.x, self-hosted; 4.5 MB, so only fetched when asked for. */
export async function loadMl5({ backend = "webgl" } = {}) {
  await loadScript(settings.ml5);
  const { ml5 } = globalThis;
  // ml5 bundles its own TF.js and would pick WebGPU where it exists; its training crashes
  // there, so the backend is always set, falling back to cpu where `backend` cannot start.
  const ok = await ml5.tf.setBackend(backend).catch(() => false);
  if (!ok) await ml5.tf.setBackend("cpu");
  await ml5.tf.ready();
  return ml5;
}
