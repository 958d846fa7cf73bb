"""Live cells in Chromium: run, stream, tracebacks, shared names, escaping, instant navigation.

The fixture site has only the search and talkbook/cells plugins: no talk plugin.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

INDEX = '''\
# Cells

[Second page](two.md)

```python {run id=stream}
print("line 0")
input("Go on? ")  # holds the cell until the test answers: no timing window
print("line 1")
```

```python {run id=define}
greeting = "hello"

def shout(text):
    return text.upper() + "!"
```

```python {run id=use}
shout(greeting)
```

```python {run id=boom}
def divide(a, b):
    return a / b

divide(1, 0)
```

```python {run id=escape}
print("<script>window.pwned = 1</script><b>bold</b>")
"<img src=x onerror='window.pwned = 2'>"
```

```python {run id=library}
import scratchnet
net = scratchnet.Network([3, 4, 2], activation="sigmoid", output="softmax")
out = net.forward([0.1, 0.5, 0.9])
print(len(out), round(sum(out), 6))
```

```python
static_block = "not a cell"
```
'''

TWO = '''\
# Second

[Back to the cells](index.md)

```python {run id=other}
print("page two sees greeting:", "greeting" in globals())
```
'''


@pytest.fixture(scope="module")
def url(serve_cells_site):
    with serve_cells_site({"index.md": INDEX, "two.md": TWO}, isolated=True) as base:
        yield base


def output(cell):
    return cell.locator(".talkbook-cell__output")


def test_a_cell_runs_and_its_output_streams_line_by_line(page, url, run_cell):
    page.goto(url)
    cell = page.locator('[data-cell-id="stream"]')
    expect(cell).to_have_attribute("data-cell-ready", "", timeout=30_000)
    cell.locator('[data-action="run"]').click()
    expect(output(cell)).to_contain_text("line 0", timeout=120_000)
    # The first line is on the page while the cell, waiting in input(), has not printed the second.
    field = cell.locator(".talkbook-input__field")
    expect(field).to_be_visible()
    assert "line 1" not in output(cell).inner_text()
    assert cell.get_attribute("data-state") == "running"
    field.press("Enter")
    expect(cell).to_have_attribute("data-state", "done", timeout=60_000)
    expect(output(cell)).to_contain_text("line 1")
    assert page.console_errors == []


def test_an_exception_shows_a_traceback_of_the_learners_lines_only(page, url, run_cell):
    page.goto(url)
    cell = run_cell(page, "boom")
    assert cell.get_attribute("data-state") == "failed"
    text = output(cell).locator(".talkbook-out--error").inner_text()
    assert "ZeroDivisionError: division by zero" in text
    assert 'File "<cell boom>", line 4' in text and 'File "<cell boom>", line 2, in divide' in text
    assert "return a / b" in text
    assert "talkbook_kernel" not in text and "pyodide" not in text.lower()


def test_names_are_shared_between_cells_and_the_last_value_is_shown(page, url, run_cell):
    page.goto(url)
    run_cell(page, "define")
    cell = run_cell(page, "use")
    expect(output(cell).locator(".talkbook-out--result")).to_have_text("'HELLO!'")


def test_output_is_text_never_html(page, url, run_cell):
    page.goto(url)
    cell = run_cell(page, "escape")
    assert "<script>window.pwned = 1</script><b>bold</b>" in output(cell).inner_text()
    assert "<img src=x" in output(cell).inner_text()
    assert output(cell).locator("script, b, img").count() == 0
    assert page.evaluate("window.pwned") is None


def test_scratchnet_is_installed_from_its_wheel(page, url, run_cell):
    page.goto(url)
    cell = run_cell(page, "library")
    expect(output(cell)).to_have_text("2 1.0\n")
    assert page.evaluate("window.talkbookCells.kernel.info.installed") == ["scratchnet"]


def test_unmarked_python_blocks_stay_static(page, url):
    page.goto(url)
    static = page.locator(".highlight", has_text="not a cell")
    expect(static).to_have_count(1)
    assert static.evaluate("element => element.closest('.talkbook-cell')") is None
    assert page.locator("[data-talkbook-cell]").count() == 6


def test_instant_navigation_keeps_the_kernel_warm_with_a_namespace_per_page(page, url, run_cell):
    page.goto(url)
    run_cell(page, "define")
    page.evaluate("window.sameDocument = true")
    page.get_by_role("link", name="Second page").click()
    expect(page.locator('[data-cell-id="other"]')).to_be_visible()
    cell = run_cell(page, "other", timeout=30_000)
    expect(output(cell)).to_have_text("page two sees greeting: False\n")
    page.get_by_role("link", name="Back to the cells").click()
    cell = run_cell(page, "use", timeout=30_000)
    expect(output(cell).locator(".talkbook-out--result")).to_have_text("'HELLO!'")
    # One document, one Python start-up for all three runs.
    assert page.evaluate("window.sameDocument") is True
    assert page.evaluate("window.talkbookCells.kernel.generation") == 1


def test_no_request_leaves_the_local_origin(page, context, url, run_cell):
    page.goto(url)
    run_cell(page, "library")
    page.locator('[data-cell-id="define"] .talkbook-cell__code').click()  # loads the editor too
    expect(page.locator('[data-cell-id="define"]')).to_have_attribute("data-editor", "ready")
    assert context.request_log.offsite(url) == []


def test_a_wheel_that_cannot_be_installed_is_reported(page, build_cells_site, run_cell):
    # pyodide.loadPackage never throws: a missing wheel must still be noticed and explained.
    from tests.support.server import serve

    site = build_cells_site({"index.md": "# Broken\n\n```python {run id=one}\n1 + 1\n```\n"})
    for wheel in site.glob("assets/talkbook/*/wheels/*.whl"):
        wheel.unlink()
    with serve(site, isolated=True) as url:
        page.goto(url)
        cell = run_cell(page, "one")
        assert cell.get_attribute("data-state") == "failed"
        expect(output(cell)).to_contain_text("Python could not start: Could not install scratchnet-0.1.0-py3-none-any.whl")
