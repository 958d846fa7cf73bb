"""`talkbook new` and `talkbook --version`, run as an author runs them (a subprocess)."""

from __future__ import annotations

import subprocess
import sys

import yaml

from talkbook import __version__
from tests.support.sites import build_site


def talkbook(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "talkbook.cli", *args], cwd=cwd, capture_output=True, text=True)


def test_version():
    result = talkbook("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"talkbook {__version__}"


def test_new_writes_a_project_that_builds_strictly(tmp_path):
    result = talkbook("new", "my-course", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "mkdocs serve" in result.stdout
    project = tmp_path / "my-course"
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    assert config["site_name"] == "My course"
    assert (project / ".gitignore").read_text().startswith("site/")
    assert "mkdocs serve" in (project / "README.md").read_text()
    talk = (project / "talks" / "intro.md").read_text()
    for marker in ("::: notes", "```python {run", "```js {run", "```python {check", "```python {solution"):
        assert marker in talk
    assert talk.count("\n# ") >= 2, "two chapters"
    site = build_site(project / "mkdocs.yml", tmp_path / "site")
    for page in ("hello", "your-turn", "slides"):
        assert (site / page / "index.html").is_file()
    assert not list(tmp_path.glob(".my-course.new-*")), "no draft folder is left behind"


def test_a_title_with_markup_and_quotes_is_written_safely(tmp_path):
    title = 'Cats: "<b>why</b>" & dogs'
    assert talkbook("new", "p", "--title", title, cwd=tmp_path).returncode == 0
    assert yaml.safe_load((tmp_path / "p" / "mkdocs.yml").read_text())["site_name"] == title
    assert "&lt;b&gt;" in (tmp_path / "p" / "docs" / "index.md").read_text()
    site = build_site(tmp_path / "p" / "mkdocs.yml", tmp_path / "site")
    article = (site / "index.html").read_text().split('<article class="md-content__inner md-typeset">')[1]
    assert "&lt;b&gt;why&lt;/b&gt;" in article and "<b>" not in article


def test_new_into_an_existing_empty_folder_works(tmp_path):
    (tmp_path / "empty").mkdir()
    assert talkbook("new", "empty", cwd=tmp_path).returncode == 0
    assert (tmp_path / "empty" / "mkdocs.yml").is_file()


def test_new_refuses_a_folder_that_is_not_empty_and_writes_nothing(tmp_path):
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    result = talkbook("new", "taken", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("talkbook: taken exists and is not empty")
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert (folder / "notes.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"], "no draft folder is left behind"


def test_new_refuses_a_file_in_the_way(tmp_path):
    (tmp_path / "file").write_text("x")
    result = talkbook("new", "file", cwd=tmp_path)
    assert result.returncode == 2 and "is not a folder" in result.stderr
    assert (tmp_path / "file").read_text() == "x"


def test_new_without_a_path_is_a_usage_error():
    result = talkbook("new")
    assert result.returncode == 2 and "PATH" in result.stderr
