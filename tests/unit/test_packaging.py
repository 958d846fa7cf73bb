"""Building the wheel: never one without the browser files, never one with stale ones."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.support.product import BUILD_PYTHON
from tests.support.sites import ROOT


@pytest.fixture
def source_tree(tmp_path):
    """A copy of the repository's tracked files, as a fresh clone has them (no bundle yet)."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    tree = tmp_path / "talkbook"
    for name in filter(None, tracked.decode().split("\0")):
        if (ROOT / name).is_file():
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, tree / name)
    return tree


def build(tree, out):
    return subprocess.run([str(BUILD_PYTHON), "-m", "build", "--no-isolation", "--outdir", str(out), str(tree)],
                          capture_output=True, text=True)


def test_a_tree_without_the_bundle_builds_no_wheel_and_says_what_to_run(source_tree, tmp_path):
    result = build(source_tree, tmp_path / "dist")
    assert result.returncode != 0
    assert "plugins/talkbook/bundled/ is missing" in result.stdout + result.stderr
    assert "Run `make assets`" in result.stdout + result.stderr
    assert not (tmp_path / "dist").exists() or not list((tmp_path / "dist").glob("*.whl"))


def test_a_bundle_older_than_package_lock_builds_no_wheel(source_tree, tmp_path):
    shutil.copytree(ROOT / "plugins" / "talkbook" / "bundled", source_tree / "plugins" / "talkbook" / "bundled")
    manifest_path = source_tree / "plugins" / "talkbook" / "bundled" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["packages"]["reveal.js"]["version"] = "5.0.0"
    manifest_path.write_text(json.dumps(manifest))
    result = build(source_tree, tmp_path / "dist")
    assert result.returncode != 0
    assert "bundled/ is stale: reveal.js 5.0.0 (package-lock.json: " in result.stdout + result.stderr
    assert not (tmp_path / "dist").exists() or not list((tmp_path / "dist").glob("*.whl"))
