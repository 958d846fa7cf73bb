"""A network: layers in a row, each layer's outputs feeding the next.

Network([3, 8, 2]) has 3 inputs, a hidden layer of 8 neurons and 2 outputs.
backward() is plain backpropagation: the chain rule, one layer at a time,
from the loss back to the inputs.
"""

import random

from .layer import Layer


class Network:
    """outputs = layer_n(... layer_2(layer_1(inputs)))"""

    def __init__(self, sizes, activation="sigmoid", output="sigmoid", seed=0):
        sizes = list(sizes)
        if len(sizes) < 2 or any(int(n) != n or n < 1 for n in sizes):
            raise ValueError(f"sizes must be at least two positive whole numbers, got {sizes}")
        rng = random.Random(seed)
        self.sizes = sizes
        self.layers = []
        for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
            is_output = i == len(sizes) - 2
            self.layers.append(Layer.random(n_in, n_out, output if is_output else activation, rng))

    @classmethod
    def from_layers(cls, layers):
        """Build a network from layers you made yourself."""
        network = cls.__new__(cls)
        network.layers = list(layers)
        network.sizes = [network.layers[0].n_inputs] + [len(l.neurons) for l in network.layers]
        return network

    def forward(self, inputs):
        """a_0 = x;  a_k = layer_k(a_(k-1));  output = a_n"""
        if len(inputs) != self.sizes[0]:
            raise ValueError(f"expected {self.sizes[0]} inputs, got {len(inputs)}")
        values = list(inputs)
        for layer in self.layers:
            values = layer.forward(values)
        return values

    __call__ = forward

    def backward(self, loss_gradient):
        """dL/da_(k-1) = layer_k.backward(dL/da_k), from the last layer to the first"""
        gradients = list(loss_gradient)
        for layer in reversed(self.layers):
            gradients = layer.backward(gradients)
        return gradients

    def step(self, learning_rate):
        """Every weight and bias moves against its gradient: p <- p - learning_rate * dL/dp"""
        for layer in self.layers:
            layer.step(learning_rate)

    def zero_gradients(self):
        for layer in self.layers:
            layer.zero_gradients()

    def parameter_count(self):
        """How many numbers training can change (weights plus biases)."""
        return sum(len(n.weights) + 1 for layer in self.layers for n in layer.neurons)

    def __repr__(self):
        hidden = self.layers[0].activation if len(self.layers) > 1 else None
        output = self.layers[-1].activation
        return f"Network({self.sizes}, activation={hidden!r}, output={output!r})"
