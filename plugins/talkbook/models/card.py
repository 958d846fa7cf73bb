"""What a frozen model says about itself: ``card.json`` and the Teachable-Machine ``metadata.json``.

Pure data assembly, no TensorFlow: versions come from package metadata, not imports.
Nothing time-dependent goes in, so retraining an unchanged recipe rewrites identical bytes.
"""

from __future__ import annotations

import platform
from importlib import metadata
from typing import Any

from talkbook import __version__ as TALKBOOK_VERSION

from .recipe import Recipe

FORMAT = "tfjs-layers-model"
TRACKED_PACKAGES = ("tensorflow", "tf_keras", "tensorflowjs", "numpy")


def tool_versions() -> dict[str, str]:
    versions = {"python": platform.python_version(), "talkbook": TALKBOOK_VERSION}
    for package in TRACKED_PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "absent"
    return versions


def model_card(
    recipe: Recipe,
    recipe_hash: str,
    *,
    history: dict[str, list[float]],
    metrics: dict[str, Any],
    parity: dict[str, Any],
) -> dict[str, Any]:
    """The card minus ``files``, which the store adds once every artifact is written."""
    card = {
        "name": recipe.name,
        "description": summary(recipe.module.__doc__),
        "format": FORMAT,
        "labels": recipe.labels,
        "input": recipe.input_spec,
        "recipe": {"file": recipe.path.name, "sha256": recipe_hash},
        "training": recipe.training or None,
        "metrics": metrics,
        "history": history,
        "parity": parity,
        "versions": tool_versions(),
    }
    if recipe.imports_model:
        card["source"] = _relative_source(recipe)
    provenance = getattr(recipe.module, "PROVENANCE", None)
    if isinstance(provenance, dict):  # where weights made elsewhere came from, and under which licence
        card["provenance"] = provenance
    return card


def teachable_metadata(recipe: Recipe, versions: dict[str, str]) -> dict[str, Any]:
    """``metadata.json`` as Teachable Machine writes it: ml5.imageClassifier reads ``labels`` from it.

    ``timeStamp`` is left out on purpose: it would make every retrain a diff.
    """
    meta = {
        "tfjsVersion": versions.get("tensorflowjs", "absent"),
        "packageName": "talkbook",
        "packageVersion": TALKBOOK_VERSION,
        "modelName": recipe.name,
        "labels": recipe.labels,
        "userMetadata": {"input": recipe.input_spec},
    }
    shape = recipe.input_spec["shape"]
    if len(shape) == 3 and shape[0] == shape[1]:
        meta["imageSize"] = shape[0]
    return meta


def _relative_source(recipe: Recipe) -> str:
    """The SOURCE as the recipe wrote it (relative), never an absolute path of this machine."""
    try:
        return recipe.source.relative_to(recipe.path.parent.resolve()).as_posix()
    except ValueError:
        return recipe.source.name


def summary(text: str | None) -> str:
    """A docstring's first line (a model's description, what its reference is)."""
    return (text or "").strip().splitlines()[0].strip() if (text or "").strip() else ""
