"""Stop, time limits and input(): with cross-origin isolation and without it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGE = '''\
# Stop

```python {run id=spin}
count = 0
while True:
    count += 1
```

```python {run id=after}
count > 0
```

```python {run id=limited timeout=1}
while True:
    pass
```

```python {run id=ask}
name = input("Your name? ")
print("Hello", name)
```
'''


@pytest.fixture(scope="module")
def isolated_url(serve_cells_site):
    with serve_cells_site({"index.md": PAGE}, isolated=True) as url:
        yield url


@pytest.fixture(scope="module")
def plain_url(serve_cells_site):
    """No COOP/COEP headers: isolated only if coi-serviceworker is allowed to step in."""
    with serve_cells_site({"index.md": PAGE}, isolated=False) as url:
        yield url


def start_spinning(page):
    cell = page.locator('[data-cell-id="spin"]')
    expect(cell).to_have_attribute("data-cell-ready", "", timeout=30_000)
    cell.locator('[data-action="run"]').click()
    expect(cell).to_have_attribute("data-state", "running", timeout=120_000)
    stop = cell.locator('[data-action="stop"]')
    expect(stop).to_be_visible()
    return cell, stop


def stop_keeps_state(page, run_cell):
    cell, stop = start_spinning(page)
    stop.click()
    expect(cell).to_have_attribute("data-state", "failed", timeout=30_000)
    expect(cell.locator(".talkbook-out--notice")).to_have_text("Stopped.")
    expect(cell.locator(".talkbook-out--error")).to_contain_text("KeyboardInterrupt")
    after = run_cell(page, "after", timeout=30_000)
    expect(after.locator(".talkbook-out--result")).to_have_text("True")
    assert page.evaluate("window.talkbookCells.kernel.generation") == 1


def test_stop_interrupts_and_keeps_state_where_isolated(page, isolated_url, run_cell):
    page.goto(isolated_url)
    assert page.evaluate("crossOriginIsolated") is True
    stop_keeps_state(page, run_cell)


def test_coi_serviceworker_isolates_a_server_without_headers(page, plain_url, run_cell):
    page.goto(plain_url)
    # First visit: the service worker registers, then reloads the page once, now isolated.
    page.wait_for_function("window.crossOriginIsolated === true", timeout=60_000)
    page.wait_for_load_state()
    expect(page.locator('[data-cell-id="spin"]')).to_be_visible()
    stop_keeps_state(page, run_cell)


def test_stop_restarts_python_and_says_state_was_lost_where_not_isolated(unisolated_context, plain_url, run_cell):
    page = unisolated_context.new_page()
    page.goto(plain_url)
    assert page.evaluate("crossOriginIsolated") is False
    cell, stop = start_spinning(page)
    stop.click()
    expect(cell).to_have_attribute("data-state", "failed", timeout=30_000)
    expect(cell.locator(".talkbook-out--warning")).to_contain_text("every variable from earlier cells is gone")
    after = run_cell(page, "after")
    expect(after.locator(".talkbook-out--error")).to_contain_text("NameError: name 'count' is not defined")
    assert page.evaluate("window.talkbookCells.kernel.generation") == 2


def test_a_time_limit_stops_a_cell(page, isolated_url, run_cell):
    page.goto(isolated_url)
    cell = run_cell(page, "limited")
    assert cell.get_attribute("data-state") == "failed"
    expect(cell.locator(".talkbook-out--warning")).to_have_text("Stopped after 1 s, the time limit of this cell.")


def test_input_asks_on_the_page_where_isolated(page, isolated_url):
    page.goto(isolated_url)
    cell = page.locator('[data-cell-id="ask"]')
    expect(cell).to_have_attribute("data-cell-ready", "", timeout=30_000)
    cell.locator('[data-action="run"]').click()
    field = cell.locator(".talkbook-input__field")
    expect(field).to_be_visible(timeout=120_000)
    expect(cell.locator(".talkbook-input")).to_contain_text("Your name?")
    field.fill("Ada <b>")
    field.press("Enter")
    expect(cell).to_have_attribute("data-state", "done", timeout=30_000)
    expect(cell.locator(".talkbook-out--stdout")).to_have_text("Your name? Ada <b>\nHello Ada <b>\n")


def test_input_explains_why_it_cannot_ask_where_not_isolated(unisolated_context, plain_url, run_cell):
    page = unisolated_context.new_page()
    page.goto(plain_url)
    cell = run_cell(page, "ask")
    expect(cell.locator(".talkbook-out--error")).to_contain_text("input() needs a cross-origin isolated page")


def test_stop_while_python_starts_cancels_the_run(page, isolated_url):
    page.goto(isolated_url)
    cell = page.locator('[data-cell-id="spin"]')
    expect(cell).to_have_attribute("data-cell-ready", "", timeout=30_000)
    cell.locator('[data-action="run"]').click()
    expect(cell).to_have_attribute("data-state", "starting")
    cell.locator('[data-action="stop"]').click()
    expect(cell).to_have_attribute("data-state", "failed", timeout=120_000)
    expect(cell.locator(".talkbook-out--notice")).to_have_text("Stopped before it started.")
