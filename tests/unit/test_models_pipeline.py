"""Training, export and import with tf_keras + tensorflowjs, on a recipe small enough to train in a blink."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from talkbook.models import pipeline
from talkbook.models import recipe as recipes
from talkbook.models.recipe import RecipeError
from tests.support.recipes import TINY, freeze, write_recipe


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def tiny(tmp_path):
    return write_recipe(tmp_path / "recipes")


def test_training_twice_gives_byte_identical_artifacts(tiny, tmp_path):
    first = freeze(tiny, tmp_path / "a")
    second = freeze(tiny, tmp_path / "b")
    assert folder_bytes(first.folder) == folder_bytes(second.folder)
    assert first.card["files"]["group1-shard1of1.bin"]["bytes"] == (2 * 4 + 4 + 4 * 2 + 2) * 4


def test_the_card_describes_the_model(tiny, tmp_path):
    model = freeze(tiny, tmp_path / "store")
    card = model.card
    assert card["labels"] == ["x-wins", "y-wins"] and card["input"]["shape"] == [2]
    assert card["recipe"] == {"file": "tiny.py", "sha256": recipes.content_hash(tiny)}
    assert len(card["history"]["loss"]) == len(card["history"]["val_loss"]) == 2
    assert card["metrics"]["samples"] == 16 and 0 <= card["metrics"]["accuracy"] <= 1
    assert set(card["versions"]) >= {"python", "tensorflow", "tf_keras", "tensorflowjs"}
    assert card["parity"]["max_abs_diff"] <= pipeline.PARITY_TOLERANCE
    assert card["description"] == "A two-input toy: is x bigger than y?"
    metadata = json.loads((model.folder / "metadata.json").read_text())
    assert metadata["labels"] == ["x-wins", "y-wins"]
    model_json = (model.folder / "model.json").read_text()
    assert json.dumps(json.loads(model_json), sort_keys=True, separators=(",", ":")) + "\n" == model_json
    examples = json.loads((model.folder / "examples.json").read_text())
    assert len(examples["inputs"]) == len(examples["outputs"]) == len(examples["labels"]) == 3


def test_exported_weights_reproduce_keras_predictions(tiny, tmp_path):
    model = freeze(tiny, tmp_path / "store")
    stack = pipeline.import_training_stack()
    reloaded = stack.tfjs.converters.load_keras_model(str(model.folder / "model.json"))
    examples = json.loads((model.folder / "examples.json").read_text())
    predicted = reloaded.predict(np.array(examples["inputs"], dtype="float32"), verbose=0)
    np.testing.assert_allclose(predicted, np.array(examples["outputs"]), atol=1e-6)


@pytest.mark.parametrize(
    "extra, problem",
    [
        ("def build(keras):\n    raise RuntimeError('no model today')\n", "build() raised RuntimeError"),
        (
            "def build(keras):\n    return keras.Sequential([keras.layers.Input(shape=(2,)), keras.layers.Dense(3)])\n",
            "(3 units) but LABELS has 2",
        ),
        (
            "def build(keras):\n    return keras.Sequential([keras.layers.Input(shape=(5,)), keras.layers.Dense(2)])\n",
            "input shape",
        ),
        (
            "def build(keras):\n    return keras.Sequential([keras.layers.Input(shape=(2,)),"
            " keras.layers.Dense(2), keras.layers.Reshape((2, 1))])\n",
            "outputs (None, 2, 1)",
        ),
        ("def data(rng):\n    return rng.random((8, 3)), [0] * 8, rng.random((4, 3)), [0] * 4\n", "x_train has shape"),
        ("def data(rng):\n    return rng.random((8, 2)), [0] * 7 + [2], rng.random((4, 2)), [0] * 4\n", "y_train"),
        ("def examples():\n    return [[1, 2, 3]]\n", "examples()"),
    ],
)
def test_recipe_mistakes_stop_with_the_recipe_named(tmp_path, extra, problem):
    path = write_recipe(tmp_path / "recipes", extra)
    with pytest.raises(RecipeError) as raised:
        freeze(path, tmp_path / "store")
    assert raised.value.path == path and problem in str(raised.value)
    assert not (tmp_path / "store" / "tiny").exists()


def test_a_crash_during_export_keeps_the_previous_artifacts(tiny, tmp_path, monkeypatch):
    store_root = tmp_path / "store"
    before = folder_bytes(freeze(tiny, store_root).folder)

    def half_export(stack, model, folder, quantization=None):
        (folder / "model.json").write_text('{"format": "layers-mo')
        raise OSError("killed mid-export")

    monkeypatch.setattr(pipeline, "export_layers_model", half_export)
    tiny.write_text(TINY.replace('"epochs": 2', '"epochs": 3'), encoding="utf-8")
    with pytest.raises(OSError, match="mid-export"):
        freeze(tiny, store_root)
    assert folder_bytes(store_root / "tiny") == before
    assert [p.name for p in store_root.iterdir()] == ["tiny"]


IMPORTING = '''\
"""An imported model."""
SOURCE = "{source}"
LABELS = ["x-wins", "y-wins"]
INPUT = {{"shape": [2], "dtype": "float32", "range": [0.0, 1.0], "preprocessing": "none"}}
def examples():
    return [[0.9, 0.1], [0.1, 0.9]]
'''


@pytest.mark.filterwarnings("ignore:You are saving your model as an HDF5 file")
@pytest.mark.parametrize("source", ["net.keras", "net.h5", "net_savedmodel"])
def test_an_existing_model_is_imported_and_converted(tmp_path, source):
    stack = pipeline.import_training_stack()
    keras = stack.keras
    original = keras.Sequential([keras.layers.Input(shape=(2,)), keras.layers.Dense(3, activation="tanh"),
                                 keras.layers.Dense(2, activation="softmax")])
    recipes_dir = tmp_path / "recipes"
    recipes_dir.mkdir()
    original.save(str(recipes_dir / source))
    path = write_recipe(recipes_dir, base=IMPORTING.format(source=source), name="imported")

    model = freeze(path, tmp_path / "store")

    assert model.card["source"] == source and model.card["history"] == {}
    examples = np.array([[0.9, 0.1], [0.1, 0.9]], dtype="float32")
    exported = json.loads((model.folder / "examples.json").read_text())
    np.testing.assert_allclose(exported["outputs"], original.predict(examples, verbose=0), atol=1e-6)


def test_an_importing_recipe_with_the_wrong_labels_is_named(tmp_path):
    keras = pipeline.import_training_stack().keras
    recipes_dir = tmp_path / "recipes"
    recipes_dir.mkdir()
    keras.Sequential([keras.layers.Input(shape=(2,)), keras.layers.Dense(5)]).save(str(recipes_dir / "net.keras"))
    path = write_recipe(recipes_dir, base=IMPORTING.format(source="net.keras"), name="imported")
    with pytest.raises(RecipeError, match=r"imported\.py.*5 units.*LABELS has 2"):
        freeze(path, tmp_path / "store")


CONVERTING = '''\
"""Weights made elsewhere (here: fixed numbers), with the "original" maths as the reference."""
import numpy as np
LABELS = ["a", "b", "c"]
INPUT = {"shape": [4], "dtype": "float32", "range": [-1.0, 1.0], "preprocessing": "none"}
QUANTIZE = "uint16"
WEIGHTS = np.linspace(-2.0, 2.0, 12, dtype="float32").reshape(4, 3)
BIAS = np.array([0.1, -0.2, 0.05], dtype="float32")
def convert(keras):
    model = keras.Sequential([keras.layers.Input(shape=(4,)), keras.layers.Dense(3, activation="softmax")])
    model.layers[0].set_weights([WEIGHTS, BIAS])
    return model
def reference(inputs):
    """numpy's softmax of x @ W + b."""
    logits = np.asarray(inputs, dtype="float64") @ WEIGHTS + BIAS
    exp = np.exp(logits - logits.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)
def fixed_set():
    return np.random.default_rng(1).uniform(-1, 1, (40, 4)).astype("float32")
def examples():
    return fixed_set()[:2]
'''


def test_converted_weights_are_compared_with_the_reference_for_each_quantization(tmp_path):
    path = write_recipe(tmp_path / "recipes", base=CONVERTING, name="converted")
    model = freeze(path, tmp_path / "store")
    reference = model.card["reference"]
    assert reference["checked_against"] == "numpy's softmax of x @ W + b." and reference["images"] == 40
    options = reference["options"]
    assert set(options) == {"float32", "float16", "uint16", "uint8"} and reference["shipped"] == "uint16"
    assert options["float32"]["top1_agreement"] == 1.0 and options["float32"]["max_abs_diff"] <= 1e-6
    # A float32 weight is four bytes, float16 and uint16 two, uint8 one (plus its scale and offset).
    assert options["float32"]["weight_bytes"] == 15 * 4
    assert options["float16"]["weight_bytes"] == options["uint16"]["weight_bytes"] == 15 * 2
    assert options["uint8"]["weight_bytes"] == 15
    assert model.card["parity"]["quantization"] == "uint16" and model.card["training"] is None
    manifest = json.loads((model.folder / "model.json").read_text())["weightsManifest"]
    assert {w["quantization"]["dtype"] for group in manifest for w in group["weights"]} == {"uint16"}
    # examples.json holds what the shipped (quantised) weights give: the browser is held to those.
    stack = pipeline.import_training_stack()
    reloaded = stack.tfjs.converters.load_keras_model(str(model.folder / "model.json"))
    examples = json.loads((model.folder / "examples.json").read_text())
    np.testing.assert_allclose(reloaded.predict(np.array(examples["inputs"], dtype="float32"), verbose=0),
                               examples["outputs"], atol=1e-6)


def test_a_conversion_that_disagrees_with_its_reference_is_named(tmp_path):
    wrong = CONVERTING.replace("logits = np.asarray(inputs, dtype=\"float64\") @ WEIGHTS + BIAS",
                               "logits = -(np.asarray(inputs, dtype=\"float64\") @ WEIGHTS + BIAS)")
    path = write_recipe(tmp_path / "recipes", base=wrong, name="converted")
    with pytest.raises(RecipeError) as raised:
        freeze(path, tmp_path / "store")
    assert raised.value.path == path and "changes the reference's answer" in str(raised.value)
    assert not (tmp_path / "store" / "converted").exists()
