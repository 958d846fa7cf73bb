"""Staleness and ``python -m talkbook.models``: what retrains, what only warns."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import pytest

from talkbook.models import catalog
from talkbook.models.__main__ import main
from talkbook.models.recipe import TrainingUnavailable
from talkbook.models.store import Store
from tests.support.recipes import TINY
from tests.support.sites import build_site, write_fixture_site




@pytest.fixture
def course(tmp_path):
    recipes = tmp_path / "models"
    recipes.mkdir()
    (recipes / "tiny.py").write_text(TINY, encoding="utf-8")
    return recipes


def cli(course: Path, *args: str) -> int:
    return main([*args, "--recipes", str(course), "--store", str(course / "frozen")])


def test_retrain_freezes_then_leaves_fresh_recipes_alone(course, capsys):
    assert cli(course, "retrain") == 0
    assert "tiny             retrained" in capsys.readouterr().out
    card = course / "frozen" / "tiny" / "card.json"
    stamp = card.stat().st_mtime_ns
    assert cli(course, "retrain") == 0 and "tiny             fresh" in capsys.readouterr().out
    assert card.stat().st_mtime_ns == stamp
    assert cli(course, "retrain", "--only", "tiny", "--force") == 0
    assert "retrained" in capsys.readouterr().out


def test_editing_a_recipe_makes_it_stale(course, caplog):
    assert cli(course, "retrain") == 0
    assert cli(course, "verify") == 0
    (course / "tiny.py").write_text(TINY.replace('"epochs": 2', '"epochs": 3'), encoding="utf-8")
    assert not Store(course / "frozen").is_fresh("tiny", catalog.recipes.content_hash(course / "tiny.py"))
    assert cli(course, "verify") == 1
    assert "tiny.py changed since 'tiny' was frozen" in caplog.text


def test_without_tensorflow_a_stale_recipe_only_warns(course, monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "tensorflow", None)
    statuses = catalog.refresh(course, Store(course / "frozen"), retrain="auto", log=logging.getLogger("t"))
    assert [(s.name, s.state) for s in statuses] == [("tiny", "missing")]
    assert f"{course / 'tiny.py'} has never been frozen (tensorflow not installed)" in caplog.text
    assert "`make models` (or `python -m talkbook.models retrain --only tiny`)" in caplog.text
    assert not (course / "frozen" / "tiny").exists()


def test_retrain_always_without_tensorflow_fails_loudly(course, monkeypatch):
    monkeypatch.setitem(sys.modules, "tensorflow", None)
    with pytest.raises(TrainingUnavailable, match="train' extra"):
        catalog.refresh(course, Store(course / "frozen"), retrain="always", log=logging.getLogger("t"))


def test_an_unknown_only_name_fails_naming_it(course, caplog):
    assert cli(course, "retrain", "--only", "tine") == 1
    assert "no recipe named 'tine' (recipes here: tiny)" in caplog.text


def test_a_build_retrains_a_stale_recipe_when_tensorflow_is_there(course, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    plugin = {"recipes": "models", "store": "models/frozen", "retrain": "auto"}
    config = write_fixture_site(tmp_path, plugins=[{"talkbook/models": plugin}])
    site = build_site(config, tmp_path / "site")
    assert (site / "assets" / "models" / "tiny" / "model.json").is_file()
    assert "tiny epoch 2/2" in caplog.text  # per-epoch progress reaches the MkDocs log
    index = json.loads((site / "assets" / "models" / "index.json").read_text())
    assert index["models"][0]["url"] == "tiny/model.json"
