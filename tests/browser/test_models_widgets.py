"""The ```model widgets in Chromium: on a chapter reached by instant navigation, in the deck,
and when a model fails to load or carries hostile labels."""

from __future__ import annotations

import json
import math
import re
import struct
import zlib

import pytest
from playwright.sync_api import expect

from tests.support.sites import ROOT, serve_built, write_fixture_site

pytestmark = pytest.mark.browser

CHAPTER = "ml-in-the-browser/"
READY = 120_000  # ms: TF.js, the model and the backend measurement on a slow software GPU


def examples(site, name: str) -> dict:
    return json.loads((site / "assets" / "models" / name / "examples.json").read_text(encoding="utf-8"))


def ready_widget(page, name: str, scope: str = ""):
    root = page.locator(f'{scope} .talkbook-model[data-model="{name}"]'.strip())
    root.scroll_into_view_if_needed()
    expect(root).to_have_attribute("data-state", "ready", timeout=READY)
    return root


def png(ink) -> bytes:
    """A greyscale PNG of an 8x8 ink grid (1 = black), each cell 16x16 pixels."""
    size = 16 * len(ink)
    rows = [bytes(round((1 - ink[r // 16][c // 16][0]) * 255) for c in range(size)) for r in range(size)]
    raw = b"".join(b"\x00" + row for row in rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def draw(page, pad, strokes) -> None:
    """Draw strokes given in pad-relative coordinates (0..1) with the mouse."""
    box = pad.bounding_box()
    for stroke in strokes:
        page.mouse.move(box["x"] + stroke[0][0] * box["width"], box["y"] + stroke[0][1] * box["height"])
        page.mouse.down()
        for x, y in stroke[1:]:
            page.mouse.move(box["x"] + x * box["width"], box["y"] + y * box["height"], steps=5)
        page.mouse.up()


SEVEN = [[(0.25, 0.2), (0.75, 0.2), (0.4, 0.85)]]
ONE = [[(0.5, 0.15), (0.5, 0.85)]]
ZERO = [[(0.5 + 0.22 * math.sin(t * math.pi / 10), 0.5 - 0.33 * math.cos(t * math.pi / 10)) for t in range(21)]]


def test_colour_widget_names_picked_colours_after_instant_navigation(page, course_site, course_url, local_only):
    page.goto(course_url)
    page.evaluate("window.sameDocument = true")
    page.locator(f'a.md-nav__link[href$="/{CHAPTER}"]:visible').first.click()
    page.wait_for_url(f"**/{CHAPTER}")
    root = ready_widget(page, "colours")
    assert page.evaluate("window.sameDocument") is True  # instant navigation, not a page load
    answer = root.locator(".talkbook-model__answer")
    checked = 0
    expected = examples(course_site, "colours")
    for inputs, outputs, label in zip(expected["inputs"], expected["outputs"], expected["labels"]):
        channels = [round(value * 255) for value in inputs]
        if any(abs(c / 255 - v) > 1e-6 for c, v in zip(channels, inputs)):
            continue  # a colour picker holds whole bytes: only those examples can be picked exactly
        colour = "#" + "".join(f"{c:02x}" for c in channels)
        root.locator("input[type=color]").fill(colour)
        expect(answer).to_have_attribute("data-colour", colour)
        assert answer.get_attribute("data-label") == label
        confidences = [float(c) for c in root.locator(".talkbook-model__bar").evaluate_all(
            "rows => rows.map((row) => row.dataset.confidence)")]
        assert len(confidences) == 5 and confidences == sorted(confidences, reverse=True)
        assert abs(confidences[0] - max(outputs)) <= 1e-4
        checked += 1
    assert checked >= 11  # at least the eleven prototypes, one per label
    assert page.console_errors == []


def test_widgets_show_the_model_card_backend_and_latency(page, course_site, course_url, local_only):
    page.goto(course_url + CHAPTER)
    for name in ("colours", "digits"):
        root = ready_widget(page, name)
        card = json.loads((course_site / "assets" / "models" / name / "card.json").read_text(encoding="utf-8"))
        accuracy = root.locator(".talkbook-model__accuracy")
        assert float(accuracy.get_attribute("data-accuracy")) == card["metrics"]["accuracy"]
        assert f"{card['metrics']['accuracy'] * 100:.1f} %" in accuracy.inner_text()
        expect(root.locator(".talkbook-model__loss .uplot canvas")).to_have_count(1)
        series = root.locator(".talkbook-model__loss .u-series").all_inner_texts()
        assert any("training loss" in s for s in series) and any("validation loss" in s for s in series)
        line = root.locator(".talkbook-model__runtime")
        assert line.get_attribute("data-backend") in ("webgpu", "webgl", "wasm", "cpu")
        assert float(line.get_attribute("data-latency")) > 0
        assert f"Runs on {line.get_attribute('data-backend')}" in line.inner_text()
    assert page.console_errors == []


def cached_choices(page) -> dict:
    return dict(page.evaluate("""() => Object.entries(localStorage)
        .filter(([key]) => key.startsWith("talkbook.models.backend.v1:"))
        .map(([key, value]) => [key, JSON.parse(value)])"""))


def test_backend_is_the_measured_fastest_cached_per_model_and_overridable(page, course_site, course_url, local_only):
    page.goto(course_url + CHAPTER)
    lines = {name: ready_widget(page, name).locator(".talkbook-model__runtime") for name in ("colours", "digits")}
    index = json.loads((course_site / "assets" / "models" / "index.json").read_text(encoding="utf-8"))
    hashes = {entry["name"]: entry["sha256"] for entry in index["models"]}
    choices = cached_choices(page)
    for name, line in lines.items():
        [choice] = [value for key, value in choices.items() if hashes[name] in key]
        timed = {backend: ms for backend, ms in choice["measurements"].items() if ms is not None}
        assert len(timed) >= 2  # a choice, not a default: wasm and cpu run everywhere
        assert choice["backend"] == min(timed, key=timed.get)
        assert line.get_attribute("data-backend") == choice["backend"]
        assert "fastest when measured" in line.inner_text()
    page.reload()
    for name in lines:
        line = ready_widget(page, name).locator(".talkbook-model__runtime")
        assert "fastest when last measured" in line.inner_text()  # from the cache, not timed again
    assert cached_choices(page) == choices
    page.goto(course_url + CHAPTER + "?backend=cpu")
    for name in lines:
        line = ready_widget(page, name).locator(".talkbook-model__runtime")
        assert line.get_attribute("data-backend") == "cpu"
        assert "asked for in the page address" in line.inner_text()


def test_the_choice_follows_the_measurement_not_a_fixed_order(page, course_url, local_only):
    page.goto(course_url)
    results = page.evaluate("""async (url) => {
      const { chooseBackend } = await import(url);
      const results = [];
      const cases = [{ cpu: 0.2, wasm: 0.5, webgl: 9 }, { cpu: 30, wasm: 4, webgl: 0.7 }, { cpu: 3, wasm: 1, webgl: null }];
      for (const [i, timings] of cases.entries()) {
        const calls = [];
        const measure = async (name) => { calls.push(name); return timings[name]; };
        const args = { key: `test-${i}`, measure, candidates: Object.keys(timings) };
        const first = await chooseBackend(args);
        const again = await chooseBackend(args);
        results.push({ first: first.backend, source: again.source, again: again.backend, calls });
      }
      return results;
    }""", course_url + "assets/talkbook/0.1.0/models/backends.js")
    assert [r["first"] for r in results] == ["cpu", "webgl", "wasm"]
    assert all(r["again"] == r["first"] and r["source"] == "cache" for r in results)
    assert all(len(r["calls"]) == 3 for r in results)  # the second choice measured nothing


def test_image_widget_reads_uploaded_and_drawn_digits(page, course_site, course_url, local_only):
    page.goto(course_url + CHAPTER)
    root = ready_widget(page, "digits")
    answer = root.locator(".talkbook-model__answer")
    expected = examples(course_site, "digits")
    for number, (ink, label) in enumerate(zip(expected["inputs"], expected["labels"])):
        root.locator("input[type=file]").set_input_files(
            files=[{"name": f"digit-{number}.png", "mimeType": "image/png", "buffer": png(ink)}])
        expect(answer).to_have_attribute("data-label", label)
    pad = root.locator("canvas.talkbook-model__pad")
    for strokes, label in ((SEVEN, "7"), (ONE, "1"), (ZERO, "0")):
        root.locator("button.talkbook-model__clear").click()
        expect(answer).not_to_have_attribute("data-label", label)
        draw(page, pad, strokes)
        expect(answer).to_have_attribute("data-label", label)
    expect(root.locator(".talkbook-model__bar")).to_have_count(3)
    root.locator("input[type=file]").set_input_files(
        files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"not a picture"}])
    expect(answer).to_contain_text("could not be read as a picture")
    assert page.console_errors == []


def test_widgets_work_in_the_deck(page, course_site, course_url, local_only):
    page.goto(course_url + "slides/#/try-it-name-a-colour")
    page.wait_for_selector("html[data-talkbook-deck=ready]")
    root = ready_widget(page, "colours", "section#try-it-name-a-colour")
    picker = root.locator("input[type=color]")
    expected = examples(course_site, "colours")
    blue = expected["inputs"][expected["labels"].index("blue")]  # the blue prototype: whole bytes
    picker.fill("#" + "".join(f"{round(v * 255):02x}" for v in blue))
    expect(root.locator(".talkbook-model__answer")).to_have_attribute("data-label", "blue")
    picker.focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("window.talkbookDeck.getCurrentSlide().id") == "try-it-name-a-colour"
    page.goto(course_url + "slides/#/try-it-read-a-handwritten-digit")  # a hash change: reveal moves
    root = ready_widget(page, "digits", "section#try-it-read-a-handwritten-digit")
    draw(page, root.locator("canvas.talkbook-model__pad"), SEVEN)  # the slide is scaled: pointer mapping
    expect(root.locator(".talkbook-model__answer")).to_have_attribute("data-label", "7")
    assert page.console_errors == []


# -- failures, on a fixture site built from the course's frozen models ---------------------------

FENCES = "# Models\n\n```model\ncolours\n```\n\n```model\ndigits\n```\n"


def fixture_site(tmp_path):
    plugin = {"recipes": str(ROOT / "course" / "models"), "store": str(ROOT / "course" / "models" / "frozen"),
              "retrain": "never"}
    return write_fixture_site(tmp_path, docs={"index.md": FENCES}, plugins=["search", {"talkbook/models": plugin}])


def test_a_model_that_fails_to_load_says_so_in_its_widget(page, context, tmp_path):
    site = tmp_path / "site"
    with serve_built(fixture_site(tmp_path), site) as url:
        (site / "assets" / "models" / "colours" / "group1-shard1of1.bin").unlink()  # a 404
        weights = site / "assets" / "models" / "digits" / "group1-shard1of1.bin"
        data = bytearray(weights.read_bytes())
        data[100] ^= 0xFF  # same size, one byte off: only the hash tells
        weights.write_bytes(bytes(data))
        page.goto(url)
        for name, problem in (("colours", "404"), ("digits", "corrupt")):
            root = page.locator(f'.talkbook-model[data-model="{name}"]')
            expect(root).to_have_attribute("data-state", "error", timeout=READY)
            message = root.get_by_role("alert")
            expect(message).to_be_visible()
            expect(message).to_contain_text(f"The model “{name}” could not be loaded")
            expect(message).to_contain_text(problem)
        assert context.request_log.offsite(url) == []


def test_labels_are_shown_as_text_never_as_html(page, context, tmp_path):
    site = tmp_path / "site"
    with serve_built(fixture_site(tmp_path), site) as url:
        index_path = site / "assets" / "models" / "index.json"
        index = json.loads(index_path.read_text(encoding="utf-8"))
        for entry in index["models"]:
            entry["labels"] = [f'<img src="x" onerror="window.injected=1">{label}' for label in entry["labels"]]
        index_path.write_text(json.dumps(index), encoding="utf-8")
        page.goto(url)
        root = ready_widget(page, "colours")
        label = root.locator(".talkbook-model__label")
        expect(label).to_have_text(re.compile(r'^<img src="x" onerror="window.injected=1">[a-z]+$'))
        assert root.locator("img").count() == 0
        assert page.evaluate("window.injected") is None
        assert context.request_log.offsite(url) == []
