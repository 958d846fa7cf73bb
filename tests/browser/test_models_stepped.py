"""A big model runs layer by layer (kernels/models/stepped.js) so the page stays responsive, with
model.predict's result; and measuring backends leaves one that cannot win early (runtime.js)."""

from __future__ import annotations

import re

import pytest

from tests.support.imagenet import MODEL, RUNTIME, labels, write_models_site
from tests.support.sites import serve_built

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def models_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("stepped")
    with serve_built(write_models_site(root, docs={"index.md": "# Home\n"}), root / "site") as url:
        yield url


STEPPED_PARITY = """async ({ runtime, name, backend }) => {
  const { loadModel } = await import(new URL(runtime + "runtime.js", document.baseURI).href);
  const { infer } = await import(new URL(runtime + "handle.js", document.baseURI).href);
  const { planOf, runPlan } = await import(new URL(runtime + "stepped.js", document.baseURI).href);
  const model = await loadModel(name, { backend });
  const tf = model.tf;
  const x = tf.randomUniform([2, ...model.input.shape], -1, 1, "float32", 7);
  const before = tf.memory().numTensors;
  const reference = model.model.predict(x);
  const expected = await reference.data();
  reference.dispose();
  const stepped = await infer(tf, model.model, x, backend, { long: true });
  let turns = 0;
  (await runPlan(tf, planOf(model.model), x, { sliceMs: -1, shouldStop: () => { turns += 1; return false; } })).dispose();
  const leaked = tf.memory().numTensors - before;
  x.dispose();
  let diff = 0;
  for (let i = 0; i < expected.length; i += 1) diff = Math.max(diff, Math.abs(expected[i] - stepped[i]));
  return { diff, size: stepped.length, turns, layers: model.model.layers.length, leaked };
}"""


@pytest.mark.parametrize("name", sorted({"digits-ml5", MODEL}))
@pytest.mark.parametrize("backend", ["cpu", "wasm", "webgl"])
def test_layer_by_layer_gives_model_predict_s_result(page, models_url, name, backend):
    page.goto(models_url)
    result = page.evaluate(STEPPED_PARITY, {"runtime": RUNTIME, "name": name, "backend": backend})
    assert result["size"] == 2 * len(labels(name))
    assert result["diff"] <= 1e-5, result
    assert result["turns"] == result["layers"] - 1  # a turn after every layer but the input
    assert result["leaked"] == 0
    assert page.console_errors == []


SEQUENTIAL_PARITY = """async ({ runtime }) => {
  const { loadTf, prepareBackend } = await import(new URL(runtime + "runtime.js", document.baseURI).href);
  const { planOf, runPlan } = await import(new URL(runtime + "stepped.js", document.baseURI).href);
  const tf = await loadTf();
  await prepareBackend("cpu");
  await tf.setBackend("cpu");
  const model = tf.sequential({ layers: [
    tf.layers.conv2d({ inputShape: [16, 16, 3], filters: 4, kernelSize: 3, activation: "relu", kernelInitializer: "glorotUniform" }),
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.batchNormalization(),
    tf.layers.flatten(),
    tf.layers.dropout({ rate: 0.5 }),
    tf.layers.dense({ units: 5, activation: "softmax" }),
  ] });
  const x = tf.randomUniform([3, 16, 16, 3], -1, 1, "float32", 3);
  const expected = model.predict(x).dataSync();
  const y = await runPlan(tf, planOf(model), x, { sliceMs: -1 });
  const stepped = y.dataSync();
  y.dispose();
  let diff = 0;
  for (let i = 0; i < expected.length; i += 1) diff = Math.max(diff, Math.abs(expected[i] - stepped[i]));
  return { diff, size: stepped.length, steps: planOf(model).steps.length };
}"""


def test_layer_by_layer_also_runs_a_sequential_model(page, models_url):
    page.goto(models_url)
    result = page.evaluate(SEQUENTIAL_PARITY, {"runtime": RUNTIME})
    assert (result["size"], result["steps"]) == (15, 6) and result["diff"] <= 1e-6, result


RESPONSIVE = """async ({ runtime, name, untimed }) => {
  const { loadModel } = await import(new URL(runtime + "runtime.js", document.baseURI).href);
  const model = await loadModel(name, { backend: "cpu" });
  if (untimed) model.latency = null;  // as after a fallback to a backend that was never timed
  const long = model.long;
  const tasks = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((t) => t.duration)));
  observer.observe({ type: "longtask" });
  let frames = 0, counting = true;
  const frame = () => { frames += 1; if (counting) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  const started = performance.now();
  await model.classify(new Float32Array(model.inputSize).fill(0.2), 5);
  const ms = performance.now() - started;
  counting = false;
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  return { ms, frames, longest: Math.max(0, ...tasks), long };
}"""


@pytest.mark.parametrize("untimed", [False, True], ids=["measured", "never-timed"])
def test_a_big_model_on_cpu_leaves_the_page_responsive(page, models_url, untimed):
    """One prediction was one ~1 s task on cpu; layer by layer, the longest task is one layer. A
    backend with no time yet (a WebGL fallback never measured) is stepped too: it may be slow."""
    page.goto(models_url)
    result = page.evaluate(RESPONSIVE, {"runtime": RUNTIME, "name": MODEL, "untimed": untimed})
    assert result["long"] is True
    assert result["longest"] < result["ms"] / 2, result
    assert result["frames"] >= 3, result


LEFT_EARLY = """async ({ runtime, name }) => {
  const { loadModel, timeModel, exclusive } = await import(new URL(runtime + "runtime.js", document.baseURI).href);
  const { chooseBackend } = await import(new URL(runtime + "backends.js", document.baseURI).href);
  const calls = [];
  const timings = { wasm: 50, cpu: 1000, webgl: { skipped: "its first run took over 5.0 s" } };
  const choice = await chooseBackend({ key: "left-early", candidates: Object.keys(timings), skipped: { webgpu: "software" },
    measure: async (backend, best) => { calls.push([backend, best]); return timings[backend]; } });
  const model = await loadModel(name, { backend: "wasm" });
  const last = model.model.layers.at(-1);  // applied once per whole run: counts the runs
  const apply = last.apply.bind(last);
  let runs = 0;
  last.apply = (...args) => { runs += 1; return apply(...args); };
  const time = async (options) => {
    runs = 0;
    const result = await exclusive(() => timeModel(model.tf, model.model, "cpu", model.input.shape, options));
    return { result, runs };
  };
  const cut = await time({ best: 1, warmUpCapMs: 50 });        // its warm-up outlasts the cap
  const beaten = await time({ best: 1 });                      // its first timed run is > 2x the best
  const full = await time({});                                 // nothing to beat: warm-up and 3 samples
  const [after] = await model.classify(new Float32Array(model.inputSize), 1);  // the model still runs
  return { calls, choice, cut, beaten, full, after: after.label };
}"""


def test_a_backend_that_cannot_win_is_left_early(page, models_url):
    page.goto(models_url)
    result = page.evaluate(LEFT_EARLY, {"runtime": RUNTIME, "name": MODEL})
    assert result["calls"] == [["wasm", None], ["cpu", 50], ["webgl", 50]]  # each told the best so far
    assert result["choice"]["backend"] == "wasm" and "webgl" not in result["choice"]["measurements"]
    assert result["choice"]["skipped"] == {"webgpu": "software", "webgl": "its first run took over 5.0 s"}
    assert re.fullmatch(r"its first run took over [\d.]+ s", result["cut"]["result"]["skipped"])
    # Milliseconds (a whole number arrives from the page as an int).
    assert all(type(result[key]["result"]) in (int, float) for key in ("beaten", "full")), result
    # Left early: a warm-up and one run, where a full measurement takes a warm-up and three.
    assert (result["cut"]["runs"], result["beaten"]["runs"], result["full"]["runs"]) == (0, 2, 4), result
    assert result["after"] in labels()
    assert page.console_errors == []
