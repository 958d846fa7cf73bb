"""Benchmark the course models in Chromium (not a test).

Prints, for `colours` and `digits`:
  * inference latency per TF.js backend (cpu, wasm, webgl, webgpu) at batch 1 and batch 1024,
    timed in the page on a prepared tensor (the runtime's infer(): predict + read back),
    median of --runs samples;
  * the colour task through talkbook's runtime (`model.classify`) against ml5's
    `neuralNetwork.classify` (trained in the page on the same colours), on the same backend,
    as a ratio ml5 / talkbook. Target: >= 2.

Each backend runs in its own browser context: WebGPU on a software adapter breaks WebGL
for the page, and ml5 bundles a TF.js of its own.

    .venv/bin/python -m benchmarks.models_browser_bench [--runs 7] [--json out.json]
"""

from __future__ import annotations

import argparse
import logging
import platform
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import add_json_argument, finish, ratio  # noqa: E402
from talkbook import __version__  # noqa: E402
from tests.browser.conftest import CHROMIUM, LAUNCH_ARGS  # noqa: E402
from tests.support.sites import serve_built  # noqa: E402

RUNTIME = f"assets/talkbook/{__version__}/models/runtime.js"
BACKENDS = ["cpu", "wasm", "webgl", "webgpu"]  # webgpu last: see above
ML5_BACKENDS = ["cpu", "webgl"]  # ml5 has no wasm backend; webgpu crashes its training here
MODELS = ["colours", "digits"]
BATCHES = [1, 1024]

# Median of `runs` samples; a sample repeats the call until it lasts >= 20 ms, since the
# browser rounds performance.now() to 0.1 ms (without cross-origin isolation).
SAMPLER = """
const sampleMs = 20;
function summarize(samples) {
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], min: samples[0], max: samples[samples.length - 1],
           runs: samples.length };
}
async function timeIt(call, runs) {
  await call(); await call();  // warm-up: shaders, weight upload, JIT
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    let count = 0;
    do { await call(); count += 1; } while (performance.now() - started < sampleMs);
    samples.push((performance.now() - started) / count);
  }
  return summarize(samples);
}
"""

INFERENCE = SAMPLER + """
return (async ({ runtime, name, backend, batches, runs }) => {
  const { loadModel, infer } = await import(new URL(runtime, document.baseURI).href);
  const model = await loadModel(name, { backend });
  if (model.backend !== backend) return null;
  const tf = model.tf;
  const out = {};
  for (const batch of batches) {
    const input = tf.randomUniform([batch, ...model.input.shape]);
    out[batch] = await timeIt(() => infer(tf, model.model, input, backend), runs);  // what the widgets run
    input.dispose();
  }
  return out;
})(args);
"""

# The colour task both ways, in one page, samples alternating so that machine noise hits
# both alike. ml5's network is trained in the page on random colours named by their nearest
# prototype (the talkbook model's own labels for the prototypes, from examples.json).
COLOUR_TASK = SAMPLER + """
return (async ({ runtime, backend, runs, examples }) => {
  const rgb = Array.from({ length: 1024 }, (_, i) => [(i * 37 % 256) / 255, (i * 91 % 256) / 255, (i * 53 % 256) / 255]);
  const { loadModel, loadMl5 } = await import(new URL(runtime, document.baseURI).href);
  const model = await loadModel("colours", { backend });
  const ml5 = await loadMl5({ backend });
  if (model.backend !== backend || ml5.tf.getBackend() !== backend) return null;
  const prototypes = examples.inputs.slice(0, 11);
  const nearest = (c) => examples.labels[prototypes.map((p) => p.reduce((s, v, k) => s + (v - c[k]) ** 2, 0))
    .reduce((best, d, i, all) => (d < all[best] ? i : best), 0)];
  const asInputs = (c) => ({ r: c[0] * 255, g: c[1] * 255, b: c[2] * 255 });
  const nn = ml5.neuralNetwork({ task: "classification" });
  for (const c of rgb.slice(0, 512)) nn.addData(asInputs(c), { color: nearest(c) });
  nn.normalizeData();
  await nn.train({ epochs: 8, batchSize: 64 }, () => {});  // ml5 1.4 hangs on options without a callback
  const calls = {
    talkbook: { 1: () => model.classify(rgb[0]), 1024: () => model.predict(rgb) },
    // classifyMultiple takes positional rows ([r, g, b]), not objects.
    ml5: { 1: () => nn.classify(asInputs(rgb[0])), 1024: () => nn.classifyMultiple(rgb.map((c) => c.map((v) => v * 255))) },
  };
  const out = { talkbook: {}, ml5: {} };
  for (const batch of [1, 1024]) {
    const samples = { talkbook: [], ml5: [] };
    for (let i = 0; i < runs; i += 1) {
      for (const who of ["talkbook", "ml5"]) samples[who].push((await timeIt(calls[who][batch], 1)).median);
    }
    for (const who of ["talkbook", "ml5"]) out[who][batch] = summarize(samples[who]);
  }
  return out;
})(args);
"""


def in_fresh_page(browser, url: str, script: str, args: dict):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        return page.evaluate(f"(args) => {{ {script} }}", args)
    finally:
        context.close()


def describe_machine(browser, url: str) -> str:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    renderer = page.evaluate("""() => { const gl = document.createElement("canvas").getContext("webgl2");
        const info = gl && gl.getExtension("WEBGL_debug_renderer_info");
        return info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : "no WebGL"; }""")
    context.close()
    return (f"{platform.machine()} Linux, {platform.python_implementation()} {platform.python_version()}, "
            f"Chromium {browser.version}, WebGL renderer: {renderer}")


def fmt(value) -> str:
    return "n/a" if value is None else f"{value:.3f} ms" if value < 10 else f"{value:.1f} ms"


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="samples per figure (median)")
    parser.add_argument("--only", choices=("backends", "ml5"), help="just one of the two parts")
    parser.add_argument("--backends", nargs="+", choices=BACKENDS, default=BACKENDS, help="TF.js backends to time")
    parser.add_argument("--ml5-backends", nargs="+", choices=ML5_BACKENDS, default=ML5_BACKENDS)
    add_json_argument(parser)
    args = parser.parse_args(argv)
    result: dict = {"runs": args.runs}
    logging.basicConfig(level=logging.WARNING)  # so that a failed build of the course says why
    from playwright.sync_api import sync_playwright
    import json

    # Isolated, as the tests serve it: otherwise the cells' coi-serviceworker reloads each page once.
    with (tempfile.TemporaryDirectory() as scratch,
          serve_built(ROOT / "mkdocs.yml", Path(scratch) / "site", isolated=True) as url):
        examples = json.loads((Path(scratch) / "site/assets/models/colours/examples.json").read_text())
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            result["machine"] = describe_machine(browser, url)
            print(result["machine"])
            if args.only != "ml5":
                result["inference_ms"] = bench_backends(browser, url, args.runs, args.backends)
            if args.only != "backends":
                result["colour_task_ms"] = bench_ml5(browser, url, args.runs, examples, args.ml5_backends)
            browser.close()
    return finish(result, args.json)


def bench_backends(browser, url: str, runs: int, backends: list[str]) -> dict:
    """{model: {backend: {batch: summary of ms} or None where the backend is unavailable}}"""
    result: dict = {}
    print(f"median of {runs} samples per figure; predict + read back, on a prepared tensor\n")
    print(f"{'model':<8} {'backend':<7} {'batch 1':>11} {'batch 1024':>11} {'per item @1024':>15}")
    for name in MODELS:
        result[name] = {}
        for backend in [b for b in BACKENDS if b in backends]:  # webgpu last: see above
            args = {"runtime": RUNTIME, "name": name, "backend": backend, "batches": BATCHES, "runs": runs}
            timings = result[name][backend] = in_fresh_page(browser, url, INFERENCE, args)
            if timings is None:
                print(f"{name:<8} {backend:<7} {'unavailable':>11}")
                continue
            one, many = timings["1"]["median"], timings["1024"]["median"]
            print(f"{name:<8} {backend:<7} {fmt(one):>11} {fmt(many):>11} {fmt(many / 1024):>15}")
    return result


def bench_ml5(browser, url: str, runs: int, examples: dict, backends: list[str]) -> dict:
    """{backend: {"talkbook"|"ml5": {batch: summary of ms}, "ml5_vs_talkbook": {batch: ratio}}}"""
    result: dict = {}
    print("\ncolour task, classify one colour / 1024 colours (ml5: classify / classifyMultiple)")
    for backend in backends:
        args = {"runtime": RUNTIME, "backend": backend, "runs": runs, "examples": examples}
        timings = in_fresh_page(browser, url, COLOUR_TASK, args)
        ours, theirs = timings["talkbook"], timings["ml5"]
        timings["ml5_vs_talkbook"] = {batch: ratio(theirs[batch], ours[batch]) for batch in ("1", "1024")}
        result[backend] = timings
        for batch in ("1", "1024"):
            print(f"  {backend:<6} batch {batch:>4}: talkbook {fmt(ours[batch]['median']):>10}, "
                  f"ml5 {fmt(theirs[batch]['median']):>10}, ml5 / talkbook = {timings['ml5_vs_talkbook'][batch]:.1f}x")
    return result


if __name__ == "__main__":
    main()
