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
import { LONG_MS, ModelHandle, infer } from "./handle.js";
import { exclusive, useBackend } from "./queue.js";
import { Stopped, giveTurn } from "./stepped.js";
import { loadScript, loadTf, prepareBackend } from "./tfjs.js";

export { settings, exclusive, infer, loadIndex, loadTf, prepareBackend };

const SAMPLE_MS = 5;

/**
 * onProgress({stage, loaded, total}) follows the loading: stage "download" with bytes of
 * the model's files so far and in all, then "measure" while the backends are timed.
 */
export async function loadModel(name, { backend = "auto", indexUrl = settings.index, onProgress = () => {} } = {}) {
  const tf = await loadTf();
  const entry = await findModel(name, indexUrl);
  const { card, artifacts } = await fetchArtifacts(entry, { onProgress: (bytes) => onProgress({ stage: "download", ...bytes }) });
  onProgress({ stage: "measure" });
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
    measure: (candidate, best) => timeModel(tf, model, candidate, entry.input.shape, { best }),
  }));
  const handle = new ModelHandle(tf, model, entry, card, choice, artifacts);
  // The weights are wherever the last measurement left them: bring them to the chosen
  // backend now rather than in the learner's first prediction.
  await handle.predict(new Float32Array(handle.inputSize));
  handle.lastLatency = null;
  return handle;
}

/**
 * Median ms of a batch-1 prediction after one warm-up run; null where `backend` cannot run
 * (or takes over `giveUpMs` in all: a stuck GPU must not hang a page); {skipped: reason}
 * where it was left early because it cannot beat `best`, the fastest latency so far.
 */
export async function timeModel(tf, model, backend, shape, { giveUpMs = 20000, best = null, ...options } = {}) {
  let timer;
  const deadline = { passed: false };
  const giveUp = new Promise((resolve) => {
    timer = setTimeout(() => {
      deadline.passed = true;  // the measurement stops at its next turn instead of running on
      console.warn(`talkbook: ${backend} took over ${giveUpMs} ms to run the model; not using it`);
      resolve(null);
    }, giveUpMs);
  });
  try {
    return await Promise.race([measureOn(tf, model, backend, shape, { ...options, best, deadline }), giveUp]);
  } finally {
    clearTimeout(timer);
  }
}

// A big model: the warm-up (shader compilation, weight upload) and every run are done layer
// by layer, so the page stays responsive while it is measured, and a backend that cannot
// win is left early. EfficientNet-Lite0 in auto mode took 15 s here, the page frozen
// throughout, when every backend ran a warm-up and three full samples in single calls.
const WARM_UP_CAP_MS = 5000;  // ... or 50 times the best latency so far, if more
const CANNOT_WIN = 2;          // a first run this many times slower than the best ends the measurement
const DRAIN_MS = 10000;        // the longest wait for a GPU to finish what a measurement left queued

async function measureOn(tf, model, backend, shape, {
  batch = 1, budgetMs = 400, maxRuns = 9, warmUpCapMs = WARM_UP_CAP_MS, best, deadline,
}) {
  if (!(await prepareBackend(backend))) return null;
  await useBackend(tf, backend);
  const input = tf.zeros([batch, ...shape]);
  const started = performance.now();
  const beaten = Number.isFinite(best);
  const warmUpCap = beaten ? Math.max(warmUpCapMs, 50 * best) : Infinity;
  const run = (long, shouldStop = () => deadline.passed) => infer(tf, model, input, backend, { long, shouldStop });
  try {
    // Compiles shaders and moves the weights to this backend: not a typical call. A GPU
    // backend may have queued every layer in time and still be computing: the wait for its
    // result is cut at the cap too (the work left runs out on the GPU, then is dropped).
    const tooLong = () => deadline.passed || performance.now() - started > warmUpCap;
    await stopWhen(Promise.resolve(run(true, tooLong)), tooLong);
    if (deadline.passed) return null;
    const probe = await timed(() => run(true));
    if (beaten && probe > CANNOT_WIN * best) return probe;
    // Timed the way the handle will run it: layer by layer when long, else in one call.
    const long = probe > LONG_MS;
    const times = long ? [probe] : [];
    const sampling = performance.now();
    while (times.length < maxRuns && (times.length < 3 || performance.now() - sampling < budgetMs)) {
      times.push(await sample(() => run(long)));
      await giveTurn();
      if (deadline.passed) return null;
    }
    return median(times);
  } catch (error) {
    if (error instanceof Stopped) {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      return deadline.passed ? null : { skipped: `its first run took over ${seconds} s` };
    }
    console.warn(`talkbook: ${backend} failed to run the model:`, error);
    return null;
  } finally {
    input.dispose();
    await drainGpu(tf, backend);
  }
}

/**
 * Waits, without blocking the page, until the GPU has done the work queued on WebGL. After a
 * warm-up cut short the GPU still computes for seconds, and the next synchronous WebGL call
 * (a shader's link status, say) waited for all of it: a 1.0-1.7 s task here.
 */
async function drainGpu(tf, backend) {
  const gpgpu = backend === "webgl" ? tf.findBackend("webgl")?.gpgpu : null;
  if (!gpgpu?.createAndWaitForFence) return;
  let timer;
  const enough = new Promise((resolve) => { timer = setTimeout(resolve, DRAIN_MS); });
  await Promise.race([gpgpu.createAndWaitForFence(), enough]).finally(() => clearTimeout(timer));
}

/** `task`, unless check() turns true first (looked at every 100 ms): then a Stopped error. */
function stopWhen(task, check) {
  return new Promise((resolve, reject) => {
    let timer;
    const look = () => {
      if (check()) reject(new Stopped());
      else timer = setTimeout(look, 100);
    };
    task.then(resolve, reject).finally(() => clearTimeout(timer));
    look();
  });
}

async function timed(task) {
  const started = performance.now();
  await task();
  return performance.now() - started;
}

// Browsers round performance.now() to 0.1 ms or coarser: a sample repeats the
// prediction until it lasts SAMPLE_MS, so sub-millisecond models are still told apart.
async function sample(run) {
  const started = performance.now();
  let count = 0;
  do {
    await run();
    count += 1;
  } while (performance.now() - started < SAMPLE_MS);
  return (performance.now() - started) / count;
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
