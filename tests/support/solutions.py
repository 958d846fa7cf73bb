"""Prove that every exercise's reference solution passes its own checks, under CPython (a test tool).

For each run cell with a ``{solution for=...}``, a fresh namespace runs what the page
would have run first (its hidden setup cells, then every cell above, with earlier
exercises replaced by their solutions), then the solution, then the checks, with the
kernel's own check runner (kernels/cells/python/talkbook_kernel.py). Cells above that
fail or run too long (a ``while True`` demo of Stop) are skipped and reported only if
the checks then fail.
"""

from __future__ import annotations

import builtins
import contextlib
import importlib
import io
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path

import markdown

from talkbook.cells.cell import Cell, CellError, claim_fence, default_id, parse_cell
from talkbook.assets import KERNELS

CELL_SECONDS = 20


@dataclass
class Exercise:
    cell: Cell
    solution: str
    checks: str
    above: list[Cell] = field(default_factory=list)


def collect_cells(text: str, language: str = "python") -> list[Cell]:
    """The cells of a Markdown page, in order, read by the same superfences fence as the site."""
    cells: list[Cell] = []

    def collect(src, lang, class_name, options, md, **kwargs):
        try:
            cells.append(parse_cell(src, options, kwargs.get("id_value") or ""))
        except CellError:
            pass  # the site build reports bad options; here only runnable exercises matter
        return ""

    fence = {"name": language, "class": "talkbook-cell", "validator": claim_fence, "format": collect}
    md = markdown.Markdown(extensions=["attr_list", "pymdownx.superfences"],
                           extension_configs={"pymdownx.superfences": {"custom_fences": [fence]}})
    md.convert(text)
    for index, cell in enumerate(cells):
        if cell.kind == "run" and not cell.id:
            cell.id = default_id(cells[:index])
    return cells


def exercises_of(cells: list[Cell]) -> list[Exercise]:
    solutions = _joined(cells, "solution")
    checks = _joined(cells, "check")
    runs = [cell for cell in cells if cell.kind == "run"]
    found = []
    for index, cell in enumerate(runs):
        if cell.id in solutions:
            found.append(Exercise(cell, solutions[cell.id], checks.get(cell.id, ""), runs[:index]))
    return found


def verify_page(text: str, where: str) -> list[str]:
    """Problems found on one page: solutions without checks, or failing their checks."""
    cells = collect_cells(text)
    solutions = _joined(cells, "solution")
    problems = []
    for exercise in exercises_of(cells):
        if not exercise.checks.strip():
            problems.append(f"{where}: exercise '{exercise.cell.id}' has a solution but no checks")
            continue
        failures = run_exercise(exercise, solutions)
        if failures:
            problems.append(f"{where}: the solution of '{exercise.cell.id}' fails its checks: " + "; ".join(failures))
    return problems


def run_exercise(exercise: Exercise, solutions: dict[str, str]) -> list[str]:
    notes = []
    hidden_first = sorted(exercise.above, key=lambda cell: not cell.hidden)
    with _quiet(), course_imports():
        kernel = importlib.import_module("talkbook_kernel")  # the kernel's own check runner
        kernel.forget(f"<verify {exercise.cell.id}>")
        scope = kernel.namespace(f"<verify {exercise.cell.id}>")
        for cell in hidden_first:
            error = _run(kernel, solutions.get(cell.id, cell.source), scope, cell.id)
            if error:
                notes.append(f"cell '{cell.id}' above was skipped ({error})")
        error = _run(kernel, exercise.solution, scope, exercise.cell.id)
        if error:
            return notes + [f"the solution raised {error}"]
        results = kernel.run_checks(exercise.checks, scope)
    failed = [f"✗ {r['message']}" + (f" ({r['detail']})" if r["detail"] else "") for r in results if not r["passed"]]
    if not results:
        failed = ["the checks hold no assert"]
    return notes + failed if failed else []


def _run(kernel, source: str, scope: dict, cell_id: str) -> str:
    def too_long(signum, frame):
        raise TimeoutError(f"ran for more than {CELL_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.setitimer(signal.ITIMER_REAL, CELL_SECONDS)
    try:
        kernel.execute(source, scope, f"<cell {cell_id}>")
        return ""
    except BaseException as error:  # course code may raise anything, SystemExit included
        return f"{type(error).__name__}: {error}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _joined(cells: list[Cell], kind: str) -> dict[str, str]:
    joined: dict[str, str] = {}
    for cell in cells:
        if cell.kind == kind:
            joined[cell.target] = joined.get(cell.target, "") + cell.source
    return joined


@contextlib.contextmanager
def _quiet():
    """Course cells print; input() has nobody to answer it here."""
    def no_input(prompt=""):
        raise EOFError("input() has no answer while solutions are verified")

    saved = builtins.input
    builtins.input = no_input
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            yield
    finally:
        builtins.input = saved


@contextlib.contextmanager
def course_imports():
    """While an exercise runs, the kernel, scratchnet and viz import as in the browser; afterwards
    sys.path and sys.modules are as they were (builtins.input and SIGALRM are restored by _quiet and _run)."""
    paths = [str(KERNELS / "cells" / "python"), str(KERNELS / "python")]
    modules = set(sys.modules)
    sys.path[:0] = paths
    try:
        yield
    finally:
        for path in paths:
            sys.path.remove(path)
        for name in set(sys.modules) - modules:
            del sys.modules[name]


def verify_files(paths: list[Path]) -> list[str]:
    problems = []
    for path in paths:
        problems.extend(verify_page(path.read_text(encoding="utf-8"), str(path)))
    return problems
