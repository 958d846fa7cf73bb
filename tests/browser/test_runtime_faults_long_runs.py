"""200 consecutive runs of one cell on one page, Python and JavaScript, through the page's own
Run button: the JS heap, the DOM and the number of frames and workers stay bounded (issue 6)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGE = '''\
# Many runs

```python {run id=py}
runs = globals().get("runs", 0) + 1
print("run", runs)
[n * n for n in range(100)][-1]
```

```js {run id=js}
const squares = Array.from({ length: 1000 }, (_, n) => n * n);
console.log("last square", squares.at(-1));
```
'''

WARM_UP = 20
RUNS = 200

# Bounds, from what a leak per run would cost over the 180 runs measured. A JS cell's sandbox
# is an iframe with a fresh realm and ~30 KB of runtime source: kept alive, each costs several
# hundred KB and one document, so 180 would add tens of MB, 180 documents and 180 frames.
# A run's output is at least three nodes (a <pre>, its text, a result): kept, 540+ nodes.
# So: one extra document or frame fails the test, fewer new nodes than one per run are allowed
# (the editor and status text may settle), and 2 MB of heap is fifty times the growth seen
# here (under 40 KB from run 20 to run 200) yet far below one leaked realm per run.
MAX_HEAP_GROWTH = 2 * 2**20
MAX_NODE_GROWTH = RUNS - WARM_UP - 1

CLICK_RUNS = """async ({ id, count }) => {
  const cell = document.querySelector(`[data-cell-id="${id}"]`);
  const run = cell.querySelector(':scope > .talkbook-cell__bar [data-action="run"]');
  const failures = [];
  for (let i = 0; i < count; i += 1) {
    const finished = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (cell.dataset.state === "done" || cell.dataset.state === "failed") {
          observer.disconnect();
          resolve(cell.dataset.state);
        }
      });
      observer.observe(cell, { attributes: true, attributeFilter: ["data-state"] });
    });
    cell.removeAttribute("data-state");
    run.click();
    if ((await finished) === "failed") failures.push(cell.querySelector(".talkbook-cell__output").innerText);
  }
  return failures;
}"""


@pytest.fixture(scope="module")
def url(serve_cells_site):
    with serve_cells_site({"index.md": PAGE}, isolated=True) as base:
        yield base


def measure(page, cdp) -> dict:
    cdp.send("HeapProfiler.collectGarbage")
    cdp.send("HeapProfiler.collectGarbage")  # a second pass takes what the first one freed up
    heap = cdp.send("Runtime.getHeapUsage")
    dom = cdp.send("Memory.getDOMCounters")
    return {
        "heap": heap["usedSize"],
        "documents": dom["documents"],
        "nodes": dom["nodes"],
        "listeners": dom["jsEventListeners"],
        "iframes": page.evaluate("document.querySelectorAll('iframe').length"),
        "workers": len(page.workers),
    }


def run_many(page, context, ready_cell, cell_id: str) -> tuple[dict, dict]:
    cdp = context.new_cdp_session(page)
    ready_cell(page, cell_id)
    assert page.evaluate(CLICK_RUNS, {"id": cell_id, "count": WARM_UP}) == []
    warm = measure(page, cdp)
    assert page.evaluate(CLICK_RUNS, {"id": cell_id, "count": RUNS - WARM_UP}) == []
    last = measure(page, cdp)
    print(f"\n{cell_id}: after {WARM_UP} runs {warm}\n{cell_id}: after {RUNS} runs {last}")
    return warm, last


def assert_bounded(warm: dict, last: dict) -> None:
    figures = f"after {WARM_UP} runs: {warm}; after {RUNS} runs: {last}"
    assert last["heap"] - warm["heap"] < MAX_HEAP_GROWTH, f"the JS heap grew too much; {figures}"
    assert last["nodes"] - warm["nodes"] <= MAX_NODE_GROWTH, f"DOM nodes leak; {figures}"
    assert last["documents"] == warm["documents"], f"documents leak; {figures}"
    assert last["iframes"] == warm["iframes"], f"frames leak; {figures}"
    assert last["workers"] == warm["workers"], f"workers leak; {figures}"


def test_a_python_cell_run_200_times_keeps_memory_bounded(page, context, url, ready_cell):
    page.goto(url)
    warm, last = run_many(page, context, ready_cell, "py")
    assert_bounded(warm, last)
    cell = page.locator('[data-cell-id="py"]')
    expect(cell.locator(".talkbook-out--stdout")).to_have_text(f"run {RUNS}\n")  # one namespace, every run
    expect(cell.locator(".talkbook-out--result")).to_have_text("9801")
    assert page.evaluate("window.talkbookCells.kernel.generation") == 1


def test_a_js_cell_run_200_times_keeps_one_sandbox_and_bounded_memory(page, context, url, ready_cell):
    page.goto(url)
    warm, last = run_many(page, context, ready_cell, "js")
    assert_bounded(warm, last)
    assert last["iframes"] == 1  # each run replaced the last run's sandbox
    cell = page.locator('[data-cell-id="js"]')
    expect(cell.locator(".talkbook-cell__output")).to_have_text("last square 998001\n")
