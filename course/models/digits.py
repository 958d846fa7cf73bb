"""Read a handwritten digit: an 8x8 grid of ink amounts -> "0".."9".

Trained on scikit-learn's bundled ``load_digits`` (1797 digits, each 32x32 bitmap
counted down to 8x8 blocks of 0..16 ink pixels). The network is MobileNet-style:
depthwise 3x3 convolutions followed by 1x1 convolutions, each with batch
normalisation and ReLU6 (SeparableConv2D is avoided: TF.js cannot load it).

A browser drawing pad feeds it by drawing the canvas scaled down to 8x8 and
taking ``1 - brightness`` of each pixel, so dark ink on white paper reads as 1.
"""

import numpy as np

NAME = "digits"
LABELS = [str(digit) for digit in range(10)]

INPUT = {
    "shape": [8, 8, 1],
    "dtype": "float32",
    "range": [0.0, 1.0],
    "preprocessing": "8x8 greyscale, row-major, 1 = full ink, 0 = blank paper (1 - brightness)",
}

TRAINING = {"epochs": 15, "batch_size": 32, "learning_rate": 0.005, "validation_split": 0.2, "seed": 0}

TEST_FRACTION = 0.2


def data(rng):
    from sklearn.datasets import load_digits  # bundled with scikit-learn: no download

    digits = load_digits()
    x = (digits.images / 16.0).astype("float32")[..., None]
    y = digits.target
    order = rng.permutation(len(x))
    x, y = x[order], y[order]
    split = int(len(x) * (1 - TEST_FRACTION))
    return x[:split], y[:split], x[split:], y[split:]


def build(keras):
    layers = keras.layers

    def conv_block(x, filters, kernel, strides=1, depthwise=False):
        if depthwise:
            x = layers.DepthwiseConv2D(kernel, strides=strides, padding="same", use_bias=False)(x)
        else:
            x = layers.Conv2D(filters, kernel, strides=strides, padding="same", use_bias=False)(x)
        x = layers.BatchNormalization(momentum=0.9)(x)
        return layers.ReLU(6.0)(x)

    inputs = layers.Input(shape=(8, 8, 1))
    x = conv_block(inputs, 16, 3)
    x = conv_block(x, None, 3, depthwise=True)
    x = conv_block(x, 32, 1)
    x = conv_block(x, None, 3, strides=2, depthwise=True)
    x = conv_block(x, 64, 1)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(0.2)(x)
    outputs = layers.Dense(len(LABELS), activation="softmax")(x)
    return keras.Model(inputs, outputs, name="digits")


def examples():
    """The first two images of each digit in the dataset (so also in training data)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    picks = [int(np.flatnonzero(digits.target == d)[i]) for d in range(10) for i in (0, 1)]
    return (digits.images[picks] / 16.0)[..., None].tolist()
