"""Training and using a network.

train() is stochastic gradient descent: for every example, in a shuffled
order, run forward, measure the loss, backpropagate, and take one step.
"""

import random

from .losses import get_loss


def as_vector(target):
    """A target may be a number (one output) or a list (one number per output)."""
    if isinstance(target, (list, tuple)):
        return [float(t) for t in target]
    return [float(target)]


def train(network, inputs, targets, learning_rate=0.5, epochs=100, loss="mse", on_epoch=None, seed=0):
    """For each epoch and each example: p <- p - learning_rate * dL/dp.  Returns the mean loss of every epoch."""
    if len(inputs) != len(targets):
        raise ValueError(f"{len(inputs)} inputs but {len(targets)} targets")
    if not inputs:
        raise ValueError("no training examples")
    loss_function, loss_gradient = get_loss(loss)
    targets = [as_vector(t) for t in targets]
    rng = random.Random(seed)
    order = list(range(len(inputs)))
    history = []
    network.zero_gradients()
    for epoch in range(1, epochs + 1):
        rng.shuffle(order)
        total = 0.0
        for i in order:
            outputs = network.forward(inputs[i])
            total += loss_function(outputs, targets[i])
            network.backward(loss_gradient(outputs, targets[i]))
            network.step(learning_rate)
        history.append(total / len(order))
        if on_epoch is not None and on_epoch(epoch, history[-1]) is False:
            break  # the callback may return False to stop early
    return history


def mean_loss(network, inputs, targets, loss="mse"):
    """(1/n) * sum over the n examples of loss(network(x), target): how wrong the network is on a data set.

    Nothing is learned: use it to measure colours kept out of training (held-out data) after each epoch.
    """
    if len(inputs) != len(targets):
        raise ValueError(f"{len(inputs)} inputs but {len(targets)} targets")
    if not inputs:
        raise ValueError("no examples")
    loss_function, _ = get_loss(loss)
    return sum(loss_function(network.forward(x), as_vector(t)) for x, t in zip(inputs, targets)) / len(inputs)


def predict(network, inputs):
    """The network's outputs for one example."""
    return network.forward(inputs)


def classify(network, inputs, labels):
    """(label, confidence) of the likeliest label; one sigmoid output means labels[1] when output >= 0.5."""
    outputs = network.forward(inputs)
    if len(outputs) == 1:
        if len(labels) != 2:
            raise ValueError("a network with one output separates exactly two labels")
        p = outputs[0]
        return (labels[1], p) if p >= 0.5 else (labels[0], 1.0 - p)
    if len(labels) != len(outputs):
        raise ValueError(f"{len(labels)} labels for {len(outputs)} outputs")
    best = max(range(len(outputs)), key=lambda i: outputs[i])
    return labels[best], outputs[best]


def accuracy(network, inputs, true_labels, labels):
    """Fraction of examples whose classify() label equals the true label."""
    if not inputs:
        raise ValueError("no examples")
    right = sum(classify(network, x, labels)[0] == y for x, y in zip(inputs, true_labels))
    return right / len(inputs)

