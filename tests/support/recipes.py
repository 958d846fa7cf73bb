"""A model recipe small enough to train in a blink, and helpers to freeze it, for tests of the models pipeline."""

from __future__ import annotations

import logging
import textwrap
from pathlib import Path

# A hidden layer, so that parity tests exercise a real network's export, not one matrix.
TINY = '''\
"""A two-input toy: is x bigger than y?"""
LABELS = ["x-wins", "y-wins"]
INPUT = {"shape": [2], "dtype": "float32", "range": [0.0, 1.0], "preprocessing": "none"}
TRAINING = {"epochs": 2, "batch_size": 16, "learning_rate": 0.05}
def data(rng):
    x = rng.random((64, 2)).astype("float32")
    y = (x[:, 1] > x[:, 0]).astype("int64")
    return x[:48], y[:48], x[48:], y[48:]
def build(keras):
    return keras.Sequential([keras.layers.Input(shape=(2,)), keras.layers.Dense(4, activation="relu"),
                             keras.layers.Dense(2, activation="softmax")])
def examples():
    return [[0.9, 0.1], [0.1, 0.9], [0.5, 0.4]]
'''

log = logging.getLogger("test.models")


def write_recipe(folder: Path, extra: str = "", name: str = "tiny", base: str = TINY) -> Path:
    """A recipe file in ``folder``: ``base`` (the tiny one) with ``extra`` source appended."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.py"
    path.write_text(base + textwrap.dedent(extra), encoding="utf-8")
    return path


def freeze(path: Path, store_root: Path):
    """Train (or import) the recipe at ``path`` and freeze it into a store at ``store_root``."""
    from talkbook.models import pipeline, recipe
    from talkbook.models.store import Store

    return pipeline.freeze(recipe.load(path), Store(store_root), log)
