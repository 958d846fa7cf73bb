"""The shipped course: every part of the talk is there, and every content slide has speaker notes."""

from __future__ import annotations

import re

import pytest

from talkbook.talk.parser import parse_talk
from talkbook.talk.render import chapter_markdowns, chapter_view
from tests.support.sites import ROOT

TALK = parse_talk(ROOT / "course" / "talk.md")
PAGES = {slug: chapter_view(markdown) for slug, markdown in chapter_markdowns(TALK).items()}

CHAPTERS = [
    "Why machine learning",
    "What machine learning is",
    "Neural networks",
    "How a network learns",
    "Machine learning in the browser with ml5.js",
    "Wrap-up",
]
KEY_TERMS = [
    "weighted sum", "bias", "squashing function", "activation function", "hidden layer", "loss",
    "learning rate", "epoch", "normalize", "classification", "confidence",
]


def test_the_talk_has_one_chapter_per_part():
    assert [chapter.title for chapter in TALK.chapters] == CHAPTERS


@pytest.mark.parametrize("slide", [s for s in TALK.slides() if s.level != 1 or s.id != "title"], ids=lambda s: s.id)
def test_every_content_slide_has_speaker_notes(slide):
    assert slide.has_notes, f"{slide.location.path}:{slide.location.line}: slide '{slide.id}' has no notes"


def test_the_course_teaches_every_key_term():
    text = " ".join(PAGES.values()).lower()
    missing = [term for term in KEY_TERMS if term not in text]
    assert missing == []


@pytest.mark.parametrize("topic", [
    "if/else", "switch", "ternary", "abundant", "cheap", "intelligence", "artificial intelligence", "historical data",
    "model", "input layer", "output layer", "MarI/O", "Mario Kart", "dendrites", "cell body", "axon terminals",
    "setup()", "draw()", "createCanvas", "ordered by confidence", "32 epochs",
])
def test_each_fact_of_the_talk_is_taught(topic):
    text = " ".join(PAGES.values()).replace("`", "")
    assert topic.lower() in text.lower()


def test_nine_steps_are_all_in_the_colour_network():
    chapter = PAGES["ml-in-the-browser"]
    steps = re.findall(r"^// (\d)\. ", chapter, flags=re.MULTILINE)
    assert steps == [str(n) for n in range(1, 10)]
    for call in ("neuralNetwork(options)", "addData(inputs, output)", "normalizeData()",
                 "train({ epochs: 32, batchSize: 12 }", "nn.classify({ r: "):
        assert call in chapter
    # Step 8 classifies a colour the network has never seen: not one of its training examples.
    trained = set(re.findall(r"\{ r: (\d+), g: (\d+), b: (\d+), color:", chapter))
    [classified] = re.findall(r"nn\.classify\(\{ r: (\d+), g: (\d+), b: (\d+) \}", chapter)
    assert trained and classified not in trained


def test_talk_is_sized_for_about_forty_five_minutes():
    content = [s for s in TALK.slides() if s.level != 1]
    # About a minute per content slide, plus demos: 20 to 35 content slides.
    assert 20 <= len(content) <= 35, len(content)
