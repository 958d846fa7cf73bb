"""Several talks in one site (a lecture series), talks kept anywhere, and bad `source` values."""

from __future__ import annotations

import re

import pytest
import yaml
from mkdocs.exceptions import Abort

from tests.support.sites import build_site, write_fixture_site

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>\n'


def talk(title: str, word: str) -> str:
    """Two talks written alike: the same chapter, slide and cell ids, which must not clash across talks."""
    return f"""\
---
title: {title}
---

# Start {{#start}}

{word} opening. ![A square](images/square.svg)

## Shared slide {{#shared}}

{word} body.

```python {{run id=cell}}
print("{word}")
```

::: notes
{word} note.
:::

# Second

{word} second chapter.
"""


def series(tmp_path, sources, files=None, docs=None):
    plugins = ["search", "talkbook/cells", {"talkbook/talk": {"source": sources}}]
    return write_fixture_site(tmp_path, docs=docs or {"index.md": "# Home\n"}, plugins=plugins, files={
        "talks/basics/basics.md": talk("Basics of ML", "Alpha"),
        "talks/basics/images/square.svg": SVG,
        "talks/advanced/advanced.md": talk("Advanced ML", "Beta"),
        "talks/advanced/images/square.svg": SVG,
        **(files or {}),
    })


@pytest.fixture
def two_talks(tmp_path):
    config = series(tmp_path, ["talks/basics/basics.md", "talks/advanced/advanced.md"])
    return build_site(config, tmp_path / "site")


def nav_titles(html: str) -> list[str]:
    return [t.strip() for t in re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', html)]


def test_each_talk_gets_its_own_folder_deck_and_images(two_talks):
    for name, word in (("basics", "Alpha"), ("advanced", "Beta")):
        chapter = (two_talks / name / "start" / "index.html").read_text()
        assert f"{word} opening." in chapter and f"{word} note." not in chapter
        deck = (two_talks / name / "slides" / "index.html").read_text()
        assert f"{word} body." in deck and f"{word} note." in deck
        assert ("Beta" if word == "Alpha" else "Alpha") not in deck, "a deck holds its own talk only"
        assert (two_talks / name / "images" / "square.svg").is_file()
        assert 'src="../images/square.svg"' in chapter


def test_ids_repeat_across_talks_without_clashing(two_talks):
    for name in ("basics", "advanced"):
        deck = (two_talks / name / "slides" / "index.html").read_text()
        assert deck.count('<section id="shared"') == 1
        assert deck.count('<section id="start"') == 1
        assert 'data-cell-id="cell"' in (two_talks / name / "start" / "index.html").read_text()


def test_each_talk_is_a_section_of_the_navigation_in_order(two_talks):
    titles = nav_titles((two_talks / "index.html").read_text())
    assert titles.index("Basics of ML") < titles.index("Advanced ML")
    # Each section lists its chapters: Start and Second, twice; decks are never in the nav.
    assert titles.count("Start") == 2 and titles.count("Second") == 2
    assert "Slides" not in titles and "slides" not in titles


def test_present_buttons_open_their_own_talks_deck_at_the_chapter(two_talks):
    for name in ("basics", "advanced"):
        html = (two_talks / name / "second" / "index.html").read_text()
        assert re.search(r'class="md-button md-button--primary talkbook-present" href="\.\./slides/#/second"', html)


def test_deck_titles_name_their_talk(two_talks):
    assert "<title>Basics of ML · slides</title>" in (two_talks / "basics" / "slides" / "index.html").read_text()


def test_a_single_talk_given_as_a_list_keeps_the_top_level_urls(tmp_path):
    site = build_site(series(tmp_path, ["talks/basics/basics.md"]), tmp_path / "site")
    assert (site / "start" / "index.html").is_file()
    assert (site / "slides" / "index.html").is_file()
    assert (site / "images" / "square.svg").is_file()


def test_talks_with_the_same_folder_are_an_error_naming_both_files(tmp_path, caplog):
    config = series(tmp_path, ["talks/basics/basics.md", "elsewhere/basics.md"],
                    files={"elsewhere/basics.md": talk("Other", "Gamma")})
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "keep.txt").write_text("previous build")
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    message = caplog.text
    assert str(tmp_path / "talks/basics/basics.md") in message and str(tmp_path / "elsewhere/basics.md") in message
    assert "would both be published at /basics/" in message
    assert (tmp_path / "site" / "keep.txt").read_text() == "previous build"


def test_a_source_that_does_not_exist_is_named(tmp_path, caplog):
    config = series(tmp_path, ["talks/basics/basics.md", "talks/nope.md"])
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert f"The path '{tmp_path / 'talks/nope.md'}' isn't an existing file or directory" in caplog.text
    assert "option 'source'" in caplog.text
    assert not (tmp_path / "site").exists()


def test_a_talk_inside_docs_dir_is_not_also_a_page(tmp_path):
    docs = {"index.md": "# Home\n", "talks/intro.md": talk("Inside", "Delta"),
            "talks/images/square.svg": SVG, "guide.md": "# Guide\n"}
    plugins = ["search", {"talkbook/talk": {"source": "docs/talks/intro.md"}}]
    config = write_fixture_site(tmp_path, docs=docs, plugins=plugins)
    site = build_site(config, tmp_path / "site")
    assert not (site / "talks" / "intro" / "index.html").exists()
    assert "Delta opening." in (site / "start" / "index.html").read_text()
    assert "Inside" not in nav_titles((site / "guide" / "index.html").read_text())


def test_the_source_option_accepts_one_path_or_a_list(tmp_path):
    config = series(tmp_path, "talks/advanced/advanced.md")
    settings = yaml.safe_load(config.read_text())
    assert settings["plugins"][2]["talkbook/talk"]["source"] == "talks/advanced/advanced.md"
    site = build_site(config, tmp_path / "site")
    assert "Beta opening." in (site / "start" / "index.html").read_text()
