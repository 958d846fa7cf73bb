"""viz charts and tables drawn with uPlot, and the scratchnet library inside Pyodide."""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TRAIN = '''\
import scratchnet as sn
colours, labels = sn.colour_samples(60, seed=1)
targets = [[1.0] if label == "red-ish" else [0.0] for label in labels]
net = sn.Network([3, 4, 1], activation="sigmoid", output="sigmoid", seed=2)
'''

PAGE = f'''\
# Charts

```python {{run id=train}}
import viz
{TRAIN}
chart = viz.line_chart("Loss while training", y_label="loss")

def watch(epoch, loss):
    chart.add(loss)
    if epoch % 10 == 0:
        print(f"epoch {{epoch}}: loss {{loss:.4f}}")

history = sn.train(net, colours, targets, learning_rate=0.5, epochs=30, on_epoch=watch)
```

```python {{run id=history}}
import json
json.dumps(history)
```

```python {{run id=live}}
import time, viz
live = viz.line_chart("Slow", series=["a", "b"])
for step in range(4):
    live.add(step, step * 2)
    start = time.time()
    while time.time() - start < 1:
        pass
```

```python {{run id=rates}}
viz.line([[0.7, 0.2, 0.01], [5.3, 5.4, 4.7]], labels=["rate 0.5", "rate 10"], log_y=True, title="Loss by rate")
```

```python {{run id=boundary}}
import viz
boundary = viz.boundary_chart(["low", "high"], points=[(0.2, 0.8), (0.8, 0.2)], groups=["high", "low"],
                              title="Boundary", x_label="x", y_label="y", resolution=8)
boundary.draw(lambda x, y: "high" if y > x else "low")
input("Moved? ")
boundary.draw(lambda x, y: "high")
```

```python {{run id=scatter}}
viz.scatter([c[0] for c in colours], [c[2] for c in colours], groups=labels, title="Red against blue")
```

```python {{run id=table}}
viz.table([{{"colour": "<b>red</b>", "p": 0.91234}}, {{"colour": "blue", "p": 0.1}}])
```
'''


@pytest.fixture(scope="module")
def url(serve_cells_site):
    with serve_cells_site({"index.md": PAGE}, isolated=True) as base:
        yield base


def cpython_history() -> list[float]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "kernels" / "python"))
    scope: dict = {}
    exec(TRAIN, scope)
    sn, net = scope["sn"], scope["net"]
    return sn.train(net, scope["colours"], scope["targets"], learning_rate=0.5, epochs=30)


def test_a_loss_curve_grows_while_the_network_trains(page, url, run_cell):
    page.goto(url)
    cell = run_cell(page, "train")
    assert cell.get_attribute("data-state") == "done", cell.inner_text()
    figure = cell.locator(".talkbook-out--chart")
    expect(figure).to_have_attribute("data-points", "30")
    expect(figure.locator("canvas")).to_have_count(1)
    expect(figure).to_contain_text("Loss while training")
    expect(cell.locator(".talkbook-out--stdout")).to_contain_text("epoch 30: loss")


def test_a_chart_is_drawn_while_the_code_still_runs(page, url, ready_cell):
    page.goto(url)
    cell = ready_cell(page, "live")
    cell.locator('[data-action="run"]').click()
    figure = cell.locator(".talkbook-out--chart")
    expect(figure).to_have_attribute("data-points", "2", timeout=120_000)
    assert cell.get_attribute("data-state") == "running"
    expect(cell).to_have_attribute("data-state", "done", timeout=30_000)
    expect(figure).to_have_attribute("data-points", "4")


def test_scratchnet_trains_in_pyodide_exactly_as_under_cpython(page, url, run_cell):
    page.goto(url)
    run_cell(page, "train")
    result = run_cell(page, "history").locator(".talkbook-out--result").inner_text()
    in_pyodide = json.loads(ast.literal_eval(result))  # the repr of the JSON text
    expected = cpython_history()
    assert len(in_pyodide) == len(expected) == 30
    assert in_pyodide[-1] < in_pyodide[0]
    assert in_pyodide == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_scatter_plots_and_tables_stay_on_the_local_origin(page, context, url, run_cell):
    page.goto(url)
    run_cell(page, "train")
    scatter = run_cell(page, "scatter").locator(".talkbook-out--chart")
    expect(scatter).to_have_attribute("data-points", "60")
    expect(scatter.locator("canvas")).to_have_count(1)
    table = run_cell(page, "table").locator(".talkbook-out--table table")
    expect(table.locator("th")).to_have_text(["colour", "p"])
    expect(table.locator("tbody tr").first.locator("td")).to_have_text(["<b>red</b>", "0.9123"])
    assert table.locator("b").count() == 0
    assert context.request_log.offsite(url) == []  # uPlot and its CSS come from the site too


def test_a_line_chart_names_its_lines_and_draws_a_log_scale(page, url, run_cell):
    page.goto(url)
    run_cell(page, "train")  # defines the names the page's cells share
    cell = run_cell(page, "rates")
    chart = cell.locator(".talkbook-cell__output .uplot")
    expect(chart).to_have_count(1)
    legend = chart.locator(".u-legend").inner_text()
    assert "rate 0.5" in legend and "rate 10" in legend
    assert cell.locator("[data-y-scale]").get_attribute("data-y-scale") == "log"


def test_a_boundary_chart_is_shaded_and_redrawn_while_the_code_runs(page, url, ready_cell):
    page.goto(url)
    cell = ready_cell(page, "boundary")
    cell.locator('[data-action="run"]').click()
    chart = cell.locator("figure.talkbook-out--chart")
    expect(chart).to_have_attribute("data-draws", "1", timeout=120_000)
    # Bottom right of the plot: "low" in the first drawing (y < x), "high" after the redraw.
    pixel = "c => Array.from(c.getContext('2d').getImageData(c.width - 20, c.height - 40, 1, 1).data)"
    before = chart.locator("canvas").evaluate(pixel)
    expect(chart.locator(".talkbook-boundary__legend")).to_contain_text("low")
    cell.locator(".talkbook-input__field").press("Enter")
    expect(chart).to_have_attribute("data-draws", "2")
    after = chart.locator("canvas").evaluate(pixel)
    assert before != after, "the shading moved"
