"""Activation functions, each next to its derivative.

Every derivative takes the same z (the neuron's weighted sum plus bias) as
the function itself, so backprop can ask "how steep was f where we were?".
ACTIVATIONS maps a name to the pair (f, df).
"""

import math


def step(z):
    """step(z) = 1 if z >= 0 else 0"""
    return 1.0 if z >= 0 else 0.0


def step_derivative(z):
    """step'(z) = 0 everywhere: no slope, so gradient descent cannot train a step neuron"""
    return 0.0


def sigmoid(z):
    """sigmoid(z) = 1 / (1 + e^-z)"""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)  # same value, written so that e^-z never overflows
    return e / (1.0 + e)


def sigmoid_derivative(z):
    """sigmoid'(z) = sigmoid(z) * (1 - sigmoid(z))"""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """tanh(z) = (e^z - e^-z) / (e^z + e^-z)"""
    return math.tanh(z)


def tanh_derivative(z):
    """tanh'(z) = 1 - tanh(z)^2"""
    t = math.tanh(z)
    return 1.0 - t * t


def relu(z):
    """relu(z) = max(0, z)"""
    return z if z > 0 else 0.0


def relu_derivative(z):
    """relu'(z) = 1 if z > 0 else 0"""
    return 1.0 if z > 0 else 0.0


def linear(z):
    """linear(z) = z"""
    return z


def linear_derivative(z):
    """linear'(z) = 1"""
    return 1.0


ACTIVATIONS = {
    "step": (step, step_derivative),
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "linear": (linear, linear_derivative),
}


def get_activation(name):
    """Look up (f, df) by name, with a helpful error for a typo."""
    if name not in ACTIVATIONS:
        known = ", ".join(sorted(ACTIVATIONS) + ["softmax (output layer only)"])
        raise ValueError(f"unknown activation {name!r}; choose one of: {known}")
    return ACTIVATIONS[name]


def softmax(zs):
    """softmax(z)_i = e^z_i / sum_j e^z_j"""
    biggest = max(zs)  # subtracting the max changes nothing but avoids overflow
    exps = [math.exp(z - biggest) for z in zs]
    total = sum(exps)
    return [e / total for e in exps]


def softmax_backward(outputs, output_gradients):
    """dL/dz_i = p_i * (dL/dp_i - sum_j dL/dp_j * p_j)"""
    dot = sum(g * p for g, p in zip(output_gradients, outputs))
    return [p * (g - dot) for p, g in zip(outputs, output_gradients)]
