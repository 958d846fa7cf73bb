"""The course's ImageNet classifier, as the browser tests see it: where it is frozen, its labels,
which of them are birds, and a small site that publishes it."""

from __future__ import annotations

import json
from pathlib import Path

from talkbook import __version__
from tests.support.sites import ROOT, write_fixture_site

MODEL = "efficientnet-lite0"
STORE = ROOT / "course" / "models" / "frozen"
RUNTIME = f"assets/talkbook/{__version__}/models/"  # the models' browser modules on a built site
BIRD_CLASSES = ((7, 24), (80, 100), (127, 146))  # ImageNet-1k's bird classes, first and last index


def labels(name: str = MODEL) -> list[str]:
    return json.loads((STORE / name / "card.json").read_text(encoding="utf-8"))["labels"]


def imagenet_birds() -> set[str]:
    """The names of ImageNet-1k's bird classes."""
    names = labels()
    return {names[i] for first, last in BIRD_CLASSES for i in range(first, last + 1)}


def write_models_site(root: Path, **site) -> Path:
    """A fixture site publishing the course's frozen models as they are (never retrained)."""
    plugin = {"recipes": str(ROOT / "course" / "models"), "store": str(STORE), "retrain": "never"}
    more = site.pop("plugins", [])
    return write_fixture_site(root, plugins=["search", {"talkbook/models": plugin}, *more], **site)
