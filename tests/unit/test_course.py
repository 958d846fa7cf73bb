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
    "learning rate", "epoch", "normalize", "classification", "confidence", "overfitting", "held-out",
    "early stopping", "gradient", "batch", "pre-trained", "transfer learning",
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


def presenting_minutes(talk) -> float:
    """How long presenting the deck takes, as the landing page and the first slide's notes say:
    a minute per content slide (about 40 words on the slide and 100 in the notes, spoken), a
    quarter of a minute per chapter title slide, one more minute for each slide where the room
    waits for something live (a cell that runs, a widget), and two more for each exercise (its
    notes give the room two minutes)."""
    slides = talk.slides()
    content = [s for s in slides if s.level != 1]
    live = [s for s in content if _shows_something_live(s) or (s.title or "").startswith("Try")]
    exercises = [s for s in content if (s.title or "").startswith("Exercise")]
    return len(content) + 0.25 * (len(slides) - len(content)) + len(live) + 2 * len(exercises)


def _shows_something_live(slide) -> bool:
    on_slide = [line for seg in slide.segments if not seg.is_notes and "chapter" not in seg.names
                for line in seg.lines]
    return any(re.match(r"```(python|js) \{run|```model|<div class=\"talkbook-", line) for line in on_slide)


def test_the_stated_duration_matches_the_talk():
    minutes, slides = presenting_minutes(TALK), len(TALK.slides())
    landing = (ROOT / "course" / "pages" / "index.md").read_text(encoding="utf-8")
    stated = re.search(r"presenting it,\s+about (\d+) minutes with its demos \((\d+) slides\)", landing)
    assert stated, "the landing page states how long presenting takes"
    assert abs(int(stated.group(1)) - minutes) <= 3 and int(stated.group(2)) == slides, (minutes, slides)
    opening = " ".join(seg_line for seg in TALK.slides()[0].segments if seg.is_notes for seg_line in seg.lines)
    assert f"{stated.group(1)} minutes" in " ".join(opening.split()), "the first slide's notes say the same"


@pytest.mark.parametrize("slide", [s for s in TALK.slides() if s.has_notes], ids=lambda s: s.id)
def test_speaker_notes_are_not_a_copy_of_the_text(slide):
    """Notes say what to do and what to expect; a sentence of eight words or more copied from the
    slide or its chapter text is no help to a presenter."""
    def normal(lines):
        return re.sub(r"\s+", " ", " ".join(lines)).strip().lower()

    notes = normal(line for seg in slide.segments if seg.is_notes for line in seg.lines)
    text = normal(line for seg in slide.segments if not seg.is_notes for line in seg.lines)
    copied = [sentence for sentence in re.split(r"(?<=[.!?])\s+", notes)
              if len(sentence.split()) >= 8 and sentence.rstrip(".!?") in text]
    assert copied == [], f"{slide.location.path}:{slide.location.line}: notes copy the text: {copied}"


def _on_the_slide(slide) -> tuple[list[str], list[str]]:
    """What the deck shows of a slide: its prose lines and the lines of its code (cells and excerpts,
    not an exercise's checks or solution, which stay hidden until asked for)."""
    prose, code, fence = [], [], None
    for line in (line for seg in slide.segments if not seg.is_notes and "chapter" not in seg.names for line in seg.lines):
        if line.startswith("```"):
            fence = None if fence is not None else line
        elif fence is None:
            if not re.match(r":::|<div|\$\$|!\[", line):
                prose.append(line)
        elif not re.search(r"\{(check|solution)\b", fence):
            code.append(line)
    return prose, code


@pytest.mark.parametrize("slide", TALK.slides(), ids=lambda s: s.id)
def test_each_slide_can_be_said_in_about_a_minute(slide):
    """About 40 words or 15 lines of code a slide (imports, comments and blank lines not counted: a
    presenter does not read them out); longer material belongs in chapter-only blocks."""
    prose, code = _on_the_slide(slide)
    words = re.findall(r"\w[\w'’-]*", " ".join(prose))
    read_out = [line for line in code if line.strip() and not re.match(r"\s*(#|//|import |from \S+ import )", line)]
    where = f"{slide.location.path}:{slide.location.line}: slide '{slide.title}'"
    assert len(words) <= 45, f"{where} has {len(words)} words"
    assert len(read_out) <= 15, f"{where} has {len(read_out)} lines of code"
