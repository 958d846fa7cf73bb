"""No press of Run is lost: pressed as the page's load event fires, in a fresh browser, a cell runs.

The buttons come from the build disabled and are enabled once the page has wired its cells, so a
press either waits (a person sees a greyed-out button) or works; it never vanishes.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGE = '''\
# Early

```python {run id=py}
print("python answered")
```

```js {run id=js}
console.log("javascript answered");
```
'''


@pytest.fixture(scope="module")
def url(serve_cells_site):
    with serve_cells_site({"index.md": PAGE}, isolated=True) as base:
        yield base


@pytest.mark.parametrize("cell_id, answer", [("py", "python answered"), ("js", "javascript answered")])
def test_run_pressed_at_load_always_runs(browser, url, cell_id, answer):
    for _ in range(4):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.click(f'[data-cell-id="{cell_id}"] [data-action="run"]')  # at once: waits only while disabled
        expect(page.locator(f'[data-cell-id="{cell_id}"] .talkbook-cell__output')).to_contain_text(answer, timeout=120_000)
        context.close()


def test_until_the_page_wires_it_a_cell_s_buttons_are_disabled(browser, url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    for action in ("run", "reset"):
        expect(page.locator(f'[data-cell-id="py"] [data-action="{action}"]')).to_be_disabled()
    context.close()
