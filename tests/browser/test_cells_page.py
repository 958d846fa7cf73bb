"""A page's cells together: hidden setup, autorun, Run all above, start-up progress."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGE = '''\
# Page

```python {run hidden}
secret = 41
```

```python {run id=first}
base = secret + 1
```

```python {run id=second}
doubled = base * 2
```

```python {run id=third}
print(base, doubled)
```
'''

AUTORUN = '''\
# Autorun

```python {run id=auto autorun}
print("ran by itself")
```
'''

# Records every text the status line of each cell shows.
WATCH_STATUS = """() => {
  window.statusSeen = [];
  new MutationObserver(() => {
    for (const s of document.querySelectorAll('.talkbook-cell__status')) {
      if (s.textContent && window.statusSeen.at(-1) !== s.textContent) window.statusSeen.push(s.textContent);
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


@pytest.fixture(scope="module")
def url(serve_cells_site):
    with serve_cells_site({"index.md": PAGE, "auto.md": AUTORUN}, isolated=True) as base:
        yield base


def test_run_all_above_runs_the_cells_this_one_needs(page, url, ready_cell):
    page.goto(url)
    third = ready_cell(page, "third")
    expect(ready_cell(page, "first").locator('[data-action="run-above"]')).to_have_count(0)
    third.locator('[data-action="run-above"]').click()
    expect(third).to_have_attribute("data-state", "done", timeout=120_000)
    expect(third.locator(".talkbook-out--stdout")).to_have_text("42 84\n")
    for above in ("first", "second"):
        expect(page.locator(f'[data-cell-id="{above}"]')).to_have_attribute("data-state", "done")


def test_hidden_setup_cells_run_before_the_first_cell(page, url, run_cell):
    page.goto(url)
    assert page.locator('[data-talkbook-cell][hidden]').count() == 1
    cell = run_cell(page, "first")
    assert cell.get_attribute("data-state") == "done"


def test_loading_shows_bytes_and_stages(page, url, ready_cell):
    page.goto(url)
    page.evaluate(WATCH_STATUS)
    cell = ready_cell(page, "first")
    cell.locator('[data-action="run"]').click()
    expect(cell).to_have_attribute("data-state", "done", timeout=120_000)
    seen = page.evaluate("window.statusSeen")
    downloads = [s for s in seen if s.startswith("Loading Python:")]
    assert downloads and downloads[-1].endswith("MB downloaded"), seen
    assert "Installing the course's packages…" in seen
    assert cell.locator(".talkbook-cell__status").inner_text() == ""


def test_autorun_cells_run_when_the_page_opens(page, url):
    page.goto(url + "auto/")
    cell = page.locator('[data-cell-id="auto"]')
    expect(cell).to_have_attribute("data-state", "done", timeout=120_000)
    expect(cell.locator(".talkbook-out--stdout")).to_have_text("ran by itself\n")
