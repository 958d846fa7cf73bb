"""One neuron: a weighted sum of its inputs, plus a bias, through an activation.

forward() remembers what it saw (inputs and z) so that backward() can turn
"how much did my output hurt the loss?" into gradients for every weight.
"""

import math
import random

from .activations import get_activation


def weighted_sum(inputs, weights):
    """weighted_sum(x, w) = x_1*w_1 + x_2*w_2 + ... + x_n*w_n"""
    if len(inputs) != len(weights):
        raise ValueError(f"{len(inputs)} inputs but {len(weights)} weights")
    return sum(x * w for x, w in zip(inputs, weights))


class Neuron:
    """output = activation(weighted_sum(inputs, weights) + bias)"""

    def __init__(self, weights, bias=0.0, activation="sigmoid"):
        self.weights = [float(w) for w in weights]
        self.bias = float(bias)
        self.activation = activation
        self.function, self.derivative = get_activation(activation)
        self.inputs = [0.0] * len(self.weights)
        self.z = 0.0
        self.output = 0.0
        self.zero_gradients()

    @classmethod
    def random(cls, n_inputs, activation="sigmoid", rng=None):
        """Weights uniform in +-1/sqrt(n_inputs), bias 0. Give an rng (random.Random(seed)) to get the
        same weights every time; without one, every neuron gets weights of its own."""
        rng = rng if rng is not None else random
        limit = 1.0 / math.sqrt(n_inputs)
        weights = [rng.uniform(-limit, limit) for _ in range(n_inputs)]
        return cls(weights, 0.0, activation)

    def forward(self, inputs):
        """z = w . x + b;  output = f(z)"""
        self.inputs = [float(x) for x in inputs]
        self.z = weighted_sum(self.inputs, self.weights) + self.bias
        self.output = self.function(self.z)
        return self.output

    def backward(self, output_gradient):
        """dL/dz = dL/dout * f'(z);  dL/dw_i += dL/dz * x_i;  dL/db += dL/dz;  returns dL/dx_i = dL/dz * w_i"""
        z_gradient = output_gradient * self.derivative(self.z)
        for i, x in enumerate(self.inputs):
            self.weight_gradients[i] += z_gradient * x
        self.bias_gradient += z_gradient
        return [z_gradient * w for w in self.weights]

    def gradient(self):
        """(dL/dw for each weight, dL/db), summed over every backward() since the last step()."""
        return list(self.weight_gradients), self.bias_gradient

    def step(self, learning_rate):
        """w <- w - learning_rate * dL/dw;  b <- b - learning_rate * dL/db"""
        for i, g in enumerate(self.weight_gradients):
            self.weights[i] -= learning_rate * g
        self.bias -= learning_rate * self.bias_gradient
        self.zero_gradients()

    def zero_gradients(self):
        """Forget the gradients summed so far."""
        self.weight_gradients = [0.0] * len(self.weights)
        self.bias_gradient = 0.0

    def __repr__(self):
        weights = ", ".join(f"{w:.3f}" for w in self.weights)
        return f"Neuron(weights=[{weights}], bias={self.bias:.3f}, activation={self.activation!r})"
