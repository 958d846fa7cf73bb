"""Small, labelled colour data sets to learn from, and helpers to shape them.

Colours are [red, green, blue] lists with each channel in 0..1.
"""

import random

RED_OR_BLUE = ("blue-ish", "red-ish")
PURPLE_OR_NOT = ("not purple", "purple-ish")

PALETTE = {
    "red": (1.0, 0.1, 0.1),
    "green": (0.1, 0.8, 0.2),
    "blue": (0.1, 0.2, 1.0),
    "yellow": (1.0, 0.9, 0.1),
}


def colour_samples(n=100, seed=0, margin=0.05):
    """n random colours, labelled 'red-ish' when red > blue + margin, 'blue-ish' when blue > red + margin."""
    rng = random.Random(seed)
    colours, labels = [], []
    while len(colours) < n:
        rgb = [rng.random(), rng.random(), rng.random()]
        if abs(rgb[0] - rgb[2]) <= margin:
            continue  # too close to call: skip it
        colours.append(rgb)
        labels.append("red-ish" if rgb[0] > rgb[2] else "blue-ish")
    return colours, labels


def purple_samples(n=100, seed=0, width=0.25, margin=0.04):
    """n random colours, 'purple-ish' when red and blue are within width of each other, else 'not purple'.

    The purple-ish colours lie in a band between two parallel boundaries, so no single straight
    boundary separates them: a network needs a hidden layer to learn this task.
    """
    rng = random.Random(seed)
    colours, labels = [], []
    while len(colours) < n:
        rgb = [rng.random(), rng.random(), rng.random()]
        gap = abs(rgb[0] - rgb[2])
        if abs(gap - width) <= margin:
            continue  # too close to call: skip it
        colours.append(rgb)
        labels.append("purple-ish" if gap < width else "not purple")
    return colours, labels


def named_colour_samples(n=100, seed=0, palette=None, spread=0.12):
    """n colours scattered (gaussian, sd = spread) around the named colours of the palette."""
    palette = PALETTE if palette is None else palette
    names = list(palette)
    rng = random.Random(seed)
    colours, labels = [], []
    for _ in range(n):
        name = rng.choice(names)
        rgb = [min(1.0, max(0.0, c + rng.gauss(0.0, spread))) for c in palette[name]]
        colours.append(rgb)
        labels.append(name)
    return colours, labels


def flip_labels(labels, names, fraction=0.1, seed=0):
    """A copy of labels with round(fraction * len(labels)) of them, picked at random, changed to another of the names.

    Label noise on purpose: real data sets hold mistakes, such as a colour labelled by hand in a hurry.
    The same seed flips the same labels.
    """
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"fraction must be between 0 and 1, got {fraction}")
    if len(set(names)) < 2:
        raise ValueError(f"a label can only be changed to another name, but names is {list(names)}")
    for label in labels:
        if label not in names:
            raise ValueError(f"{label!r} is not one of {list(names)}")
    rng = random.Random(seed)
    flipped = list(labels)
    for i in rng.sample(range(len(labels)), round(fraction * len(labels))):
        flipped[i] = rng.choice([name for name in names if name != labels[i]])
    return flipped


def one_hot(label, labels):
    """one_hot('b', ['a', 'b', 'c']) = [0, 1, 0]"""
    if label not in labels:
        raise ValueError(f"{label!r} is not one of {list(labels)}")
    return [1.0 if label == name else 0.0 for name in labels]


def normalize(values, maximum=255):
    """normalize([255, 128, 0]) = [1.0, 0.502, 0.0]: each value divided by maximum"""
    return [v / maximum for v in values]
