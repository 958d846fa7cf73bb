"""Self-hosted browser libraries: copy just the files a page needs out of node_modules.

Every library lands in the site under ``assets/vendor/<name>/<version>/`` so that
several plugins and every page share one copy, caches stay valid across releases,
and ``node_modules`` itself is never served.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

VENDOR_ROOT = "assets/vendor"


@dataclass(frozen=True)
class VendorPackage:
    """One npm package installed under ``node_modules``."""

    name: str
    version: str
    root: Path

    @property
    def url_prefix(self) -> str:
        """Site-relative folder the package's files are served from."""
        return f"{VENDOR_ROOT}/{self.name}/{self.version}"

    def url(self, relative: str) -> str:
        return f"{self.url_prefix}/{relative}"


def find_package(node_modules: Path, name: str) -> VendorPackage:
    """Locate an npm package and read its pinned version, or explain how to install it."""
    manifest = node_modules / name / "package.json"
    if not manifest.is_file():
        raise PluginError(
            f"talkbook: the npm package '{name}' is not installed in {node_modules}. "
            "Run `npm ci` (or `make site`) in the project root."
        )
    version = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    return VendorPackage(name=name, version=version, root=manifest.parent)


def add_vendor_files(files: Files, config, package: VendorPackage, relatives: list[str]) -> None:
    """Register the listed files of ``package`` as site files (once, however many plugins ask)."""
    for relative in relatives:
        source = package.root / relative
        if not source.is_file():
            raise PluginError(
                f"talkbook: {package.name}@{package.version} has no file '{relative}'. "
                "Run `npm ci` so node_modules matches package-lock.json."
            )
        uri = package.url(relative)
        if files.get_file_from_path(uri) is not None:
            continue
        files.append(File.generated(config, uri, abs_src_path=str(source)))


def add_package_file(files: Files, config, uri: str, source: Path) -> None:
    """Register one of talkbook's own static files (kernels/, templates) at ``uri``."""
    if files.get_file_from_path(uri) is not None:
        return
    files.append(File.generated(config, uri, abs_src_path=str(source)))


def add_static_tree(files: Files, config, uri_prefix: str, root: Path, pattern: str = "**/*") -> None:
    """Register every file below ``root`` (ES modules, CSS) under ``uri_prefix``."""
    for source in sorted(root.glob(pattern)):
        if source.is_file():
            add_package_file(files, config, f"{uri_prefix}/{source.relative_to(root).as_posix()}", source)
