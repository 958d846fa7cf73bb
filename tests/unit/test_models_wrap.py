"""Recipes that import another frozen model (TF.js model.json) and wrap it, like digits-ml5."""

from __future__ import annotations

import json
import logging

import numpy as np
import pytest

from talkbook.models import recipe as recipes
from talkbook.models.catalog import refresh
from talkbook.models.recipe import RecipeError
from talkbook.models.store import Store
from tests.support.sites import ROOT
from tests.support.recipes import TINY, freeze, write_recipe

log = logging.getLogger("test.models.wrap")

# Doubles the input, then runs the tiny model: the wrapped model must predict tiny(2x).
WRAPPING = '''\
"""tiny, fed twice its input."""
SOURCE = "frozen/tiny/model.json"
LABELS = ["x-wins", "y-wins"]
INPUT = {"shape": [2], "dtype": "float32", "range": [0.0, 0.5], "preprocessing": "halved"}
def wrap(keras, inner):
    import numpy as np
    inputs = keras.layers.Input(shape=(2,))
    double = keras.layers.Dense(2, use_bias=False, name="double")
    x = double(inputs)
    double.set_weights([np.eye(2, dtype="float32") * 2])
    for layer in inner.layers:
        copy = layer.__class__.from_config(layer.get_config())
        x = copy(x)
        copy.set_weights(layer.get_weights())
    return keras.Model(inputs, x)
def examples():
    return [[0.45, 0.05], [0.05, 0.45], [0.25, 0.2]]
'''


@pytest.fixture
def recipes_dir(tmp_path):
    folder = tmp_path / "recipes"
    write_recipe(folder)
    write_recipe(folder, base=WRAPPING, name="a-wrapped")  # sorts before "tiny" by name
    return folder


def test_the_hash_of_an_importing_recipe_covers_the_weights_of_its_tfjs_source(recipes_dir):
    freeze(recipes_dir / "tiny.py", recipes_dir / "frozen")
    before = recipes.content_hash(recipes_dir / "a-wrapped.py")
    weights = recipes_dir / "frozen" / "tiny" / "group1-shard1of1.bin"
    data = bytearray(weights.read_bytes())
    data[0] ^= 0x01  # model.json is unchanged: only the weights differ
    weights.write_bytes(bytes(data))
    assert recipes.content_hash(recipes_dir / "a-wrapped.py") != before


def test_a_wrapped_model_is_rebuilt_after_the_model_it_imports_in_the_same_run(recipes_dir):
    statuses = refresh(recipes_dir, Store(recipes_dir / "frozen"), retrain="auto", log=log)
    assert [s.name for s in statuses] == ["tiny", "a-wrapped"]  # importers last, whatever their names
    assert [s.state for s in statuses] == ["retrained", "retrained"]
    examples = recipes_dir / "frozen" / "a-wrapped" / "examples.json"
    before = json.loads(examples.read_text())["outputs"]
    # Change tiny: both are stale, and the wrapper is rebuilt from tiny's new weights.
    (recipes_dir / "tiny.py").write_text(TINY.replace('"epochs": 2', '"epochs": 3'), encoding="utf-8")
    statuses = refresh(recipes_dir, Store(recipes_dir / "frozen"), retrain="auto", log=log)
    assert [s.state for s in statuses] == ["retrained", "retrained"]
    assert json.loads(examples.read_text())["outputs"] != before
    assert refresh(recipes_dir, Store(recipes_dir / "frozen"), retrain="never", log=log)[1].state == "fresh"


def test_the_wrapped_model_predicts_the_inner_model_on_the_adapted_input(recipes_dir):
    from talkbook.models import pipeline

    inner = freeze(recipes_dir / "tiny.py", recipes_dir / "frozen")
    wrapped = freeze(recipes_dir / "a-wrapped.py", recipes_dir / "frozen")
    assert wrapped.card["source"] == "frozen/tiny/model.json" and wrapped.card["history"] == {}
    stack = pipeline.import_training_stack()
    original = stack.tfjs.converters.load_keras_model(str(inner.folder / "model.json"))
    inputs = np.array(json.loads((wrapped.folder / "examples.json").read_text())["inputs"], dtype="float32")
    outputs = np.array(json.loads((wrapped.folder / "examples.json").read_text())["outputs"])
    np.testing.assert_allclose(outputs, original.predict(inputs * 2, verbose=0), atol=1e-6)


def test_wrap_without_source_is_refused(tmp_path):
    path = write_recipe(tmp_path, extra="def wrap(keras, model):\n    return model\n")
    with pytest.raises(RecipeError, match="wrap\\(keras, model\\) needs SOURCE"):
        recipes.load(path)


def test_wrap_returning_something_else_is_named(recipes_dir):
    freeze(recipes_dir / "tiny.py", recipes_dir / "frozen")
    path = recipes_dir / "a-wrapped.py"
    path.write_text(WRAPPING.replace("    return keras.Model(inputs, x)", "    return None"), encoding="utf-8")
    with pytest.raises(RecipeError, match="a-wrapped.py: wrap\\(keras, model\\) must return a keras.Model"):
        freeze(path, recipes_dir / "frozen")


def test_the_course_digits_ml5_model_reads_digits_drawn_as_ml5_pictures():
    """Its held-out accuracy is the digits model's own: the wrapper loses nothing."""
    store = Store(ROOT / "course" / "models" / "frozen")
    digits, wrapped = store.verify("digits"), store.verify("digits-ml5")
    assert wrapped.card["input"]["shape"] == [224, 224, 3] and wrapped.card["input"]["range"] == [-1.0, 1.0]
    assert wrapped.card["metrics"]["accuracy"] == digits.card["metrics"]["accuracy"]
    assert wrapped.card["metrics"]["samples"] == digits.card["metrics"]["samples"]
    metadata = json.loads((wrapped.folder / "metadata.json").read_text())
    assert metadata["labels"] == digits.labels and metadata["imageSize"] == 224
