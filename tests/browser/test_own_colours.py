"""The "Your own colours" section in Chromium: a learner labels colours of their own, trains ml5's
network on them, and sees how it labels the colours they never labelled. On the course itself."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.sites import ROOT

pytestmark = pytest.mark.browser

TALK = ROOT / "course" / "talk.md"
HEADING = "## Try it: your own colours"
CHAPTER = "# Machine learning in the browser with ml5.js {#ml-in-the-browser}"
CELL_ID = "own-colours"
# The sketch's map: 40 hues (9° apart) by 10 lightnesses, in 12 px cells; its lower half, the
# network's labels, starts 132 px down.
COLUMNS, ROWS, CELL, LOWER = 40, 10, 12, 132

# A label that would run script if the sketch ever showed it as HTML.
HOSTILE = '<img src=x onerror="document.body.dataset.pwned = 1">cool'


def section(text: str) -> str:
    """The section, from its heading to the next slide or chapter heading."""
    start = text.index(HEADING + "\n")
    end = re.compile(r"^#{1,2} ", re.MULTILINE).search(text, start + len(HEADING))
    return text[start:end.start() if end else len(text)].rstrip() + "\n"


def test_the_section_has_short_slide_text_readable_code_chapter_text_and_notes():
    text = TALK.read_text(encoding="utf-8")
    chapters = re.findall(r"^# .*$", text[:text.index(HEADING + "\n")], re.MULTILINE)
    assert chapters[-1:] == [CHAPTER], f"the section belongs in the chapter {CHAPTER!r}"
    own = section(text)
    prose = re.split(r"^(?:```|:::)", own[len(HEADING):], maxsplit=1, flags=re.MULTILINE)[0]
    assert len(prose.split()) <= 40, prose  # the code fills the rest of the slide
    assert "::: chapter\n" in own and "::: notes\n" in own
    code = re.search(r"```js \{run id=" + CELL_ID + r"\}\n(.*?)\n```", own, re.DOTALL).group(1)
    assert "ml5.neuralNetwork(" in code and "createColorPicker(" in code
    assert [line for line in code.splitlines() if len(line) > 80] == []  # fits the chapter's code box
    assert ".html(" not in code.replace('.html("")', ""), "labels are shown with textContent, never as HTML"


def sandbox(cell):
    """The sketch's frame, as a Playwright Frame (which can also wait on the sketch's state)."""
    return cell.locator("iframe.talkbook-sandbox").element_handle().content_frame()


def map_cells(frame, lower: bool) -> list[list[int]]:
    """The RGBA colour at the centre of each cell of the map's upper half (the colours) or lower
    half (their labels), row by row."""
    return frame.eval_on_selector("canvas", """(c, [columns, rows, cell, top]) => {
        const density = c.width / parseFloat(c.style.width || c.width);
        const context = c.getContext('2d');
        const centres = [];
        for (let row = 0; row < rows; row++) {
          for (let column = 0; column < columns; column++) {
            const x = (column + 0.5) * cell * density, y = (top + (row + 0.5) * cell) * density;
            centres.push(Array.from(context.getImageData(x, y, 1, 1).data));
          }
        }
        return centres;
    }""", [COLUMNS, ROWS, CELL, LOWER if lower else 0])


def test_a_learner_labels_colours_trains_and_sees_the_rule(page, context, course_url, run_cell):
    url = course_url
    page.goto(url + "ml-in-the-browser/")
    cell = run_cell(page, CELL_ID)
    expect(cell).to_have_attribute("data-state", "done")
    frame = sandbox(cell)
    body = frame.locator("body")
    expect(frame.locator("canvas")).to_have_count(1)
    picker = frame.locator("input[type=color]")
    labels = frame.locator("input[type=text]")
    add = frame.locator("button", has_text="Add colour")
    train = frame.get_by_role("button", name="Train")

    # Train waits for examples of two labels, and says why.
    expect(labels).to_have_count(2)
    expect(labels.nth(0)).to_have_value("warm")
    expect(train).to_be_disabled()
    expect(body).to_contain_text("Train needs two labels.")

    labels.nth(1).fill(HOSTILE)  # the learner renames the second label
    for colour in ("#ff0000", "#ff8000", "#e03030", "#ffc000"):
        picker.fill(colour)
        add.nth(0).click()
    expect(train).to_be_disabled()  # one label only, so far
    for colour in ("#0000ff", "#0080ff", "#3030e0", "#00c0ff"):
        picker.fill(colour)
        add.nth(1).click()
    expect(train).to_be_enabled()
    expect(body).not_to_contain_text("Train needs two labels.")
    # The eight examples, each a chip with its label as text.
    expect(frame.locator("span", has_text="warm")).to_have_count(4)
    expect(frame.locator("span", has_text=HOSTILE)).to_have_count(4)

    # Every line the sketch shows while it trains, to check its progress afterwards.
    frame.evaluate("""() => { window.shown = [];
        new MutationObserver(() => window.shown.push(document.body.innerText))
          .observe(document.body, { subtree: true, childList: true, characterData: true }); }""")
    train.click()
    expect(body).to_contain_text("Trained.", timeout=120_000)
    losses = [float(loss) for loss in re.findall(r"Epoch \d+ of 50: loss (\d+\.\d+)", "\n".join(frame.evaluate("window.shown")))]
    assert "Epoch 50 of 50" in "\n".join(frame.evaluate("window.shown")) and losses[-1] < losses[0], losses

    # The picker's colour is named live, with its confidence.
    guess = frame.locator("div", has_text="Your colour:").last
    picker.fill("#d02010")
    expect(guess).to_have_text(re.compile(r"^Your colour: warm \(\d+% sure\)$"))
    picker.fill("#2040d0")
    expect(guess).to_have_text(re.compile(r"^Your colour: " + re.escape(HOSTILE) + r" \(\d+% sure\)$"))
    assert 50 < int(re.search(r"\((\d+)% sure\)", guess.inner_text()).group(1)) <= 100

    # The map: above, the colours themselves; below, each in its label's colour (the label's
    # last example: #ffc000 for warm, #00c0ff for the other), paler where the network is less sure.
    expect(body).to_contain_text("paler when it is less sure (white: 50% or less)")
    frame.wait_for_function(  # the answers come just after "Trained."; the next frame draws them
        "() => { const c = document.querySelector('canvas');"
        f" return c.getContext('2d').getImageData(0, {LOWER}, c.width, {ROWS * CELL}).data.some((v) => v < 200); }}"
    )
    above, below = map_cells(frame, lower=False), map_cells(frame, lower=True)
    middle = 5 * COLUMNS  # the row of pure hues: lightness 50%
    assert above[middle][:3] == [255, 0, 0]  # hue 0°
    red, blue = below[middle], below[middle + 27]  # hues 0° and 243°
    assert red[0] > 200 and red[2] < 100, red  # warm's orange-yellow, not faded
    assert blue[2] > 200 and blue[0] < 100, blue  # the other label's light blue
    # Between the labels the network is unsure, and the map fades towards white there.
    assert any(min(rgba[:3]) > 200 for rgba in below), "no pale cells: the uncertainty does not show"

    # The hostile label stayed text everywhere: no element was made of it.
    assert frame.locator("img").count() == 0
    assert frame.evaluate("document.body.dataset.pwned") is None

    # Clear empties the shelf, and Train waits again.
    frame.get_by_role("button", name="Clear").click()
    expect(train).to_be_disabled()
    expect(frame.locator("span", has_text="warm")).to_have_count(0)
    expect(body).to_contain_text("Train needs two labels.")

    assert cell.locator(".talkbook-out--error, .talkbook-out--stderr").all_inner_texts() == []
    assert page.console_errors == []
    assert context.request_log.offsite(url) == []
