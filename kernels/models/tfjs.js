// TF.js, self-hosted and fetched only when a model is first needed.
//
// The UMD builds are used on purpose: tf.min.js defines the global `tf`, and the wasm and
// webgpu backends extend that same global when their scripts load. The ES module builds
// import "@tensorflow/tfjs-core" by bare name, which needs an import map, and the deck
// page already has one (a page gets one).
import settings from "./settings.js";

const scripts = new Map();
const backends = new Map();
let core = null;

/** Add a classic <script> once; resolves when it ran. A failed load may be retried. */
export function loadScript(url) {
  if (!scripts.has(url)) {
    scripts.set(url, new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.onload = () => resolve();
      script.onerror = () => {
        scripts.delete(url);
        script.remove();
        reject(new Error(`could not load ${url}`));
      };
      document.head.append(script);
    }));
  }
  return scripts.get(url);
}

/** The global `tf` (cpu and webgl backends built in). */
export function loadTf() {
  core ??= loadScript(settings.tfjs).then(() => globalThis.tf, (error) => {
    core = null;
    throw error;
  });
  return core;
}

/** Load and initialise one backend; false where this device cannot run it. */
export async function prepareBackend(name) {
  const tf = await loadTf();
  if (!backends.has(name)) backends.set(name, initialise(tf, name));
  return backends.get(name);
}

async function initialise(tf, name) {
  try {
    if (name === "wasm") {
      if (typeof WebAssembly !== "object") return false;
      await loadScript(settings.wasm);
      // Before the backend starts: it fetches the .wasm variant this browser supports
      // (plain, SIMD, or threaded SIMD when the page is cross-origin isolated) from here.
      tf.wasm.setWasmPaths(settings.wasmDir);
    } else if (name === "webgpu") {
      if (!globalThis.navigator?.gpu || !(await navigator.gpu.requestAdapter())) return false;
      await loadScript(settings.webgpu);
    }
    if (!tf.findBackendFactory(name)) return false;
    // Leaves `name` active; every caller sets the backend it needs before its own ops.
    return await tf.setBackend(name);
  } catch (error) {
    console.warn(`talkbook: the ${name} backend is unavailable here:`, error);
    return false;
  }
}
