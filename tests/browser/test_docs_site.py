"""talkbook's documentation site is a talkbook site: its live examples work beside the text."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.sites import ROOT, serve_built

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def docs_url(tmp_path_factory):
    with serve_built(ROOT / "mkdocs.docs.yml", tmp_path_factory.mktemp("docs") / "site", isolated=True) as url:
        yield url


@pytest.fixture
def local(context, docs_url):
    yield
    assert context.request_log.offsite(docs_url) == []


def output(cell):
    return cell.locator(".talkbook-cell__output")


def test_the_authoring_guide_runs_its_examples(page, docs_url, local, run_cell):
    page.goto(docs_url + "authoring/")
    expect(output(run_cell(page, "hello-python"))).to_contain_text("Hello from Python in your browser")
    exercise = run_cell(page, "weighted-sum")
    expect(exercise).to_have_attribute("data-exercise", "failed")
    expect(exercise.locator(".talkbook-check")).to_have_count(2)
    # The colour model of the course, loaded by name from a JS cell.
    expect(output(run_cell(page, "colours"))).to_have_text("orange", timeout=60_000)


def test_the_models_page_has_a_working_widget(page, docs_url, local):
    page.goto(docs_url + "models/")
    root = page.locator('.talkbook-model[data-model="colours"]')
    root.scroll_into_view_if_needed()
    expect(root).to_have_attribute("data-state", "ready", timeout=120_000)
    root.locator("input[type=color]").fill("#1e46dc")
    expect(root.locator(".talkbook-model__answer")).to_have_attribute("data-label", "blue")


def test_the_example_talk_is_a_chapter_and_a_deck(page, docs_url, local):
    page.goto(docs_url + "same-markdown/")
    assert "Show the chapter page first" not in page.locator("article").inner_text()  # notes stay off the chapter
    page.click("a.talkbook-present")
    page.wait_for_selector("html[data-talkbook-deck=ready]")
    assert page.evaluate("window.talkbookDeck.getTotalSlides()") == 4
    assert page.evaluate("window.talkbookDeck.getCurrentSlide().id") == "same-markdown"
