"""scratchnet's forward and backward maths, checked against numpy."""

import math
import random

import numpy as np
import pytest

import scratchnet as sn

NP_ACTIVATIONS = {
    "step": (lambda z: (z >= 0).astype(float), lambda z: np.zeros_like(z)),
    "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2),
    "tanh": (np.tanh, lambda z: 1 / np.cosh(z) ** 2),
    "relu": (lambda z: np.maximum(z, 0.0), lambda z: (z > 0).astype(float)),
    "linear": (lambda z: z, lambda z: np.ones_like(z)),
}


def np_softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def np_params(network):
    return [
        (np.array([n.weights for n in layer.neurons]), np.array([n.bias for n in layer.neurons]), layer.activation)
        for layer in network.layers
    ]


def np_forward(params, x):
    """Returns every layer's input and pre-activation z, and the final output."""
    a, cache = np.array(x, dtype=float), []
    for W, b, activation in params:
        z = W @ a + b
        cache.append((a, z))
        a = np_softmax(z) if activation == "softmax" else NP_ACTIVATIONS[activation][0](z)
    return a, cache


def np_backward(params, cache, output, dL_da):
    """Matrix backprop: returns [(dW, db), ...] per layer and dL/dx."""
    grads, g = [], np.array(dL_da, dtype=float)
    for (W, b, activation), (a_in, z) in zip(reversed(params), reversed(cache)):
        if activation == "softmax":
            p = np_softmax(z)
            dz = (np.diag(p) - np.outer(p, p)) @ g
        else:
            dz = g * NP_ACTIVATIONS[activation][1](z)
        grads.append((np.outer(dz, a_in), dz))
        g = W.T @ dz
    return grads[::-1], g


@pytest.mark.parametrize("name", sorted(NP_ACTIVATIONS))
def test_activation_and_derivative_match_numpy(name):
    f, df = sn.get_activation(name)
    np_f, np_df = NP_ACTIVATIONS[name]
    zs = np.array([-30.0, -2.5, -0.3, 0.2, 1.7, 4.0, 30.0])
    np.testing.assert_allclose([f(z) for z in zs], np_f(zs), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose([df(z) for z in zs], np_df(zs), rtol=1e-9, atol=1e-15)


def test_sigmoid_does_not_overflow_for_large_negative_input():
    assert sn.sigmoid(-1000.0) == 0.0 and sn.sigmoid(1000.0) == 1.0
    assert sn.sigmoid_derivative(-1000.0) == 0.0


def test_softmax_matches_numpy_and_sums_to_one():
    z = [2.0, -1.0, 0.5, 800.0 - 800.0, 3.3]
    np.testing.assert_allclose(sn.softmax(z), np_softmax(np.array(z)), rtol=1e-12)
    assert math.isclose(sum(sn.softmax([1000.0, 999.0, -1000.0])), 1.0)


def test_unknown_names_raise_helpful_errors():
    with pytest.raises(ValueError, match="sigmoid"):
        sn.get_activation("sigmoyd")
    with pytest.raises(ValueError, match="cross_entropy"):
        sn.get_loss("crossentropy")


def test_weighted_sum_and_neuron_output():
    x, w = [0.5, -1.0, 2.0], [0.2, 0.4, -0.1]
    assert sn.weighted_sum(x, w) == pytest.approx(float(np.dot(x, w)))
    neuron = sn.Neuron(w, bias=0.3, activation="tanh")
    assert neuron.forward(x) == pytest.approx(math.tanh(np.dot(x, w) + 0.3))
    with pytest.raises(ValueError):
        sn.weighted_sum([1.0], [1.0, 2.0])


def test_neuron_gradient_accumulates_and_step_moves_against_it():
    neuron = sn.Neuron([0.2, -0.4], bias=0.1, activation="sigmoid")
    x = [1.5, 0.5]
    neuron.forward(x)
    dz = 2.0 * sn.sigmoid_derivative(neuron.z)
    np.testing.assert_allclose(neuron.backward(2.0), [dz * 0.2, dz * -0.4])
    neuron.backward(2.0)  # a second example adds to the first
    weight_grads, bias_grad = neuron.gradient()
    np.testing.assert_allclose(weight_grads, [2 * dz * 1.5, 2 * dz * 0.5])
    assert bias_grad == pytest.approx(2 * dz)
    neuron.step(0.1)
    np.testing.assert_allclose(neuron.weights, [0.2 - 0.1 * 2 * dz * 1.5, -0.4 - 0.1 * 2 * dz * 0.5])
    assert neuron.bias == pytest.approx(0.1 - 0.1 * 2 * dz)
    assert neuron.gradient() == ([0.0, 0.0], 0.0)


def test_losses_match_numpy():
    rng = np.random.default_rng(3)
    p = rng.dirichlet(np.ones(4))
    t = np.eye(4)[2]
    q, y = rng.uniform(0.05, 0.95, 3), np.array([1.0, 0.0, 1.0])
    assert sn.mean_squared_error(list(p), list(t)) == pytest.approx(np.mean((p - t) ** 2))
    np.testing.assert_allclose(sn.mean_squared_error_gradient(list(p), list(t)), 2 * (p - t) / 4)
    assert sn.cross_entropy(list(p), list(t)) == pytest.approx(-np.sum(t * np.log(p)))
    np.testing.assert_allclose(sn.cross_entropy_gradient(list(p), list(t)), -t / p)
    bce = -np.mean(y * np.log(q) + (1 - y) * np.log(1 - q))
    assert sn.binary_cross_entropy(list(q), list(y)) == pytest.approx(bce)
    np.testing.assert_allclose(sn.binary_cross_entropy_gradient(list(q), list(y)), (q - y) / (q * (1 - q)) / 3)
    assert math.isfinite(sn.cross_entropy([0.0, 1.0], [1.0, 0.0]))  # log(0) is clipped


NETWORKS = [
    ([3, 5, 2], "sigmoid", "softmax"),
    ([4, 6, 3], "tanh", "softmax"),
    ([2, 7, 5, 1], "relu", "sigmoid"),
    ([3, 4, 4, 2], "tanh", "sigmoid"),
    ([5, 3], "sigmoid", "tanh"),
    ([3, 8, 2], "relu", "linear"),
]


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("sizes,activation,output", NETWORKS)
def test_forward_and_backward_match_numpy(sizes, activation, output, seed):
    rng = random.Random(seed)
    network = sn.Network(sizes, activation=activation, output=output, seed=seed)
    for layer in network.layers:  # biases start at 0; make them count
        for neuron in layer.neurons:
            neuron.bias = rng.uniform(-0.5, 0.5)
    params = np_params(network)
    x = [rng.uniform(-1, 1) for _ in range(sizes[0])]
    upstream = [rng.uniform(-1, 1) for _ in range(sizes[-1])]

    outputs = network.forward(x)
    np_out, cache = np_forward(params, x)
    np.testing.assert_allclose(outputs, np_out, rtol=1e-12, atol=1e-14)

    input_grads = network.backward(upstream)
    np_grads, np_input_grads = np_backward(params, cache, np_out, upstream)
    np.testing.assert_allclose(input_grads, np_input_grads, rtol=1e-10, atol=1e-14)
    for layer, (dW, db) in zip(network.layers, np_grads):
        np.testing.assert_allclose([n.weight_gradients for n in layer.neurons], dW, rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose([n.bias_gradient for n in layer.neurons], db, rtol=1e-10, atol=1e-14)


def test_step_applies_gradient_descent_to_every_parameter():
    network = sn.Network([3, 4, 2], activation="tanh", output="softmax", seed=5)
    params = np_params(network)
    x, target = [0.2, -0.7, 0.9], [0.0, 1.0]
    out, cache = np_forward(params, x)
    np_grads, _ = np_backward(params, cache, out, -np.array(target) / out)
    network.forward(x)
    network.backward(sn.cross_entropy_gradient(network.forward(x), target))
    network.step(0.25)
    for layer, (W, b, _), (dW, db) in zip(network.layers, params, np_grads):
        np.testing.assert_allclose([n.weights for n in layer.neurons], W - 0.25 * dW, rtol=1e-10)
        np.testing.assert_allclose([n.bias for n in layer.neurons], b - 0.25 * db, rtol=1e-10, atol=1e-14)


def test_softmax_with_cross_entropy_gives_prediction_minus_target():
    network = sn.Network([2, 3], activation="linear", output="softmax", seed=4)
    x, target = [0.3, -0.8], [0.0, 0.0, 1.0]
    p = network.forward(x)
    network.backward(sn.cross_entropy_gradient(p, target))
    dz = [n.bias_gradient for n in network.layers[-1].neurons]
    np.testing.assert_allclose(dz, np.array(p) - np.array(target), rtol=1e-10, atol=1e-14)


def test_network_shape_and_repr():
    network = sn.Network([3, 8, 2], activation="sigmoid", output="softmax")
    assert [len(l.neurons) for l in network.layers] == [8, 2]
    assert [l.n_inputs for l in network.layers] == [3, 8]
    assert network.parameter_count() == 3 * 8 + 8 + 8 * 2 + 2
    assert repr(network) == "Network([3, 8, 2], activation='sigmoid', output='softmax')"
    with pytest.raises(ValueError):
        network.forward([1.0, 2.0])
    with pytest.raises(ValueError):
        sn.Network([3])


def test_hand_built_network_from_layers_computes_xor():
    """Weights set by hand (no training): OR and NAND step neurons feeding an AND neuron give XOR."""
    hidden = sn.Layer([sn.Neuron([1, 1], -0.5, "step"), sn.Neuron([-1, -1], 1.5, "step")])
    network = sn.Network.from_layers([hidden, sn.Layer([sn.Neuron([1, 1], -1.5, "step")])])
    assert network.sizes == [2, 2, 1]
    table = {(a, b): network([a, b])[0] for a in (0, 1) for b in (0, 1)}
    assert table == {(0, 0): 0.0, (0, 1): 1.0, (1, 0): 1.0, (1, 1): 0.0}
