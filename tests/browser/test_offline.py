"""talkbook/offline in Chromium: after one visit the course works with the server stopped,
a new build shows as soon as the server is back, and `mkdocs serve` still live-reloads.

The course is served WITHOUT isolation headers: the service worker must add COOP/COEP itself.
"""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.support.live import mkdocs_serve
from tests.support.sites import ROOT, build_site, serve_built, write_fixture_site

pytestmark = pytest.mark.browser

PYTHON_CHAPTER = "neural-networks/"
JS_CHAPTER = "ml-in-the-browser/"  # the p5 + ml5 image classifier and the colour widget
UNVISITED_CHAPTER = "wrap-up/"
ONE_NEURON = "weighted sum = 1.00, output = 0.668"
READY = 120_000  # ms: Pyodide, TF.js or ml5 on a slow shared machine


def wait_for_worker(page) -> None:
    """Until the service worker controls the page and (after its one reload) isolates it."""
    page.wait_for_function("navigator.serviceWorker.controller !== null && window.crossOriginIsolated", timeout=60_000)


# The newest build's worker active, and the site it lists cached (it fills in the background).
SETTLE_WORKER = """async () => {
  const registration = await navigator.serviceWorker.ready;
  await registration.update();
  const next = registration.installing || registration.waiting;
  if (next && next.state !== "activated") {
    await new Promise((done) => next.addEventListener("statechange", () => next.state === "activated" && done()));
  }
  await new Promise((done) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = done;
    registration.active.postMessage({type: "talkbook:precache"}, [channel.port2]);
  });
}"""


PUT_IN_CACHE = """async ([name, urls]) => {
  const cache = await caches.open(name);
  for (const url of urls) await cache.put(url, new Response("// a library file"));
}"""
CACHED_URLS = "async (name) => (await (await caches.open(name)).keys()).map((request) => request.url)"


def settle_worker(page) -> None:
    page.evaluate(SETTLE_WORKER)


def assert_refused(url: str) -> None:
    with pytest.raises(urllib.error.URLError) as failure:
        urllib.request.urlopen(url, timeout=5)
    assert isinstance(failure.value.reason, ConnectionRefusedError)


def pick_colour(widget, course_site) -> None:
    """Pick the first example colour a colour input can hold exactly; the widget names it."""
    import json

    examples = json.loads((course_site / "assets" / "models" / "colours" / "examples.json").read_text())
    for inputs, label in zip(examples["inputs"], examples["labels"]):
        channels = [round(value * 255) for value in inputs]
        if all(abs(c / 255 - v) < 1e-6 for c, v in zip(channels, inputs)):
            colour = "#" + "".join(f"{c:02x}" for c in channels)
            widget.locator("input[type=color]").fill(colour)
            answer = widget.locator(".talkbook-model__answer")
            expect(answer).to_have_attribute("data-colour", colour, timeout=READY)
            assert answer.get_attribute("data-label") == label
            return
    raise AssertionError("no example colour is whole bytes")


def colour_widget(page):
    widget = page.locator('.talkbook-model[data-model="colours"]').first
    widget.scroll_into_view_if_needed()
    expect(widget).to_have_attribute("data-state", "ready", timeout=READY)
    return widget


def classify_the_bird(page, run_cell) -> None:
    """The course's p5 + ml5 sketch: the sandbox loads both libraries, the ImageNet model and a photo."""
    cell = run_cell(page, "image-classifier", timeout=180_000)
    sketch = cell.locator("iframe.talkbook-sandbox").content_frame
    expect(sketch.locator("body")).to_contain_text("Label: macaw", timeout=READY)


def name_the_bird_photo(page) -> None:
    """The photo widget: the course's macaw, uploaded; the 9 MB ImageNet model answers."""
    widget = page.locator('.talkbook-model[data-model="efficientnet-lite0"]')
    widget.scroll_into_view_if_needed()
    expect(widget).to_have_attribute("data-state", "ready", timeout=READY)
    photo = ROOT / "course" / "images" / "bird.jpg"
    widget.locator("input[type=file]").set_input_files(
        files=[{"name": photo.name, "mimeType": "image/jpeg", "buffer": photo.read_bytes()}])
    expect(widget.locator(".talkbook-model__answer")).to_have_attribute("data-label", "macaw", timeout=READY)
    expect(widget.locator(".talkbook-model__bar")).to_have_count(5)


def use_the_course(page, url, course_site, run_cell) -> None:
    """What a learner does on a first visit: a Python cell, a JS cell, a model widget."""
    page.goto(url + PYTHON_CHAPTER)
    cell = run_cell(page, "one-neuron", timeout=180_000)
    expect(cell.locator(".talkbook-cell__output")).to_contain_text(ONE_NEURON)
    page.goto(url + JS_CHAPTER)
    classify_the_bird(page, run_cell)
    name_the_bird_photo(page)
    pick_colour(colour_widget(page), course_site)


@pytest.fixture
def course_build(tmp_path):
    return tmp_path / "site"


def test_the_course_works_offline_after_the_first_visit(page, context, course_build, run_cell):
    with serve_built(ROOT / "mkdocs.yml", course_build) as url:
        page.goto(url + PYTHON_CHAPTER)
        wait_for_worker(page)
        use_the_course(page, url, course_build, run_cell)
        settle_worker(page)
    assert_refused(url)  # the server is stopped, not just unreachable
    # Only the worker's caches are left: not Chromium's HTTP cache.
    context.new_cdp_session(page).send("Network.clearBrowserCache")

    page.reload()
    wait_for_worker(page)  # cached answers carry the isolation headers too
    pick_colour(colour_widget(page), course_build)
    classify_the_bird(page, run_cell)
    name_the_bird_photo(page)  # the model and TF.js come from the worker's caches

    page.goto(url + PYTHON_CHAPTER)
    cell = run_cell(page, "one-neuron", timeout=180_000)
    expect(cell.locator(".talkbook-cell__output")).to_contain_text(ONE_NEURON)
    assert cell.locator(".talkbook-out--error").count() == 0

    # A chapter never opened, by the learner's way there: a nav link (instant navigation).
    page.locator(f'a.md-nav__link[href$="/{UNVISITED_CHAPTER}"]:visible').first.click()
    page.wait_for_url(f"**/{UNVISITED_CHAPTER}")
    built = (course_build / UNVISITED_CHAPTER / "index.html").read_text(encoding="utf-8")
    expect(page).to_have_title(html.unescape(re.search(r"<title>(.*?)</title>", built).group(1)))
    expect(page.locator("article h1")).to_be_visible()
    page.goto(url + "slides/")
    page.wait_for_selector("html[data-talkbook-deck=ready]", timeout=60_000)
    assert page.console_errors == []
    assert context.request_log.offsite(url) == []


SMALL_DOCS = {"index.md": "# Home\n\nFirst words.\n", "other.md": "# Other\n\nOther words.\n"}


def small_site(root, docs=SMALL_DOCS):
    cells = {"talkbook/cells": {}}
    offline = {"talkbook/offline": {}}
    return write_fixture_site(root, docs=docs, plugins=["search", cells, offline])


def test_a_new_build_shows_as_soon_as_the_server_is_back(page, tmp_path):
    config = small_site(tmp_path)
    site = tmp_path / "site"
    with serve_built(config, site) as url:
        page.goto(url)
        wait_for_worker(page)
        settle_worker(page)
        expect(page.get_by_text("First words.")).to_be_visible()
        [pyodide] = (site / "assets" / "vendor" / "pyodide").iterdir()
        shipped, older = f"{url}assets/vendor/pyodide/{pyodide.name}/a.js", f"{url}assets/vendor/pyodide/0.0.1/a.js"
        page.evaluate(PUT_IN_CACHE, [f"talkbook-vendor-{url}", [shipped, older]])
        small_site(tmp_path, {name: text.replace("words", "new words") for name, text in SMALL_DOCS.items()})
        build_site(config, site, site_url=url)
        page.reload()
        expect(page.get_by_text("First new words.")).to_be_visible()
        settle_worker(page)
        # The new build's worker dropped library versions the build no longer ships.
        assert page.evaluate(CACHED_URLS, f"talkbook-vendor-{url}") == [shipped]
    assert_refused(url)
    # Never opened, precached by the old build's worker: the new build's worker replaced it.
    page.goto(url + "other/")
    expect(page.get_by_text("Other new words.")).to_be_visible()
    page.goto(url)
    expect(page.get_by_text("First new words.")).to_be_visible()


TALK = "# Alpha\n\n## First slide\n\nOriginal words.\n"


@pytest.fixture
def served_with_worker(tmp_path):
    """`mkdocs serve --livereload` of a talk with the offline worker; yields (talk.md, url)."""
    talk = {"talkbook/talk": {}}
    offline = {"talkbook/offline": {"isolation": True}}
    config = write_fixture_site(tmp_path, talk=TALK, plugins=["search", talk, offline])
    with mkdocs_serve(config, tmp_path / "serve.log") as url:
        yield tmp_path / "course" / "talk.md", url


def test_mkdocs_serve_live_reloads_through_the_worker(page, served_with_worker):
    talk, url = served_with_worker
    page.goto(url + "alpha/")
    wait_for_worker(page)
    expect(page.get_by_text("Original words.")).to_be_visible()
    talk.write_text(TALK.replace("Original words.", "Edited words."))
    expect(page.get_by_text("Edited words.")).to_be_visible(timeout=60_000)
    assert page.evaluate("navigator.serviceWorker.controller !== null")
