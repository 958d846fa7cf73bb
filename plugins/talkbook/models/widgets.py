"""The ```` ```model ```` fence: a no-code widget for a frozen model, written in plain Markdown.

````markdown
```model
colours
```
````

The first line names the model; optional ``key: value`` lines follow (see ``OPTIONS``).
The fence becomes a placeholder ``<div>`` that ``kernels/models/widgets.js`` fills in the
browser. In a Markdown viewer without the plugin it still reads as "a model, called colours".
"""

from __future__ import annotations

import html
from dataclasses import dataclass

BACKENDS = ("auto", "webgpu", "webgl", "wasm", "cpu")
# colour: a colour picker; image: a drawing pad (digit-like models); photo: upload, drop or
# camera, centre-cropped (everyday objects).
KINDS = ("colour", "image", "photo")
OPTIONS = {
    "model": "the model's name (or give it alone on the first line)",
    "widget": f"one of {', '.join(KINDS)}; by default chosen from the model's input shape",
    "backend": f"one of {', '.join(BACKENDS)} (default auto: measured on the learner's device)",
    "top": "how many predictions to show (default 5 for colour and photo, 3 for image)",
    "card": "yes or no: show the model card (default yes)",
}
DEFAULT_TOP = {"colour": 5, "image": 3, "photo": 5}
# What each widget can feed: the input shapes it fits, in words for the error message.
FITS = {"colour": "[3]", "image": "[h, w, 1] or [h, w, 3]", "photo": "[h, w, 3]"}
YES, NO = ("yes", "true", "on"), ("no", "false", "off")


class WidgetError(ValueError):
    """The fence is malformed or names an unknown model; the message says how to fix it."""


@dataclass(frozen=True)
class Widget:
    model: str
    kind: str
    backend: str
    top: int
    card: bool


def parse_widget(source: str, models: dict[str, dict]) -> Widget:
    """``models`` maps each published model's name to its input spec."""
    settings = _parse_lines(source)
    name = settings.get("model", "")
    if not name:
        raise WidgetError("a model fence needs the model's name on its first line, e.g. 'colours'")
    if name not in models:
        raise WidgetError(f"no model named '{name}' (models: {', '.join(sorted(models)) or 'none'})")
    kind = settings.get("widget") or _kind_for(models[name], name)
    if kind not in KINDS:
        raise WidgetError(f"widget must be one of {', '.join(KINDS)}, got '{kind}'")
    shape = models[name].get("shape", [])
    if not _fits(kind, shape):
        raise WidgetError(f"the {kind} widget takes input shaped {FITS[kind]}; model '{name}' takes {shape}")
    backend = settings.get("backend", "auto")
    if backend not in BACKENDS:
        raise WidgetError(f"backend must be one of {', '.join(BACKENDS)}, got '{backend}'")
    return Widget(model=name, kind=kind, backend=backend, top=_parse_top(settings, kind),
                  card=_parse_flag(settings.get("card", "yes")))


def render_widget(widget: Widget) -> str:
    """The placeholder; its text is what a reader sees until (or unless) the script runs."""
    attributes = {
        "class": "talkbook-model",
        "data-model": widget.model,
        "data-widget": widget.kind,
        "data-backend": widget.backend,
        "data-top": str(widget.top),
        "data-card": "yes" if widget.card else "no",
    }
    attrs = " ".join(f'{key}="{html.escape(value, quote=True)}"' for key, value in attributes.items())
    name = html.escape(widget.model)
    return (
        f"<div {attrs}>"
        f'<p class="talkbook-model__status">The model <code>{name}</code> runs here once JavaScript loads it.</p>'
        "</div>"
    )


def _parse_lines(source: str) -> dict[str, str]:
    settings: dict[str, str] = {}
    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, colon, value = line.partition(":")
        if not colon:
            if "model" in settings:
                raise WidgetError(f"line {number}: expected 'key: value', got '{line}'")
            key, value = "model", line
        key, value = key.strip().lower(), value.strip()
        if key not in OPTIONS:
            raise WidgetError(f"line {number}: unknown option '{key}' (options: {', '.join(OPTIONS)})")
        if key in settings:
            raise WidgetError(f"line {number}: '{key}' is given twice")
        settings[key] = value
    return settings


def _kind_for(input_spec: dict, name: str) -> str:
    """Three channels are a photo (RGB); one is a drawing (ink or grey), as for digits."""
    shape = input_spec.get("shape", [])
    if shape == [3]:
        return "colour"
    if _fits("photo", shape):
        return "photo"
    if _fits("image", shape):
        return "image"
    fits = ", ".join(f"{kind} takes {shape_text}" for kind, shape_text in FITS.items())
    raise WidgetError(f"model '{name}' takes input shaped {shape}: no widget fits it ({fits})")


def _fits(kind: str, shape: list) -> bool:
    if kind == "colour":
        return shape == [3]
    channels = {"image": (1, 3), "photo": (3,)}[kind]
    return len(shape) == 3 and shape[2] in channels


def _parse_top(settings: dict[str, str], kind: str) -> int:
    text = settings.get("top", str(DEFAULT_TOP[kind]))
    if not text.isdigit() or int(text) < 1:
        raise WidgetError(f"top must be a whole number of at least 1, got '{text}'")
    return int(text)


def _parse_flag(text: str) -> bool:
    if text.lower() in YES:
        return True
    if text.lower() in NO:
        return False
    raise WidgetError(f"card must be yes or no, got '{text}'")
