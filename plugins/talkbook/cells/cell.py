"""The cell model: what a fenced ```` ```python {run ...} ```` block asks for.

Framework-agnostic: no MkDocs import, so the same parsing serves the plugin,
the solution checker and the tests. Three kinds of fence make up the syntax::

    ```python {run id=weighted-sum autorun readonly timeout=10 hint="Use zip()"}
    ```python {run hidden}                 a setup cell, run before the page's first run
    ```python {check for=weighted-sum}     hidden checks: each top-level assert is one check
    ```python {solution for=weighted-sum}  the reference solution, revealed on demand

A fence with none of ``run``, ``check`` or ``solution`` is not a cell.
"""

from __future__ import annotations

import ast
import hashlib
import re
from dataclasses import dataclass, field

KINDS = ("run", "check", "solution")
RUN_FLAGS = ("autorun", "hidden", "readonly")
RUN_VALUES = ("id", "timeout", "hint")
_ID = re.compile(r"^[A-Za-z][\w-]*$")


class CellError(ValueError):
    """A fence asked for something a cell cannot do; the message names the option."""


@dataclass
class Cell:
    """One live cell, or the checks or reference solution of another cell (``target``)."""

    kind: str
    source: str
    id: str = ""
    autorun: bool = False
    hidden: bool = False
    readonly: bool = False
    timeout: float | None = None
    hint: str = ""
    target: str = ""
    uses: frozenset[str] = field(default_factory=frozenset)
    defines: frozenset[str] = field(default_factory=frozenset)

    @property
    def source_hash(self) -> str:
        """Short digest of the author's code: a saved edit is only loaded for the code it was made on."""
        return hashlib.sha256(self.source.encode("utf-8")).hexdigest()[:16]


def is_cell_fence(options: dict) -> bool:
    """True when a fence's options mark it as a cell (and not a plain, static code block)."""
    return any(kind in options for kind in KINDS)


_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[^\s{`]*)[ \t]*(?:\{(?P<attrs>[^}]*)\})?[ \t]*$")


def unrunnable_fences(markdown: str, languages: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """Fences marked run/check/solution in a language no kernel runs: (kind, language, opening line).

    Without this such a block would silently stay static code. Fences inside other fences (a
    Markdown example in a ````markdown block) are content, not cells.
    """
    found, inside = [], None
    for line in markdown.split("\n"):
        match = _FENCE.match(line)
        if inside:
            fence = match and match.group("fence")
            if fence and fence[0] == inside[0] and len(fence) >= len(inside) and not match.group("lang"):
                inside = None
            continue
        if not match:
            continue
        inside = match.group("fence")
        kinds = [kind for kind in KINDS if re.search(rf"(?:^|\s){kind}\b", match.group("attrs") or "")]
        language = match.group("lang").lstrip(".")
        if kinds and language not in languages:
            found.append((kinds[0], language or "(none)", line.strip()))
    return found


def claim_fence(language, inputs, options, attrs, md) -> bool:
    """superfences validator: claim only fences marked run/check/solution; every other block stays static."""
    if not is_cell_fence(inputs):
        return False
    options.update(inputs)
    return True


def default_id(earlier: list[Cell]) -> str:
    """The id of an unnamed run cell: ``cell-N``, N counting every run cell of the page up to it, named or not.
    The site and the solution checker both number cells with it, so their ids agree."""
    return f"cell-{sum(c.kind == 'run' for c in earlier) + 1}"


def parse_cell(source: str, options: dict[str, str | None], fence_id: str = "") -> Cell:
    """Read a fence's options (``{key: value or None}``) into a :class:`Cell`, or raise CellError."""
    kinds = [kind for kind in KINDS if kind in options]
    if len(kinds) != 1:
        raise CellError(f"a cell is one of {', '.join(KINDS)}, not {' and '.join(kinds)}")
    kind = kinds[0]
    _reject_value(options, kind)
    rest = {key: value for key, value in options.items() if key != kind}
    cell = Cell(kind=kind, source=source.rstrip("\n") + "\n")
    if kind == "run":
        _read_run_options(cell, rest, fence_id)
    else:
        _read_target(cell, rest, fence_id)
    cell.defines, cell.uses = names_of(cell.source)
    return cell


def _read_run_options(cell: Cell, options: dict, fence_id: str) -> None:
    for key, value in options.items():
        if key in RUN_FLAGS:
            _reject_value(options, key)
            setattr(cell, key, True)
        elif key == "timeout":
            cell.timeout = _parse_timeout(value)
        elif key == "hint":
            cell.hint = _require_value(key, value)
        elif key == "id":
            cell.id = _parse_id(_require_value(key, value))
        else:
            known = ", ".join(RUN_FLAGS + RUN_VALUES)
            raise CellError(f"unknown cell option '{key}' (a run cell knows: {known})")
    if fence_id:
        cell.id = _parse_id(fence_id)


def _read_target(cell: Cell, options: dict, fence_id: str) -> None:
    unknown = [key for key in options if key != "for"]
    if unknown or fence_id:
        raise CellError(f"unknown {cell.kind} option '{(unknown or ['id'])[0]}' (a {cell.kind} block takes only for=ID)")
    if "for" not in options:
        raise CellError(f"a {cell.kind} block needs for=ID, the id of the run cell it belongs to")
    cell.target = _parse_id(_require_value("for", options["for"]))


def _parse_timeout(value: str | None) -> float:
    value = _require_value("timeout", value)
    try:
        seconds = float(value)
    except ValueError:
        raise CellError(f"option 'timeout={value}' must be a number of seconds") from None
    if not seconds > 0:
        raise CellError(f"option 'timeout={value}' must be more than 0 seconds")
    return seconds


def _parse_id(value: str) -> str:
    if not _ID.match(value):
        raise CellError(f"option 'id={value}' must start with a letter and hold only letters, digits, '-' and '_'")
    return value


def _require_value(key: str, value: str | None) -> str:
    if value is None or value == key or value == "":
        raise CellError(f"option '{key}' needs a value, as in {key}=...")
    return value


def _reject_value(options: dict, key: str) -> None:
    value = options.get(key)
    if value not in (None, key):
        raise CellError(f"option '{key}' takes no value (found '{key}={value}')")


def names_of(source: str) -> tuple[frozenset[str], frozenset[str]]:
    """(names the code binds at top level, names it reads); empty sets when it does not parse."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return frozenset(), frozenset()
    defines: set[str] = set()
    uses: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (defines if isinstance(node.ctx, ast.Store) else uses).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defines.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            defines.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return frozenset(defines), frozenset(uses - defines)


def depends_on_earlier(cell: Cell, earlier: list[Cell]) -> bool:
    """Does the cell read a name that a visible cell above it defines? Then "Run all above" helps."""
    defined_above = set().union(*(c.defines for c in earlier if c.kind == "run" and not c.hidden))
    return bool(cell.uses & defined_above)
