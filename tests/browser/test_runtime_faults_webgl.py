"""A lost WebGL context, for real (WEBGL_lose_context on TF.js's own context), in Chromium:
a model widget moves to a CPU backend and keeps giving the same answers; a JavaScript cell
whose run meets the loss fails with a message and the next run works (issue 6)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.support.sites import ROOT

pytestmark = pytest.mark.browser

MODELS = {"talkbook/models": {"recipes": str(ROOT / "course" / "models"), "store": str(ROOT / "course" / "models" / "frozen"),
                              "retrain": "never"}}

CELLS = '''\
# WebGL cells

```js {run id=lose}
const x = tf.tensor([1, 2, 3]);
console.log(tf.getBackend(), "before", Array.from(x.square().dataSync()).join(","));
tf.backend().gpgpu.gl.getExtension("WEBGL_lose_context").loseContext();
await new Promise((resolve) => setTimeout(resolve, 1000));
console.log("after", Array.from(x.square().dataSync()).join(","));
```

```js {run id=fresh}
console.log(tf.getBackend(), "fresh", Array.from(tf.tensor([1, 2, 3]).square().dataSync()).join(","));
```
'''

WIDGET = "# Widget\n\n```model\ncolours\nbackend: webgl\ncard: no\n```\n"

LOSE_PAGE_CONTEXT = """() => {
  const gl = tf.findBackend("webgl").gpgpu.gl;
  gl.getExtension("WEBGL_lose_context").loseContext();
  return gl.isContextLost();
}"""


@pytest.fixture(scope="module")
def site(serve_cells_site):
    docs = {"index.md": CELLS, "widget.md": WIDGET}
    with serve_cells_site(docs, isolated=True, extra_plugins=[MODELS], js_backend="webgl") as url:
        yield url


def hex_colour(inputs) -> str:
    return "#" + "".join(f"{round(value * 255):02x}" for value in inputs)


def pick(root, colour: str) -> tuple[str, float]:
    """Pick `colour`; the label the widget gives it and its confidence."""
    root.locator("input[type=color]").fill(colour)
    answer = root.locator(".talkbook-model__answer")
    expect(answer).to_have_attribute("data-colour", colour)
    top = root.locator(".talkbook-model__bar").first.get_attribute("data-confidence")
    return answer.get_attribute("data-label"), float(top)


def test_a_widget_on_webgl_moves_to_a_cpu_backend_when_the_context_is_lost(page, site):
    page.goto(site + "widget/")
    root = page.locator('.talkbook-model[data-model="colours"]')
    expect(root).to_have_attribute("data-state", "ready", timeout=120_000)
    runtime = root.locator(".talkbook-model__runtime")
    expect(runtime).to_have_attribute("data-backend", "webgl")
    examples = json.loads(page.evaluate("fetch('../assets/models/colours/examples.json').then((r) => r.text())"))
    colours = [hex_colour(inputs) for inputs in examples["inputs"][:6]]
    before = [pick(root, colour) for colour in colours]
    assert len({label for label, _ in before}) > 1  # distinct answers, not one label for all

    assert page.evaluate(LOSE_PAGE_CONTEXT) is True
    notice = root.get_by_role("status")
    expect(notice).to_contain_text("The model left webgl: its WebGL context was lost. It now runs on")
    backend = notice.get_attribute("data-backend")
    assert backend in ("wasm", "cpu")
    expect(runtime).to_have_attribute("data-backend", backend)
    expect(runtime).to_contain_text(f"Runs on {backend} (its GPU backend stopped working)")

    # The same colours again, starting from the second: the picker only reports changes.
    order = [*range(1, len(colours)), 0]
    after = [pick(root, colours[i]) for i in order]
    assert [label for label, _ in after] == [before[i][0] for i in order]
    assert all(abs(confidence - before[i][1]) < 1e-4 for (_, confidence), i in zip(after, order))
    assert page.console_errors == []


def test_a_js_cell_that_meets_a_lost_context_fails_and_the_next_run_works(page, site, run_cell):
    page.goto(site)
    lose = run_cell(page, "lose")
    expect(lose).to_have_attribute("data-state", "failed")
    out = lose.locator(".talkbook-cell__output")
    expect(out).to_contain_text("webgl before 1,4,9")
    expect(out.locator(".talkbook-out--error")).to_contain_text(
        "WebGLContextLost: the GPU (WebGL) context of this cell was lost")
    expect(lose.locator("iframe.talkbook-sandbox")).to_have_count(0)  # closed: nothing wrong follows
    fresh = run_cell(page, "fresh")
    expect(fresh).to_have_attribute("data-state", "done")
    expect(fresh.locator(".talkbook-cell__output")).to_contain_text("webgl fresh 1,4,9")
    again = run_cell(page, "lose")  # the same cell, run again, gets a context of its own
    expect(again.locator(".talkbook-cell__output")).to_contain_text("webgl before 1,4,9")
