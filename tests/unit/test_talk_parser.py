"""The talk parser: structure, ids, options, and an error naming file and line for bad input."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from talkbook.talk.model import TalkError
from talkbook.talk.parser import parse_talk
from talkbook.talk.render import assemble_deck, chapter_markdowns, chapter_view, title_markdown


def write(tmp_path: Path, text: str, name: str = "talk.md") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def parse(tmp_path: Path, text: str):
    return parse_talk(write(tmp_path, text))


def chapter_page(talk, number: int = 0) -> str:
    """What a chapter page shows (markers still Markdown, as they pass through rendering unchanged)."""
    return chapter_view(chapter_markdowns(talk)[talk.chapters[number].slug])


def deck_source(talk) -> str:
    return title_markdown(talk) + "".join(chapter_markdowns(talk).values())


def deck_view(talk) -> str:
    return assemble_deck(deck_source(talk), talk, lambda path: path)


def error_of(tmp_path: Path, text: str) -> TalkError:
    with pytest.raises(TalkError) as caught:
        parse(tmp_path, text)
    return caught.value


TWO_CHAPTERS = """
---
title: A talk
author: Someone
---

Welcome words.

# First chapter

Chapter intro.

## Slide one {#one .wide layout=center background=#112233 transition=fade}

Body one.

::: notes
Say hello.
:::

---

Slide without heading.

# Second chapter

## Slide two

Body two.
"""


def test_chapters_and_slides_follow_the_headings(tmp_path):
    talk = parse(tmp_path, TWO_CHAPTERS)
    assert talk.title == "A talk"
    assert [ch.title for ch in talk.chapters] == ["First chapter", "Second chapter"]
    assert [ch.slug for ch in talk.chapters] == ["first-chapter", "second-chapter"]
    assert [(s.id, s.level) for s in talk.slides()] == [
        ("title", 1), ("first-chapter", 1), ("one", 2), ("first-chapter-3", 0), ("second-chapter", 1), ("slide-two", 2)
    ]


def test_slide_options_are_read(tmp_path):
    slide = parse(tmp_path, TWO_CHAPTERS).chapters[0].slides[1]
    assert slide.options.layout == "center"
    assert slide.options.background == "#112233"
    assert slide.options.transition == "fade"
    assert slide.options.classes == ("wide",)
    assert slide.has_notes


def test_errors_point_at_the_line(tmp_path):
    error = error_of(tmp_path, "# Chapter\n\n## Slide {colour=red}\n")
    assert (error.path.name, error.line) == ("talk.md", 3)
    assert "unknown slide option 'colour'" in str(error)
    assert str(error).startswith(str(tmp_path / "talk.md") + ":3:")


def test_chapter_pages_never_show_notes_or_slides_only_blocks(tmp_path):
    talk = parse(tmp_path, """
        # Chapter

        ## Slide

        Visible text.

        ::: notes
        Secret speaker note.
        :::

        ::: slides
        Only on slides.
        :::

        ::: chapter
        Only on the page.
        :::
    """)
    page = chapter_page(talk)
    assert "Visible text." in page and "Only on the page." in page
    assert "Secret speaker note." not in page and "Only on slides." not in page
    deck = deck_view(talk)
    assert '<aside class="notes">' in deck
    assert "Secret speaker note." in deck and "Only on slides." in deck
    assert "Only on the page." not in deck


def test_markers_inside_code_fences_are_content(tmp_path):
    talk = parse(tmp_path, """
        # Chapter

        ```python
        # a Python comment, not a chapter
        ## nor a slide
        :::
        ```

        ~~~~
        ::: notes
        ~~~~
    """)
    assert len(talk.chapters) == 1 and len(talk.chapters[0].slides) == 1
    assert "# a Python comment, not a chapter" in chapter_page(talk)


def test_fragments_and_incremental_lists_reach_the_deck(tmp_path):
    talk = parse(tmp_path, """
        # Chapter

        ::: fragment fade-up
        Later.
        :::

        ::: fragment
        Even later.
        :::

        ::: incremental
        - a
        - b
        :::
    """)
    deck = deck_source(talk)
    assert deck.count("talkbook:open fragment") == 2
    assert "talkbook:open fragment fade-up" in deck
    assert "talkbook:open incremental" in deck


def test_titles_that_repeat_get_distinct_ids(tmp_path):
    talk = parse(tmp_path, "# Chapter\n\n## Example\n\n## Example\n")
    assert [s.id for s in talk.chapters[0].slides] == ["chapter", "example", "example-2"]


def test_a_folder_of_talk_files_is_read_in_name_order(tmp_path):
    write(tmp_path, "# Second\n", "20-second.md")
    write(tmp_path, "---\ntitle: Folder talk\n---\n# First\n", "10-first.md")
    talk = parse_talk(tmp_path)
    assert [c.title for c in talk.chapters] == ["First", "Second"]
    assert talk.title == "Folder talk"


def test_images_relative_to_the_talk_are_accepted(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "bird.png").write_bytes(b"\x89PNG")
    talk = parse(tmp_path, "# Chapter {background=images/bird.png}\n\n![A bird](images/bird.png)\n")
    assert talk.chapters[0].first_slide.options.background_image == "images/bird.png"


BAD_TALKS = {
    "no chapters": ("Just some words.\n", 1, "no chapters"),
    "empty file": ("", 1, "no chapters"),
    "duplicate slide ids": ("# A\n\n## One {#same}\n\n## Two {#same}\n", 5, "duplicate slide id 'same'"),
    "duplicate chapter id": ("# A {#x}\n\n# B {#x}\n", 3, "duplicate slide id 'x'"),
    "unclosed block": ("# A\n\n::: notes\nnever closed\n", 3, "never closed"),
    "unclosed code fence": ("# A\n\n```python\nprint(1)\n", 3, "never closed"),
    "stray closing marker": ("# A\n\n:::\n", 3, "closes nothing"),
    "unknown directive": ("# A\n\n::: sidebar\nx\n:::\n", 3, "unknown block '::: sidebar'"),
    "unknown option": ("# A\n\n## S {speed=fast}\n", 3, "unknown slide option 'speed'"),
    "unknown layout": ("# A {layout=diagonal}\n", 1, "unknown layout 'diagonal'"),
    "unreadable option": ("# A {#}\n", 1, "cannot read slide option"),
    "bad background": ("# A {background=not-a-colour!}\n", 1, "neither a colour nor an image"),
    "missing image": ("# A\n\n![x](images/missing.png)\n", 3, "image 'images/missing.png' not found"),
    "missing html image": ('# A\n\n<img src="gone.svg">\n', 3, "image 'gone.svg' not found"),
    "remote image": ("# A\n\n![x](https://example.com/x.png)\n", 3, "on another host"),
    "missing background image": ("# A {background=images/none.jpg}\n", 1, "not found"),
    "slide before chapter": ("## Slide\n\n# A\n", 1, "before the first chapter"),
    "heading inside block": ("# A\n\n::: notes\n## Slide\n:::\n", 4, "cannot start inside"),
    "setext slide break": ("# A\n\nSome text\n---\n", 4, "leave a blank line"),
    "unknown front matter": ("---\ntheme: dark\n---\n# A\n", 1, "unknown front-matter key 'theme'"),
    "broken front matter": ("---\ntitle: [unclosed\n---\n# A\n", 2, "not valid YAML"),
    "unclosed front matter": ("---\ntitle: x\n# A\n", 1, "never closed"),
    "nested notes": ("# A\n\n::: notes\n::: notes\nx\n:::\n:::\n", 4, "nested"),
    "options on notes": ("# A\n\n::: notes loud\nx\n:::\n", 3, "takes no options"),
    "reserved chapter id": ("# A {#slides}\n", 1, "reserved"),
    "bad id": ("# A {#1abc}\n", 1, "must start with a letter"),
}


@pytest.mark.parametrize("case", sorted(BAD_TALKS))
def test_bad_talks_fail_with_file_and_line(tmp_path, case):
    text, line, message = BAD_TALKS[case]
    path = tmp_path / "talk.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TalkError) as caught:
        parse_talk(path)
    assert caught.value.path == path
    assert caught.value.line == line, str(caught.value)
    assert message in caught.value.message


def test_invalid_utf8_names_the_line(tmp_path):
    path = tmp_path / "talk.md"
    path.write_bytes(b"# A\n\nfine\ncaf\xe9 latin-1\n")
    with pytest.raises(TalkError) as caught:
        parse_talk(path)
    assert caught.value.line == 4 and "UTF-8" in caught.value.message


def test_binary_bytes_are_refused(tmp_path):
    path = tmp_path / "talk.md"
    path.write_bytes(b"# A\n\n\x00\x01\x02binary\n")
    with pytest.raises(TalkError) as caught:
        parse_talk(path)
    assert caught.value.line == 3


def test_missing_source_is_an_error(tmp_path):
    with pytest.raises(TalkError, match="does not exist"):
        parse_talk(tmp_path / "nope.md")


def test_a_chapter_of_ten_thousand_slides_parses(tmp_path):
    text = "# Big\n\n" + "".join(f"## Slide {n}\n\nText {n}.\n\n" for n in range(10_000))
    talk = parse(tmp_path, text)
    assert len(talk.chapters[0].slides) == 10_001
    assert len({s.id for s in talk.slides()}) == 10_002
