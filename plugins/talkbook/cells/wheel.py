"""Build a pure-Python project into a wheel the kernel installs with ``pyodide.loadPackage``.

A standard wheel (PEP 427: the package files, METADATA, WHEEL and a hashed RECORD)
written with the standard library only, so building the site needs neither network
nor setuptools, and the same sources always give the same bytes (fixed timestamps),
which keeps browser caches valid between builds.
"""

from __future__ import annotations

import base64
import hashlib
import io
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

_EPOCH = (1980, 1, 1, 0, 0, 0)


class WheelError(ValueError):
    pass


@dataclass(frozen=True)
class Wheel:
    name: str
    filename: str
    content: bytes


def build_wheel(project: Path) -> Wheel:
    """Read ``project/pyproject.toml`` and zip its packages (``*.py`` only) into a wheel."""
    manifest = project / "pyproject.toml"
    if not manifest.is_file():
        raise WheelError(f"{project} has no pyproject.toml")
    meta = tomllib.loads(manifest.read_text(encoding="utf-8"))["project"]
    name, version = meta["name"], meta["version"]
    if meta.get("dependencies"):
        raise WheelError(f"{name} has dependencies; the offline kernel can only install self-contained packages")
    dist = f"{name.replace('-', '_')}-{version}"
    files = {path.relative_to(project).as_posix(): path.read_bytes() for path in _sources(project, name)}
    if not files:
        raise WheelError(f"{project} holds no Python package named {name}")
    files[f"{dist}.dist-info/METADATA"] = _metadata(meta).encode()
    files[f"{dist}.dist-info/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: talkbook\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = f"{dist}.dist-info/RECORD"
    lines = [f"{path},{_digest(data)},{len(data)}" for path, data in files.items()] + [f"{record},,"]
    files[record] = ("\n".join(lines) + "\n").encode()
    return Wheel(name=name, filename=f"{dist}-py3-none-any.whl", content=_zip(files))


def _sources(project: Path, name: str) -> list[Path]:
    packages = [project / name.replace("-", "_")]
    return sorted(
        path for package in packages for path in package.rglob("*.py") if "__pycache__" not in path.parts
    )


def _metadata(meta: dict) -> str:
    lines = ["Metadata-Version: 2.1", f"Name: {meta['name']}", f"Version: {meta['version']}"]
    if meta.get("description"):
        lines.append(f"Summary: {meta['description']}")
    if meta.get("requires-python"):
        lines.append(f"Requires-Python: {meta['requires-python']}")
    return "\n".join(lines) + "\n"


def _digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            info = zipfile.ZipInfo(path, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
