"""The talk plugin inside real MkDocs builds of small fixture sites."""

from __future__ import annotations

import json

import pytest
from mkdocs.exceptions import Abort

from tests.support.sites import build_site, write_fixture_site

TALK = """\
---
title: Fixture talk
---

# Alpha

Alpha intro.

## First slide

Alpha body.

::: notes
Alpha secret note.
:::

# Beta {#beta-chapter}

## Second slide {background=images/bg.png}

![A dot](images/bg.png)
"""
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000105fe02fea70000000049454e44ae426082")


@pytest.fixture
def fixture_site(tmp_path):
    config = write_fixture_site(tmp_path, talk=TALK, files={"course/images/bg.png": PNG})
    return build_site(config, tmp_path / "site")


def test_each_chapter_is_a_page_at_its_slug(fixture_site):
    alpha = (fixture_site / "alpha" / "index.html").read_text()
    assert "Alpha body." in alpha
    assert (fixture_site / "beta-chapter" / "index.html").is_file()


def test_notes_stay_off_chapter_pages_but_reach_the_deck(fixture_site):
    assert "Alpha secret note." not in (fixture_site / "alpha" / "index.html").read_text()
    deck = (fixture_site / "slides" / "index.html").read_text()
    assert '<aside class="notes">' in deck and "Alpha secret note." in deck


def test_deck_has_one_section_per_slide_with_ids(fixture_site):
    deck = (fixture_site / "slides" / "index.html").read_text()
    for slide_id in ("title", "alpha", "first-slide", "beta-chapter", "second-slide"):
        assert f'<section id="{slide_id}"' in deck
    assert 'data-background-image="../images/bg.png"' in deck
    assert (fixture_site / "images" / "bg.png").read_bytes() == PNG


def test_reveal_is_served_once_from_a_versioned_vendor_path(fixture_site):
    vendored = list((fixture_site / "assets" / "vendor" / "reveal.js").iterdir())
    assert [p.name for p in vendored] == ["6.0.2"]
    assert "node_modules" not in (fixture_site / "slides" / "index.html").read_text()


def test_chapters_are_in_the_nav_in_talk_order_and_in_search(fixture_site):
    home = (fixture_site / "index.html").read_text()
    assert home.index('href="alpha/"') < home.index('href="beta-chapter/"')
    assert "<title>Beta - Fixture</title>" in (fixture_site / "beta-chapter" / "index.html").read_text()
    index = json.loads((fixture_site / "search" / "search_index.json").read_text())
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "alpha/" in locations and "beta-chapter/" in locations
    assert "slides/" not in locations


def test_chapter_pages_link_to_their_first_slide(fixture_site):
    alpha = (fixture_site / "alpha" / "index.html").read_text()
    assert 'href="../slides/#/alpha"' in alpha


def test_bad_talk_stops_the_build_naming_file_and_line(tmp_path, caplog):
    config = write_fixture_site(tmp_path, talk="# A\n\n::: notes\nunclosed\n")
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert f"{tmp_path / 'course' / 'talk.md'}:3: the '::: notes' block opened here is never closed" in caplog.text


def test_failed_build_keeps_the_previous_site(tmp_path):
    config = write_fixture_site(tmp_path, talk=TALK, files={"course/images/bg.png": PNG})
    site = build_site(config, tmp_path / "site")
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    (tmp_path / "course" / "talk.md").write_text("# A\n\n## S {bogus=1}\n")
    with pytest.raises(Abort):
        build_site(config, site)
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert not (tmp_path / ".site.staging").exists()


def test_strict_warning_keeps_the_previous_site(tmp_path):
    config = write_fixture_site(tmp_path, talk=TALK, files={"course/images/bg.png": PNG})
    site = build_site(config, tmp_path / "site")
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n[broken](missing.md)\n")
    with pytest.raises(Abort):
        build_site(config, site, strict=True)
    assert "Alpha body." in (site / "alpha" / "index.html").read_text()
    assert "broken" not in (site / "index.html").read_text()


def test_generated_page_clashing_with_a_docs_page_is_an_error(tmp_path, caplog):
    config = write_fixture_site(tmp_path, talk="# Alpha\n", docs={"index.md": "# Home\n", "alpha.md": "# Mine\n"})
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert "the generated page 'alpha.md' clashes with" in caplog.text


def test_disabled_plugin_builds_a_plain_site(tmp_path):
    plugins = ["search", {"talkbook/talk": {"enabled": False}}]
    config = write_fixture_site(tmp_path, talk="# Alpha\n", plugins=plugins)
    site = build_site(config, tmp_path / "site")
    assert not (site / "slides").exists() and (site / "index.html").is_file()


RICH_TALK = """\
# Rich

## Everything

!!! note "Remember"
    Admonitions work.

| input | weight |
| --- | --- |
| 0.5 | 2 |

```python
print("highlighted")
```

$$ y = wx + b $$
"""


def test_chapters_and_slides_use_the_sites_markdown_extensions(tmp_path):
    extensions = ["admonition", "tables", "pymdownx.superfences", "pymdownx.highlight",
                  {"pymdownx.arithmatex": {"generic": True}}]
    config = write_fixture_site(tmp_path, talk=RICH_TALK, extra_config={"markdown_extensions": extensions})
    site = build_site(config, tmp_path / "site")
    chapter = (site / "rich" / "index.html").read_text()
    deck = (site / "slides" / "index.html").read_text()
    for html in (chapter, deck):
        assert 'class="admonition note"' in html
        assert "<table>" in html
        assert 'class="highlight"' in html
        assert 'class="arithmatex"' in html
    assert (site / "assets" / "vendor" / "katex").is_dir()
