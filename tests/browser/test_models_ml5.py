"""ml5 1.4, self-hosted, runs the talk's two ml5 examples offline in Chromium."""

from __future__ import annotations

import json

import pytest

from talkbook import __version__

pytestmark = pytest.mark.browser

RUNTIME = f"assets/talkbook/{__version__}/models/runtime.js"

# Draws 8x8 ink grids (the digits examples) as 280x280 pictures, dark ink on white paper,
# plus one digit drawn with pen strokes, then classifies each <img> with ml5.
CLASSIFY_PICTURES = """async ({ runtime, backend, grids }) => {
  const { loadMl5 } = await import(new URL(runtime, document.baseURI).href);
  const ml5 = await loadMl5({ backend });
  const url = new URL("assets/models/digits-ml5/model.json", document.baseURI).href;
  const classifier = await ml5.imageClassifier(url);
  const picture = async (paint) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 280;
    const context = canvas.getContext("2d");
    context.fillStyle = "#fff";
    context.fillRect(0, 0, 280, 280);
    paint(context);
    const img = new Image();
    img.src = canvas.toDataURL("image/png");
    await img.decode();
    return img;
  };
  const classify = async (img) => (await classifier.classify(img)).map(({ label, confidence }) => ({ label, confidence }));
  const results = [];
  for (const grid of grids) {
    results.push(await classify(await picture((context) => grid.forEach((row, r) => row.forEach(([ink], c) => {
      const grey = Math.round((1 - ink) * 255);
      context.fillStyle = `rgb(${grey}, ${grey}, ${grey})`;
      context.fillRect(c * 35, r * 35, 35, 35);
    })))));
  }
  const seven = await classify(await picture((context) => {
    context.strokeStyle = "#000";
    context.lineWidth = 40;
    context.lineCap = context.lineJoin = "round";
    context.beginPath();
    context.moveTo(50, 40);
    context.lineTo(230, 40);
    context.lineTo(110, 260);
    context.stroke();
  }));
  return { backend: ml5.tf.getBackend(), results, seven };
}"""

# The talk's nine steps, as written on the slide, with the awaits ml5 1.x needs.
COLOUR_NETWORK = """async ({ runtime, backend }) => {
  const { loadMl5 } = await import(new URL(runtime, document.baseURI).href);
  const ml5 = await loadMl5({ backend });
  const data = [
    { r: 255, g: 0, b: 0, color: "red-ish" },
    { r: 254, g: 0, b: 0, color: "red-ish" },
    { r: 253, g: 0, b: 0, color: "red-ish" },
    { r: 0, g: 0, b: 255, color: "blue-ish" },
    { r: 0, g: 0, b: 254, color: "blue-ish" },
    { r: 0, g: 0, b: 253, color: "blue-ish" },
  ];
  const options = { task: "classification", debug: true };
  const nn = ml5.neuralNetwork(options);
  data.forEach((item) => {
    const inputs = { r: item.r, g: item.g, b: item.b };
    const output = { color: item.color };
    nn.addData(inputs, output);
  });
  nn.normalizeData();
  // With options alone, ml5 1.4 takes the options object for the callback and never
  // resolves: the talk's own form, options plus finishedTraining, is the one that works.
  let finished = false;
  const finishedTraining = () => { finished = true; };
  await nn.train({ epochs: 32, batchSize: 12 }, finishedTraining);
  const red = await nn.classify({ r: 255, g: 0, b: 0 });
  const blue = await nn.classify({ r: 0, g: 0, b: 255 });
  const pick = (result) => ({ label: result[0].label, confidence: result[0].confidence, count: result.length });
  return { backend: ml5.tf.getBackend(), finished, red: pick(red), blue: pick(blue) };
}"""


@pytest.mark.parametrize("backend", ["cpu", "webgl"])
def test_ml5_image_classifier_reads_digits_with_the_site_model_offline(page, course_site, course_url, local_only,
                                                                       backend):
    digits = json.loads((course_site / "assets" / "models" / "digits" / "examples.json").read_text(encoding="utf-8"))
    page.goto(course_url)
    outcome = page.evaluate(CLASSIFY_PICTURES, {"runtime": RUNTIME, "backend": backend, "grids": digits["inputs"]})
    assert outcome["backend"] == backend  # set explicitly, not ml5's own pick (WebGPU here)
    for results, label in zip(outcome["results"], digits["labels"], strict=True):
        assert [r["label"] for r in results][:1] == [label]
        confidences = [r["confidence"] for r in results]
        assert len(results) == 10 and confidences == sorted(confidences, reverse=True)
    assert outcome["seven"][0]["label"] == "7"
    assert page.console_errors == []


@pytest.mark.parametrize("backend", ["cpu", "webgl"])
def test_ml5_trains_and_classifies_the_talks_colour_network_offline(page, course_url, local_only, backend):
    page.goto(course_url)
    outcome = page.evaluate(COLOUR_NETWORK, {"runtime": RUNTIME, "backend": backend})
    assert outcome["backend"] == backend and outcome["finished"] is True
    assert outcome["red"]["label"] == "red-ish" and outcome["blue"]["label"] == "blue-ish"
    for result in (outcome["red"], outcome["blue"]):
        assert result["count"] == 2 and 0.5 < result["confidence"] <= 1
    assert page.console_errors == []
