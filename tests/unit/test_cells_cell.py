"""The cell model: which fences are cells, and what their options mean."""

import pytest

from talkbook.cells.cell import CellError, depends_on_earlier, is_cell_fence, names_of, parse_cell


def test_unmarked_fences_are_not_cells():
    assert not is_cell_fence({})
    assert not is_cell_fence({"title": "x.py"})
    assert is_cell_fence({"run": None})
    assert is_cell_fence({"check": None, "for": "a"})


def test_run_options():
    cell = parse_cell("x = 1", {"run": None, "autorun": None, "readonly": None, "timeout": "2.5", "hint": "Use zip()"},
                      fence_id="weighted-sum")
    assert (cell.kind, cell.id, cell.autorun, cell.readonly, cell.hidden) == ("run", "weighted-sum", True, True, False)
    assert cell.timeout == 2.5 and cell.hint == "Use zip()"
    assert cell.source == "x = 1\n"


def test_flags_written_the_non_brace_way_are_read_too():
    # ```python run hidden  (superfences gives bare words as key=key)
    cell = parse_cell("x = 1", {"run": "run", "hidden": "hidden"})
    assert cell.hidden


def test_check_and_solution_belong_to_a_cell():
    check = parse_cell("assert x == 1, 'x is one'", {"check": None, "for": "ex"})
    assert (check.kind, check.target) == ("check", "ex")
    with pytest.raises(CellError, match="needs for=ID"):
        parse_cell("pass", {"solution": None})
    with pytest.raises(CellError, match="unknown check option 'autorun'"):
        parse_cell("pass", {"check": None, "for": "ex", "autorun": None})


@pytest.mark.parametrize("options, message", [
    ({"run": None, "autorn": None}, "unknown cell option 'autorn'"),
    ({"run": None, "timeout": "soon"}, "'timeout=soon' must be a number"),
    ({"run": None, "timeout": "0"}, "more than 0 seconds"),
    ({"run": None, "timeout": None}, "option 'timeout' needs a value"),
    ({"run": "yes"}, "option 'run' takes no value"),
    ({"run": None, "hidden": "no"}, "option 'hidden' takes no value"),
    ({"run": None, "check": None}, "not run and check"),
    ({"run": None, "id": "1st"}, "must start with a letter"),
])
def test_bad_options_name_the_option(options, message):
    with pytest.raises(CellError, match=message):
        parse_cell("pass", options)


def test_changed_source_changes_the_hash():
    a = parse_cell("x = 1", {"run": None})
    b = parse_cell("x = 2", {"run": None})
    assert a.source_hash != b.source_hash and len(a.source_hash) == 16
    assert a.source_hash == parse_cell("x = 1\n", {"run": None}).source_hash


def test_names_a_cell_defines_and_reads():
    defines, uses = names_of("import math as m\nfrom a.b import c\ndef f(x):\n    return x + y\nz = f(w)\nclass K: pass\n")
    assert {"m", "c", "f", "z", "K"} <= defines
    assert {"y", "w"} <= uses and "f" not in uses
    assert names_of("def broken(:\n") == (frozenset(), frozenset())


def test_depends_on_visible_cells_above():
    first = parse_cell("greeting = 'hi'", {"run": None})
    setup = parse_cell("secret = 1", {"run": None, "hidden": None})
    uses = parse_cell("print(greeting)", {"run": None})
    assert depends_on_earlier(uses, [first])
    assert not depends_on_earlier(parse_cell("print(secret)", {"run": None}), [setup])
    assert not depends_on_earlier(first, [])
