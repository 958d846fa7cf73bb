// talkbook's model runtime: load a frozen model by name and run it on the backend that
// is fastest for it on this device.
//
//   import { loadModel } from ".../assets/talkbook/<version>/models/runtime.js";
//   const colours = await loadModel("colours");          // or loadModel("colours", { backend: "wasm" })
//   colours.backend, colours.latency                     // chosen backend, its measured median (ms)
//   const [best] = await colours.classify([1, 0.5, 0]);  // {label, confidence, index}
import settings from "./settings.js";
import { cacheKey, chooseBackend, requestedBackend, supportedBackends } from "./backends.js";
import { fetchArtifacts, findModel, loadIndex } from "./catalog.js";
import { ModelHandle, infer } from "./handle.js";
import { exclusive, useBackend } from "./queue.js";
import { loadScript, loadTf, prepareBackend } from "./tfjs.js";

export { settings, exclusive, infer, loadIndex, loadTf, prepareBackend };

const SAMPLE_MS = 5;

export async function loadModel(name, { backend = "auto", indexUrl = settings.index } = {}) {
  const tf = await loadTf();
  const entry = await findModel(name, indexUrl);
  const { card, artifacts } = await fetchArtifacts(entry);
  // Weights are created on the CPU: loading on no backend at all would start TF.js's
  // favourite (WebGPU or WebGL) just to hold them, whatever the measurement picks later.
  const model = await exclusive(async () => {
    await prepareBackend("cpu");
    await useBackend(tf, "cpu");
    return tf.loadLayersModel(tf.io.fromMemory(artifacts));
  });
  const key = await cacheKey(entry.sha256);
  const { candidates, skipped } = await supportedBackends();
  const choice = await exclusive(() => chooseBackend({
    key,
    candidates,
    skipped,
    prepare: prepareBackend,
    requested: requestedBackend(backend),
    measure: (candidate) => timeModel(tf, model, candidate, entry.input.shape),
  }));
  const handle = new ModelHandle(tf, model, entry, card, choice, artifacts);
  // The weights are wherever the last measurement left them: bring them to the chosen
  // backend now rather than in the learner's first prediction.
  await handle.predict(new Float32Array(handle.inputSize));
  handle.lastLatency = null;
  return handle;
}

/** Median ms of a batch-1 prediction after one warm-up run; null where `backend` cannot run
 * (or takes over `giveUpMs` for one warm-up and three runs: a stuck GPU must not hang a page). */
export async function timeModel(tf, model, backend, shape, { giveUpMs = 20000, ...options } = {}) {
  let timer;
  const giveUp = new Promise((resolve) => {
    timer = setTimeout(() => {
      console.warn(`talkbook: ${backend} took over ${giveUpMs} ms to run the model; not using it`);
      resolve(null);
    }, giveUpMs);
  });
  try {
    return await Promise.race([measureOn(tf, model, backend, shape, options), giveUp]);
  } finally {
    clearTimeout(timer);
  }
}

async function measureOn(tf, model, backend, shape, { batch = 1, budgetMs = 400, maxRuns = 9 }) {
  if (!(await prepareBackend(backend))) return null;
  await useBackend(tf, backend);
  const input = tf.zeros([batch, ...shape]);
  const run = () => infer(tf, model, input, backend);
  // Browsers round performance.now() to 0.1 ms or coarser: a sample repeats the
  // prediction until it lasts SAMPLE_MS, so sub-millisecond models are still told apart.
  const sample = async () => {
    const started = performance.now();
    let count = 0;
    do {
      await run();
      count += 1;
    } while (performance.now() - started < SAMPLE_MS);
    return (performance.now() - started) / count;
  };
  try {
    await run();  // compiles shaders and moves the weights to this backend: not a typical call
    const times = [];
    const started = performance.now();
    while (times.length < maxRuns && (times.length < 3 || performance.now() - started < budgetMs)) times.push(await sample());
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
