"""Benchmark the ImageNet classifier (efficientnet-lite0) in Chromium (not a test).

For each TF.js backend (cpu, wasm, webgl, webgpu), in a fresh browser context (empty HTTP
cache), on the built course served locally:
  * cold: from the moment the page asks for TF.js to the first classification's scores,
    split into getting ready (TF.js, the backend, the 9.4 MB model fetched and parsed) and the
    first prediction (shader compiles, weight uploads);
  * warm: batch-1 latency once warmed up, median of --runs samples;
  * the longest main-thread task during one warm classification (Chromium's Long Tasks API
    reports tasks of 50 ms and more; "< 50 ms" means none was reported);
  * both for model.predict in one call and for what the photo widget runs (layer by layer,
    giving the page a turn every 12 ms), side by side in the same page.
Ratios are against wasm, run side by side. Also prints the model's download, uint16 against
the float32 export, from the model card (the recipe measured both).

    .venv/bin/python -m benchmarks.imagenet_bench [--runs 5] [--backends cpu wasm] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import add_json_argument, finish  # noqa: E402
from benchmarks.figures import longest_task  # noqa: E402
from benchmarks.models_browser_bench import SAMPLER, describe_machine, fmt, in_fresh_page  # noqa: E402
from talkbook import __version__  # noqa: E402
from tests.browser.conftest import CHROMIUM, LAUNCH_ARGS  # noqa: E402
from tests.support.sites import serve_built  # noqa: E402

RUNTIME = f"assets/talkbook/{__version__}/models/runtime.js"
MODEL = "assets/models/efficientnet-lite0/model.json"
BACKENDS = ["cpu", "wasm", "webgl", "webgpu"]  # webgpu last: on a software adapter it can break WebGL
GIVE_UP_S = 180  # WebGPU on a software adapter may not finish at all

CLASSIFY = SAMPLER + """
const giveUp = new Promise((resolve) => setTimeout(() => resolve({ timed_out: true }), args.giveUpMs));
return Promise.race([giveUp, (async ({ runtime, model: modelUrl, backend, runs }) => {
  const started = performance.now();
  const { loadTf, prepareBackend, infer } = await import(new URL(runtime, document.baseURI).href);
  const tf = await loadTf();
  if (!(await prepareBackend(backend))) return null;
  await tf.setBackend(backend);
  const model = await tf.loadLayersModel(new URL(modelUrl, document.baseURI).href);
  const ready = performance.now();
  const input = tf.randomUniform([1, 224, 224, 3], -1, 1);
  // Two ways to run one classification: model.predict in one call, and what the photo widget
  // runs (infer with long: layer by layer, giving the page a turn every 12 ms).
  const ways = {
    predict: async () => {
      const scores = model.predict(input);
      const values = await scores.data();
      scores.dispose();
      return values;
    },
    widget: () => infer(tf, model, input, backend, { long: true }),
  };
  await ways.predict();
  const first = performance.now();
  const out = { ready_ms: ready - started, first_ms: first - ready, cold_ms: first - started };
  for (const [name, classify] of Object.entries(ways)) {
    const warm = await timeIt(classify, runs);
    out[name] = { warm, longest_task_ms: await longestTask(classify) };
  }
  return out;
})(args)]);

// The longest main-thread task during one classification, in a task of its own: on cpu and
// wasm the awaits of a timing loop resolve without leaving the task, so let that task end
// (its long-task entry goes to nobody) before observing.
async function longestTask(classify) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  });
  observer.observe({ type: "longtask", buffered: false });
  await new Promise((resolve) => setTimeout(resolve, 0));
  await classify();
  await new Promise((resolve) => setTimeout(resolve, 100));  // long-task entries are delivered late
  observer.disconnect();
  return longest;
}
"""


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="warm samples per backend (median)")
    parser.add_argument("--backends", nargs="+", choices=BACKENDS, default=BACKENDS)
    add_json_argument(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    from playwright.sync_api import sync_playwright

    result: dict = {"runs": args.runs}
    with (tempfile.TemporaryDirectory() as scratch,
          serve_built(ROOT / "mkdocs.yml", Path(scratch) / "site", isolated=True) as url):
        card = json.loads((Path(scratch) / "site/assets/models/efficientnet-lite0/card.json").read_text())
        result["bytes"] = download_sizes(card)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            result["machine"] = describe_machine(browser, url)
            print(result["machine"])
            result["backends"] = {
                backend: in_fresh_page(browser, url, CLASSIFY, {"runtime": RUNTIME, "model": MODEL, "backend": backend,
                                                      "runs": args.runs, "giveUpMs": GIVE_UP_S * 1000})
                for backend in [b for b in BACKENDS if b in args.backends]
            }
            browser.close()
    report(result)
    return finish(result, args.json)


def download_sizes(card: dict) -> dict:
    options = card["reference"]["options"]
    shipped = sum(entry["bytes"] for name, entry in card["files"].items() if name.endswith(".bin"))
    return {"shipped": card["reference"]["shipped"], "weights": shipped,
            "float32_weights": options["float32"]["weight_bytes"],
            "shipped_vs_float32": shipped / options["float32"]["weight_bytes"],
            "options": {name: option["weight_bytes"] for name, option in options.items()}}


def report(result: dict) -> None:
    sizes = result["bytes"]
    print(f"\nweights: {sizes['weights'] / 1e6:.1f} MB {sizes['shipped']} vs "
          f"{sizes['float32_weights'] / 1e6:.1f} MB float32 = {sizes['shipped_vs_float32']:.2f}x")
    wasm = result["backends"].get("wasm")
    baseline = wasm if wasm and not wasm.get("timed_out") else None  # the ratios need a finished wasm run
    print(f"\n{'backend':<7} {'cold':>10} {'(ready':>10} {'+ first)':>10} {'warm':>10} {'warm/wasm':>10} "
          f"{'longest task':>13} {'widget warm':>12} {'widget longest':>15}")
    for backend, timing in result["backends"].items():
        if timing is None or timing.get("timed_out"):
            print(f"{backend:<7} {'unavailable' if timing is None else f'not done in {GIVE_UP_S} s':>10}")
            continue
        warm = timing["predict"]["warm"]["median"]
        versus = f"{warm / baseline['predict']['warm']['median']:.1f}x" if baseline else "n/a"
        print(f"{backend:<7} {fmt(timing['cold_ms']):>10} {fmt(timing['ready_ms']):>10} {fmt(timing['first_ms']):>10} "
              f"{fmt(warm):>10} {versus:>10} {longest_task(timing['predict']):>13} "
              f"{fmt(timing['widget']['warm']['median']):>12} {longest_task(timing['widget']):>15}")


if __name__ == "__main__":
    main()
