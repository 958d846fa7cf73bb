"""Label noise on purpose (flip_labels) and the loss on held-out data (mean_loss)."""

import math

import pytest

import scratchnet as sn

NAMES = list(sn.PALETTE)


def test_flip_labels_changes_exactly_the_rounded_fraction_to_another_name():
    _, labels = sn.colour_samples(20, seed=1)
    flipped = sn.flip_labels(labels, sn.RED_OR_BLUE, fraction=0.1, seed=1)
    changed = [i for i, (a, b) in enumerate(zip(labels, flipped)) if a != b]
    assert len(changed) == 2  # round(0.1 * 20)
    assert all(flipped[i] in sn.RED_OR_BLUE for i in changed)
    assert flipped is not labels and labels == sn.colour_samples(20, seed=1)[1], "the labels given are not changed"

    _, many = sn.named_colour_samples(50, seed=2)
    noisy = sn.flip_labels(many, NAMES, fraction=0.3, seed=4)
    assert sum(a != b for a, b in zip(many, noisy)) == 15
    assert set(noisy) <= set(NAMES)


def test_flip_labels_repeats_for_a_seed_and_differs_between_seeds():
    _, labels = sn.colour_samples(40, seed=3)
    assert sn.flip_labels(labels, sn.RED_OR_BLUE, 0.25, seed=5) == sn.flip_labels(labels, sn.RED_OR_BLUE, 0.25, seed=5)
    flips = {tuple(sn.flip_labels(labels, sn.RED_OR_BLUE, 0.25, seed=s)) for s in range(5)}
    assert len(flips) > 1


def test_flip_labels_edges_and_mistakes():
    labels = ["red-ish", "blue-ish", "red-ish"]
    assert sn.flip_labels(labels, sn.RED_OR_BLUE, fraction=0.0) == labels
    assert sn.flip_labels(labels, sn.RED_OR_BLUE, fraction=1.0) == ["blue-ish", "red-ish", "blue-ish"]
    assert sn.flip_labels([], sn.RED_OR_BLUE, fraction=0.5) == []
    with pytest.raises(ValueError, match="between 0 and 1"):
        sn.flip_labels(labels, sn.RED_OR_BLUE, fraction=1.5)
    with pytest.raises(ValueError, match="'mauve' is not one of"):
        sn.flip_labels(["mauve"], sn.RED_OR_BLUE, fraction=1.0)
    with pytest.raises(ValueError, match="another name"):
        sn.flip_labels(["red-ish"], ["red-ish"], fraction=1.0)


def test_mean_loss_is_the_average_of_the_loss_over_the_examples():
    network = sn.Network([3, 4, 2], activation="sigmoid", output="softmax", seed=2)
    colours, labels = sn.colour_samples(10, seed=6)
    targets = [sn.one_hot(label, sn.RED_OR_BLUE) for label in labels]
    by_hand = sum(sn.cross_entropy(network(c), t) for c, t in zip(colours, targets)) / len(colours)
    assert sn.mean_loss(network, colours, targets, loss="cross_entropy") == pytest.approx(by_hand)
    assert sn.mean_loss(network, colours, targets) == pytest.approx(  # mse by default, as in train()
        sum(sn.mean_squared_error(network(c), t) for c, t in zip(colours, targets)) / len(colours))
    one_output = sn.Network([3, 2, 1], seed=1)
    numbers = [1.0 if label == "red-ish" else 0.0 for label in labels]  # a number per target works too
    assert math.isfinite(sn.mean_loss(one_output, colours, numbers, loss="binary_cross_entropy"))


def test_mean_loss_learns_nothing_so_measuring_during_training_changes_nothing():
    colours, labels = sn.colour_samples(20, seed=1)
    targets = [sn.one_hot(label, sn.RED_OR_BLUE) for label in labels]
    held_out, held_out_labels = sn.colour_samples(30, seed=9)
    held_out_targets = [sn.one_hot(label, sn.RED_OR_BLUE) for label in held_out_labels]

    def trained(measure):
        network = sn.Network([3, 8, 2], activation="sigmoid", output="softmax", seed=4)
        losses = []
        on_epoch = (lambda epoch, loss: losses.append(
            sn.mean_loss(network, held_out, held_out_targets, loss="cross_entropy"))) if measure else None
        history = sn.train(network, colours, targets, learning_rate=0.5, epochs=15, loss="cross_entropy",
                           on_epoch=on_epoch)
        return history, [n.weights for layer in network.layers for n in layer.neurons], losses

    history, weights, losses = trained(measure=True)
    assert (history, weights) == trained(measure=False)[:2]
    assert len(losses) == 15 and losses[-1] < losses[0]


def test_mean_loss_rejects_mismatched_or_empty_data():
    network = sn.Network([3, 2, 2], output="softmax")
    with pytest.raises(ValueError, match="2 inputs but 1 targets"):
        sn.mean_loss(network, [[0, 0, 0], [1, 1, 1]], [[1, 0]])
    with pytest.raises(ValueError, match="no examples"):
        sn.mean_loss(network, [], [])
    with pytest.raises(ValueError, match="unknown loss"):
        sn.mean_loss(network, [[0, 0, 0]], [[1, 0]], loss="hinge")
