"""Backprop against finite differences: nudge each weight, watch the loss move."""

import random

import pytest

import scratchnet as sn

EPS = 1e-6

# (output layer, loss, how to make a target) for every pairing that makes sense
OUTPUT_LOSSES = [
    ("sigmoid", "mse", "probability"),
    ("sigmoid", "binary_cross_entropy", "probability"),
    ("softmax", "mse", "one_hot"),
    ("softmax", "cross_entropy", "one_hot"),
    ("tanh", "mse", "signed"),
    ("relu", "mse", "signed"),
    ("linear", "mse", "signed"),
]
HIDDEN = ["sigmoid", "tanh", "relu", "linear"]


def make_target(kind, n, rng):
    if kind == "one_hot":
        return sn.one_hot(rng.randrange(n), list(range(n)))
    if kind == "probability":
        return [float(rng.random() < 0.5) for _ in range(n)]
    return [rng.uniform(-1, 1) for _ in range(n)]


def loss_at(network, loss_fn, x, target):
    return loss_fn(network.forward(x), target)


def numeric_gradient(network, loss_fn, x, target, holder, attr, index=None):
    """Central difference (L(p + eps) - L(p - eps)) / 2 eps for one parameter."""
    def nudge(delta):
        if index is None:
            setattr(holder, attr, getattr(holder, attr) + delta)
        else:
            getattr(holder, attr)[index] += delta
    nudge(EPS)
    up = loss_at(network, loss_fn, x, target)
    nudge(-2 * EPS)
    down = loss_at(network, loss_fn, x, target)
    nudge(EPS)
    return (up - down) / (2 * EPS)


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("output,loss,target_kind", OUTPUT_LOSSES)
def test_backprop_matches_finite_differences(hidden, output, loss, target_kind):
    rng = random.Random(f"{hidden}-{output}-{loss}")
    n_out = 1 if output == "sigmoid" and loss == "binary_cross_entropy" else 3
    network = sn.Network([3, 4, 3, n_out], activation=hidden, output=output, seed=rng.randrange(10**6))
    for layer in network.layers:
        for neuron in layer.neurons:
            neuron.bias = rng.uniform(-0.5, 0.5)
    loss_fn, loss_gradient = sn.get_loss(loss)
    checked = 0
    for _ in range(3):  # several examples: a relu kink at one is unlikely at all
        x = [rng.uniform(-1, 1) for _ in range(3)]
        target = make_target(target_kind, n_out, rng)
        network.zero_gradients()
        outputs = network.forward(x)
        network.backward(loss_gradient(outputs, target))
        for layer in network.layers:
            for neuron in layer.neurons:
                for i, analytic in enumerate(neuron.weight_gradients):
                    numeric = numeric_gradient(network, loss_fn, x, target, neuron, "weights", i)
                    assert analytic == pytest.approx(numeric, rel=1e-5, abs=1e-7)
                    checked += 1
                numeric = numeric_gradient(network, loss_fn, x, target, neuron, "bias")
                assert neuron.bias_gradient == pytest.approx(numeric, rel=1e-5, abs=1e-7)
                checked += 1
    assert checked == 3 * network.parameter_count()


def test_input_gradient_matches_finite_differences():
    network = sn.Network([3, 5, 2], activation="tanh", output="softmax", seed=11)
    x, target = [0.4, -0.2, 0.9], [1.0, 0.0]
    input_grads = network.backward(sn.cross_entropy_gradient(network.forward(x), target))
    for i in range(3):
        up, down = list(x), list(x)
        up[i] += EPS
        down[i] -= EPS
        numeric = (sn.cross_entropy(network.forward(up), target) - sn.cross_entropy(network.forward(down), target)) / (2 * EPS)
        assert input_grads[i] == pytest.approx(numeric, rel=1e-5, abs=1e-8)


def test_step_network_has_zero_gradient_so_training_changes_nothing():
    """The step function is flat: gradient descent gets no signal through it."""
    network = sn.Network([3, 4, 1], activation="step", output="step", seed=2)
    before = [(list(n.weights), n.bias) for layer in network.layers for n in layer.neurons]
    colours, labels = sn.colour_samples(30, seed=2)
    history = sn.train(network, colours, [float(y == "red-ish") for y in labels], learning_rate=1.0, epochs=3)
    after = [(list(n.weights), n.bias) for layer in network.layers for n in layer.neurons]
    assert after == before
    assert history[0] == history[-1] > 0
