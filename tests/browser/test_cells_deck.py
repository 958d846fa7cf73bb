"""Cells inside the reveal.js deck: keys stay in the editor, the editor works at the deck's
scale, and the whole deck shares one namespace."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect


pytestmark = pytest.mark.browser

TALK = """\
---
title: Cells talk
author: Tester
---

# Live

## Unnamed first {#unnamed-first}

```python {run}
print("first chapter")
```

## Define {#define}

```python {run id=define}
value = 12345
```

## Use {#use}

```python {run id=use}
value * 2
```

## After {#after}

The slide after.

# Second chapter

## Unnamed {#unnamed}

```python {run}
print("second chapter")
```
"""


@pytest.fixture(scope="module")
def site_url(serve_cells_site):
    talk_plugin = {"talkbook/talk": {}}
    with serve_cells_site({"index.md": "# Home\n"}, talk=TALK, extra_plugins=[talk_plugin]) as url:
        yield url


@pytest.fixture(scope="module")
def deck_url(site_url):
    return site_url + "slides/"


@pytest.fixture
def small_page(context):
    """A window smaller than the deck's 1280x720, so reveal.js scales the slides down."""
    page = context.new_page()
    page.set_viewport_size({"width": 800, "height": 560})
    page.console_errors = []
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    return page


def open_slide(page, url, slide):
    page.goto(f"{url}#/{slide}")
    page.wait_for_selector("html[data-talkbook-deck=ready]")
    return page.evaluate("window.talkbookDeck.getIndices()")


def test_typing_in_a_cell_never_moves_the_deck_and_shift_enter_runs(small_page, deck_url, ready_cell):
    page = small_page
    where = open_slide(page, deck_url, "define")
    assert page.evaluate("window.talkbookDeck.getScale()") < 0.9
    cell = ready_cell(page, "define")
    cell.locator(".talkbook-cell__code").click()
    editor = cell.locator(".cm-content")
    expect(editor).to_be_visible(timeout=30_000)
    editor.click()
    for key in ["ArrowRight", "ArrowLeft", "Space", "n", "p", "f", "o", "b", "Escape", "PageDown"]:
        page.keyboard.press(key)
    assert page.evaluate("window.talkbookDeck.getIndices()") == where
    assert page.evaluate("window.talkbookDeck.isOverview()") is False
    page.keyboard.press("Control+A")
    page.keyboard.type("value = 12345")
    # Double-click the first word at the deck's scale: the editor must select that very word.
    line = editor.locator(".cm-line").first
    box = line.bounding_box()
    page.mouse.dblclick(box["x"] + 10, box["y"] + box["height"] / 2)
    page.keyboard.type("answer")
    assert editor.inner_text().strip() == "answer = 12345"
    page.keyboard.press("Shift+Enter")
    expect(cell).to_have_attribute("data-state", "done", timeout=120_000)
    assert page.evaluate("window.talkbookDeck.getIndices()") == where
    assert page.console_errors == []


def test_the_deck_shares_one_namespace(page, deck_url, run_cell):
    open_slide(page, deck_url, "define")
    run_cell(page, "define")
    page.evaluate("window.talkbookDeck.slide(...Object.values(window.talkbookDeck.getIndices(document.getElementById('use'))))")
    cell = run_cell(page, "use")
    expect(cell.locator(".talkbook-out--result")).to_have_text("24690")


def test_an_edit_in_a_chapter_is_the_same_cell_in_the_deck(page, site_url, deck_url, ready_cell):
    page.goto(site_url + "live/")
    cell = ready_cell(page, "define")
    cell.locator(".talkbook-cell__code").click()
    expect(cell.locator(".cm-content")).to_be_visible(timeout=30_000)
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.type("value = 7")
    open_slide(page, deck_url, "define")
    expect(ready_cell(page, "define").locator(".cm-content")).to_have_text("value = 7", timeout=30_000)
    # Both chapters have a cell-1: in the deck they stay two cells of two pages.
    unnamed = page.locator('[data-cell-id="cell-1"]')
    expect(unnamed).to_have_count(2)
    assert {unnamed.nth(i).get_attribute("data-page") for i in range(2)} == {"live.md", "second-chapter.md"}
