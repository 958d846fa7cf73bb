"""A layer: several neurons that all read the same inputs.

A "softmax" layer is made of linear neurons whose outputs are then turned
into probabilities together, so they add up to 1.
"""

from .activations import softmax, softmax_backward
from .neuron import Neuron


class Layer:
    """outputs = [neuron.forward(inputs) for neuron in neurons]  (then softmax, if asked)"""

    def __init__(self, neurons, softmax=False):
        self.neurons = list(neurons)
        if not self.neurons:
            raise ValueError("a layer needs at least one neuron")
        self.softmax = softmax
        self.outputs = []

    @classmethod
    def random(cls, n_inputs, n_neurons, activation="sigmoid", rng=None):
        """n_neurons fresh neurons, each with n_inputs random weights."""
        is_softmax = activation == "softmax"
        neuron_activation = "linear" if is_softmax else activation
        neurons = [Neuron.random(n_inputs, neuron_activation, rng) for _ in range(n_neurons)]
        return cls(neurons, softmax=is_softmax)

    @property
    def activation(self):
        return "softmax" if self.softmax else self.neurons[0].activation

    @property
    def n_inputs(self):
        return len(self.neurons[0].weights)

    def forward(self, inputs):
        """a_j = f(w_j . x + b_j) for every neuron j"""
        outputs = [neuron.forward(inputs) for neuron in self.neurons]
        if self.softmax:
            outputs = softmax(outputs)
        self.outputs = outputs
        return list(outputs)

    def backward(self, output_gradients):
        """dL/dx_i = sum over neurons j of dL/dz_j * w_ji"""
        if len(output_gradients) != len(self.neurons):
            raise ValueError(f"{len(output_gradients)} gradients for {len(self.neurons)} neurons")
        if self.softmax:
            output_gradients = softmax_backward(self.outputs, output_gradients)
        input_gradients = [0.0] * self.n_inputs
        for neuron, gradient in zip(self.neurons, output_gradients):
            for i, g in enumerate(neuron.backward(gradient)):
                input_gradients[i] += g
        return input_gradients

    def step(self, learning_rate):
        """Every neuron takes one gradient-descent step."""
        for neuron in self.neurons:
            neuron.step(learning_rate)

    def zero_gradients(self):
        for neuron in self.neurons:
            neuron.zero_gradients()

    def __repr__(self):
        return f"Layer({len(self.neurons)} neurons, {self.n_inputs} inputs, activation={self.activation!r})"
