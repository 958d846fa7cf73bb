"""Exercises in Chromium: checks fail then pass, hint then solution, passes remembered."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.editing import type_code

pytestmark = pytest.mark.browser

PAGE = '''\
# Exercise

```python {run hidden}
import scratchnet
```

```python {run id=weighted-sum hint="Pair each input with its weight: zip(inputs, weights)."}
def weighted_sum(inputs, weights, bias):
    ...
```

```python {check for=weighted-sum}
assert weighted_sum([1, 2], [3, 4], 0) == 11, "Multiply each input by its weight, then add them up."
assert weighted_sum([1], [1], 5) == 6, "Don't forget the bias."
assert weighted_sum([0.5], [2], 0) == scratchnet.weighted_sum([0.5], [2]), "Agrees with scratchnet."
```

```python {solution for=weighted-sum}
def weighted_sum(inputs, weights, bias):
    return sum(x * w for x, w in zip(inputs, weights)) + bias
```
'''

ANSWER = "weighted_sum = lambda inputs, weights, bias: sum(x * w for x, w in zip(inputs, weights)) + bias"


@pytest.fixture(scope="module")
def url(serve_cells_site):
    with serve_cells_site({"index.md": PAGE}, isolated=True) as base:
        yield base


def checks(cell):
    return cell.locator(".talkbook-check")


def test_an_exercise_fails_then_passes_and_the_pass_is_remembered(page, url, run_cell):
    page.goto(url)
    cell = run_cell(page, "weighted-sum")
    expect(checks(cell)).to_have_count(3)
    expect(cell).to_have_attribute("data-exercise", "failed")
    expect(checks(cell).nth(0)).to_have_class("talkbook-check talkbook-check--fail")
    expect(checks(cell).nth(0)).to_contain_text("✗ Multiply each input by its weight, then add them up.")
    expect(cell.locator(".talkbook-cell__passed")).to_be_hidden()

    type_code(page, cell, "weighted_sum = lambda inputs, weights, bias: sum(x * w for x, w in zip(inputs, weights))")
    run_cell(page, "weighted-sum")
    expect(checks(cell).nth(0)).to_contain_text("✓ Multiply each input")
    expect(checks(cell).nth(1)).to_contain_text("✗ Don't forget the bias.")

    type_code(page, cell, ANSWER)
    run_cell(page, "weighted-sum")
    expect(cell).to_have_attribute("data-exercise", "passed")
    expect(checks(cell).filter(has_text="✓")).to_have_count(3)
    expect(cell.locator(".talkbook-cell__passed")).to_be_visible()

    page.reload()
    expect(page.locator('[data-cell-id="weighted-sum"] .talkbook-cell__passed')).to_be_visible(timeout=30_000)


def test_the_hint_comes_first_then_the_solution(page, url, run_cell):
    page.goto(url)
    cell = page.locator('[data-cell-id="weighted-sum"]')
    hint, solution = cell.locator('[data-action="hint"]'), cell.locator('[data-action="solution"]')
    expect(hint).to_be_visible(timeout=30_000)
    expect(solution).to_be_hidden()
    hint.click()
    expect(cell.locator(".talkbook-cell__hint-text")).to_have_text("Pair each input with its weight: zip(inputs, weights).")
    solution.click()
    expect(cell.locator(".talkbook-cell__solution-box pre")).to_contain_text("return sum(x * w for x, w in zip(inputs, weights)) + bias")
    cell.locator('[data-action="use-solution"]').click()
    expect(cell.locator(".cm-content")).to_contain_text("+ bias", timeout=30_000)
    run_cell(page, "weighted-sum")
    expect(cell).to_have_attribute("data-exercise", "passed")
