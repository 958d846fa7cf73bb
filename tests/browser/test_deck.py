"""The deck in Chromium: Present, keyboard, slide URLs, speaker view, follow mode, print, palette."""

from __future__ import annotations

import pytest

from tests.support.sites import serve_built, write_fixture_site

TALK = """\
---
title: Browser talk
author: Tester
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

## Last alpha slide

Three.

# Beta

## Beta slide

Beta body.
"""


@pytest.fixture(scope="module")
def deck_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("deck")
    config = write_fixture_site(root, talk=TALK, extra_config={
        "theme": {"name": "material", "font": False, "features": ["navigation.instant"],
                  "palette": [
            {"scheme": "default", "primary": "indigo", "toggle": {"icon": "material/weather-night", "name": "Dark"}},
            {"scheme": "slate", "primary": "indigo", "toggle": {"icon": "material/weather-sunny", "name": "Light"}},
        ]},
    })
    with serve_built(config, root / "site") as url:
        yield url


def current_slide(page) -> str:
    return page.evaluate("window.talkbookDeck.getCurrentSlide().id")


def open_deck(page, url: str):
    page.goto(url)
    page.wait_for_selector("html[data-talkbook-deck=ready]")


def test_present_opens_the_deck_at_the_chapter(page, deck_url, context):
    page.goto(deck_url + "beta/")
    page.click("a.talkbook-present")
    page.wait_for_selector("html[data-talkbook-deck=ready]")
    assert page.url == deck_url + "slides/#/beta"
    assert current_slide(page) == "beta"
    assert context.request_log.offsite(deck_url) == []


def test_keyboard_steps_through_fragments_and_slides(page, deck_url):
    open_deck(page, deck_url + "slides/#/counting")
    fragment = page.locator("section#counting .fragment")
    assert "visible" not in fragment.get_attribute("class")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('section#counting .fragment').classList.contains('visible')")
    assert current_slide(page) == "counting"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("window.talkbookDeck.getCurrentSlide().id === 'last-alpha-slide'")
    page.wait_for_url("**/slides/#/last-alpha-slide")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("window.talkbookDeck.getCurrentSlide().id === 'counting'")


def test_every_slide_has_its_own_url(page, deck_url):
    open_deck(page, deck_url + "slides/#/beta-slide")
    assert current_slide(page) == "beta-slide"
    assert page.locator("section#beta-slide").inner_text().startswith("Beta slide")


def test_notes_are_in_the_speaker_view_and_not_on_the_chapter(page, context, deck_url):
    page.goto(deck_url + "alpha/")
    assert "Alpha secret note" not in page.content()
    open_deck(page, deck_url + "slides/#/counting")
    with context.expect_page() as popup_info:
        page.keyboard.press("s")
    speaker = popup_info.value
    speaker.wait_for_function(
        "document.querySelector('.speaker-controls-notes') && "
        "document.querySelector('.speaker-controls-notes').innerText.includes('Alpha secret note')",
        timeout=20000,
    )
    assert speaker.locator(".speaker-controls-time").count() == 1  # the timer
    assert speaker.locator("#upcoming-slide, .speaker-controls-upcoming, iframe").count() >= 1  # the next slide


def test_follow_mode_tracks_the_presenter(context, deck_url):
    presenter = context.new_page()
    open_deck(presenter, deck_url + "slides/#/alpha")
    audience = context.new_page()
    open_deck(audience, deck_url + "slides/?follow")
    audience.wait_for_function("window.talkbookDeck.getCurrentSlide().id === 'alpha'")
    presenter.bring_to_front()
    presenter.keyboard.press("ArrowRight")
    audience.wait_for_function("window.talkbookDeck.getCurrentSlide().id === 'counting'")
    presenter.keyboard.press("ArrowRight")  # a fragment: the audience sees it too
    audience.wait_for_function("document.querySelector('section#counting .fragment').classList.contains('visible')")
    audience.keyboard.press("ArrowRight")  # the audience's own keys do nothing
    # reveal.js moves inside the keydown handler: two frames later, a move would have happened.
    audience.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert current_slide(audience) == "counting"


def test_overview_opens_with_escape(page, deck_url):
    open_deck(page, deck_url + "slides/#/counting")
    page.keyboard.press("Escape")
    page.wait_for_function("window.talkbookDeck.isOverview()")


def test_deck_follows_the_site_palette(page, deck_url):
    page.goto(deck_url)
    page.click("label[for='__palette_1']")  # material's light/dark toggle on the site
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    open_deck(page, deck_url + "slides/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.keyboard.press("d")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")


def test_instant_navigation_between_chapters(page, deck_url):
    page.goto(deck_url + "alpha/")
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-sidebar--primary a.md-nav__link", has_text="Beta").click()
    page.wait_for_url(deck_url + "beta/")
    page.wait_for_selector("h1:has-text('Beta')")
    assert page.evaluate("window.__sameDocument === true")


def test_deck_and_chapters_stay_on_the_local_origin(page, context, deck_url):
    for path in ("", "alpha/", "beta/", "slides/"):
        page.goto(deck_url + path)
        page.wait_for_load_state("networkidle")
    assert context.request_log.offsite(deck_url) == []
    assert page.console_errors == []
