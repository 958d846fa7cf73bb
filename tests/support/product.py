"""talkbook as an author gets it: the wheel, installed into a fresh venv outside the checkout.

Commands run with only the venv's ``bin/`` on PATH, so no ``node`` or ``npm`` can be reached,
and from a folder outside the repository, so nothing can be found by its layout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.support.sites import ROOT

BUILD_PYTHON = ROOT / ".build-venv" / "bin" / "python"


def build_dist(out: Path) -> tuple[Path, Path]:
    """``python -m build`` (sdist, then the wheel from the sdist), as `make wheel` runs it."""
    if not BUILD_PYTHON.is_file():
        raise RuntimeError(f"{BUILD_PYTHON} is missing: run `make test-deps` (it makes the build venv)")
    result = subprocess.run([str(BUILD_PYTHON), "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"python -m build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return next(out.glob("talkbook-*.whl")), next(out.glob("talkbook-*.tar.gz"))


def wheel_members(wheel: Path) -> dict[str, int]:
    """Each file of the wheel and its size in bytes, uncompressed."""
    with zipfile.ZipFile(wheel) as archive:
        return {info.filename: info.file_size for info in archive.infolist() if not info.is_dir()}


def author_env(venv: Path) -> dict[str, str]:
    """The environment of an author's shell with this venv active and no Node anywhere."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON", "VIRTUAL_ENV", "PIP_REQUIRE", "NODE"))}
    env.update(PATH=str(venv / "bin"), VIRTUAL_ENV=str(venv), NO_MKDOCS_2_WARNING="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    return env


def make_venv(venv: Path, *requirements: str) -> None:
    """A fresh venv with ``requirements`` installed by pip, dependencies from the package index."""
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(venv)], check=True, capture_output=True)
    run(venv, ["pip", "install", "-q", *requirements], cwd=venv)


def run(venv: Path, argv: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    """Run one of the venv's commands (``mkdocs``, ``talkbook``, ``pip``) as the author would."""
    env = author_env(venv)
    assert shutil.which("node", path=env["PATH"]) is None and shutil.which("npm", path=env["PATH"]) is None
    executable = venv / "bin" / argv[0]
    result = subprocess.run([str(executable), *argv[1:]], cwd=cwd, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(argv)} failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result
