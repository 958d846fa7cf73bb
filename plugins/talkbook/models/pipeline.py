"""Train (or import) a recipe's model with tf_keras and freeze it as TF.js layers artifacts.

TensorFlow is imported inside ``import_training_stack`` only, so importing this module
stays cheap and a build from frozen artifacts never loads it.
"""

from __future__ import annotations

import json
import logging
import os
import warnings
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np

from . import card as cards
from .recipe import Recipe, RecipeError, TrainingUnavailable, content_hash
from .reference import compare_with_reference
from .store import FrozenModel, Store, write_json

# Fixed, not "all cores": the thread count changes conv weights, and artifacts must be
# byte-identical on any machine. One thread is also fastest for models this small.
THREADS = 1
PARITY_TOLERANCE = 1e-5


@dataclass(frozen=True)
class TrainingStack:
    tf: ModuleType
    keras: ModuleType
    tfjs: ModuleType


def import_training_stack() -> TrainingStack:
    # tensorflowjs converts tf_keras (Keras 2) models; Keras 3 output does not load in TF.js.
    os.environ["TF_USE_LEGACY_KERAS"] = "1"
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # hides CUDA-probe noise on CPU machines
    # tensorflowjs imports tensorflow_decision_forests, whose welcome banner imports IPython
    # (not installed) whenever stdout is not a terminal: under pytest, in CI logs, piped builds.
    os.environ.setdefault("TFDF_DISABLE_WELCOME_MESSAGE", "1")
    try:
        import tensorflow as tf
        import tf_keras as keras
        import tensorflowjs as tfjs
    except ImportError as error:
        raise TrainingUnavailable(
            f"training needs the 'train' extra ({error}); install it with `pip install -e '.[train]'`"
        ) from error
    _fix_thread_counts(tf)
    return TrainingStack(tf=tf, keras=keras, tfjs=tfjs)


def _fix_thread_counts(tf) -> None:
    """Before anything runs: thread counts can be set only until TensorFlow's runtime starts, and
    whoever imports the stack first (a test converting a model, say) must not start it with others."""
    threading = tf.config.threading
    for get, set_ in ((threading.get_intra_op_parallelism_threads, threading.set_intra_op_parallelism_threads),
                      (threading.get_inter_op_parallelism_threads, threading.set_inter_op_parallelism_threads)):
        if get() != THREADS:
            try:
                set_(THREADS)
            except RuntimeError:  # the runtime already started; _make_deterministic says so
                pass


def freeze(recipe: Recipe, store: Store, log: logging.Logger) -> FrozenModel:
    """Train or import ``recipe``'s model, export it and swap it into ``store`` atomically."""
    recipe_hash = content_hash(recipe.path)
    stack = import_training_stack()
    _make_deterministic(stack, recipe.training.get("seed", 0), log)
    if recipe.imports_model:
        model, history, metrics = _import_model(recipe, stack)
    elif recipe.converts_model:
        model, history, metrics = _build(recipe, stack, "convert"), {}, {}
    else:
        model, history, metrics = _train(recipe, stack, log)
    inputs = _examples(recipe)
    keras_outputs = _predict(recipe, model, inputs)
    with store.writing(recipe.name) as draft:
        export_layers_model(stack, model, draft.folder, recipe.quantization)
        parity, expected = _check_reload(recipe, stack, draft.folder, inputs, keras_outputs)
        _write_examples(recipe, draft.folder, inputs, expected)
        write_json(draft.folder / "metadata.json", cards.teachable_metadata(recipe, cards.tool_versions()))
        draft.card = cards.model_card(recipe, recipe_hash, history=history, metrics=metrics, parity=parity)
        if recipe.has_reference:
            log.info("%s: comparing each export with the recipe's reference()", recipe.name)
            draft.card["reference"] = compare_with_reference(recipe, stack, model, export_layers_model,
                                                               draft.folder)
    return store.verify(recipe.name)


def export_layers_model(stack: TrainingStack, model, folder, quantization: str | None = None) -> None:
    """TF.js layers format (what ``tf.loadLayersModel`` and ml5 read), model.json with sorted keys.

    ``quantization`` ("float16", "uint16" or "uint8") stores every weight in that type; TF.js turns
    them back into float32 as it loads them, so only the download shrinks."""
    dtype_map = {quantization: True} if quantization else None  # True: every weight, no name patterns
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the converter's temporary HDF5 file warns "legacy format"
        stack.tfjs.converters.save_keras_model(model, str(folder), quantization_dtype_map=dtype_map)
    model_json = folder / "model.json"
    # The converter's key order varies between runs; sorted keys make the bytes stable.
    write_json(model_json, _load_json(model_json), compact=True)


def _make_deterministic(stack: TrainingStack, seed: int, log: logging.Logger) -> None:
    threading = stack.tf.config.threading
    if (threading.get_intra_op_parallelism_threads(), threading.get_inter_op_parallelism_threads()) != (THREADS,) * 2:
        log.warning("TensorFlow already runs with other thread counts; weights may differ")
    stack.tf.config.experimental.enable_op_determinism()
    stack.keras.backend.clear_session()  # resets layer-name counters so model.json repeats exactly
    stack.keras.utils.set_random_seed(seed)


def _train(recipe: Recipe, stack: TrainingStack, log: logging.Logger):
    x_train, y_train, x_test, y_test = _data(recipe)
    model = _build(recipe, stack)
    training = recipe.training
    model.compile(
        optimizer=stack.keras.optimizers.Adam(learning_rate=training["learning_rate"]),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    fit = model.fit(
        x_train,
        y_train,
        epochs=training["epochs"],
        batch_size=training["batch_size"],
        validation_split=training["validation_split"],
        shuffle=True,
        verbose=0,
        callbacks=[_progress_callback(recipe, stack, log)],
    )
    history = {key: [_short_float(v) for v in values] for key, values in sorted(fit.history.items())}
    return model, history, _held_out_metrics(recipe, model, x_test, y_test)


def _import_model(recipe: Recipe, stack: TrainingStack):
    try:
        if recipe.source.suffix == ".json":  # a TF.js layers model, e.g. another recipe's frozen one
            model = stack.tfjs.converters.load_keras_model(str(recipe.source))
        else:
            model = stack.keras.models.load_model(str(recipe.source), compile=False)
    except Exception as error:  # any loader failure is the recipe's SOURCE problem
        raise RecipeError(
            recipe.path,
            f"SOURCE {recipe.source} could not be loaded with tf_keras "
            f"(Keras 3 files are not supported): {type(error).__name__}: {error}",
        ) from error
    if not isinstance(model, stack.keras.Model):
        raise RecipeError(recipe.path, f"SOURCE {recipe.source} is not a Keras model (a bare SavedModel?)")
    if callable(getattr(recipe.module, "wrap", None)):
        model = recipe.call("wrap", stack.keras, model)
        if not isinstance(model, stack.keras.Model):
            raise RecipeError(recipe.path, f"wrap(keras, model) must return a keras.Model, got {type(model).__name__}")
    _check_model_shapes(recipe, model)
    metrics: dict[str, Any] = {}
    if callable(getattr(recipe.module, "data", None)):
        _, _, x_test, y_test = _data(recipe)
        metrics = _held_out_metrics(recipe, model, x_test, y_test)
    return model, {}, metrics


def _data(recipe: Recipe):
    rng = np.random.default_rng(recipe.training.get("seed", 0))
    result = recipe.call("data", rng)
    if not isinstance(result, tuple) or len(result) != 4:
        raise RecipeError(recipe.path, "data(rng) must return (x_train, y_train, x_test, y_test)")
    x_train, x_test = (np.asarray(x, dtype="float32") for x in (result[0], result[2]))
    y_train, y_test = (np.asarray(y) for y in (result[1], result[3]))
    shape = tuple(recipe.input_spec["shape"])
    for split, x, y in (("train", x_train, y_train), ("test", x_test, y_test)):
        if x.shape[1:] != shape or len(x) == 0:
            raise RecipeError(recipe.path, f"data(): x_{split} has shape {x.shape}, INPUT says (n, {shape})")
        if y.shape != (len(x),) or y.min() < 0 or y.max() >= len(recipe.labels):
            raise RecipeError(
                recipe.path, f"data(): y_{split} must hold {len(x)} label indices in 0..{len(recipe.labels) - 1}"
            )
    return x_train, y_train.astype("int64"), x_test, y_test.astype("int64")


def _build(recipe: Recipe, stack: TrainingStack, function: str = "build"):
    """The recipe's model: ``build(keras)`` to train, or ``convert(keras)``, which fills in
    weights made elsewhere (nothing trains)."""
    model = recipe.call(function, stack.keras)
    if not isinstance(model, stack.keras.Model):
        raise RecipeError(recipe.path, f"{function}(keras) must return a keras.Model, got {type(model).__name__}")
    _check_model_shapes(recipe, model)
    return model


def _check_model_shapes(recipe: Recipe, model) -> None:
    expected_input = (None, *recipe.input_spec["shape"])
    if tuple(model.input_shape) != expected_input:
        raise RecipeError(recipe.path, f"the model's input shape {model.input_shape} is not INPUT's {expected_input}")
    units = model.output_shape[-1]
    if len(model.output_shape) != 2 or units != len(recipe.labels):
        raise RecipeError(
            recipe.path,
            f"the model outputs {model.output_shape} ({units} units) but LABELS has {len(recipe.labels)} labels",
        )


def _examples(recipe: Recipe) -> np.ndarray:
    inputs = np.asarray(recipe.call("examples"), dtype="float32")
    shape = tuple(recipe.input_spec["shape"])
    if inputs.ndim != len(shape) + 1 or inputs.shape[1:] != shape or len(inputs) == 0:
        raise RecipeError(recipe.path, f"examples() must return a non-empty list of inputs shaped {shape}")
    return inputs


def _predict(recipe: Recipe, model, inputs: np.ndarray) -> np.ndarray:
    outputs = np.asarray(model(inputs, training=False))
    expected_shape = (len(inputs), len(recipe.labels))
    if outputs.shape != expected_shape:
        raise RecipeError(recipe.path, f"the model returns outputs shaped {outputs.shape}, expected {expected_shape}")
    return outputs


def _held_out_metrics(recipe: Recipe, model, x_test: np.ndarray, y_test: np.ndarray) -> dict[str, Any]:
    probabilities = np.asarray(model.predict(x_test, verbose=0))
    predicted = probabilities.argmax(axis=1)
    picked = np.clip(probabilities[np.arange(len(y_test)), y_test], 1e-7, 1.0)
    confusion = np.zeros((len(recipe.labels),) * 2, dtype=int)
    np.add.at(confusion, (y_test, predicted), 1)
    return {
        "samples": int(len(y_test)),
        "accuracy": _short_float((predicted == y_test).mean()),
        "loss": _short_float(-np.log(picked).mean()),
        "confusion": confusion.tolist(),  # rows: true label, columns: predicted label
    }


def _check_reload(recipe: Recipe, stack, folder, inputs: np.ndarray, keras_outputs: np.ndarray):
    """Load the exported files back and demand the same predictions (the browser repeats this in TF.js).

    A quantised export cannot match to 1e-5: it must give the same answers (top-1), and its own
    outputs become the expected ones the browser is held to. Returns (parity, expected outputs)."""
    reloaded = stack.tfjs.converters.load_keras_model(str(folder / "model.json"))
    outputs = np.asarray(reloaded(inputs, training=False))
    diff = float(np.abs(outputs - keras_outputs).max())
    if recipe.quantization is None and not diff <= PARITY_TOLERANCE:
        raise RecipeError(recipe.path, f"the exported model's predictions differ from Keras by {diff}")
    if recipe.quantization is not None and not (outputs.argmax(axis=1) == keras_outputs.argmax(axis=1)).all():
        raise RecipeError(recipe.path, f"the {recipe.quantization} export changes an example's answer (max diff {diff})")
    checker = "tensorflowjs.converters.load_keras_model"
    parity = {"examples": int(len(inputs)), "max_abs_diff": diff, "checked_with": checker}
    if recipe.quantization is not None:
        parity["quantization"] = recipe.quantization
    return parity, (keras_outputs if recipe.quantization is None else outputs)


def _write_examples(recipe: Recipe, folder, inputs: np.ndarray, expected: np.ndarray) -> None:
    write_json(
        folder / "examples.json",
        {
            "inputs": _float32_json(inputs),
            "outputs": _float32_json(expected),
            "labels": [recipe.labels[i] for i in expected.argmax(axis=1)],
        },
        compact=True,
    )


def _progress_callback(recipe: Recipe, stack: TrainingStack, log: logging.Logger):
    epochs = recipe.training["epochs"]

    def report(epoch: int, logs: dict[str, float]) -> None:
        values = " ".join(f"{key}={value:.4f}" for key, value in sorted(logs.items()))
        log.info("%s epoch %d/%d %s", recipe.name, epoch + 1, epochs, values)

    return stack.keras.callbacks.LambdaCallback(on_epoch_end=report)


def _float32_json(array: np.ndarray) -> list:
    """Shortest decimal that round-trips each float32 (``Math.fround`` gives the value back in JS)."""
    flat = [float(str(value)) for value in np.asarray(array, dtype="float32").ravel()]
    return np.asarray(flat, dtype="float64").reshape(array.shape).tolist()


def _short_float(value) -> float:
    return float(f"{float(value):.6g}")


def _load_json(path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
