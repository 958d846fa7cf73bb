"""A model recipe small enough to train in a blink, for tests of the models pipeline."""

TINY = '''\
"""Is x bigger than y?"""
LABELS = ["x-wins", "y-wins"]
INPUT = {"shape": [2], "dtype": "float32", "range": [0.0, 1.0], "preprocessing": "none"}
TRAINING = {"epochs": 2, "batch_size": 16, "learning_rate": 0.05}
def data(rng):
    x = rng.random((64, 2)).astype("float32")
    y = (x[:, 1] > x[:, 0]).astype("int64")
    return x[:48], y[:48], x[48:], y[48:]
def build(keras):
    return keras.Sequential([keras.layers.Input(shape=(2,)), keras.layers.Dense(2, activation="softmax")])
def examples():
    return [[0.9, 0.1], [0.1, 0.9]]
'''
