"""The ```model fence: parsing, rendering, and what a build publishes for the browser runtime."""

from __future__ import annotations

import json
import re

import pytest
from mkdocs.exceptions import Abort

from talkbook import __version__
from talkbook.models.widgets import WidgetError, parse_widget, render_widget
from tests.support.sites import ROOT, build_site, write_fixture_site

MODELS = {"colours": {"shape": [3]}, "digits": {"shape": [8, 8, 1]}, "flat": {"shape": [5]},
          "photos": {"shape": [224, 224, 3]}, "rgba": {"shape": [32, 32, 4]}}
PREFIX = f"assets/talkbook/{__version__}/models"


def test_a_name_alone_picks_the_widget_from_the_input_shape():
    assert parse_widget("colours\n", MODELS).kind == "colour"
    digits = parse_widget("digits", MODELS)
    assert (digits.kind, digits.backend, digits.top, digits.card) == ("image", "auto", 3, True)


def test_three_channels_are_a_photo_one_a_drawing():
    photos = parse_widget("photos", MODELS)
    assert (photos.kind, photos.top) == ("photo", 5)
    assert parse_widget("model: photos\nwidget: image", MODELS).kind == "image"  # a digit-like RGB model keeps its pad
    assert parse_widget("photos\ntop: 3", MODELS).top == 3


def test_the_course_models_keep_their_widgets():
    """The default follows the input shape: the course's digits (8x8x1) keep the drawing pad."""
    cards = {path.parent.name: json.loads(path.read_text(encoding="utf-8"))
             for path in (ROOT / "course" / "models" / "frozen").glob("*/card.json")}
    kinds = {name: parse_widget(name, {name: card["input"]}).kind for name, card in cards.items()}
    assert {name: kinds[name] for name in ("colours", "digits", "digits-ml5")} == {
        "colours": "colour", "digits": "image", "digits-ml5": "photo"}
    if "efficientnet-lite0" in kinds:
        assert kinds["efficientnet-lite0"] == "photo"


def test_options_are_key_value_lines():
    widget = parse_widget("model: colours\nbackend: wasm\ntop: 2\ncard: no\n# a comment\n", MODELS)
    assert (widget.model, widget.backend, widget.top, widget.card) == ("colours", "wasm", 2, False)


@pytest.mark.parametrize("source, problem", [
    ("", "needs the model's name"),
    ("nope", "no model named 'nope' (models: colours, digits, flat, photos, rgba)"),
    ("colours\ncolour: red", "line 2: unknown option 'colour'"),
    ("colours\nbackend: tpu", "backend must be one of auto, webgpu, webgl, wasm, cpu"),
    ("colours\ntop: 0", "top must be a whole number"),
    ("colours\ncard: maybe", "card must be yes or no"),
    ("colours\ndigits", "line 2: expected 'key: value'"),
    ("colours\nwidget: video", "widget must be one of colour, image, photo"),
    ("flat", "no widget fits it"),
    ("rgba", "model 'rgba' takes input shaped [32, 32, 4]: no widget fits it (colour takes [3], "
             "image takes [h, w, 1] or [h, w, 3], photo takes [h, w, 3])"),
    ("digits\nwidget: photo", "the photo widget takes input shaped [h, w, 3]; model 'digits' takes [8, 8, 1]"),
    ("photos\nwidget: colour", "the colour widget takes input shaped [3]; model 'photos' takes [224, 224, 3]"),
    ("colours\ntop: 2\ntop: 3", "'top' is given twice"),
])
def test_a_bad_fence_is_explained(source, problem):
    with pytest.raises(WidgetError, match=re.escape(problem)):
        parse_widget(source, MODELS)


def test_the_placeholder_escapes_what_it_writes():
    html = render_widget(parse_widget('colours', {**MODELS, 'colours': {"shape": [3]}}))
    assert html.startswith('<div class="talkbook-model" data-model="colours" data-widget="colour"')
    assert "once JavaScript loads it" in html  # readers without JavaScript see what it is
    hostile = parse_widget('a"b<c>', {'a"b<c>': {"shape": [3]}})
    assert 'data-model="a&quot;b&lt;c&gt;"' in render_widget(hostile) and "<c>" not in render_widget(hostile)


def models_site(root, page: str):
    plugin = {"recipes": str(ROOT / "course" / "models"), "store": str(ROOT / "course" / "models" / "frozen"),
              "retrain": "never"}
    return write_fixture_site(root, docs={"index.md": page}, plugins=["search", {"talkbook/models": plugin}])


def test_a_build_renders_fences_and_publishes_the_runtime(tmp_path):
    site = build_site(models_site(tmp_path, "# Home\n\n```model\ndigits\ntop: 4\n```\n"), tmp_path / "site")
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-model="digits" data-widget="image" data-backend="auto" data-top="4"' in html
    assert f'<script src="{PREFIX}/widgets.js" type="module">' in html
    assert f'href="{PREFIX}/widgets.css"' in html
    settings = (site / PREFIX / "settings.js").read_text(encoding="utf-8")
    paths = json.loads(re.search(r"const paths = (\{.*?\});", settings, re.S).group(1))
    for key, path in paths.items():  # every path the runtime may fetch exists, relative to settings.js
        assert (site / PREFIX / path).exists(), (key, path)
    wasm_dir = site / PREFIX / paths["wasmDir"]
    assert {p.name for p in wasm_dir.glob("*.wasm")} >= {"tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm"}
    assert (site / PREFIX / paths["ml5"]).stat().st_size > 4_000_000  # published, though fetched only on demand
    assert not (site / "node_modules").exists()


def test_a_photo_model_gets_the_photo_widget_in_a_build(tmp_path):
    site = build_site(models_site(tmp_path, "# Home\n\n```model\ndigits-ml5\n```\n"), tmp_path / "site")
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-model="digits-ml5" data-widget="photo" data-backend="auto" data-top="5"' in html
    assert (site / PREFIX / "photo-widget.js").is_file() and (site / PREFIX / "camera.js").is_file()


def test_the_index_gives_each_model_a_hash_of_what_the_browser_runs(tmp_path):
    site = build_site(models_site(tmp_path, "# Home\n"), tmp_path / "site")
    index = json.loads((site / "assets" / "models" / "index.json").read_text(encoding="utf-8"))
    hashes = {entry["name"]: entry["sha256"] for entry in index["models"]}
    assert len(set(hashes.values())) == len(hashes) and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes.values())


def test_a_fence_naming_an_unknown_model_stops_the_build_naming_the_page(tmp_path, caplog):
    config = models_site(tmp_path, "# Home\n\n```model\ncolors\n```\n")
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert "talkbook/models: index.md: ```model block: no model named 'colors'" in caplog.text


def test_plain_code_blocks_are_left_alone(tmp_path):
    site = build_site(models_site(tmp_path, "# Home\n\n```python\nmodel = 1\n```\n"), tmp_path / "site")
    assert "talkbook-model" not in (site / "index.html").read_text(encoding="utf-8").split("<article")[1]
