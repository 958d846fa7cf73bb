"""Saved edits: they survive a reload, Reset and the page control clear them, and a changed
course never loads a stale edit silently."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.editing import type_code
from tests.support.server import serve

pytestmark = pytest.mark.browser

PAGE = '''\
# Edits

```python {run id=greet}
print("hello from the course")
```

```python {run id=other}
print("another cell")
```
'''


@pytest.fixture
def site(build_cells_site, tmp_path):
    """An empty folder, served; the test builds (and rebuilds) the course into it."""
    folder = tmp_path / "site"
    folder.mkdir()
    with serve(folder, isolated=True) as url:
        yield folder, url, lambda text: build_cells_site({"index.md": text}, site_dir=folder, site_url=url)


def test_an_edit_survives_a_reload_and_reset_restores_the_course(page, site, run_cell, ready_cell):
    _, url, build = site
    build(PAGE)
    page.goto(url)
    type_code(page, ready_cell(page, "greet"), 'print("my own edit")')
    page.reload()
    cell = ready_cell(page, "greet")
    expect(cell.locator(".cm-content")).to_have_text('print("my own edit")', timeout=30_000)
    run_cell(page, "greet")
    expect(cell.locator(".talkbook-out--stdout")).to_have_text("my own edit\n")

    cell.locator('[data-action="reset"]').click()
    expect(cell.locator(".cm-content")).to_have_text('print("hello from the course")')
    page.reload()
    expect(ready_cell(page, "greet").locator(".cm-content")).to_have_count(0)  # nothing saved: static code
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('talkbook:edit:'))") == []


def test_a_changed_course_does_not_load_a_stale_edit(page, site, run_cell, ready_cell):
    _, url, build = site
    build(PAGE)
    page.goto(url)
    type_code(page, ready_cell(page, "greet"), 'print("edit of the old course")')
    build(PAGE.replace("hello from the course", "hello from the NEW course"))
    page.reload()
    cell = ready_cell(page, "greet")
    notice = cell.locator(".talkbook-cell__stale")
    expect(notice).to_contain_text("The course changed this cell since you edited it")
    expect(cell.locator(".talkbook-cell__code")).to_contain_text("hello from the NEW course")
    run_cell(page, "greet")
    expect(cell.locator(".talkbook-out--stdout")).to_have_text("hello from the NEW course\n")
    # The old edit is still there on request.
    page.reload()
    ready_cell(page, "greet").locator('[data-action]', has_text="Load my old edit").click()
    expect(page.locator('[data-cell-id="greet"] .cm-content')).to_have_text('print("edit of the old course")', timeout=30_000)


def test_clear_my_edits_resets_every_cell_of_the_page(page, site, ready_cell):
    _, url, build = site
    build(PAGE)
    page.goto(url)
    clear = page.locator(".talkbook-page-tools__clear")
    expect(clear).to_be_disabled(timeout=30_000)
    type_code(page, ready_cell(page, "greet"), 'print("one")')
    type_code(page, ready_cell(page, "other"), 'print("two")')
    expect(clear).to_be_enabled()
    clear.click()
    expect(page.locator('[data-cell-id="greet"] .cm-content')).to_have_text('print("hello from the course")')
    expect(page.locator('[data-cell-id="other"] .cm-content')).to_have_text('print("another cell")')
    page.reload()
    expect(page.locator(".cm-content")).to_have_count(0)
    expect(page.locator(".talkbook-page-tools__clear")).to_be_disabled()
