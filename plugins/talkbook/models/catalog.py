"""Bring the store up to date with the recipes: shared by the MkDocs plugin and the CLI.

For every recipe: fresh (card hash == recipe hash) -> verify and serve; stale ->
retrain when allowed and possible, otherwise warn with the command that retrains it.
"""

from __future__ import annotations

import importlib.util
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from . import recipe as recipes
from .store import FrozenModel, Store

RETRAIN_MODES = ("auto", "never", "always")
TRAINING_PACKAGES = ("tensorflow", "tf_keras", "tensorflowjs")
RETRAIN_COMMAND = "make models"


@dataclass(frozen=True)
class ModelStatus:
    name: str
    recipe_path: Path
    state: str  # "fresh", "retrained", "stale" (old artifacts served) or "missing" (none to serve)
    model: FrozenModel | None


def refresh(
    recipes_dir: Path,
    store: Store,
    *,
    retrain: str,
    log: logging.Logger,
    only: str | None = None,
) -> list[ModelStatus]:
    """Check, retrain and verify every recipe (or just ``only``); raises RecipeError/CorruptArtifact."""
    if retrain not in RETRAIN_MODES:
        raise ValueError(f"retrain must be one of {RETRAIN_MODES}, got {retrain!r}")
    paths = [recipes.find(recipes_dir, only)] if only else recipes.discover(recipes_dir)
    return [_refresh_one(path, store, retrain, log) for path in _store_importers_last(paths, store)]


def _store_importers_last(paths: list[Path], store: Store) -> list[Path]:
    """Recipes that import another model of this store (``SOURCE = "frozen/digits/model.json"``)
    go after the others: their hash covers those files, so a model retrained in this same
    build makes the importing model stale in time to be rebuilt from the new weights."""
    root = store.root.resolve()

    def imports_from_store(path: Path) -> bool:
        source = recipes.declared_source(path)
        return source is not None and source.is_relative_to(root)

    return sorted(paths, key=imports_from_store)  # stable: keeps name order within each group


def _refresh_one(path: Path, store: Store, retrain: str, log: logging.Logger) -> ModelStatus:
    name = recipes.recipe_name(path)
    fresh = store.is_fresh(name, recipes.content_hash(path))
    if retrain == "always" or (not fresh and retrain == "auto"):
        missing = missing_training_packages()
        if retrain == "always" or not missing:  # "always" without TF fails loudly in the import
            return ModelStatus(name, path, "retrained", _retrain(path, store, log))
        return _report_stale(name, path, store, log, f"{', '.join(missing)} not installed")
    if not fresh:
        return _report_stale(name, path, store, log, "retrain is 'never'")
    return ModelStatus(name, path, "fresh", store.verify(name))


def retrain_command(name: str | None = None) -> str:
    only = f" --only {name}" if name else ""
    return f"`{RETRAIN_COMMAND}` (or `python -m talkbook.models retrain{only}`)"


def missing_training_packages() -> list[str]:
    """Which training packages cannot be imported, found without importing them (that costs seconds)."""
    missing = []
    for package in TRAINING_PACKAGES:
        try:
            found = importlib.util.find_spec(package) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(package)
    return missing


def _retrain(path: Path, store: Store, log: logging.Logger) -> FrozenModel:
    # Imported here: pipeline pulls in numpy, and only retraining needs it.
    from .pipeline import freeze

    recipe = recipes.load(path)
    started = time.perf_counter()
    log.info("training '%s' from %s", recipe.name, path)
    model = freeze(recipe, store, log)
    log.info("froze '%s' in %.1f s", recipe.name, time.perf_counter() - started)
    return model


def _report_stale(name: str, path: Path, store: Store, log: logging.Logger, reason: str) -> ModelStatus:
    if store.read_card(name) is None:
        log.warning(
            "recipe %s has never been frozen (%s), so '%s' is left out of the site. Train it with %s.",
            path, reason, name, retrain_command(name),
        )
        return ModelStatus(name, path, "missing", None)
    log.warning(
        "recipe %s changed since '%s' was frozen (%s); serving the old artifacts. Retrain with %s.",
        path, name, reason, retrain_command(name),
    )
    return ModelStatus(name, path, "stale", store.verify(name))
