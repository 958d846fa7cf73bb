"""Name a colour: RGB in 0..1 -> one of eleven basic colour terms.

The labels come from a fixed rule, not from people: each random colour gets the
name of the nearest prototype in CIELAB, a space where distances roughly follow
how different colours look. The network has to learn that partition.
"""

import numpy as np

NAME = "colours"

# Berlin & Kay's eleven basic colour terms, with a typical sRGB prototype (0..255).
PROTOTYPES = {
    "black": (0, 0, 0),
    "white": (255, 255, 255),
    "grey": (128, 128, 128),
    "red": (220, 30, 30),
    "orange": (255, 140, 0),
    "yellow": (250, 230, 30),
    "green": (40, 170, 50),
    "blue": (30, 70, 220),
    "purple": (130, 40, 160),
    "pink": (255, 150, 200),
    "brown": (130, 80, 30),
}
LABELS = list(PROTOTYPES)

INPUT = {
    "shape": [3],
    "dtype": "float32",
    "range": [0.0, 1.0],
    "preprocessing": "sRGB red, green, blue, each divided by 255",
}

TRAINING = {"epochs": 30, "batch_size": 64, "learning_rate": 0.01, "validation_split": 0.2, "seed": 0}

SAMPLES = 4000
TEST_FRACTION = 0.2


def srgb_to_lab(rgb):
    """CIELAB (D65) of sRGB values in 0..1; shape (..., 3)."""
    rgb = np.asarray(rgb, dtype="float64")
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    to_xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = linear @ to_xyz.T / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], axis=-1)


def name_colours(rgb):
    """Index of the nearest prototype in CIELAB for each colour: the labelling rule."""
    prototypes = srgb_to_lab(np.array(list(PROTOTYPES.values())) / 255)
    distances = np.linalg.norm(srgb_to_lab(rgb)[:, None, :] - prototypes[None, :, :], axis=-1)
    return distances.argmin(axis=1)


def data(rng):
    x = rng.random((SAMPLES, 3)).astype("float32")
    y = name_colours(x)
    split = int(SAMPLES * (1 - TEST_FRACTION))
    return x[:split], y[:split], x[split:], y[split:]


def build(keras):
    return keras.Sequential(
        [
            keras.layers.Input(shape=(3,)),
            keras.layers.Dense(16, activation="relu"),
            keras.layers.Dense(16, activation="relu"),
            keras.layers.Dense(len(LABELS), activation="softmax"),
        ]
    )


def examples():
    """Each prototype, plus a few in-between colours."""
    extra = [(0.5, 0.5, 1.0), (1.0, 0.5, 0.5), (0.2, 0.6, 0.6), (0.9, 0.9, 0.6)]
    return [tuple(c / 255 for c in rgb) for rgb in PROTOTYPES.values()] + extra
