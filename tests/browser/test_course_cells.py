"""Every live cell of the shipped course runs without error in Chromium, in chapters and in the deck."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.editing import type_code
from tests.support.imagenet import imagenet_birds

pytestmark = pytest.mark.browser


def chapters_with_cells(site) -> list[str]:
    pages = []
    for html in sorted(site.glob("*/index.html")):
        if html.parent.name != "slides" and "data-talkbook-cell" in html.read_text():
            pages.append(html.parent.name + "/")
    return pages


def test_every_cell_of_the_course_runs_without_error(page, context, course_site, course_url, run_cell):
    pages = chapters_with_cells(course_site)
    assert {"neural-networks/", "how-a-network-learns/", "ml-in-the-browser/"} <= set(pages)
    ran = []
    for path in pages:
        page.goto(course_url + path)
        for cell_id in page.eval_on_selector_all(
            "[data-talkbook-cell]:not([hidden])", "cells => cells.map(c => c.dataset.cellId)"
        ):
            cell = run_cell(page, cell_id, timeout=180_000)
            expect(cell).to_have_attribute("data-state", "done")
            errors = cell.locator(".talkbook-out--error")
            assert errors.count() == 0, f"{path}{cell_id}: {errors.all_inner_texts()}"
            ran.append(f"{path}{cell_id}")
    written = sum(len(re.findall(r'<div class="talkbook-cell" data-talkbook-cell[^>]*>', (course_site / p / "index.html").read_text()))
                  for p in pages)
    assert len(ran) == written >= 9
    assert page.console_errors == []
    assert context.request_log.offsite(course_url) == []


def test_the_training_cell_draws_a_falling_loss_curve(page, course_url, run_cell):
    page.goto(course_url + "how-a-network-learns/")
    cell = run_cell(page, "train-colours", timeout=180_000)
    expect(cell.locator(".talkbook-cell__output canvas").first).to_be_visible()
    text = cell.locator(".talkbook-cell__output").inner_text()
    first, last = map(float, re.search(r"loss went from ([\d.]+) to ([\d.]+)", text).groups())
    assert last < first / 2


def test_the_learner_writes_the_gradient_and_the_learning_step(page, course_url, run_cell):
    page.goto(course_url + "how-a-network-learns/")
    nudge = run_cell(page, "numerical-gradient")
    expect(nudge).to_have_attribute("data-exercise", "failed")
    type_code(page, nudge, "def numerical_gradient(loss, w, nudge=1e-4):\n"
                           "return (loss(w + nudge) - loss(w - nudge)) / (2 * nudge)")
    run_cell(page, "numerical-gradient")
    expect(nudge).to_have_attribute("data-exercise", "passed")
    compare = run_cell(page, "compare-gradients").locator(".talkbook-cell__output")
    numbers = re.findall(r"-?\d+\.\d+", compare.inner_text())
    assert len(numbers) == 2 and numbers[0] == numbers[1], compare.inner_text()  # nudging agrees with backprop

    step = page.locator('[data-cell-id="learning-step"]')
    type_code(page, step, "def learning_step(w, gradient, learning_rate):\nreturn w + learning_rate * gradient")
    run_cell(page, "learning-step")
    expect(step).to_have_attribute("data-exercise", "failed")
    expect(step.locator(".talkbook-check--fail").first).to_contain_text("step against the gradient")
    type_code(page, step, "def learning_step(w, gradient, learning_rate):\nreturn w - learning_rate * gradient")
    run_cell(page, "learning-step")
    expect(step).to_have_attribute("data-exercise", "passed")
    table = run_cell(page, "five-steps").locator(".talkbook-cell__output table")
    losses = [float(x) for x in table.locator("tbody tr td:nth-child(3)").all_inner_texts()]
    assert len(losses) == 6 and all(b < a for a, b in zip(losses, losses[1:]))  # step 0, then five steps


def test_the_hidden_layer_experiment_shows_one_network_fail_and_the_other_succeed(page, course_url, run_cell):
    page.goto(course_url + "how-a-network-learns/")
    cell = run_cell(page, "hidden-layer", timeout=180_000)
    text = cell.locator(".talkbook-cell__output").inner_text()
    without = int(re.search(r"no hidden layer: (\d+)% of new colours right", text).group(1))
    with_hidden = int(re.search(r"a hidden layer of 8: (\d+)% of new colours right", text).group(1))
    assert without <= 60 and with_hidden >= 95, text
    charts = cell.locator("figure.talkbook-out--chart")
    expect(charts).to_have_count(2)
    for index in range(2):  # redrawn every ten of the sixty epochs
        expect(charts.nth(index)).to_have_attribute("data-draws", "6")
    # Red = blue = 0.5, the middle of the plot, lies in the purple band: only the hidden layer shades it so.
    middle = "c => Array.from(c.getContext('2d').getImageData(c.width / 2 + 13, c.height / 2 - 11, 1, 1).data)"
    assert charts.nth(0).locator("canvas").evaluate(middle) != charts.nth(1).locator("canvas").evaluate(middle)


def test_the_nine_step_network_classifies_red_in_the_course(page, course_url, run_cell):
    page.goto(course_url + "ml-in-the-browser/")
    cell = run_cell(page, "nine-steps")
    expect(cell.locator(".talkbook-cell__output")).to_contain_text("red-ish", timeout=120_000)


def test_the_image_classifier_sketch_names_the_bird_in_the_course_photo(page, course_url, run_cell):
    """The talk's sketch as written: ml5.imageClassifier("MobileNet") runs the course's ImageNet model."""
    page.goto(course_url + "ml-in-the-browser/")
    cell = run_cell(page, "image-classifier")
    sketch = cell.locator("iframe.talkbook-sandbox").content_frame
    expect(sketch.locator("body")).to_contain_text("Confidence:", timeout=120_000)
    label = re.search(r"Label: (.+)", sketch.locator("body").inner_text()).group(1).strip()
    assert label in imagenet_birds(), label
    confidence = float(re.search(r"Confidence: ([0-9.]+)", sketch.locator("body").inner_text()).group(1))
    assert 0.5 < confidence <= 1
    # ml5's multi-line welcome banner stays out of the learner's output.
    assert "Thank you for using ml5" not in cell.locator(".talkbook-cell__output").inner_text()


def test_a_python_cell_runs_inside_the_deck(page, course_url, run_cell):
    page.goto(course_url + "slides/#/one-neuron-in-python")
    page.wait_for_selector("html[data-talkbook-deck=ready]")
    cell = run_cell(page, "one-neuron")
    expect(cell.locator(".talkbook-cell__output")).to_contain_text("weighted sum = 1.00, output = 0.668")


def test_the_ml5_chapter_has_an_exercise_the_learner_can_pass(page, course_url, run_cell):
    page.goto(course_url + "ml-in-the-browser/")
    cell = run_cell(page, "normalize")
    expect(cell).to_have_attribute("data-exercise", "failed")
    expect(cell.locator(".talkbook-check--fail").first).to_contain_text("the top of the range becomes 1")
    type_code(page, cell, "def normalize(value, low, high):\nreturn (value - low) / (high - low)")
    run_cell(page, "normalize")
    expect(cell).to_have_attribute("data-exercise", "passed")


def test_the_overfitting_experiment_shows_the_held_out_loss_turn_up(page, course_url, run_cell):
    page.goto(course_url + "how-a-network-learns/")
    cell = run_cell(page, "overfitting", timeout=180_000)
    expect(cell.locator(".talkbook-cell__output canvas").first).to_be_visible()
    text = cell.locator(".talkbook-cell__output").inner_text()
    lowest, best, last = re.search(r"new colours: lowest loss ([\d.]+) at epoch (\d+), ([\d.]+) at epoch 300", text).groups()
    trained = float(re.search(r"training colours: loss [\d.]+ at epoch \d+, ([\d.]+) at epoch 300", text).group(1))
    assert int(best) <= 60 and float(last) >= 1.3 * float(lowest) and trained < 0.05, text
