"""The deck away from the laptop: printed to PDF as a presenter hands it out, and on a phone."""

from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import expect

from tests.support.sites import serve_built, write_fixture_site

pytestmark = pytest.mark.browser

TALK = """\
---
title: A title long enough to reach the edges of a printed slide
---

# Alpha

Alpha intro.

## Counting {#counting}

One.

::: fragment
Two, revealed later.
:::

::: notes
Alpha secret note for the speaker.
:::

## A very long list {#long-list}

- Item one
- Item two
- Item three
- Item four
- Item five
- Item six
- Item seven
- Item eight
- Item nine
- Item ten
- Item eleven, the last one

# Beta

## Python on a slide {#python}

```python {run id=on-slide}
print("six times seven is", 6 * 7)
```

## Beta slide

Beta body.
"""


@pytest.fixture(scope="module")
def deck_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("deck")
    config = write_fixture_site(root, talk=TALK, plugins=["search", "talkbook/cells", "talkbook/talk"])
    with serve_built(config, root / "site", isolated=True) as url:
        yield url


def slide_plan(page, url: str) -> list[tuple[str, str, int]]:
    """(id, title, fragment steps) of every slide, as the deck on screen has them."""
    page.goto(url)
    page.wait_for_selector("html[data-talkbook-deck=ready]")
    return [tuple(row) for row in page.evaluate("""() => window.talkbookDeck.getSlides().map(slide => [
        slide.id, slide.dataset.talkbookTitle || "",
        new Set([...slide.querySelectorAll('.fragment')].map(f => f.dataset.fragmentIndex)).size])""")]


def print_pdf(page, url: str, path) -> list[str]:
    """Print the deck as a presenter does (?print-pdf, then the browser's print to PDF); each page's text."""
    page.goto(url)
    page.wait_for_selector("html[data-talkbook-print=ready]")
    page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def page_count(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def assert_every_slide_printed(plan, pages):
    expected = [(slide_id, title) for slide_id, title, steps in plan for _ in range(steps + 1)]
    assert len(pages) == len(expected), "one page per slide and fragment step"
    for number, (text, (slide_id, title)) in enumerate(zip(pages, expected), start=1):
        assert text.strip(), f"page {number} ({slide_id}) is blank"
        assert " ".join(title.split()) in " ".join(text.split()), f"page {number} lacks the title of {slide_id}"


def test_the_deck_prints_one_page_per_step_with_its_text(page, deck_url, tmp_path):
    plan = slide_plan(page, deck_url + "slides/")
    pages = print_pdf(page, deck_url + "slides/?print-pdf", tmp_path / "deck.pdf")
    assert page_count(tmp_path / "deck.pdf") == len(pages)
    assert_every_slide_printed(plan, pages)
    joined = [" ".join(text.split()) for text in pages]
    # Nothing cut: the long title whole, the long list's last item on the list's own page.
    assert "A title long enough to reach the edges of a printed slide" in joined[0]
    [long_list] = [text for text in joined if "Item one" in text]
    assert "Item eleven, the last one" in long_list
    # The fragment's two steps: before it, then with it.
    counting = [text for text in joined if text.startswith("Counting")]
    assert ["Two, revealed later." in text for text in counting] == [False, True]
    # A cell prints as its code, without its buttons.
    [python] = [text for text in joined if text.startswith("Python on a slide")]
    assert 'print("six times seven is", 6 * 7)' in python and "Run" not in python.split()
    assert not any("Alpha secret note" in text for text in joined), "notes only when asked"


def test_speaker_notes_print_on_their_own_pages_when_asked(page, deck_url, tmp_path):
    pages = print_pdf(page, deck_url + "slides/?print-pdf&showNotes=separate-page", tmp_path / "notes.pdf")
    joined = [" ".join(text.split()) for text in pages]
    notes = [number for number, text in enumerate(joined) if "Alpha secret note for the speaker." in text]
    assert notes and all(not joined[number].startswith("Counting") for number in notes)
    assert joined[notes[0] - 1].startswith("Counting")


def test_the_course_deck_prints_every_slide(page, course_url, tmp_path):
    plan = slide_plan(page, course_url + "slides/")
    pages = print_pdf(page, course_url + "slides/?print-pdf", tmp_path / "course.pdf")
    assert_every_slide_printed(plan, pages)
    joined = [" ".join(text.split()) for text in pages]
    assert "Machine learning in your browser" in joined[0]
    # A model widget prints as what it is, never as a blank or loading box.
    [digits] = [text for text in joined if text.startswith("Try it: read a handwritten digit")]
    assert "A live model (digits)" in digits or "Draw" in digits


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    yield context.new_page()
    context.close()


def title_in_view(page, slide_id: str) -> bool:
    return page.evaluate("""id => { const r = document.getElementById(id).getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight && r.left >= -1 && r.right <= innerWidth + 1; }""", slide_id)


def test_on_a_phone_every_slide_is_reached_by_scrolling(phone, deck_url):
    phone.goto(deck_url + "slides/")
    phone.wait_for_selector("html[data-talkbook-deck=ready]")
    assert phone.evaluate("document.body.classList.contains('reveal-scroll')")
    ids = phone.evaluate("window.talkbookDeck.getSlides().map(s => s.id)")
    seen = [phone.evaluate("window.talkbookDeck.getCurrentSlide().id")]
    phone.mouse.move(195, 422)
    for _ in range(4 * len(ids)):  # a fragment takes a scroll step of its own
        if seen[-1] == ids[-1]:
            break
        before = phone.evaluate("document.body.scrollTop")
        phone.mouse.wheel(0, 844)
        phone.wait_for_function("before => document.body.scrollTop > before", arg=before)
        current = phone.evaluate("window.talkbookDeck.getCurrentSlide().id")
        if current != seen[-1]:
            assert title_in_view(phone, current), f"{current} is current but not in view"
            seen.append(current)
    assert seen == ids


def test_on_a_phone_a_deep_link_lands_on_its_slide_and_a_cell_runs(phone, deck_url, run_cell):
    phone.goto(deck_url + "slides/#/python")
    phone.wait_for_selector("html[data-talkbook-deck=ready]")
    phone.wait_for_function("window.talkbookDeck.getCurrentSlide()?.id === 'python'")
    assert title_in_view(phone, "python")
    cell = run_cell(phone, "on-slide")
    expect(cell.locator(".talkbook-cell__output")).to_contain_text("six times seven is 42")
