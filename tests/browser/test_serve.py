"""Authoring with `mkdocs serve`: saving the talk rebuilds and reloads chapters and the deck."""

from __future__ import annotations

import pytest

from tests.support.live import mkdocs_serve
from tests.support.sites import write_fixture_site

TALK = "# Alpha\n\n## First slide\n\nOriginal words.\n"


@pytest.fixture
def served_talk(tmp_path):
    config = write_fixture_site(tmp_path, talk=TALK)
    with mkdocs_serve(config, tmp_path / "serve.log") as url:
        yield tmp_path / "course" / "talk.md", url


def test_saving_the_talk_reloads_chapter_and_deck(context, served_talk):
    talk, url = served_talk
    chapter = context.new_page()
    chapter.goto(url + "alpha/")
    chapter.wait_for_selector("text=Original words.")
    deck = context.new_page()
    deck.goto(url + "slides/#/first-slide")
    deck.wait_for_selector("html[data-talkbook-deck=ready]")

    talk.write_text(TALK.replace("Original words.", "Edited words.") + "\n## Added slide\n\nNew.\n")

    chapter.wait_for_selector("text=Edited words.", timeout=60000)
    deck.wait_for_selector("section#added-slide", state="attached", timeout=60000)
    assert "Edited words." in deck.locator("section#first-slide").inner_text()
    assert context.request_log.offsite(url) == []
