"""Every problem in a talk is reported at its file and line, however it arises, and no talk ends
in a bare traceback. Each problem sits deep in a talk of many chapters, so a line counted in a
generated page (or inside a block) would be wrong."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort

from tests.support.sites import ROOT, build_site, write_fixture_site

FILLER = "".join(f"# Chapter {n}\n\nWords of chapter {n}.\n\n## A slide of {n}\n\nMore words.\n\n" for n in range(12))
MODELS = {"talkbook/models": {"recipes": str(ROOT / "course" / "models"), "store": str(ROOT / "course" / "models" / "frozen"),
                              "retrain": "never"}}


def talk_with(problem: str) -> tuple[str, int]:
    """A long talk whose last chapter holds ``problem`` (its first line marked <<HERE>>); and that line's number."""
    text = FILLER + "# The last chapter\n\nSome text first.\n\n" + problem
    lines = text.split("\n")
    number = next(i for i, line in enumerate(lines, start=1) if "<<HERE>>" in line)
    return text.replace("<<HERE>>", ""), number


def build(tmp_path, talk: str, plugins=("talkbook/cells", "talkbook/talk")):
    config = write_fixture_site(tmp_path, talk=talk, plugins=["search", *plugins])
    return build_site(config, tmp_path / "site")


def failed_at(tmp_path, caplog, problem: str, plugins=("talkbook/cells", "talkbook/talk")) -> str:
    talk, line = talk_with(problem)
    with pytest.raises(Abort):
        build(tmp_path, talk, plugins)
    where = f"{tmp_path / 'course' / 'talk.md'}:{line}"
    assert where in caplog.text, f"expected {where} in:\n{caplog.text}"
    assert "last-chapter.md" not in caplog.text, "the generated page is not what the author edits"
    return caplog.text


def test_a_link_to_a_missing_page(tmp_path, caplog):
    text = failed_at(tmp_path, caplog, "A sentence, then [a link](no-such-page.md) <<HERE>>\n")
    assert "the talk contains a link 'no-such-page.md'" in text


def test_raw_html_with_an_event_handler(tmp_path, caplog):
    text = failed_at(tmp_path, caplog, 'Look: <span onclick="alert(1)">here</span> <<HERE>>\n')
    assert "raw HTML with an event handler" in text or "event handler attribute" in text


def test_an_unknown_cell_option(tmp_path, caplog):
    text = failed_at(tmp_path, caplog, "```python {run autorn} <<HERE>>\nprint(1)\n```\n")
    assert "unknown cell option 'autorn'" in text


def test_two_cells_with_one_id_name_the_second(tmp_path, caplog):
    text = failed_at(tmp_path, caplog, "```python {run id=same}\n1\n```\n\n```python {run id=same} <<HERE>>\n2\n```\n")
    assert "two cells have the id 'same'" in text


def test_an_unknown_model_fence_option_is_the_talks_line_not_the_blocks(tmp_path, caplog):
    text = failed_at(tmp_path, caplog, "```model\ncolours\nsize: big <<HERE>>\n```\n",
                     plugins=(MODELS, "talkbook/cells", "talkbook/talk"))
    assert "unknown option 'size'" in text and "line 2" not in text


def test_a_run_cell_in_an_unknown_language(tmp_path, caplog):
    text = failed_at(tmp_path, caplog, "```cobol {run} <<HERE>>\nDISPLAY 'HI'.\n```\n")
    assert "a run cell in 'cobol', which talkbook cannot run; cells run python, js, javascript" in text


def test_a_markdown_example_of_another_language_is_not_a_cell(tmp_path):
    site = build(tmp_path, talk_with("````markdown <<HERE>>\n```cobol {run}\nDISPLAY 'HI'.\n```\n````\n")[0])
    assert "cobol" in (site / "the-last-chapter" / "index.html").read_text()


def test_quotes_nested_a_thousand_levels(tmp_path, caplog):
    text = failed_at(tmp_path, caplog, ">" * 1000 + " deep <<HERE>>\n")
    assert "quotes nested 1000 levels deep" in text


def test_lists_nested_a_thousand_levels(tmp_path, caplog):
    nested = "".join("    " * level + "- item\n" for level in range(1000))
    talk, _ = talk_with("A list: <<HERE>>\n\n" + nested)
    first_too_deep = talk.split("\n").index("    " * 101 + "- item") + 1
    with pytest.raises(Abort):
        build(tmp_path, talk)
    assert f"{tmp_path / 'course' / 'talk.md'}:{first_too_deep}: a line indented 404 columns" in caplog.text
    assert "Traceback" not in caplog.text


def test_a_heading_of_ten_thousand_characters_builds_with_a_short_folder_name(tmp_path):
    talk = FILLER + "# " + "word " * 2000 + "\n\nText.\n\n## " + "slide " * 2000 + "\n\nMore.\n"
    site = build(tmp_path, talk)
    long_ones = [p.name for p in site.iterdir() if p.is_dir() and p.name.startswith("word")]
    assert len(long_ones) == 1 and len(long_ones[0]) <= 80
    assert (site / long_ones[0] / "index.html").is_file()


def test_a_problem_keeps_the_previous_site(tmp_path, caplog):
    good, _ = talk_with("Fine. <<HERE>>\n")
    site = build(tmp_path, good)
    before = (site / "the-last-chapter" / "index.html").read_text()
    failed_at(tmp_path, caplog, "```python {run autorn} <<HERE>>\nprint(1)\n```\n")
    assert (site / "the-last-chapter" / "index.html").read_text() == before
