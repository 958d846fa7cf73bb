"""Training on the colour data: it learns, it is repeatable, and the learning rate matters."""

import math

import numpy as np
import pytest

import scratchnet as sn

NAMES = list(sn.PALETTE)


def red_blue_task(n=120, seed=0):
    colours, labels = sn.colour_samples(n, seed=seed)
    return colours, labels, [1.0 if y == "red-ish" else 0.0 for y in labels]


def named_task(n=120, seed=0):
    colours, labels = sn.named_colour_samples(n, seed=seed)
    return colours, labels, [sn.one_hot(y, NAMES) for y in labels]


def test_colour_samples_are_labelled_by_their_rule():
    colours, labels = sn.colour_samples(200, seed=7, margin=0.05)
    assert len(colours) == len(labels) == 200
    assert all(len(c) == 3 and all(0.0 <= v <= 1.0 for v in c) for c in colours)
    for (r, g, b), label in zip(colours, labels):
        assert abs(r - b) > 0.05
        assert label == ("red-ish" if r > b else "blue-ish")
    assert set(labels) == set(sn.RED_OR_BLUE)


def test_named_colour_samples_sit_near_their_palette_colour():
    colours, labels = sn.named_colour_samples(400, seed=3)
    assert set(labels) == set(NAMES)
    centres = np.array([sn.PALETTE[n] for n in NAMES])
    nearest = [NAMES[int(np.argmin(((centres - c) ** 2).sum(axis=1)))] for c in colours]
    assert np.mean([a == b for a, b in zip(nearest, labels)]) > 0.95
    assert all(0.0 <= v <= 1.0 for c in colours for v in c)


def test_one_hot_and_normalize():
    assert sn.one_hot("green", NAMES) == [0.0, 1.0, 0.0, 0.0]
    with pytest.raises(ValueError):
        sn.one_hot("mauve", NAMES)
    np.testing.assert_allclose(sn.normalize([255, 51, 0]), [1.0, 0.2, 0.0])


@pytest.mark.parametrize("loss", ["mse", "binary_cross_entropy"])
def test_training_red_or_blue_lowers_loss_and_classifies_unseen_colours(loss):
    colours, labels, targets = red_blue_task(seed=0)
    network = sn.Network([3, 4, 1], activation="sigmoid", output="sigmoid", seed=0)
    before = sn.accuracy(network, colours, labels, sn.RED_OR_BLUE)
    history = sn.train(network, colours, targets, learning_rate=0.5, epochs=60, loss=loss)
    assert len(history) == 60 and all(math.isfinite(h) for h in history)
    assert history[-1] < 0.2 * history[0]
    test_colours, test_labels = sn.colour_samples(200, seed=99)
    assert sn.accuracy(network, test_colours, test_labels, sn.RED_OR_BLUE) >= 0.95 > before
    label, confidence = sn.classify(network, sn.normalize([240, 30, 20]), sn.RED_OR_BLUE)
    assert label == "red-ish" and 0.9 < confidence <= 1.0
    assert sn.classify(network, sn.normalize([20, 30, 240]), sn.RED_OR_BLUE)[0] == "blue-ish"


def test_training_named_colours_with_softmax_and_cross_entropy():
    colours, labels, targets = named_task(seed=1)
    network = sn.Network([3, 8, len(NAMES)], activation="tanh", output="softmax", seed=1)
    history = sn.train(network, colours, targets, learning_rate=0.1, epochs=40, loss="cross_entropy")
    assert history[-1] < 0.1 * history[0]
    test_colours, test_labels = sn.named_colour_samples(200, seed=42)
    assert sn.accuracy(network, test_colours, test_labels, NAMES) >= 0.95
    label, confidence = sn.classify(network, [0.95, 0.85, 0.15], NAMES)
    assert label == "yellow" and confidence > 0.5
    assert sum(sn.predict(network, [0.5, 0.5, 0.5])) == pytest.approx(1.0)


def test_on_epoch_reports_every_epoch_and_can_stop_early():
    colours, _, targets = red_blue_task(40)
    seen = []
    history = sn.train(sn.Network([3, 2, 1], seed=0), colours, targets, epochs=5, on_epoch=lambda e, l: seen.append((e, l)))
    assert seen == list(zip(range(1, 6), history))
    stopped = sn.train(sn.Network([3, 2, 1], seed=0), colours, targets, epochs=50, on_epoch=lambda e, l: e < 3)
    assert len(stopped) == 3


def test_same_seed_same_result_and_different_seed_differs():
    colours, _, targets = named_task(60, seed=2)

    def run(seed):
        network = sn.Network([3, 5, len(NAMES)], output="softmax", seed=seed)
        history = sn.train(network, colours, targets, learning_rate=0.2, epochs=5, loss="cross_entropy", seed=seed)
        return history, [n.weights for layer in network.layers for n in layer.neurons]

    assert run(3) == run(3)
    assert run(3)[0] != run(4)[0]
    assert sn.colour_samples(10, seed=5) == sn.colour_samples(10, seed=5) != sn.colour_samples(10, seed=6)


def learning_curve(learning_rate, activation="sigmoid", epochs=30):
    colours, _, targets = named_task(100, seed=4)
    network = sn.Network([3, 8, len(NAMES)], activation=activation, output="softmax", seed=4)
    return sn.train(network, colours, targets, learning_rate=learning_rate, epochs=epochs, loss="mse")


def test_learning_rate_too_high_fails_while_a_good_one_learns_and_a_tiny_one_crawls():
    good, tiny, huge = learning_curve(0.5), learning_curve(0.001), learning_curve(200.0)
    assert good[-1] < 0.15 * good[0]  # a good rate: most of the loss is gone
    assert tiny[-1] < tiny[0]  # a tiny rate: going the right way...
    assert tiny[-1] > 0.9 * tiny[0]  # ...but barely moved in the same number of epochs
    assert not (huge[-1] < 0.9 * huge[0])  # too big: overshoots and gets stuck, no real progress
    assert huge[-1] > 10 * good[-1]


def test_unbounded_network_with_too_high_learning_rate_diverges_to_infinity():
    """relu hidden + linear output: nothing squashes the outputs, so overshooting grows without bound."""
    colours, _ = sn.colour_samples(60, seed=4)
    targets = [r - b for r, g, b in colours]

    def curve(learning_rate):
        network = sn.Network([3, 8, 1], activation="relu", output="linear", seed=4)
        return sn.train(network, colours, targets, learning_rate=learning_rate, epochs=10)

    calm, wild = curve(0.05), curve(5.0)
    assert calm[-1] < 0.01 * calm[0]
    assert wild[0] > 1e6 * calm[0]  # no exception, just ever larger numbers...
    assert not math.isfinite(wild[-1])  # ...until they overflow to inf / nan


def test_train_rejects_mismatched_data():
    with pytest.raises(ValueError):
        sn.train(sn.Network([3, 1]), [[0.1, 0.2, 0.3]], [1.0, 0.0])
    with pytest.raises(ValueError):
        sn.train(sn.Network([3, 1]), [], [])


def test_neurons_made_without_an_rng_differ_and_a_seed_repeats_them():
    import random

    layer = sn.Layer.random(3, 4)
    assert len({tuple(n.weights) for n in layer.neurons}) == 4, "identical neurons would stay identical in training"
    again = [n.weights for n in sn.Layer.random(3, 4, rng=random.Random(7)).neurons]
    assert again == [n.weights for n in sn.Layer.random(3, 4, rng=random.Random(7)).neurons]


def test_a_network_of_layers_made_without_an_rng_learns_a_task_that_needs_its_hidden_layer():
    # XOR: no straight line separates it, so only the hidden layer's distinct neurons can learn it.
    inputs = [[0, 0], [0, 1], [1, 0], [1, 1]]
    targets = [[0], [1], [1], [0]]
    for _ in range(3):  # weights differ run to run now: it must learn each time
        network = sn.Network.from_layers([sn.Layer.random(2, 8, "sigmoid"), sn.Layer.random(8, 1, "sigmoid")])
        sn.train(network, inputs, targets, learning_rate=2.0, epochs=2000, loss="mse")
        assert [round(network.forward(x)[0]) for x in inputs] == [0, 1, 1, 0]


def test_the_purple_band_needs_a_hidden_layer():
    inputs, labels = sn.purple_samples(200, seed=1)
    targets = [sn.one_hot(label, sn.PURPLE_OR_NOT) for label in labels]
    new_colours, new_labels = sn.purple_samples(300, seed=2)
    majority = max(new_labels.count(name) for name in sn.PURPLE_OR_NOT) / len(new_labels)
    scores = {}
    for sizes in ([3, 2], [3, 8, 2]):
        network = sn.Network(sizes, activation="sigmoid", output="softmax", seed=3)
        sn.train(network, inputs, targets, learning_rate=0.5, epochs=60, loss="cross_entropy")
        scores[len(sizes)] = sn.accuracy(network, new_colours, new_labels, sn.PURPLE_OR_NOT)
    assert scores[2] <= majority + 0.05, "one straight boundary cannot cut out a band"
    assert scores[3] >= 0.95
    assert all(abs(abs(c[0] - c[2]) - 0.25) > 0.04 for c in new_colours), "colours too close to call are left out"
