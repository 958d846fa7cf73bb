"""A build killed mid-write keeps the previous site and the freeze store intact; the next one recovers.

Each test starts the real command in a child process with one writer paused at a chosen call
(tests/support/paused.py), so the kill lands mid-write every time; it kills it with SIGKILL (no
cleanup code runs) and looks at what is left.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support.sites import ROOT, build_site, write_fixture_site
from tests.support.recipes import TINY

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def paused(marker: Path, count: int, target: str, command: list[str]) -> list[str]:
    """``command`` run with ``target`` paused at its ``count``-th call (see tests/support/paused.py)."""
    return [sys.executable, "-m", "tests.support.paused", str(marker), str(count), target, "--", *command]


def kill_when_paused(process: subprocess.Popen, marker: Path) -> None:
    """SIGKILL ``process`` once it sits paused mid-write; fail if it ends first."""
    while not marker.exists():
        if process.poll() is not None:
            raise AssertionError(f"the command ended before it was paused mid-write: {process.stdout.read()}")
        time.sleep(0.01)  # polling a marker the child writes; the kill itself does not depend on timing
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_killing_a_build_mid_write_keeps_the_previous_site(tmp_path):
    talk = "".join(f"# Chapter {n}\n\n## Slide {n}\n\n" + "Words. " * 300 + "\n\n" for n in range(150))
    config = write_fixture_site(tmp_path, talk=talk, plugins=["search", {"talkbook/talk": {}}])
    site = build_site(config, tmp_path / "site")
    before = snapshot(site)
    staging = tmp_path / ".site.staging"

    marker = tmp_path / "paused"
    command = paused(marker, 21, "mkdocs.utils:write_file", ["mkdocs", "build", "-f", str(config)])
    build = subprocess.Popen(command, cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    kill_when_paused(build, marker)
    assert 0 < len(list(staging.glob("chapter-*/index.html"))) < 150  # part of a site was in the staging folder

    assert snapshot(site) == before  # the killed build never touched the live site
    build_site(config, site)  # the next build starts over and swaps in a complete site
    assert not staging.exists()
    assert (site / "chapter-149" / "index.html").is_file() and (site / "slides" / "index.html").is_file()


def test_killing_an_export_mid_write_keeps_the_frozen_model(tmp_path):
    recipes = tmp_path / "models"
    recipes.mkdir()
    (recipes / "tiny.py").write_text(TINY, encoding="utf-8")
    store = tmp_path / "frozen"
    command = [sys.executable, "-m", "talkbook.models", "retrain", "--recipes", str(recipes), "--store", str(store)]
    subprocess.run(command, check=True, env=ENV, capture_output=True)
    before = snapshot(store / "tiny")

    marker = tmp_path / "paused"
    # Paused at its second JSON write: model.json is in the draft folder, the card is not yet.
    retrain = ["talkbook.models", *command[3:], "--force"]
    export = subprocess.Popen(paused(marker, 2, "talkbook.models.pipeline:write_json", retrain), cwd=ROOT, env=ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    kill_when_paused(export, marker)
    assert any((d / "model.json").exists() for d in store.glob(".tiny.new-*"))

    assert snapshot(store / "tiny") == before
    verify = subprocess.run([sys.executable, "-m", "talkbook.models", "verify", "--recipes", str(recipes), "--store", str(store)],
                            env=ENV, capture_output=True, text=True)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    subprocess.run([*command, "--force"], check=True, env=ENV, capture_output=True)  # the next run recovers
    assert not list(store.glob(".tiny.new-*"))
    assert snapshot(store / "tiny") == before  # deterministic training: the same bytes again
