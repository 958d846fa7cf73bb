"""Settings of the ``talkbook/models`` plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class ModelsConfig(Config):
    enabled = opt.Type(bool, default=True)

    # Recipe modules (<name>.py), relative to mkdocs.yml.
    recipes = opt.Type(str, default="course/models")
    # The freeze store: one folder of TF.js artifacts per model, committed to git.
    store = opt.Type(str, default="course/models/frozen")
    # Stale model: "auto" retrains when TensorFlow is installed and warns otherwise,
    # "never" only warns (CI without TensorFlow), "always" retrains every build.
    retrain = opt.Choice(("auto", "never", "always"), default="auto")
    # Where the artifacts are served: /<site_path>/<name>/ and /<site_path>/index.json.
    site_path = opt.Type(str, default="assets/models")
    # The fence language of no-code widgets: ```model
    fence = opt.Type(str, default="model")
    # ml5's built-in model names ('MobileNet', 'DoodleNet', ...) download from the internet, which
    # a talkbook site never does. Map such a name to a model of the course: {MobileNet: digits-ml5}.
    ml5_models = opt.DictOfItems(opt.Type(str), default={})
