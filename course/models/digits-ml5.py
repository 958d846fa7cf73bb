"""The digits model, ready for ml5.imageClassifier: a 224x224 picture in, "0".."9" out.

ml5 feeds a custom image model one RGB picture, resized to 224x224 and scaled to
-1..1. This recipe does not retrain anything on big images: it imports the frozen
``digits`` model and puts two fixed layers in front of it that turn such a picture
into the 8x8 ink grid ``digits`` was trained on:

1. average 28x28 blocks of pixels (224 / 28 = 8), per colour channel;
2. ink = 1 - brightness, where brightness = (mean of r, g, b + 1) / 2, clipped to 0..1.

Both steps are linear, so the 8x8 grid is exactly the block average of the ink.
When ``digits`` is retrained, this model's hash changes and it is rebuilt too.
"""

import numpy as np

NAME = "digits-ml5"
SOURCE = "frozen/digits/model.json"
LABELS = [str(digit) for digit in range(10)]

SIZE = 224
BLOCK = SIZE // 8
INPUT = {
    "shape": [SIZE, SIZE, 3],
    "dtype": "float32",
    "range": [-1.0, 1.0],
    "preprocessing": "RGB resized to 224x224, each channel scaled to -1..1 (what ml5.imageClassifier does)",
}
TEST_FRACTION = 0.2  # the same held-out split as the digits recipe (same seed, same permutation)


def wrap(keras, digits):
    layers = keras.layers
    inputs = layers.Input(shape=(SIZE, SIZE, 3))
    x = layers.AveragePooling2D(pool_size=BLOCK, name="block_mean")(inputs)
    to_ink = layers.Conv2D(1, 1, name="ink")
    x = to_ink(x)
    # ink = 1 - (r + g + b) / 3 / 2 - 1 / 2 = 0.5 - (r + g + b) / 6
    to_ink.set_weights([np.full((1, 1, 3, 1), -1 / 6, dtype="float32"), np.array([0.5], dtype="float32")])
    x = layers.ReLU(max_value=1.0, name="ink_clip")(x)  # ml5 scales white to 1.008, not 1
    for layer in digits.layers[1:]:
        # Fresh copies with the trained weights: the exported graph stays a plain chain.
        copy = layer.__class__.from_config(layer.get_config())
        x = copy(x)
        copy.set_weights(layer.get_weights())
    return keras.Model(inputs, x, name="digits_ml5")


def render(ink):
    """8x8 ink grids (n, 8, 8) -> the 224x224 RGB pictures ml5 would pass, dark ink on white."""
    grey = 1.0 - np.asarray(ink, dtype="float32")
    big = np.repeat(np.repeat(grey, BLOCK, axis=1), BLOCK, axis=2)
    return np.repeat(big[..., None], 3, axis=-1) * 2.0 - 1.0


def _held_out(rng):
    from sklearn.datasets import load_digits  # bundled with scikit-learn: no download

    digits = load_digits()
    order = rng.permutation(len(digits.images))
    split = int(len(order) * (1 - TEST_FRACTION))
    test = order[split:]
    return digits.images[test] / 16.0, digits.target[test]


def data(rng):
    """Only the test split is used (the model is imported, not trained): it is the digits
    recipe's held-out split, drawn as pictures, so the accuracies can be compared."""
    ink, labels = _held_out(rng)
    x_test = render(ink)
    return x_test[:1], labels[:1], x_test, labels


def examples():
    """A 3 and a 7 from the dataset, as 224x224 pictures (each example is 150528 numbers)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    picks = [int(np.flatnonzero(digits.target == digit)[0]) for digit in (3, 7)]
    return render(digits.images[picks] / 16.0).tolist()
