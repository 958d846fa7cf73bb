"""Refuse to build a wheel or sdist that lacks the browser files (everything else is in pyproject.toml)."""

import json
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "plugins" / "talkbook" / "bundled" / "manifest.json"
LOCK = HERE / "package-lock.json"


def require_bundled():
    """The wheel must carry every vendored library, at the versions package-lock.json pins."""
    if not MANIFEST.is_file():
        raise SystemExit(
            "talkbook: plugins/talkbook/bundled/ is missing, and a wheel without it builds broken sites.\n"
            "Run `make assets` (npm ci, then node kernels/build/bundle.mjs), then build again."
        )
    if LOCK.is_file():  # in the repository; an sdist carries the bundle but not the lock
        locked = json.loads(LOCK.read_text(encoding="utf-8"))["packages"]
        bundled = json.loads(MANIFEST.read_text(encoding="utf-8"))
        entries = [*bundled["packages"].items(), *bundled["licenses"].items()]
        stale = sorted({
            f"{name} {entry['version']} (package-lock.json: {locked[f'node_modules/{name}']['version']})"
            for name, entry in entries
            if locked.get(f"node_modules/{name}", {}).get("version", entry["version"]) != entry["version"]
        })
        if stale:
            raise SystemExit(f"talkbook: plugins/talkbook/bundled/ is stale: {', '.join(stale)}. Run `make assets`.")


class BuildPy(build_py):
    def run(self):
        if not getattr(self, "editable_mode", False):  # an editable install reads the source tree
            require_bundled()
        super().run()


class Sdist(sdist):
    def run(self):
        require_bundled()
        super().run()


setup(cmdclass={"build_py": BuildPy, "sdist": Sdist})
