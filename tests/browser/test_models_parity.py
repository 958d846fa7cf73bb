"""Every exported model gives the Python model's predictions in Chromium, on each TF.js backend."""

from __future__ import annotations

import json

import numpy as np
import pytest

from talkbook import __version__

pytestmark = pytest.mark.browser

BACKENDS = ["wasm", "cpu", "webgl"]
TOLERANCE = 1e-4
RUNTIME = f"assets/talkbook/{__version__}/models/runtime.js"

PREDICT_EXAMPLES = """async ({runtime, name, backend}) => {
  const { loadModel, loadIndex } = await import(new URL(runtime, document.baseURI).href);
  const model = await loadModel(name, { backend });
  const { models } = await loadIndex();
  const entry = models.find((m) => m.name === name);
  const examples = await (await fetch(entry.examplesUrl)).json();
  const rows = await model.predict(examples.inputs);
  return { backend: model.backend, source: model.source, outputs: rows.map((row) => Array.from(row)),
           fastPath: Boolean(model.model.talkbookDense) };
}"""


def exported_models(site) -> list[str]:
    index = json.loads((site / "assets" / "models" / "index.json").read_text(encoding="utf-8"))
    return [entry["name"] for entry in index["models"]]


def test_every_exported_model_matches_python_on_every_backend(course_site, course_url, page, local_only):
    names = exported_models(course_site)
    assert {"colours", "digits", "digits-ml5", "efficientnet-lite0"} <= set(names)
    page.goto(course_url)
    for name in names:
        expected = json.loads((course_site / "assets" / "models" / name / "examples.json").read_text(encoding="utf-8"))
        python_outputs = np.asarray(expected["outputs"], dtype="float64")
        for backend in BACKENDS:
            result = page.evaluate(PREDICT_EXAMPLES, {"runtime": RUNTIME, "name": name, "backend": backend})
            # The option was honoured: a silent fallback would test another backend.
            assert (result["backend"], result["source"]) == (backend, "option"), (name, backend, result["backend"])
            browser_outputs = np.asarray(result["outputs"], dtype="float64")
            assert browser_outputs.shape == python_outputs.shape, (name, backend)
            diff = float(np.abs(browser_outputs - python_outputs).max())
            assert diff <= TOLERANCE, f"{name} on {backend}: max abs diff {diff}"
            assert browser_outputs.argmax(axis=1).tolist() == python_outputs.argmax(axis=1).tolist(), (name, backend)
            # Both ways of running a model are covered: colours (Dense only) by the compiled
            # fused-op path, the convolutional models by tf.LayersModel itself.
            assert result["fastPath"] == (name == "colours"), name
    assert page.console_errors == []
