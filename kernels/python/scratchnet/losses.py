"""Loss functions: one number saying how wrong the outputs are, with gradients.

Each gradient is dL/d(output), the vector that Network.backward() starts from.
Probabilities are clipped to [EPSILON, 1 - EPSILON] so log(0) never happens.
"""

import math

EPSILON = 1e-12


def _clip(p):
    return min(max(p, EPSILON), 1.0 - EPSILON)


def _check(outputs, targets):
    if len(outputs) != len(targets):
        raise ValueError(f"{len(outputs)} outputs but {len(targets)} targets")


def mean_squared_error(outputs, targets):
    """MSE = (1/n) * sum_i (out_i - target_i)^2"""
    _check(outputs, targets)
    return sum((o - t) * (o - t) for o, t in zip(outputs, targets)) / len(outputs)


def mean_squared_error_gradient(outputs, targets):
    """dMSE/dout_i = (2/n) * (out_i - target_i)"""
    _check(outputs, targets)
    n = len(outputs)
    return [2.0 * (o - t) / n for o, t in zip(outputs, targets)]


def cross_entropy(outputs, targets):
    """CE = -sum_i target_i * log(p_i)   (p = softmax outputs, target = one-hot)"""
    _check(outputs, targets)
    return -sum(t * math.log(_clip(p)) for p, t in zip(outputs, targets))


def cross_entropy_gradient(outputs, targets):
    """dCE/dp_i = -target_i / p_i   (through softmax this becomes dCE/dz_i = p_i - target_i)"""
    _check(outputs, targets)
    return [-t / _clip(p) for p, t in zip(outputs, targets)]


def binary_cross_entropy(outputs, targets):
    """BCE = -(1/n) * sum_i [t_i * log(p_i) + (1 - t_i) * log(1 - p_i)]   (p = sigmoid outputs)"""
    _check(outputs, targets)
    total = sum(t * math.log(_clip(p)) + (1 - t) * math.log(1 - _clip(p)) for p, t in zip(outputs, targets))
    return -total / len(outputs)


def binary_cross_entropy_gradient(outputs, targets):
    """dBCE/dp_i = (1/n) * (p_i - t_i) / (p_i * (1 - p_i))   (through sigmoid: dBCE/dz_i = (p_i - t_i) / n)"""
    _check(outputs, targets)
    n = len(outputs)
    return [(_clip(p) - t) / (_clip(p) * (1 - _clip(p))) / n for p, t in zip(outputs, targets)]


LOSSES = {
    "mse": (mean_squared_error, mean_squared_error_gradient),
    "cross_entropy": (cross_entropy, cross_entropy_gradient),
    "binary_cross_entropy": (binary_cross_entropy, binary_cross_entropy_gradient),
}


def get_loss(name):
    """Look up (loss, gradient) by name, with a helpful error for a typo."""
    if name not in LOSSES:
        raise ValueError(f"unknown loss {name!r}; choose one of: {', '.join(sorted(LOSSES))}")
    return LOSSES[name]
