"""The kernel's wheels: built with the standard library, installable, the same bytes every time."""

import subprocess
import sys
import zipfile

import pytest

from talkbook.cells.wheel import WheelError, build_wheel
from talkbook.assets import KERNELS

MODULES = ["__init__", "activations", "neuron", "layer", "network", "losses", "train", "datasets"]


def test_scratchnet_builds_into_a_standard_wheel(tmp_path):
    wheel = build_wheel(KERNELS / "python")
    assert wheel.filename == "scratchnet-0.1.0-py3-none-any.whl"
    path = tmp_path / wheel.filename
    path.write_bytes(wheel.content)
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        metadata = archive.read("scratchnet-0.1.0.dist-info/METADATA").decode()
        record = archive.read("scratchnet-0.1.0.dist-info/RECORD").decode()
        assert archive.testzip() is None
    assert {f"scratchnet/{m}.py" for m in MODULES} <= names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert "Name: scratchnet" in metadata and "Requires-Python: >=3.11" in metadata
    assert "scratchnet/network.py,sha256=" in record
    check = "import scratchnet as sn; print(sn.Network([3, 2, 1]).forward([0.1, 0.2, 0.3])[0] > 0)"
    run = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(path)})
    assert run.stdout.strip() == "True", run.stderr


def test_the_same_sources_give_the_same_bytes():
    assert build_wheel(KERNELS / "python").content == build_wheel(KERNELS / "python").content


def test_a_project_with_dependencies_is_refused(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "needy"\nversion = "1"\ndependencies = ["numpy"]\n')
    with pytest.raises(WheelError, match="has dependencies"):
        build_wheel(tmp_path)
    with pytest.raises(WheelError, match="no pyproject.toml"):
        build_wheel(tmp_path / "nowhere")
