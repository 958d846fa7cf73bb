"""Runtime faults in Chromium: memory running out, a kernel worker dying mid-run. Each leaves
the page usable and the other cells working (issue 6)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PYTHON = '''\
# Faults

```python {run id=keep}
kept = 41
```

```python {run id=big-chunks}
chunks = []
while True:
    chunks.append(bytearray(64 * 2**20))
```

```python {run id=small-objects}
names = {}
i = 0
while True:
    names[i] = str(i)
    i += 1
```

```python {run id=free}
del chunks
kept + 1
```

```python {run id=close}
import js
print("before the worker closes")
js.close()
print("after close()")
```

```python {run id=spin}
while True:
    pass
```

```python {run id=after}
print(sum(range(10)))
```

```python {run id=uses-kept}
kept + 1
```

```js {run id=js-hog}
const keep = [];
while (true) keep.push(new Array(1e7).fill(Math.random()));
```

```js {run id=js-hello}
console.log("hello", 6 * 7);
```
'''


@pytest.fixture(scope="module")
def python_url(serve_cells_site):
    with serve_cells_site({"index.md": PYTHON}, isolated=True) as url:
        yield url


def output(cell):
    return cell.locator(".talkbook-cell__output")


def expect_python_works(page, run_cell) -> None:
    after = run_cell(page, "after")
    expect(after).to_have_attribute("data-state", "done")
    expect(output(after).locator(".talkbook-out--stdout")).to_have_text("45\n")


def test_a_cell_that_fills_memory_fails_alone_and_python_goes_on(page, python_url, run_cell):
    page.goto(python_url)
    run_cell(page, "keep")
    hog = run_cell(page, "big-chunks", timeout=300_000)
    expect(hog).to_have_attribute("data-state", "failed")
    expect(output(hog).locator(".talkbook-out--error")).to_contain_text("MemoryError: Python ran out of memory")
    assert page.evaluate("1 + 1") == 2  # the page still answers
    expect_python_works(page, run_cell)
    freed = run_cell(page, "free")  # the state survived, and del gives the memory back to Python
    expect(output(freed).locator(".talkbook-out--result")).to_have_text("42")
    assert page.evaluate("window.talkbookCells.kernel.generation") == 1
    assert page.console_errors == []


def test_millions_of_small_objects_end_in_a_readable_memory_error(page, python_url, run_cell):
    # Here Pyodide 314 once handed the page a reply of stray heap bytes instead of the error.
    page.goto(python_url)
    hog = run_cell(page, "small-objects", timeout=300_000)
    expect(hog).to_have_attribute("data-state", "failed")
    expect(output(hog).locator(".talkbook-out--error")).to_contain_text("MemoryError: Python ran out of memory")
    expect_python_works(page, run_cell)
    assert page.console_errors == []


def test_a_js_cell_that_fills_memory_is_stopped_before_it_takes_the_page_down(page, python_url, run_cell):
    # Unchecked, the sandbox's heap reaches V8's limit in seconds and Chromium kills the
    # renderer process, which the sandbox shares with the page: the whole page crashes.
    page.goto(python_url)
    crashed = []
    page.on("crash", lambda _: crashed.append(True))
    hog = run_cell(page, "js-hog", timeout=60_000)
    expect(hog).to_have_attribute("data-state", "failed")
    expect(output(hog).locator(".talkbook-out--error")).to_contain_text(
        "RangeError: out of memory: this cell's data reached")
    expect(output(hog).locator(".talkbook-out--error")).to_contain_text("(line 2)")
    expect(hog.locator("iframe.talkbook-sandbox")).to_have_count(0)  # closed, its memory freed
    assert crashed == []
    hello = run_cell(page, "js-hello")
    expect(output(hello)).to_contain_text("hello 42")
    expect_python_works(page, run_cell)


def expect_restarted_notice(cell) -> None:
    expect(cell).to_have_attribute("data-state", "failed", timeout=60_000)
    expect(output(cell).locator(".talkbook-out--warning")).to_have_text(
        "Python stopped unexpectedly and was restarted, so every variable from earlier cells is gone: run them again.")
    expect(output(cell).locator(".talkbook-out--error")).to_contain_text("Python stopped unexpectedly")


def test_a_worker_closed_by_learner_code_is_noticed_and_replaced(page, python_url, run_cell):
    page.goto(python_url)
    run_cell(page, "keep")
    assert page.evaluate("window.talkbookCells.kernel.generation") == 1
    closed = run_cell(page, "close")
    # close() lets the running code finish; the worker ends after it, without a message.
    expect(output(closed)).to_contain_text("before the worker closes\nafter close()")
    page.wait_for_function("window.talkbookCells.kernel.client === null", timeout=30_000)
    expect_python_works(page, run_cell)
    assert page.evaluate("window.talkbookCells.kernel.generation") == 2  # a fresh worker
    expect(page.locator('[data-cell-id="after"] .talkbook-out--warning')).to_have_text(
        "Python had stopped unexpectedly since the last run and was restarted, "
        "so every variable from earlier cells is gone: run them again.")
    lost = run_cell(page, "uses-kept")
    expect(output(lost).locator(".talkbook-out--error")).to_contain_text("NameError: name 'kept' is not defined")


def test_a_worker_killed_mid_run_from_outside_ends_the_run(page, python_url, run_cell):
    page.goto(python_url)
    run_cell(page, "keep")
    spin = page.locator('[data-cell-id="spin"]')
    spin.locator('[data-action="run"]').click()
    expect(spin).to_have_attribute("data-state", "running", timeout=60_000)
    # The browser ends the worker without a word to the page's kernel (as it does when it kills one).
    page.evaluate("window.talkbookCells.kernel.client.worker.terminate()")
    expect_restarted_notice(spin)
    expect(spin.locator('[data-action="stop"]')).to_be_hidden()
    expect_python_works(page, run_cell)
    expect(page.locator('[data-cell-id="after"] .talkbook-out--warning')).to_have_count(0)  # told once, by spin
    assert page.evaluate("window.talkbookCells.kernel.generation") == 2


RUN_AND_STOP_WHILE_RESTARTING = """async () => {
  const kernel = window.talkbookCells.kernel;
  const run = kernel.run({ page: location.pathname, cell: "spin", code: "while True:\\n    pass\\n" });
  await new Promise((turn) => setTimeout(turn));  // the run has begun: it waits for the new worker
  kernel.interrupt();  // what a time limit or Stop does meanwhile
  const lost = new Promise((give) => setTimeout(() => give({ stillRunningAfter: "60 s" }), 60_000));
  return Promise.race([run, lost]);  // a lost Stop leaves the loop spinning for ever
}"""


def test_a_stop_while_python_restarts_after_a_death_cancels_the_waiting_run(page, python_url, run_cell):
    page.goto(python_url)
    run_cell(page, "keep")
    page.evaluate("window.talkbookCells.kernel.client.worker.terminate()")
    page.wait_for_function("window.talkbookCells.kernel.client === null", timeout=30_000)
    result = page.evaluate(RUN_AND_STOP_WHILE_RESTARTING)
    assert result.get("ok") is False and result.get("interrupted") is True, result
    assert result["error"]["message"] == "Stopped before it started."
    expect_python_works(page, run_cell)
