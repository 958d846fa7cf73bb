"""Python's start: restored from the memory snapshot talkbook ships, with the compiled stdlib,
and a silent cold start whenever the snapshot cannot be used."""

from __future__ import annotations

import gzip
import re

import pytest
from playwright.sync_api import expect

from talkbook.assets import vendor
from tests.support.server import serve

pytestmark = pytest.mark.browser

PAGE = '''\
# Start

```python {run id=first}
import random
draw = random.random()
print("draw", draw)
```

```python {run id=state}
print("still here:", round(draw, 3) == round(draw, 3), draw)
```

```python {run id=spin}
count = 0
while True:
    count += 1
```

```python {run id=after}
count > 0
```

```python {run id=files}
import sys, inspect, fractions
sys.modules.pop("scratchnet.datasets", None)  # imported in the snapshot, not in a cold start
import scratchnet.datasets
import scratchnet.network
print("datasets", scratchnet.datasets.__file__.endswith("scratchnet/datasets.py"))
print("source", "class Network" in inspect.getsource(scratchnet.network))
print("fraction", fractions.Fraction(1, 3) * 3)
```

```python {run id=broken}
def divide(a, b):
    return a / b

divide(1, 0)
```
'''


@pytest.fixture(scope="module")
def site(build_cells_site):
    return build_cells_site({"index.md": PAGE})


@pytest.fixture(scope="module")
def url(site):
    with serve(site, isolated=True) as base:
        yield base


def output(cell):
    return cell.locator(".talkbook-cell__output")


def start_of(page) -> dict:
    return page.evaluate("window.talkbookCells.kernel.info.start")


def test_python_starts_from_the_snapshot_and_keeps_state(page, url, run_cell):
    page.goto(url)
    expect(output(run_cell(page, "first"))).to_contain_text("draw 0.")
    assert start_of(page) == {"from": "snapshot"}
    expect(output(run_cell(page, "state"))).to_contain_text("still here: True")


def test_stop_interrupts_a_loop_and_keeps_state_after_a_restore(page, url, run_cell):
    page.goto(url)
    cell = page.locator('[data-cell-id="spin"]')
    expect(cell).to_have_attribute("data-cell-ready", "")
    cell.locator('[data-action="run"]').click()
    expect(cell).to_have_attribute("data-state", "running", timeout=120_000)
    cell.locator('[data-action="stop"]').click()
    expect(cell.locator(".talkbook-out--error")).to_contain_text("KeyboardInterrupt", timeout=30_000)
    expect(run_cell(page, "after").locator(".talkbook-out--result")).to_have_text("True")
    assert start_of(page)["from"] == "snapshot"
    assert page.evaluate("window.talkbookCells.kernel.generation") == 1


def test_random_numbers_differ_between_two_fresh_visits(browser, url):
    draws = []
    for _ in range(2):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        cell = page.locator('[data-cell-id="first"]')
        expect(cell).to_have_attribute("data-cell-ready", "", timeout=30_000)
        cell.locator('[data-action="run"]').click()
        expect(output(cell)).to_contain_text("draw 0.", timeout=120_000)
        assert start_of(page)["from"] == "snapshot"
        draws.append(re.search(r"draw (\S+)", output(cell).inner_text()).group(1))
        context.close()
    assert draws[0] != draws[1]


def test_files_the_snapshot_lacks_are_there_after_a_restore(page, url, run_cell):
    page.goto(url)
    text = output(run_cell(page, "files"))
    expect(text).to_contain_text("datasets True")
    expect(text).to_contain_text("source True")
    expect(text).to_contain_text("fraction 1")
    assert start_of(page)["from"] == "snapshot"


def test_a_learners_traceback_shows_the_learners_lines(page, url, run_cell):
    page.goto(url)
    error = output(run_cell(page, "broken")).locator(".talkbook-out--error")
    expect(error).to_contain_text("ZeroDivisionError")
    expect(error).to_contain_text("return a / b")
    expect(error).to_contain_text("divide(1, 0)")


@pytest.mark.parametrize("damage", ["not gzip", "gzip of garbage", "missing"])
def test_a_bad_snapshot_falls_back_to_a_cold_start(page, site, tmp_path, run_cell, damage):
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    snapshot = copy / vendor("pyodide-start").url("snapshot.bin.gz")
    if damage == "missing":
        snapshot.unlink()
    else:
        snapshot.write_bytes(b"\x00" * 4096 if damage == "not gzip" else gzip.compress(b"\x07" * 40_000_000))
    warnings = []
    page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    with serve(copy, isolated=True) as url:
        page.goto(url)
        expect(output(run_cell(page, "first"))).to_contain_text("draw 0.")
        start = start_of(page)
        assert start["from"] == "cold" and start["reason"]
        assert any("Python starts without its snapshot" in w for w in warnings)
        expect(output(run_cell(page, "files"))).to_contain_text("source True")


def test_with_the_snapshot_off_python_starts_cold(page, build_cells_site, run_cell):
    site = build_cells_site({"index.md": PAGE}, snapshot=False)
    with serve(site, isolated=True) as url:
        page.goto(url)
        expect(output(run_cell(page, "first"))).to_contain_text("draw 0.")
        assert start_of(page) == {"from": "cold", "reason": "no snapshot"}
