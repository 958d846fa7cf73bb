// Which TF.js backend runs a given model fastest on this device.
//
// Not a fixed order: a software GPU (or a weak one) makes WebGL and WebGPU slower than
// WASM for small models, while a real GPU wins for large ones. Every backend the device
// supports is timed on the model itself, and the result is kept in localStorage per
// model (its weights' hash) and per device (user agent and GPU), so it is measured once.

export const BACKENDS = ["webgpu", "webgl", "wasm", "cpu"];
// WebGPU last: where it misbehaves it can take the page's WebGL down with it. WASM first:
// for a big model it is far faster than cpu, and a backend timed after a fast one is left
// as soon as it cannot win (runtime.js), which saves seconds of cpu runs.
const MEASURE_ORDER = ["wasm", "cpu", "webgl", "webgpu"];
const CACHE_PREFIX = "talkbook.models.backend.v1:";

/**
 * The backends worth timing here, and why any is left out. A WebGPU *fallback* adapter
 * (a software one such as SwiftShader, offered only behind flags) is skipped: TF.js on it
 * fails on some models ("createBuffer failed") and, once started, breaks WebGL for the
 * whole page in Chromium. `?backend=webgpu` still forces it.
 */
export async function supportedBackends() {
  const skipped = {};
  let adapter = null;
  try {
    adapter = await globalThis.navigator?.gpu?.requestAdapter();
  } catch { /* no WebGPU */ }
  if (!adapter) skipped.webgpu = "no WebGPU adapter";
  else if (adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter) skipped.webgpu = "software (fallback) adapter";
  return { candidates: MEASURE_ORDER.filter((name) => !(name in skipped)), skipped };
}

/** A backend forced by `?backend=wasm` in the page URL, else by the caller's option. */
export function requestedBackend(option) {
  const fromUrl = new URLSearchParams(globalThis.location?.search ?? "").get("backend");
  if (BACKENDS.includes(fromUrl)) return { backend: fromUrl, source: "url" };
  if (BACKENDS.includes(option)) return { backend: option, source: "option" };
  return null;
}

/** The name with the smallest finite latency; null when none ran. */
export function fastest(measurements) {
  let best = null;
  for (const [name, ms] of Object.entries(measurements)) {
    if (Number.isFinite(ms) && (best === null || ms < measurements[best])) best = name;
  }
  return best;
}

/**
 * measure(name, best) -> median latency in ms, null where the backend does not run, or
 * {skipped: reason} where it was left early; best is the smallest latency so far (or null);
 * prepare(name) -> whether a cached choice can start here.
 * Returns {backend, latency, measurements, source: "url"|"option"|"cache"|"measured", note?}.
 */
export async function chooseBackend({
  key, measure, requested = null, candidates = MEASURE_ORDER, skipped = {}, prepare = async () => true,
}) {
  let note = "";
  if (requested) {
    const latency = await measure(requested.backend);
    if (Number.isFinite(latency)) {
      return { backend: requested.backend, latency, measurements: { [requested.backend]: latency }, source: requested.source };
    }
    note = `${requested.backend} was asked for but does not run here`;
  }
  const cached = readCache(key);
  // The cached backend still has to start (load its script, init its device) on this page.
  if (cached && candidates.includes(cached.backend) && Number.isFinite(cached.latency) && (await prepare(cached.backend))) {
    return { ...cached, source: "cache", note };
  }
  const measurements = {};
  const left = { ...skipped };
  for (const name of candidates) {
    const result = await measure(name, measurements[fastest(measurements)] ?? null);
    if (result !== null && typeof result === "object") left[name] = result.skipped;
    else measurements[name] = result;
  }
  const backend = fastest(measurements);
  if (backend === null) throw new Error("no TensorFlow.js backend runs on this device");
  const choice = { backend, latency: measurements[backend], measurements, skipped: left, measuredAt: new Date().toISOString() };
  writeCache(key, choice);
  return { ...choice, source: "measured", note };
}

/** The cache key: the model's hash plus a fingerprint of browser and GPU. */
export async function cacheKey(modelHash) {
  const device = `${globalThis.navigator?.userAgent ?? ""} | ${await gpuDescription()}`;
  return `${CACHE_PREFIX}${modelHash}:${fnv1a(device)}`;
}

async function gpuDescription() {
  const parts = [];
  try {
    const gl = document.createElement("canvas").getContext("webgl2");
    const info = gl?.getExtension("WEBGL_debug_renderer_info");
    if (info) parts.push(gl.getParameter(info.UNMASKED_RENDERER_WEBGL));
    gl?.getExtension("WEBGL_lose_context")?.loseContext();  // contexts are few: give it back
  } catch { /* no WebGL: nothing to describe */ }
  try {
    const adapter = await globalThis.navigator?.gpu?.requestAdapter();
    const info = adapter?.info;
    if (info) parts.push([info.vendor, info.architecture, info.device, info.description].join(" "));
  } catch { /* no WebGPU */ }
  return parts.join(" | ");
}

function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, "0");
}

// localStorage throws where storage is blocked (sandboxed frames, some privacy modes):
// then the choice is simply measured again next time.
function readCache(key) {
  try {
    return JSON.parse(globalThis.localStorage?.getItem(key) ?? "null");
  } catch {
    return null;
  }
}

function writeCache(key, value) {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(value));
  } catch { /* see readCache */ }
}
