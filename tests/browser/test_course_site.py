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


def test_the_relu_bar_grows_until_the_largest_output_the_sliders_allow(page, course_url):
    """ReLU is not bounded: its bar fills only at the sliders' largest total (3 inputs × 1 × 3 + bias 3
    = 12), half way at 6; it used to be full from 4 on while the output went on to 12."""
    page.goto(course_url + "neural-networks/")
    playground = page.locator(".talkbook-neuron-playground")
    playground.locator("select[name=squash]").select_option("relu")

    def bar_comes_to(share: float, **sliders) -> str:
        """Moves the sliders; waits for the bar (it glides) to rest at `share` of its track."""
        for name, value in sliders.items():
            playground.locator(f"input[name={name}]").fill(str(value))
        page.wait_for_function("""(share) => {
          const bar = document.querySelector(".talkbook-neuron-playground .talkbook-np__bar");
          return Math.abs(bar.firstElementChild.getBoundingClientRect().width / bar.getBoundingClientRect().width - share) < 0.01;
        }""", arg=share, timeout=5_000)
        return playground.locator(".talkbook-np__output").inner_text()

    assert bar_comes_to(1, x1=1, x2=1, x3=1, w1=3, w2=3, w3=3, b=3) == "ReLU → output 12.000"
    assert bar_comes_to(0.5, w3=0, b=0) == "ReLU → output 6.000"  # 3 + 3 + 0 + 0
    assert bar_comes_to(0, w1=-3, w2=-3) == "ReLU → output 0.000"  # below zero: ReLU gives 0


def test_neuron_playground_works_in_the_deck_without_moving_it(page, course_url):
    page.goto(course_url + "slides/#/try-a-neuron")
    page.wait_for_selector("html[data-talkbook-deck=ready]")
    slider = page.locator("section#try-a-neuron input[name=w1]")
    slider.focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("window.talkbookDeck.getCurrentSlide().id") == "try-a-neuron"
    assert slider.input_value() == "1.55"
