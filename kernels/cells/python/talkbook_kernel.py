"""The Python half of the cell kernel: run a cell in its page's namespace, run checks.

Plain Python (no Pyodide import), so the same code runs in the browser's worker
and under CPython, where the tests use it to prove that every reference solution
passes its own checks. The worker calls :func:`connect` once with two functions:
``emit(kind, json_text)`` sends output to the page and ``read_line(prompt)``
answers ``input()`` (or is None where the page cannot block for an answer).
"""

from __future__ import annotations

import ast
import builtins
import json
import linecache
import sys
import traceback

CELL_PREFIX = "<cell "
# Made in advance: once memory has run out, a reply built afterwards may not reach the page
# intact (Pyodide 314 handed the page a string of unrelated heap bytes), while this one does.
OUT_OF_MEMORY = json.dumps({"error": {
    "name": "MemoryError",
    "message": "Python ran out of memory. Variables of earlier cells are kept: "
               "delete big ones (del name) to free memory for the next cells.",
    "traceback": "",
}})
namespaces: dict[str, dict] = {}
_emit = None
_read_line = None


def connect(emit, read_line=None) -> None:
    """Route stdout, stderr and input() of every cell to the page."""
    global _emit, _read_line
    _emit, _read_line = emit, read_line
    sys.stdout = LineStream("stdout")
    sys.stderr = LineStream("stderr")
    builtins.input = ask


def send(kind: str, payload: dict) -> None:
    if _emit is not None:
        _emit(kind, json.dumps(payload))


class LineStream:
    """A text stream that sends every complete line at once, so slow loops show progress."""

    encoding = "utf-8"

    def __init__(self, name: str):
        self.name = name
        self.pending = ""

    def write(self, text: str) -> int:
        self.pending += text
        if "\n" in self.pending:
            lines, _, self.pending = self.pending.rpartition("\n")
            send("stream", {"name": self.name, "text": lines + "\n"})
        return len(text)

    def flush(self) -> None:
        if self.pending:
            send("stream", {"name": self.name, "text": self.pending})
            self.pending = ""

    def isatty(self) -> bool:
        return False


def ask(prompt: object = "") -> str:
    """input(): the page shows a text field; where it cannot wait for an answer, say why."""
    sys.stdout.flush()
    if _read_line is None:
        raise RuntimeError(
            "input() needs a cross-origin isolated page, and this one is not "
            "(its server sends no COOP/COEP headers and the service worker could not help). "
            "Put the value in the code instead, for example: name = 'Ada'"
        )
    answer = _read_line(str(prompt))
    if answer is None:
        raise KeyboardInterrupt
    print(f"{prompt}{answer}")
    return str(answer)


def namespace(page: str) -> dict:
    """One namespace per page, kept for as long as the kernel lives (as in a notebook)."""
    return namespaces.setdefault(page, {"__name__": "__main__", "__builtins__": builtins})


def forget(page: str) -> None:
    namespaces.pop(page, None)


def run_cell(code: str, page: str, cell: str, checks: str | None = None) -> str:
    """Run a cell; its last expression's value is shown. Returns JSON: value, error or checks."""
    scope = namespace(page)
    filename = _remember(code, cell)
    try:
        value = execute(code, scope, filename)
    except MemoryError:
        return OUT_OF_MEMORY  # see OUT_OF_MEMORY: describing the error needs memory too
    except BaseException as error:  # the learner's code may raise anything, KeyboardInterrupt too
        return json.dumps({"error": describe(error)})
    finally:
        _flush()
    reply = {"value": None if value is None else _repr(value)}
    if checks is not None:
        reply["checks"] = run_checks(checks, scope, f"{CELL_PREFIX}{cell} checks>")
        _flush()
    return json.dumps(reply)


def execute(code: str, scope: dict, filename: str):
    """exec every statement; eval the last one when it is an expression, and return its value."""
    tree = ast.parse(code, filename, "exec")
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, filename, "exec"), scope)
    if last is None:
        return None
    value = eval(compile(ast.Expression(last.value), filename, "eval"), scope)
    if value is not None:
        scope["_"] = value
    return value


def run_checks(source: str, scope: dict, filename: str = "<checks>") -> list[dict]:
    """Each top-level ``assert test, "message"`` is one check; other statements prepare them."""
    checks = []
    local = dict(scope)  # helpers the checks define stay out of the learner's namespace
    for node in ast.parse(source, filename).body:
        if isinstance(node, ast.Assert):
            checks.append(_check(node, source, local, filename))
            continue
        try:
            exec(compile(ast.Module([node], []), filename, "exec"), local)
        except Exception as error:
            checks.append({"passed": False, "message": "The checks could not start.", "detail": _one_line(error)})
            break
    return checks


def _check(node: ast.Assert, source: str, scope: dict, filename: str) -> dict:
    message = ast.get_source_segment(source, node.test) or "check"
    try:
        if node.msg is not None:
            message = str(eval(compile(ast.Expression(node.msg), filename, "eval"), scope))
        passed = bool(eval(compile(ast.Expression(node.test), filename, "eval"), scope))
    except Exception as error:
        return {"passed": False, "message": message, "detail": _one_line(error)}
    return {"passed": passed, "message": message, "detail": ""}


def describe(error: BaseException) -> dict:
    """name, message and a traceback that starts at the learner's first line."""
    trimmed = traceback.TracebackException.from_exception(error)
    trimmed.stack = traceback.StackSummary.from_list(_learner_frames(trimmed.stack))
    text = "".join(trimmed.format())
    return {"name": type(error).__name__, "message": str(error), "traceback": text}


def _learner_frames(stack) -> list:
    """Drop the kernel's frames (this module, Pyodide) that come before the learner's code."""
    for index, frame in enumerate(stack):
        if frame.filename.startswith(CELL_PREFIX):
            return list(stack)[index:]
    return []


def _remember(code: str, cell: str) -> str:
    filename = f"{CELL_PREFIX}{cell}>"
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    return filename


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, LineStream):
            stream.flush()


def _repr(value) -> str:
    text = repr(value)
    return text if len(text) <= 20_000 else text[:20_000] + " …"


def _one_line(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"
