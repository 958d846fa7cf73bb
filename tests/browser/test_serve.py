"""Authoring with `mkdocs serve`: saving the talk rebuilds and reloads chapters and the deck."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.support.sites import write_fixture_site

TALK = "# Alpha\n\n## First slide\n\nOriginal words.\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_served(url: str, process: subprocess.Popen) -> None:
    for _ in range(600):
        if process.poll() is not None:
            raise AssertionError(f"mkdocs serve exited: {process.stdout.read()}")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("mkdocs serve never answered")


@pytest.fixture
def served_talk(tmp_path):
    config = write_fixture_site(tmp_path, talk=TALK)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}", "--livereload"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_served(url, process)
        yield tmp_path / "course" / "talk.md", url
    finally:
        process.terminate()
        process.wait(timeout=20)


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
