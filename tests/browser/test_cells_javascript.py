"""JavaScript cells in Chromium: a sandbox with no access to the page, TF.js, ml5 and p5 offline."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.images import digit_png
from tests.support.sites import ROOT

pytestmark = pytest.mark.browser

NINE_STEPS = (ROOT / "tests" / "browser" / "sketches" / "nine_steps.js").read_text()
CLASSIFIER = (ROOT / "tests" / "browser" / "sketches" / "image_classifier.js").read_text()
CANVAS = (ROOT / "tests" / "browser" / "sketches" / "canvas.js").read_text()

INDEX = f'''\
# JavaScript

```js {{run id=hello}}
console.log("hello", 6 * 7);
console.log("<img src=x onerror='window.pwned = 1'>");
```

```js {{run id=boom}}
const ok = 1;
notDefined();
```

```js {{run id=escape}}
let found = [];
try {{ found.push(window.parent.document.title); }} catch (error) {{ found.push(error.name); }}
try {{ found.push(window.top.location.href); }} catch (error) {{ found.push(error.name); }}
localStorage.setItem("page-secret", "overwritten by a cell");
found.push(localStorage.getItem("page-secret"));
try {{ found.push(document.cookie); }} catch (error) {{ found.push(error.name); }}
console.log(JSON.stringify(found));
```

```js {{run id=endless}}
console.log("start");
let spins = 0;
while (true) {{ spins++; }}
```

```js {{run id=tensors}}
const model = await loadModel("colours");
const scores = model.predict(tf.tensor([[1, 0, 0]])).dataSync();
console.log(tf.getBackend(), model.labels[scores.indexOf(Math.max(...scores))]);
```

```js {{run id=nine}}
{NINE_STEPS}
```

```js {{run id=digits}}
const classifier = await ml5.imageClassifier(new URL("assets/models/digits-ml5/model.json", document.baseURI).href);
const img = new Image();
img.src = await __talkbookImageUrl("images/three.png");
await img.decode();
const results = await classifier.classify(img);
console.log("digit", results[0].label, results[0].confidence > 0.5);
```

```js {{run id=offsite}}
try {{ await fetch("https://example.com/data.json"); }} catch (error) {{ console.log("refused:", error.message); }}
```

```js {{run id=canvas}}
{CANVAS}
```

```js {{run id=classifier}}
{CLASSIFIER}
```
'''

MODELS = {"talkbook/models": {"recipes": str(ROOT / "course" / "models"), "store": str(ROOT / "course" / "models" / "frozen"),
                              "retrain": "never",
                              "ml5_models": {"MobileNet": "digits-ml5"}}}


@pytest.fixture(scope="module")
def url(tmp_path_factory, serve_cells_site):
    docs = {"index.md": INDEX}
    files = {"docs/images/three.png": digit_png(3), "docs/images/bird.png": digit_png(7)}
    with serve_cells_site(docs, isolated=True, extra_plugins=[MODELS], files=files) as base:
        yield base


def out(cell):
    return cell.locator(".talkbook-cell__output")


def test_a_js_cell_streams_console_output_as_text(page, url, run_cell):
    page.goto(url)
    cell = run_cell(page, "hello")
    expect(out(cell)).to_contain_text("hello 42")
    expect(out(cell)).to_contain_text("<img src=x onerror='window.pwned = 1'>")
    assert page.evaluate("window.pwned") is None


def test_errors_name_the_learners_line(page, url, run_cell):
    page.goto(url)
    cell = run_cell(page, "boom")
    expect(out(cell)).to_contain_text("ReferenceError: notDefined is not defined (line 2)")


def test_the_sandbox_cannot_touch_the_page(page, url, run_cell):
    page.goto(url)
    page.evaluate("localStorage.setItem('page-secret', 'kept'); document.cookie = 'session=page'")
    cell = run_cell(page, "escape")
    expect(out(cell)).to_contain_text('["SecurityError","SecurityError","overwritten by a cell","SecurityError"]')
    assert page.evaluate("localStorage.getItem('page-secret')") == "kept"
    assert page.evaluate("document.cookie") == "session=page"


def test_an_endless_loop_is_stopped_and_the_page_keeps_working(page, url, run_cell):
    page.goto(url)
    cell = run_cell(page, "endless")
    expect(out(cell)).to_contain_text("start")
    expect(out(cell)).to_contain_text("RangeError: this loop ran for 5 s without pause")
    expect(out(cell)).to_contain_text("(line 3)")
    expect(out(run_cell(page, "hello"))).to_contain_text("hello 42")


def test_tfjs_and_a_course_model_by_name(page, url, run_cell):
    page.goto(url)
    cell = run_cell(page, "tensors")
    expect(out(cell)).to_contain_text("cpu red")


def test_the_talks_nine_step_ml5_network_runs_as_written(page, url, run_cell):
    page.goto(url)
    cell = run_cell(page, "nine")
    expect(out(cell)).to_contain_text("red-ish", timeout=120_000)
    expect(out(cell)).to_contain_text("ml5 0.x order")


def test_ml5_image_classifier_on_the_sites_model(page, url, run_cell):
    page.goto(url)
    cell = run_cell(page, "digits")
    expect(out(cell)).to_contain_text("digit 3 true", timeout=60_000)


def test_learner_code_cannot_reach_another_host(page, context, url, run_cell):
    page.goto(url)
    cell = run_cell(page, "offsite")
    expect(out(cell)).to_contain_text("refused:")
    expect(out(cell)).to_contain_text("is not part of this site")
    assert context.request_log.offsite(url) == []


def sandbox_of(cell):
    return cell.locator("iframe.talkbook-sandbox").content_frame


def test_a_p5_sketch_draws_restarts_and_stops(page, url, run_cell):
    page.goto(url)
    cell = run_cell(page, "canvas")
    expect(sandbox_of(cell).locator("canvas")).to_have_count(1)
    assert sandbox_of(cell).locator("canvas").evaluate("c => [c.width, c.height]")[0] >= 400
    page.mouse.move(0, 0)
    run_cell(page, "canvas")  # Run again: a fresh sketch, still one canvas
    expect(cell.locator("iframe.talkbook-sandbox")).to_have_count(1)
    cell.locator('[data-action="run"]').click()
    cell.locator('[data-action="stop"]').click()
    expect(cell.locator("iframe.talkbook-sandbox")).to_have_count(0)


def test_the_talks_image_classifier_sketch_runs_as_written(page, context, url, run_cell):
    page.goto(url)
    cell = run_cell(page, "classifier")
    sketch = sandbox_of(cell)
    expect(sketch.locator("canvas")).to_have_count(1)
    expect(sketch.locator("body")).to_contain_text("Label:", timeout=60_000)
    expect(sketch.locator("body")).to_contain_text("Confidence: ")
    assert context.request_log.offsite(url) == []


def test_an_unmapped_ml5_model_name_says_so_without_any_request(page, context, tmp_path_factory, serve_cells_site, run_cell):
    unmapped = {key: {**value, "ml5_models": {}} for key, value in MODELS.items()}
    docs = {"index.md": "# Unmapped\n\n```js {run id=doodle}\nlet classifier;\nfunction preload() {\n"
                        "  classifier = ml5.imageClassifier('DoodleNet');\n}\nfunction setup() { createCanvas(100, 100); }\n```\n"}
    with serve_cells_site(docs, isolated=True, extra_plugins=[unmapped]) as base:
        page.goto(base)
        cell = run_cell(page, "doodle")
        expect(out(cell)).to_contain_text("ml5's built-in model 'DoodleNet' is downloaded from the internet", timeout=60_000)
        expect(out(cell)).to_contain_text("ml5_models: {DoodleNet: <model name>}")
        assert context.request_log.offsite(base) == []


COLOUR_SKETCH = (ROOT / "tests" / "browser" / "sketches" / "colour_classifier.js").read_text()


def test_a_colour_classifier_sketch_collects_trains_and_classifies_on_clicks(page, context, serve_cells_site, run_cell):
    docs = {"index.md": f"# Sketch\n\n```js {{run id=colours}}\n{COLOUR_SKETCH}\n```\n"}
    with serve_cells_site(docs, isolated=True) as base:
        page.goto(base)
        cell = run_cell(page, "colours")
        sketch = sandbox_of(cell)
        expect(sketch.locator("body")).to_contain_text("trained", timeout=120_000)
        canvas = sketch.locator("canvas")
        canvas.click(position={"x": 10, "y": 100})  # the red end of the canvas
        expect(sketch.locator("body")).to_contain_text(re.compile(r"clicked at \d+: red-ish"), timeout=30_000)
        box = canvas.bounding_box()
        canvas.click(position={"x": box["width"] - 5, "y": 100})  # the blue end
        expect(sketch.locator("body")).to_contain_text(re.compile(r"clicked at \d+: blue-ish"), timeout=30_000)
        page.keyboard.press("k")
        expect(sketch.locator("body")).to_contain_text("key k")
        assert context.request_log.offsite(base) == []


def test_a_sketch_runs_inside_the_deck(page, serve_cells_site, run_cell):
    talk = f"# Sketches\n\n## A canvas\n\n```js {{run id=canvas}}\n{CANVAS}\n```\n\n## After\n\nThe end.\n"
    extra = [{"talkbook/talk": {}}]
    with serve_cells_site({"index.md": "# Home\n"}, isolated=True, talk=talk, extra_plugins=extra) as base:
        page.goto(base + "slides/#/a-canvas")
        page.wait_for_selector("html[data-talkbook-deck=ready]")
        cell = run_cell(page, "canvas")
        expect(sandbox_of(cell).locator("canvas")).to_have_count(1)
        assert sandbox_of(cell).locator("canvas").bounding_box()["width"] <= cell.bounding_box()["width"]
        page.locator("section#a-canvas h2").click()  # focus back on the slide: keys drive the deck again
        page.keyboard.press("ArrowRight")
        page.wait_for_function("window.talkbookDeck.getCurrentSlide().id === 'after'")


def test_ml5_training_can_be_awaited(page, serve_cells_site, run_cell):
    code = ("const nn = ml5.neuralNetwork({ task: 'classification' });\n"
            "for (let i = 0; i < 20; i++) nn.addData({ x: i % 2 }, { y: i % 2 ? 'odd' : 'even' });\n"
            "nn.normalizeData();\n"
            "await nn.train({ epochs: 40 });\n"
            "const results = await nn.classify({ x: 1 });\n"
            "console.log('awaited', results.length);\n")
    with serve_cells_site({"index.md": f"# Await\n\n```js {{run id=await}}\n{code}```\n"}, isolated=True) as base:
        page.goto(base)
        cell = run_cell(page, "await")
        expect(out(cell)).to_contain_text("awaited 2", timeout=60_000)
