"""Hold a converted model to the framework it came from, and measure what quantising costs.

A converting recipe may define ``reference(inputs)``: the original implementation's
probabilities (PyTorch, say) for ``fixed_set()``. Each export (float32, float16, uint16,
uint8) is written, loaded back as TF.js would load it, and compared with the reference:
the bytes a learner downloads against how often the answers stay the same. The
float32 export must match the reference (every top-1, probabilities within 1e-3) and
the shipped export must keep every top-1; otherwise the build stops naming the recipe.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Callable

import numpy as np

from .card import summary
from .recipe import QUANTIZATIONS, Recipe, RecipeError

FLOAT32_TOLERANCE = 1e-3
TOP = 5


def compare_with_reference(recipe: Recipe, stack, model, export: Callable, shipped_folder: Path) -> dict[str, Any]:
    """shipped_folder holds the export that ships, already written: only the others are made here."""
    images = np.asarray(recipe.call("fixed_set"), dtype="float32")
    if images.ndim != len(recipe.input_spec["shape"]) + 1 or list(images.shape[1:]) != recipe.input_spec["shape"]:
        raise RecipeError(recipe.path, f"fixed_set() must return inputs shaped {recipe.input_spec['shape']}")
    reference = np.asarray(recipe.call("reference", images), dtype="float64")
    if reference.shape != (len(images), len(recipe.labels)):
        raise RecipeError(recipe.path, f"reference() returned {reference.shape}, expected {(len(images), len(recipe.labels))}")
    shipped = recipe.quantization or "float32"
    options = {}
    for quantization in (None, *QUANTIZATIONS):
        name = quantization or "float32"
        if name == shipped:
            options[name] = _measure(stack, shipped_folder, images, reference)
            continue
        with tempfile.TemporaryDirectory() as folder:
            export(stack, model, Path(folder), quantization)
            options[name] = _measure(stack, Path(folder), images, reference)
    _demand(recipe, "float32", options["float32"], max_diff=FLOAT32_TOLERANCE)
    _demand(recipe, shipped, options[shipped], max_diff=None)
    return {
        "checked_against": summary(recipe.module.reference.__doc__),
        "images": int(len(images)),
        "options": options,
        "shipped": shipped,
    }


def _measure(stack, folder: Path, images: np.ndarray, reference: np.ndarray) -> dict[str, Any]:
    """The export in folder, loaded back as TF.js would: its bytes, and how it agrees with the reference."""
    reloaded = stack.tfjs.converters.load_keras_model(str(folder / "model.json"))
    outputs = np.asarray(reloaded.predict(images, batch_size=8, verbose=0), dtype="float64")
    return {"weight_bytes": _weight_bytes(folder), **agreement(outputs, reference)}


def agreement(outputs: np.ndarray, reference: np.ndarray) -> dict[str, float]:
    """Top-1 agreement: same best class. Top-5 agreement: the same five classes, in any order."""
    top1 = outputs.argmax(axis=1) == reference.argmax(axis=1)
    top5 = [set(a) == set(b) for a, b in zip(_top(outputs), _top(reference), strict=True)]
    return {
        "top1_agreement": round(float(np.mean(top1)), 6),
        "top5_agreement": round(float(np.mean(top5)), 6),
        "max_abs_diff": float(f"{np.abs(outputs - reference).max():.3g}"),
    }


def _demand(recipe: Recipe, name: str, row: dict, max_diff: float | None) -> None:
    if row["top1_agreement"] < 1.0:
        raise RecipeError(recipe.path, f"the {name} export changes the reference's answer on some images: {row}")
    if max_diff is not None and row["max_abs_diff"] > max_diff:
        raise RecipeError(recipe.path, f"the {name} export differs from the reference by {row['max_abs_diff']} (> {max_diff})")


def _top(probabilities: np.ndarray) -> np.ndarray:
    return np.argsort(-probabilities, axis=1)[:, :TOP]


def _weight_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.glob("*.bin"))

