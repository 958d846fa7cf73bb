"""A build killed mid-write keeps the previous site and the freeze store intact; the next one recovers.

Each test starts the real command in a child process, waits until it is in the middle of
writing, kills it with SIGKILL (no cleanup code runs), and looks at what is left.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support.sites import build_site, write_fixture_site
from tests.support.recipes import TINY

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def kill_when(process: subprocess.Popen, ready, what: str) -> None:
    """SIGKILL ``process`` as soon as ``ready()`` holds; fail if it finished first."""
    deadline = time.monotonic() + 600
    while not ready():
        if process.poll() is not None:
            raise AssertionError(f"the command finished before {what}: {process.stdout.read()}")
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"never saw {what}")
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_killing_a_build_mid_write_keeps_the_previous_site(tmp_path):
    talk = "".join(f"# Chapter {n}\n\n## Slide {n}\n\n" + "Words. " * 300 + "\n\n" for n in range(150))
    config = write_fixture_site(tmp_path, talk=talk, plugins=["search", {"talkbook/talk": {}}])
    site = build_site(config, tmp_path / "site")
    before = snapshot(site)
    staging = tmp_path / ".site.staging"

    build = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-f", str(config)], cwd=tmp_path, env=ENV,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    kill_when(build, lambda: len(list(staging.glob("chapter-*/index.html"))) > 20, "pages were being written")

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

    export = subprocess.Popen([*command, "--force"], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    kill_when(export, lambda: any((d / "model.json").exists() for d in store.glob(".tiny.new-*")), "the export was writing")

    assert snapshot(store / "tiny") == before
    verify = subprocess.run([sys.executable, "-m", "talkbook.models", "verify", "--recipes", str(recipes), "--store", str(store)],
                            env=ENV, capture_output=True, text=True)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    subprocess.run([*command, "--force"], check=True, env=ENV, capture_output=True)  # the next run recovers
    assert not list(store.glob(".tiny.new-*"))
    assert snapshot(store / "tiny") == before  # deterministic training: the same bytes again
