"""scratchnet builds into a pure-Python wheel that Pyodide's micropip can install."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "kernels" / "python"
MODULES = ["__init__", "activations", "neuron", "layer", "network", "losses", "train", "datasets"]


def test_wheel_builds_and_contains_every_module(tmp_path):
    source = tmp_path / "src"  # build a copy, so no build/ or egg-info lands in the repo
    shutil.copytree(SOURCE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    wheels = tmp_path / "wheels"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(source)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    [wheel] = wheels.glob("*.whl")
    assert wheel.name == "scratchnet-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read("scratchnet-0.1.0.dist-info/METADATA").decode()
    assert {f"scratchnet/{m}.py" for m in MODULES} <= names
    assert not [n for n in names if n.startswith("tests/") or n.endswith(".pyc")]
    assert "Requires-Python: >=3.11" in metadata
    assert "Requires-Dist" not in metadata

    # the built wheel alone (not the source tree) is importable and works
    check = "import scratchnet as sn; print(sn.Network([3, 2, 1]).forward([0.1, 0.2, 0.3])[0] > 0)"
    run = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(wheel)})
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "True"
