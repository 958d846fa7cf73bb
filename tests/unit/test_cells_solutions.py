"""Every reference solution passes its own checks: the course's, and the verifier itself."""

import re
from pathlib import Path

from tests.support.solutions import collect_cells, exercises_of, verify_files, verify_page

ROOT = Path(__file__).resolve().parents[2]

EXERCISE = '''\
# Neurons

```python {run hidden}
import scratchnet
```

```python {run id=demo}
while True:  # a demo of Stop: the verifier must not hang here
    pass
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

```python {run id=neuron}
def neuron(inputs, weights, bias):
    return scratchnet.sigmoid(weighted_sum(inputs, weights, bias))
```

```python {check for=neuron}
assert neuron([0], [0], 0) == 0.5, "sigmoid(0) is 0.5"
```

```python {solution for=neuron}
def neuron(inputs, weights, bias):
    return scratchnet.sigmoid(weighted_sum(inputs, weights, bias))
```
'''


def test_the_course_and_docs_solutions_pass_their_checks():
    pages = sorted((ROOT / "docs").rglob("*.md")) + sorted((ROOT / "course").rglob("*.md"))
    assert verify_files(pages) == []


def test_exercises_are_found_with_their_checks_and_solutions():
    cells = collect_cells(EXERCISE)
    exercises = exercises_of(cells)
    assert [e.cell.id for e in exercises] == ["weighted-sum", "neuron"]
    first = exercises[0]
    assert first.cell.hint.startswith("Pair each input")
    assert first.checks.count("assert") == 3 and "zip" in first.solution
    assert [c.id for c in first.above] == ["cell-1", "demo"]


def test_good_solutions_pass_even_after_earlier_exercises_and_a_demo_loop(monkeypatch):
    monkeypatch.setattr("tests.support.solutions.CELL_SECONDS", 0.5)
    assert verify_page(EXERCISE, "page.md") == []


def test_a_wrong_solution_is_reported_with_the_failing_checks(monkeypatch):
    monkeypatch.setattr("tests.support.solutions.CELL_SECONDS", 0.5)
    wrong = EXERCISE.replace("for x, w in zip(inputs, weights)) + bias", "for x, w in zip(inputs, weights))")
    [problem] = verify_page(wrong, "page.md")
    assert problem.startswith("page.md: the solution of 'weighted-sum' fails its checks")
    assert "✗ Don't forget the bias." in problem and "Multiply each input" not in problem
    assert "cell 'demo' above was skipped (TimeoutError" in problem


def test_a_solution_without_checks_is_reported():
    page = "```python {run id=a}\nx = 0\n```\n\n```python {solution for=a}\nx = 1\n```\n"
    assert verify_page(page, "p.md") == ["p.md: exercise 'a' has a solution but no checks"]


def test_the_site_and_the_checker_number_unnamed_cells_alike(tmp_path):
    """A named cell before an unnamed one: both say cell-2 (the checker once said cell-1)."""
    from tests.support.sites import build_site, write_fixture_site

    page = "# Mixed\n\n```python {run id=a}\nx = 1\n```\n\n```python {run}\ny = 2\n```\n\n```python {run}\nz = 3\n```\n"
    config = write_fixture_site(tmp_path, docs={"index.md": page}, plugins=["search", "talkbook/cells"])
    html = (build_site(config, tmp_path / "site") / "index.html").read_text()
    site_ids = re.findall(r'data-cell-id="([^"]+)"', html)
    assert site_ids == ["a", "cell-2", "cell-3"]
    assert [cell.id for cell in collect_cells(page)] == site_ids
