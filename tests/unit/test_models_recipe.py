"""Recipe loading and validation: every problem names the recipe file. No TensorFlow needed."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from talkbook.models import recipe as recipes
from talkbook.models.recipe import RecipeError

VALID = '''\
"""A valid recipe."""
LABELS = ["left", "right"]
INPUT = {"shape": [2], "dtype": "float32", "range": [0.0, 1.0], "preprocessing": "none"}
TRAINING = {"epochs": 2, "batch_size": 16}
def data(rng): ...
def build(keras): ...
def examples(): return [[0.1, 0.9]]
'''


def write(folder: Path, text: str, name: str = "tiny") -> Path:
    path = folder / f"{name}.py"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_valid_recipe_loads_with_training_defaults(tmp_path):
    recipe = recipes.load(write(tmp_path, VALID))
    assert recipe.name == "tiny" and recipe.labels == ["left", "right"]
    assert recipe.training["epochs"] == 2 and recipe.training["learning_rate"] == 1e-3
    assert not recipe.imports_model


def test_missing_recipe_is_named(tmp_path):
    with pytest.raises(RecipeError) as raised:
        recipes.load(tmp_path / "ghost.py")
    assert "ghost.py" in str(raised.value) and "does not exist" in str(raised.value)


def test_unknown_name_lists_the_recipes_that_exist(tmp_path):
    write(tmp_path, VALID, name="colours")
    with pytest.raises(RecipeError) as raised:
        recipes.find(tmp_path, "colors")
    assert "colors.py" in str(raised.value) and "colours" in str(raised.value)


def test_missing_recipes_folder_is_named(tmp_path):
    with pytest.raises(RecipeError, match="nowhere"):
        recipes.discover(tmp_path / "nowhere")


def test_a_recipe_that_raises_on_import_is_named(tmp_path):
    path = write(tmp_path, VALID + "raise ValueError('broken on purpose')\n")
    with pytest.raises(RecipeError) as raised:
        recipes.load(path)
    assert raised.value.path == path
    assert str(path) in str(raised.value) and "broken on purpose" in str(raised.value)


def test_a_recipe_function_that_raises_is_named(tmp_path):
    recipe = recipes.load(write(tmp_path, VALID + "def examples(): return 1 / 0\n"))
    with pytest.raises(RecipeError) as raised:
        recipe.call("examples")
    assert str(recipe.path) in str(raised.value) and "examples() raised ZeroDivisionError" in str(raised.value)


@pytest.mark.parametrize(
    "extra, problem",
    [
        ("LABELS = []\n", "LABELS"),
        ("LABELS = ['a', 'a']\n", "duplicates"),
        ("INPUT = {'shape': [2]}\n", "INPUT"),
        ("INPUT = {**INPUT, 'shape': [0]}\n", "shape"),
        ("INPUT = {**INPUT, 'range': [1, 0]}\n", "range"),
        ("TRAINING = {'epoch': 3}\n", "epoch"),
        ("NAME = 'other'\n", "NAME"),
        ("build = None\n", "build()"),
        ("del examples\n", "examples()"),
    ],
)
def test_interface_problems_name_the_recipe(tmp_path, extra, problem):
    path = write(tmp_path, VALID + extra)
    with pytest.raises(RecipeError) as raised:
        recipes.load(path)
    assert str(path) in str(raised.value) and problem in str(raised.value)


def test_discover_skips_private_helpers(tmp_path):
    write(tmp_path, VALID, name="b")
    write(tmp_path, VALID, name="a")
    write(tmp_path, "", name="_shared")
    assert [p.name for p in recipes.discover(tmp_path)] == ["a.py", "b.py"]


def test_hash_follows_the_source_bytes(tmp_path):
    path = write(tmp_path, VALID)
    before = recipes.content_hash(path)
    assert recipes.content_hash(path) == before
    path.write_text(VALID.replace('"epochs": 2', '"epochs": 3'), encoding="utf-8")
    assert recipes.content_hash(path) != before


def test_hash_of_an_importing_recipe_covers_the_imported_model(tmp_path):
    (tmp_path / "net.h5").write_bytes(b"weights v1")
    path = write(tmp_path, 'SOURCE = "net.h5"\nLABELS = ["a"]\n')
    before = recipes.content_hash(path)
    (tmp_path / "net.h5").write_bytes(b"weights v2")
    assert recipes.content_hash(path) != before


def test_source_must_be_a_literal_that_exists(tmp_path):
    importing = 'LABELS = ["a"]\nINPUT = {"shape": [2], "dtype": "float32", "range": [0, 1], "preprocessing": ""}\n'
    importing += "def examples(): return [[0, 0]]\n"
    computed = write(tmp_path, importing + 'SOURCE = "net" + ".h5"\n', name="computed")
    with pytest.raises(RecipeError, match="SOURCE must be a plain literal"):
        recipes.load(computed)
    missing = write(tmp_path, importing + 'SOURCE = "absent.keras"\n', name="missing")
    with pytest.raises(RecipeError, match="absent.keras"):
        recipes.load(missing)


def test_hash_covers_the_files_a_recipe_lists(tmp_path):
    labels = tmp_path / "recipes" / "labels.txt"
    labels.parent.mkdir()
    labels.write_text("x-wins\ny-wins\n")
    path = write(tmp_path / "recipes", VALID + 'FILES = ["labels.txt"]\n')
    before = recipes.content_hash(path)
    labels.write_text("x-wins\ny-wins!\n")
    assert recipes.content_hash(path) != before
    labels.unlink()
    with pytest.raises(RecipeError, match="FILES lists files that do not exist") as raised:
        recipes.content_hash(path)
    assert raised.value.path == path


@pytest.mark.parametrize(
    "extra, problem",
    [
        ('QUANTIZE = "int4"\n', "QUANTIZE must be one of float16, uint16, uint8"),
        ("def reference(inputs):\n    return inputs\n", "a recipe with reference() must define fixed_set()"),
        ("FILES = 'labels.txt'\n", "FILES must be a plain list"),
        # A list built from names is not read without running the recipe: its files would go unhashed.
        ("LABELS_FILE = 'labels.txt'\nFILES = [LABELS_FILE]\n", "line 9: FILES must be a plain literal"),
        ("FILES = ['a.txt', *['b.txt']]\n", "FILES must be a plain literal"),
        ("from pathlib import Path\nSOURCE = str(Path('m.keras'))\n", "SOURCE must be a plain literal"),
    ],
)
def test_conversion_options_are_checked(tmp_path, extra, problem):
    (tmp_path / "recipes").mkdir()
    path = write(tmp_path / "recipes", VALID + extra)
    with pytest.raises(RecipeError, match=re.escape(problem)):
        recipes.load(path) if "FILES" not in extra and "SOURCE" not in extra else recipes.content_hash(path)
