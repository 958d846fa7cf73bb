"""The talkbook/models plugin inside real MkDocs builds of small fixture sites."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from talkbook.models.catalog import refresh
from talkbook.models.store import Store
from tests.support.sites import ROOT, build_site, write_fixture_site

COURSE_MODELS = ROOT / "course" / "models"


def models_site(root: Path, **options) -> Path:
    """A fixture site whose recipes and frozen artifacts are a copy of the course's."""
    shutil.copytree(COURSE_MODELS, root / "models", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "course" / "images", root / "images")  # the photos efficientnet-lite0's recipe lists
    plugin = {"recipes": "models", "store": "models/frozen", "retrain": "never",
              **options}
    return write_fixture_site(root, plugins=[{"talkbook/models": plugin}])


def edit(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + textwrap.dedent(text), encoding="utf-8")


def test_committed_course_artifacts_match_their_recipes():
    statuses = refresh(COURSE_MODELS, Store(COURSE_MODELS / "frozen"), retrain="never", log=_silent())
    assert {status.name: status.state for status in statuses} == {"colours": "fresh", "digits": "fresh", "digits-ml5": "fresh",
                                                                          "efficientnet-lite0": "fresh"}


def test_artifacts_land_under_assets_models(tmp_path):
    site = build_site(models_site(tmp_path), tmp_path / "site")
    for name in ("colours", "digits"):
        frozen = tmp_path / "models" / "frozen" / name
        served = site / "assets" / "models" / name
        card = json.loads((frozen / "card.json").read_text())
        for artifact in [*card["files"], "card.json"]:
            assert (served / artifact).read_bytes() == (frozen / artifact).read_bytes()
    assert not (site / "assets" / "models" / "colours.py").exists()


def test_index_lists_models_by_name_with_urls_relative_to_it(tmp_path):
    site = build_site(models_site(tmp_path), tmp_path / "site")
    index = json.loads((site / "assets" / "models" / "index.json").read_text())
    by_name = {entry["name"]: entry for entry in index["models"]}
    assert by_name["digits"]["labels"] == [str(d) for d in range(10)]
    for entry in index["models"]:
        for key in ("url", "metadata", "card", "examples"):
            assert (site / "assets" / "models" / entry[key]).is_file()


def test_a_build_from_frozen_artifacts_never_imports_tensorflow(tmp_path):
    config = models_site(tmp_path)
    script = textwrap.dedent(f"""
        import sys
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        build(load_config({str(config)!r}, site_dir={str(tmp_path / "site")!r}, strict=True))
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "tf_keras", "tensorflowjs", "keras"))
        print("HEAVY", heavy)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr
    assert (tmp_path / "site" / "assets" / "models" / "colours" / "model.json").is_file()


def test_importing_every_models_module_leaves_tensorflow_unloaded():
    modules = ["talkbook.models." + m for m in ("recipe", "store", "card", "catalog", "pipeline", "config", "plugin")]
    script = f"import sys\nfor m in {modules!r}: __import__(m)\n" + textwrap.dedent("""
        import talkbook.models.__main__
        print("HEAVY", sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "tf_keras", "tensorflowjs")))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr


def test_stale_recipe_without_tensorflow_warns_with_the_retrain_command(tmp_path, monkeypatch, caplog):
    for package in ("tensorflow", "tf_keras", "tensorflowjs"):
        monkeypatch.setitem(sys.modules, package, None)  # makes find_spec and import fail
    config = models_site(tmp_path, retrain="auto")
    edit(tmp_path / "models" / "colours.py", "# a comment changes the hash\n")
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site", strict=True)
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    warning = next(message for message in warnings if "colours.py" in message)
    assert "make models" in warning and "python -m talkbook.models retrain --only colours" in warning
    assert "tensorflow" in warning


def test_stale_recipe_still_serves_the_old_artifacts_when_not_strict(tmp_path):
    config = models_site(tmp_path)
    edit(tmp_path / "models" / "digits.py", "# edited\n")
    site = build_site(config, tmp_path / "site", strict=False)
    index = json.loads((site / "assets" / "models" / "index.json").read_text())
    # digits-ml5 imports the frozen digits files, which are unchanged: it stays fresh
    assert {e["name"]: e["stale"] for e in index["models"]} == {"colours": False, "digits": True, "digits-ml5": False,
                                                                "efficientnet-lite0": False}


def test_a_corrupt_artifact_stops_the_build_naming_the_file(tmp_path, caplog):
    config = models_site(tmp_path)
    shard = tmp_path / "models" / "frozen" / "digits" / "group1-shard1of1.bin"
    data = bytearray(shard.read_bytes())
    data[100] ^= 0xFF
    shard.write_bytes(bytes(data))
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert f"talkbook/models: {shard}: sha256" in caplog.text


def test_a_stale_recipe_that_raises_stops_the_build_naming_it(tmp_path, caplog):
    config = models_site(tmp_path, retrain="auto")
    edit(tmp_path / "models" / "colours.py", "raise RuntimeError('typo in the recipe')\n")
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert f"{tmp_path / 'models' / 'colours.py'}: importing the recipe raised RuntimeError: typo" in caplog.text


def test_a_disabled_plugin_adds_nothing(tmp_path):
    config = models_site(tmp_path, enabled=False)
    site = build_site(config, tmp_path / "site")
    assert not (site / "assets" / "models").exists()


def test_a_missing_recipes_folder_is_named(tmp_path, caplog):
    config = write_fixture_site(tmp_path, plugins=[{"talkbook/models": {"recipes": "nowhere"}}])
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert f"{tmp_path / 'nowhere'}: the recipes folder does not exist" in caplog.text


def _silent():
    import logging

    return logging.getLogger("test.models.silent")
