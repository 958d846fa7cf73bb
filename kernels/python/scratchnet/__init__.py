"""scratchnet: a neural network built from plain Python lists and floats.

A tour, from the smallest piece up:
  activations  step, sigmoid, tanh, relu -- each beside its derivative.
  Neuron       output = activation(weighted_sum(inputs, weights) + bias).
  Layer        neurons that read the same inputs ("softmax" makes probabilities).
  Network      Network([3, 8, 2], activation="sigmoid", output="softmax").
  losses       mean_squared_error, cross_entropy, binary_cross_entropy + gradients.
  backward()   backpropagation: the chain rule, from the loss back to each weight.
  train()      gradient descent; returns the loss of every epoch (on_epoch to watch).
  mean_loss()  the loss on data the network does not learn from (held-out data).
  datasets     colour_samples, purple_samples, named_colour_samples, flip_labels, one_hot, normalize; classify.
"""

from .activations import (
    ACTIVATIONS,
    get_activation,
    linear,
    linear_derivative,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    softmax,
    softmax_backward,
    step,
    step_derivative,
    tanh,
    tanh_derivative,
)
from .datasets import (
    PALETTE,
    PURPLE_OR_NOT,
    RED_OR_BLUE,
    colour_samples,
    flip_labels,
    named_colour_samples,
    normalize,
    one_hot,
    purple_samples,
)
from .layer import Layer
from .losses import (
    LOSSES,
    binary_cross_entropy,
    binary_cross_entropy_gradient,
    cross_entropy,
    cross_entropy_gradient,
    get_loss,
    mean_squared_error,
    mean_squared_error_gradient,
)
from .network import Network
from .neuron import Neuron, weighted_sum
from .train import accuracy, as_vector, classify, mean_loss, predict, train

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS",
    "LOSSES",
    "PALETTE",
    "RED_OR_BLUE",
    "Layer",
    "Network",
    "Neuron",
    "accuracy",
    "as_vector",
    "binary_cross_entropy",
    "binary_cross_entropy_gradient",
    "classify",
    "colour_samples",
    "purple_samples",
    "PURPLE_OR_NOT",
    "cross_entropy",
    "cross_entropy_gradient",
    "flip_labels",
    "get_activation",
    "get_loss",
    "linear",
    "linear_derivative",
    "mean_loss",
    "mean_squared_error",
    "mean_squared_error_gradient",
    "named_colour_samples",
    "normalize",
    "one_hot",
    "predict",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "softmax",
    "softmax_backward",
    "step",
    "step_derivative",
    "tanh",
    "tanh_derivative",
    "train",
    "weighted_sum",
]
