"""Model recipes: small Python modules under ``course/models/`` that say how to make a model.

A recipe trains a model (``data`` + ``build`` + ``TRAINING``), imports an existing
TF.js or Keras one (``SOURCE``), or converts weights made elsewhere (``convert``, for
example a PyTorch state dict a package ships). Every kind declares ``LABELS``, an
``INPUT`` spec and ``examples()``. See ``docs/models.md`` for the full interface.

Nothing here imports TensorFlow: freshness checks hash bytes and never execute
the recipe, so a cache-hit build stays cheap and needs no training stack.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
TRAINING_DEFAULTS = {"epochs": 10, "batch_size": 32, "learning_rate": 1e-3, "validation_split": 0.2, "seed": 0}
INPUT_KEYS = ("shape", "dtype", "range", "preprocessing")
QUANTIZATIONS = ("float16", "uint16", "uint8")


class TrainingUnavailable(RuntimeError):
    """The training extra (TensorFlow, tf_keras, tensorflowjs) is not installed."""


class RecipeError(Exception):
    """A recipe is missing, raises, or breaks the interface; the message starts with its file."""

    def __init__(self, path: Path | str, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass
class Recipe:
    """A loaded, validated recipe module."""

    name: str
    path: Path
    module: ModuleType
    labels: list[str]
    input_spec: dict[str, Any]
    training: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None
    quantization: str | None = None

    @property
    def imports_model(self) -> bool:
        return self.source is not None

    @property
    def converts_model(self) -> bool:
        return not self.imports_model and callable(getattr(self.module, "convert", None))

    @property
    def has_reference(self) -> bool:
        return callable(getattr(self.module, "reference", None))

    def call(self, function: str, *args):
        """Call one of the recipe's functions; any exception becomes a RecipeError naming the file."""
        try:
            return getattr(self.module, function)(*args)
        except RecipeError:
            raise
        except Exception as error:  # the recipe is user code: report whatever it raised
            raise RecipeError(self.path, f"{function}() raised {type(error).__name__}: {error}") from error


def discover(recipes_dir: Path) -> list[Path]:
    """Recipe files in ``recipes_dir``; ``_helpers.py`` and ``__init__.py`` are not recipes."""
    if not recipes_dir.is_dir():
        raise RecipeError(recipes_dir, "the recipes folder does not exist")
    return sorted(p for p in recipes_dir.glob("*.py") if not p.name.startswith("_"))


def recipe_name(path: Path) -> str:
    """A recipe is named after its file, so the name is known without executing it."""
    return path.stem


def find(recipes_dir: Path, name: str) -> Path:
    path = recipes_dir / f"{name}.py"
    if not path.is_file():
        known = ", ".join(recipe_name(p) for p in discover(recipes_dir)) or "none"
        raise RecipeError(path, f"no recipe named '{name}' (recipes here: {known})")
    return path


def content_hash(path: Path) -> str:
    """sha256 of the recipe source, plus the bytes of the model it imports (``SOURCE``), if any,
    and of the data files it lists in ``FILES`` (a label list, say).

    A TF.js ``model.json`` SOURCE (another recipe's frozen model) counts with its weight
    files: retraining changes the weights while model.json itself may stay the same.
    """
    if not path.is_file():
        raise RecipeError(path, "the recipe file does not exist")
    digest = hashlib.sha256(path.read_bytes())
    source = _parse_literal_source(path)
    members = [] if source is None else [(source.parent, m) for m in _source_members(source)]
    members += [(path.parent.resolve(), f) for f in declared_files(path)]
    for base, member in members:
        digest.update(Path(os.path.relpath(member, base)).as_posix().encode())
        digest.update(hashlib.sha256(member.read_bytes()).digest())
    return digest.hexdigest()


def declared_files(path: Path) -> list[Path]:
    """The data files a recipe lists in ``FILES`` (a literal list, relative to the recipe)."""
    names = _literal(path, "FILES")
    if names is None:
        return []
    if not isinstance(names, (list, tuple)) or not all(isinstance(n, str) and n for n in names):
        raise RecipeError(path, "FILES must be a plain list of file names, relative to the recipe")
    files = [(path.parent / name).resolve() for name in names]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise RecipeError(path, f"FILES lists files that do not exist: {', '.join(missing)}")
    return files


def declared_source(path: Path) -> Path | None:
    """The ``SOURCE`` a recipe imports, read statically (the recipe is not executed)."""
    return _parse_literal_source(path)


def load(path: Path) -> Recipe:
    """Execute the recipe module and check its interface (not its outputs: that needs a model)."""
    module = _import_module(path)
    name = getattr(module, "NAME", recipe_name(path))
    if name != recipe_name(path) or not NAME_PATTERN.match(name):
        raise RecipeError(path, f"NAME must equal the file's stem '{recipe_name(path)}' (lowercase, digits, - or _)")
    recipe = Recipe(
        name=name,
        path=path,
        module=module,
        labels=_parse_labels(path, module),
        input_spec=_parse_input(path, module),
        source=_parse_source_attribute(path, module),
        quantization=_parse_quantization(path, module),
    )
    _require_callable(recipe, "examples")
    if getattr(module, "wrap", None) is not None and not recipe.imports_model:
        raise RecipeError(path, "wrap(keras, model) needs SOURCE: it adapts an imported model")
    if recipe.has_reference:
        _require_callable(recipe, "fixed_set", kind="a recipe with reference()")
    if not recipe.imports_model and not recipe.converts_model:
        _require_callable(recipe, "data")
        _require_callable(recipe, "build")
        recipe.training = _parse_training(path, module)
    return recipe


def _import_module(path: Path) -> ModuleType:
    if not path.is_file():
        raise RecipeError(path, "the recipe file does not exist")
    module_name = f"talkbook_recipe_{recipe_name(path)}_{hashlib.sha1(str(path).encode()).hexdigest()[:8]}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    # No __pycache__ in the author's course folder (mkdocs serve watches it, git would see it).
    writes_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    sys.modules[module_name] = module  # dataclasses and pickling look the module up while it runs
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # a broken recipe must name itself, whatever it raised
        raise RecipeError(path, f"importing the recipe raised {type(error).__name__}: {error}") from error
    finally:
        sys.dont_write_bytecode = writes_bytecode
        sys.modules.pop(module_name, None)
    return module


def _parse_labels(path: Path, module: ModuleType) -> list[str]:
    labels = getattr(module, "LABELS", None)
    if not isinstance(labels, (list, tuple)) or not labels or not all(isinstance(x, str) and x for x in labels):
        raise RecipeError(path, "LABELS must be a non-empty list of non-empty strings")
    if len(set(labels)) != len(labels):
        raise RecipeError(path, f"LABELS has duplicates: {list(labels)}")
    return list(labels)


def _parse_input(path: Path, module: ModuleType) -> dict[str, Any]:
    spec = getattr(module, "INPUT", None)
    if not isinstance(spec, dict) or any(key not in spec for key in INPUT_KEYS):
        raise RecipeError(path, f"INPUT must be a dict with the keys {', '.join(INPUT_KEYS)}")
    shape = spec["shape"]
    if not isinstance(shape, (list, tuple)) or not shape or not all(isinstance(n, int) and n > 0 for n in shape):
        raise RecipeError(path, f"INPUT['shape'] must list positive ints (no batch axis), got {shape!r}")
    bounds = spec["range"]
    if not (isinstance(bounds, (list, tuple)) and len(bounds) == 2 and bounds[0] < bounds[1]):
        raise RecipeError(path, f"INPUT['range'] must be (low, high) with low < high, got {spec['range']!r}")
    return {**spec, "shape": list(shape), "range": list(bounds)}


def _parse_training(path: Path, module: ModuleType) -> dict[str, Any]:
    training = getattr(module, "TRAINING", {})
    unknown = set(training) - set(TRAINING_DEFAULTS)
    if not isinstance(training, dict) or unknown:
        raise RecipeError(path, f"TRAINING accepts only {sorted(TRAINING_DEFAULTS)}; unknown: {sorted(unknown)}")
    return {**TRAINING_DEFAULTS, **training}


def _parse_quantization(path: Path, module: ModuleType) -> str | None:
    quantization = getattr(module, "QUANTIZE", None)
    if quantization is not None and quantization not in QUANTIZATIONS:
        raise RecipeError(path, f"QUANTIZE must be one of {', '.join(QUANTIZATIONS)} (or left out), got {quantization!r}")
    return quantization


def _parse_source_attribute(path: Path, module: ModuleType) -> Path | None:
    source = getattr(module, "SOURCE", None)
    if source is None:
        return None
    literal = _parse_literal_source(path)
    if literal is None:  # set, but not at the top level, or not to a string
        raise RecipeError(path, "SOURCE must be a plain string literal (it is read without running the recipe)")
    if not literal.exists():
        raise RecipeError(path, f"SOURCE {literal} does not exist")
    return literal


def _parse_literal_source(path: Path) -> Path | None:
    """Read ``SOURCE = "..."`` statically, relative to the recipe's folder."""
    source = _literal(path, "SOURCE")
    return (path.parent / source).resolve() if isinstance(source, str) else None


def _literal(path: Path, name: str) -> Any:
    """The value of ``name = <literal>`` at the recipe's top level, read without running it; None
    when the recipe does not set it. Any other value is an error: what the recipe's hash covers
    must be known before the recipe runs, or a changed file would go unnoticed."""
    try:
        tree = ast.parse(path.read_bytes(), filename=str(path))
    except SyntaxError as error:
        raise RecipeError(path, f"syntax error: {error}") from error
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            try:
                return ast.literal_eval(node.value)
            except ValueError:
                raise RecipeError(path, f"line {node.lineno}: {name} must be a plain literal, such as "
                                  "a string or a list of strings (it is read without running the recipe)") from None
    return None


def _source_members(source: Path) -> list[Path]:
    """The imported model's files: a ``.keras``/``.h5`` file, a TF.js ``model.json`` and its
    weight files, or every file of a SavedModel folder."""
    if source.is_file() and source.suffix == ".json":
        return [source, *_tfjs_weight_files(source)]
    if source.is_file():
        return [source]
    return sorted(p for p in source.rglob("*") if p.is_file())


def _tfjs_weight_files(model_json: Path) -> list[Path]:
    try:
        manifest = json.loads(model_json.read_text(encoding="utf-8")).get("weightsManifest", [])
        names = [name for group in manifest for name in group["paths"]]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise RecipeError(model_json, f"not a TF.js layers model.json ({error})") from error
    files = [model_json.parent / name for name in names]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise RecipeError(model_json, f"weight files listed in model.json are missing: {', '.join(missing)}")
    return files


def _require_callable(recipe: Recipe, function: str, kind: str = "") -> None:
    """kind: what needs it, for the error; by default the recipe's own kind."""
    if not callable(getattr(recipe.module, function, None)):
        if not kind and recipe.imports_model:
            kind = "an importing recipe (SOURCE)"
        elif not kind:
            kind = "a converting recipe" if recipe.converts_model else "a training recipe"
        raise RecipeError(recipe.path, f"{kind} must define {function}()")
