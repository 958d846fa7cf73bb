"""How talkbook's plugins add their own fenced blocks (cells, model widgets) to pymdownx.superfences,
and how such a block reports a problem. One way for both, so they cannot drift apart.

superfences swallows any exception a fence's formatter raises (the block silently stays code),
except its own SuperFencesException: a :class:`FenceError` is one, and MkDocs then stops the build.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException

SUPERFENCES = "pymdownx.superfences"


class FenceError(PluginError, SuperFencesException):
    """A bad block; the message names where the author wrote it (see talkbook.locations)."""


def register_fences(config, class_name: str, names: tuple[str, ...], format, validator=None) -> None:
    """Add one custom fence per name, replacing this plugin's earlier ones (``mkdocs serve`` configures again)."""
    if SUPERFENCES not in config.markdown_extensions:
        config.markdown_extensions.append(SUPERFENCES)
    fences = config.mdx_configs.setdefault(SUPERFENCES, {}).setdefault("custom_fences", [])
    fences[:] = [fence for fence in fences if fence.get("class") != class_name]
    for name in names:
        fence = {"name": name, "class": class_name, "format": format}
        if validator is not None:
            fence["validator"] = validator
        fences.append(fence)
