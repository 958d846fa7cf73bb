"""The kernel's Python half (kernels/cells/python) under CPython: the same code the worker runs."""

import builtins
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "kernels" / "cells" / "python"))

import talkbook_kernel as kernel  # noqa: E402
import viz  # noqa: E402


READ_LINE: dict = {}


@pytest.fixture
def sent(monkeypatch):
    monkeypatch.setattr(builtins, "input", builtins.input)  # connect() replaces it: put it back after
    messages = []
    READ_LINE.clear()
    READ_LINE["messages"] = messages
    yield messages
    kernel.namespaces.clear()


def run(code, page="/p/", cell="c", checks=None):
    """Connect (pytest swaps sys.stdout between phases, so connect right here), then run."""
    saved = sys.stdout, sys.stderr
    messages = READ_LINE["messages"]
    kernel.connect(lambda kind, payload: messages.append((kind, json.loads(payload))), READ_LINE.get("read_line"))
    try:
        return json.loads(kernel.run_cell(code, page, cell, checks))
    finally:
        sys.stdout, sys.stderr = saved


def test_the_last_expression_is_the_value_and_names_stay_per_page(sent):
    assert run("x = 20\nx + 1") == {"value": "21"}
    assert run("x * 2") == {"value": "40"}
    assert run("print('hi')") == {"value": None}
    assert run("'x' in globals()", page="/other/") == {"value": "False"}


def test_print_sends_whole_lines(sent):
    run("print('a', end='')\nprint('b')\nprint('c')\nprint('tail', end='')")
    assert sent == [("stream", {"name": "stdout", "text": "ab\n"}), ("stream", {"name": "stdout", "text": "c\n"}),
                    ("stream", {"name": "stdout", "text": "tail"})]


def test_a_traceback_starts_at_the_learners_code(sent):
    reply = run("def f(n):\n    return 1 / n\n\nf(0)", cell="boom")
    error = reply["error"]
    assert error["name"] == "ZeroDivisionError"
    lines = error["traceback"].splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert 'File "<cell boom>", line 4, in <module>' in lines[1]
    assert "talkbook_kernel" not in error["traceback"]


def test_a_syntax_error_points_at_the_line(sent):
    error = run("x = (1,\ny = 2", cell="syntax")["error"]
    assert error["name"] == "SyntaxError"
    assert '"<cell syntax>", line 1' in error["traceback"] and "talkbook_kernel" not in error["traceback"]


def test_checks_report_each_assert_with_its_message(sent):
    reply = run("def double(x):\n    return x * 3", checks=(
        "cases = [(1, 2), (0, 0)]\n"
        "assert double(0) == 0, 'double(0) is 0'\n"
        "assert all(double(a) == b for a, b in cases), 'double(1) should be 2'\n"
        "assert triple(1) == 3, 'triple exists'\n"
    ))
    assert [c["passed"] for c in reply["checks"]] == [True, False, False]
    assert reply["checks"][1]["message"] == "double(1) should be 2"
    assert reply["checks"][2]["detail"] == "NameError: name 'triple' is not defined"
    assert "cases" not in kernel.namespace("/p/")  # check helpers stay out of the learner's names


def test_input_explains_itself_where_the_page_cannot_wait(sent):
    error = run("name = input('Name? ')")["error"]
    assert error["name"] == "RuntimeError" and "cross-origin isolated" in error["message"]


def test_input_reads_a_line_where_it_can(sent):
    READ_LINE["read_line"] = lambda prompt: "Ada"
    assert run("name = input('Name? ')\nname") == {"value": "'Ada'"}
    assert ("stream", {"name": "stdout", "text": "Name? Ada\n"}) in sent
    READ_LINE["read_line"] = lambda prompt: None  # None: Stop was pressed
    assert run("input()")["error"]["name"] == "KeyboardInterrupt"


def test_viz_sends_charts_and_tables(sent):
    run("import viz\nc = viz.line_chart('Loss', y_label='loss')\nc.add(0.5)\nc.add(float('nan'))\n"
        "viz.scatter([1, 2], [3, 4], groups=['a', 'b'])\nviz.table([{'n': 1, 'p': 0.123456}])")
    kinds = [kind for kind, _ in sent]
    assert kinds == ["chart", "chart-add", "chart-add", "chart", "table"]
    assert sent[2][1] == {"chart": sent[0][1]["chart"], "x": 2, "ys": [None]}
    assert sent[3][1]["points"] == [[[1.0, 3.0]], [[2.0, 4.0]]]
    assert sent[4][1] == {"columns": ["n", "p"], "rows": [["1", "0.1235"]], "more": 0}
    with pytest.raises(ValueError, match="takes 1 values"):
        viz.LineChart().add(1, 2)


def test_viz_line_names_its_lines_and_can_draw_a_log_scale(sent):
    run("import viz\nviz.line([[1, 0.5], [5, 4]], labels=['rate 0.5', 'rate 10'], log_y=True)")
    spec = sent[-1][1]
    assert spec["series"] == ["rate 0.5", "rate 10"] and spec["y_log"] is True
    with pytest.raises(ValueError, match="2 lines but 1 labels"):
        viz.line([[1], [2]], labels=["one"])
    with pytest.raises(ValueError, match="above 0"):
        viz.line([1, 0], log_y=True)


def test_viz_boundary_chart_shades_a_grid_and_redraws(sent):
    run("import viz\nb = viz.boundary_chart(['no', 'yes'], points=[(0.1, 0.9)], groups=['yes'], resolution=4)\n"
        "b.draw(lambda x, y: 'yes' if x < y else 'no')\nb.draw(lambda x, y: 'no')")
    kinds = [kind for kind, _ in sent]
    assert kinds[-3:] == ["chart", "chart-update", "chart-update"]
    spec, first, second = (payload for _, payload in sent[-3:])
    assert spec["kind"] == "boundary" and spec["classes"] == ["no", "yes"] and spec["points"] == [[0.1, 0.9, 1]]
    assert first["grid"][0] == [0, 0, 0, 0] and first["grid"][3] == [1, 1, 1, 0]  # rows go up in y
    assert second["grid"] == [[0] * 4] * 4
    with pytest.raises(ValueError, match="not one of the chart's classes"):
        viz.boundary_chart(["no", "yes"]).draw(lambda x, y: "maybe")
