"""Settings of the ``talkbook/cells`` plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class CellsConfig(Config):
    enabled = opt.Type(bool, default=True)

    # The fence language that may carry {run}, {check} and {solution}.
    language = opt.Type(str, default="python")
    # Pure-Python projects (folders with a pyproject.toml) built into wheels and installed in the
    # kernel before the first run. Empty: talkbook's own kernels/python (the scratchnet library).
    packages = opt.ListOfItems(opt.Type(str), default=[])
    # Seconds a cell may run before it is stopped; 0 lets cells run until Stop.
    timeout = opt.Type((int, float), default=0)
    # Serve coi-serviceworker from the site root so static hosts (and `mkdocs serve`) are
    # cross-origin isolated: Stop keeps the interpreter and input() works. With talkbook/offline
    # on, its service worker adds the headers instead (a scope has one service worker).
    isolation = opt.Type(bool, default=True)
    # Start Python from the memory snapshot talkbook ships (its kernel and scratchnet already
    # imported): the first output comes about three times sooner. Off: a cold start from the
    # compiled standard library. A snapshot that cannot be used falls back to a cold start by itself.
    snapshot = opt.Type(bool, default=True)
    # ```js {run}``` cells: learner JavaScript in a sandboxed iframe, with TF.js, ml5 and p5 on demand.
    javascript = opt.Type(bool, default=True)
    # The TF.js backend JavaScript cells start with: learners' small networks train fastest on
    # "cpu" (no shader compiles, no GPU transfers); "webgl" suits bigger models on a real GPU.
    js_backend = opt.Choice(("cpu", "webgl"), default="cpu")
