"""The shipped course in Chromium: every page loads with no error and no request off the origin."""

from __future__ import annotations

import math


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def site_pages(site) -> list[str]:
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return ["" if page == "." else page + "/" for page in pages]


def test_every_page_loads_locally_without_errors(page, context, course_site, course_url):
    pages = site_pages(course_site)
    assert "slides/" in pages and "neural-networks/" in pages
    for path in pages:
        page.goto(course_url + path)
        page.wait_for_load_state("networkidle")
    assert page.console_errors == []
    assert context.request_log.offsite(course_url) == []


def test_neuron_playground_follows_the_sliders(page, course_url):
    page.goto(course_url + "neural-networks/")
    playground = page.locator(".talkbook-neuron-playground")
    output = playground.locator(".talkbook-np__output")
    weighted_sum = 0.8 * 1.5 + 0.3 * -1 + 0.5 * 0.5  # the sliders' starting values
    assert output.inner_text() == f"sigmoid → output {sigmoid(weighted_sum - 0.5):.3f}"
    playground.locator("input[name=b]").fill("3")
    assert output.inner_text() == f"sigmoid → output {sigmoid(weighted_sum + 3):.3f}"
    playground.locator("select[name=squash]").select_option("step")
    assert output.inner_text() == "step → output 1.000"


def test_neuron_playground_works_in_the_deck_without_moving_it(page, course_url):
    page.goto(course_url + "slides/#/try-a-neuron")
    page.wait_for_selector("html[data-talkbook-deck=ready]")
    slider = page.locator("section#try-a-neuron input[name=w1]")
    slider.focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("window.talkbookDeck.getCurrentSlide().id") == "try-a-neuron"
    assert slider.input_value() == "1.55"
