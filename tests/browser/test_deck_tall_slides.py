"""Slides taller than the deck: the wheel reaches all of a tall slide, a cell's output past the
slide's bottom edge comes into view when the cell runs, and so does a fragment, while keys still
change slides and a slide that fits stays as it was."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.sites import serve_built, write_fixture_site

pytestmark = pytest.mark.browser

# A centred slide taller than the deck (it must scroll, not lose its title), then a slide whose
# fragment lies past its bottom edge.
TALK = """\
---
title: Tall slides
---

# Alpha

## A centred long list {#centred-long-list layout=center}

""" + "".join(f"- Item {number}\n" for number in range(1, 25)) + """
## Steps {#steps}

""" + "".join(f"- Point {number}\n" for number in range(1, 15)) + """
::: fragment
The step below the edge.
:::

## After {#after}

The slide after.
"""

SLIDE = """() => { const s = window.talkbookDeck.getCurrentSlide();
    return {id: s.id, top: s.scrollTop, max: s.scrollHeight - s.clientHeight, scrollbar: s.offsetWidth - s.clientWidth}; }"""

# Every element of the current slide: where it is on the screen.
BOXES = """() => [...window.talkbookDeck.getCurrentSlide().querySelectorAll('*')].map(e => {
    const r = e.getBoundingClientRect(); return [e.tagName, r.x, r.y, r.width, r.height]; })"""

# Whether the element `selector` is on screen: inside its slide, which clips what scrolled out,
# and inside the window.
INSIDE = """selector => { const e = document.querySelector(selector).getBoundingClientRect();
    const s = window.talkbookDeck.getCurrentSlide().getBoundingClientRect();
    return e.top >= Math.max(s.top, 0) - 1 && e.bottom <= Math.min(s.bottom, innerHeight) + 1; }"""


def open_slide(page, url: str, slide: str):
    page.goto(url)
    page.wait_for_selector("html[data-talkbook-deck=ready]")
    page.wait_for_function("id => window.talkbookDeck.getCurrentSlide().id === id", arg=slide)


def frames(page, count: int = 2):
    """Wait for the browser to draw `count` frames: whatever a wheel or a key set off has run by then."""
    page.evaluate("n => new Promise(done => { const step = () => --n ? requestAnimationFrame(step) : done(); "
                  "requestAnimationFrame(step); })", count)


def wheel_over_slide(page, dy: float):
    box = page.evaluate("() => { const r = window.talkbookDeck.getCurrentSlide().getBoundingClientRect(); "
                        "return [r.x + r.width / 2, r.y + r.height / 2]; }")
    page.mouse.move(*box)
    page.mouse.wheel(0, dy)


def wait_in_view(page, cell_id: str, inner: dict):
    """Wait until the box `inner` (in the coordinates of the cell's sandbox frame) is on screen: inside
    the window and inside its slide, which clips what scrolled out. reveal.js scales the slide."""
    page.wait_for_function("""([cell, inner]) => {
        const frame = document.querySelector(`[data-cell-id="${cell}"] iframe.talkbook-sandbox`);
        const f = frame.getBoundingClientRect(), s = frame.closest('section').getBoundingClientRect();
        const k = f.width / frame.offsetWidth;
        const [top, bottom] = [f.top + inner.top * k, f.top + inner.bottom * k];
        const [left, right] = [f.left + inner.left * k, f.left + inner.right * k];
        return top >= Math.max(0, s.top) - 1 && bottom <= Math.min(innerHeight, s.bottom) + 1
            && left >= Math.max(0, s.left) - 1 && right <= Math.min(innerWidth, s.right) + 1;
    }""", arg=[cell_id, inner])


def test_a_sketch_run_on_a_slide_comes_into_view_and_the_wheel_reaches_the_rest(page, course_url, run_cell):
    open_slide(page, course_url + "slides/#/an-image-classifier", "an-image-classifier")
    cell = run_cell(page, "image-classifier")
    expect(cell).to_have_attribute("data-state", "done")
    sketch = cell.locator("iframe.talkbook-sandbox").content_frame
    expect(sketch.locator("body")).to_contain_text("Confidence:", timeout=120_000)  # the sketch is done
    canvas = sketch.locator("canvas").evaluate(
        "c => { const r = c.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }")
    assert canvas["bottom"] - canvas["top"] == 310
    # The slide scrolled by itself: the photo, and the buttons above it, are on screen.
    wait_in_view(page, "image-classifier", canvas)
    assert page.evaluate(INSIDE, '[data-cell-id="image-classifier"] > .talkbook-cell__bar [data-action="run"]')
    assert page.evaluate(SLIDE)["top"] > 0
    # The presenter wheels back up to the code; the slide stays there, then the wheel goes down again.
    wheel_over_slide(page, -3000)
    page.wait_for_function("window.talkbookDeck.getCurrentSlide().scrollTop === 0")
    frames(page, 10)
    assert page.evaluate(SLIDE)["top"] == 0
    wheel_over_slide(page, 3000)
    page.wait_for_function("(s => s.scrollTop >= s.scrollHeight - s.clientHeight - 1)(window.talkbookDeck.getCurrentSlide())")
    wait_in_view(page, "image-classifier", canvas)
    # Keys still change slides.
    page.keyboard.press("ArrowRight")
    page.wait_for_function("window.talkbookDeck.getCurrentSlide().id === 'how-does-it-know-a-macaw'")
    assert page.console_errors == []


@pytest.mark.parametrize("slide", ["how-does-it-know-a-macaw", "programming-versus-machine-learning"])
def test_a_slide_that_fits_has_no_scrollbar_and_nothing_moves(page, course_url, slide):
    open_slide(page, course_url + f"slides/#/{slide}", slide)
    state = page.evaluate(SLIDE)
    assert state["max"] <= 0 and state["scrollbar"] == 0 and state["top"] == 0
    boxes = page.evaluate(BOXES)
    wheel_over_slide(page, 600)
    frames(page)
    assert page.evaluate(SLIDE)["top"] == 0
    assert page.evaluate(BOXES) == boxes
    # Laid out just as without the scrolling (as before slides could scroll).
    page.add_style_tag(content=".reveal .slides > section { overflow: visible !important; }")
    frames(page)
    assert page.evaluate(BOXES) == boxes
    page.keyboard.press("ArrowRight")
    page.wait_for_function("id => window.talkbookDeck.getCurrentSlide().id !== id", arg=slide)


@pytest.fixture(scope="module")
def tall_deck_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("tall")
    config = write_fixture_site(root, talk=TALK)
    with serve_built(config, root / "site") as url:
        yield url + "slides/"


def test_a_tall_centred_slide_keeps_its_title_and_scrolls_to_its_last_line(page, tall_deck_url):
    open_slide(page, tall_deck_url + "#/centred-long-list", "centred-long-list")
    assert page.evaluate(SLIDE)["max"] > 0
    assert page.evaluate(INSIDE, "#centred-long-list h2")
    assert not page.evaluate(INSIDE, "#centred-long-list li:last-child")
    wheel_over_slide(page, 3000)
    page.wait_for_function(INSIDE, arg="#centred-long-list li:last-child")
    # Space and the arrows go on to the next slide, as on any slide.
    page.keyboard.press("Space")
    page.wait_for_function("window.talkbookDeck.getCurrentSlide().id === 'steps'")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("window.talkbookDeck.getCurrentSlide().id === 'centred-long-list'")


def test_a_fragment_shown_past_the_bottom_edge_comes_into_view(page, tall_deck_url):
    open_slide(page, tall_deck_url + "#/steps", "steps")
    assert not page.evaluate(INSIDE, "#steps .fragment")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('#steps .fragment').classList.contains('visible')")
    page.wait_for_function(INSIDE, arg="#steps .fragment")
    assert page.evaluate("window.talkbookDeck.getCurrentSlide().id") == "steps"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("window.talkbookDeck.getCurrentSlide().id === 'after'")
