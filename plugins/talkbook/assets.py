"""Where talkbook's browser files live, the URLs they get in a site, and how plugins add them.

The one module every plugin asks, so none of them knows the repository's layout:

* talkbook's own ES modules and styles ship as the package ``talkbook.kernels``
  (the repository's ``kernels/`` folder) and are served under the versioned
  prefix ``assets/talkbook/<version>/<part>/``;
* the self-hosted npm libraries, listed once in ``talkbook/vendor.json``, ship
  in ``talkbook/bundled/`` (written by ``make assets``) and are served under
  ``assets/vendor/<package>/<version>/``, one copy however many plugins or decks use them.

Both are resolved with :mod:`importlib.resources`, so an installed wheel needs no Node and no network.
"""

from __future__ import annotations

import atexit
import json
import posixpath
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from talkbook import __version__

PREFIX = f"assets/talkbook/{__version__}"
VENDOR_ROOT = "assets/vendor"

_resources = ExitStack()
atexit.register(_resources.close)


def _resolve(anchor: str, *parts: str) -> Path:
    """A package resource as a real path (it already is one, unless installed as a zip)."""
    return Path(_resources.enter_context(as_file(files(anchor).joinpath(*parts))))


KERNELS = _resolve("talkbook.kernels")
BUNDLED = _resolve("talkbook", "bundled")


def project_path(config, relative: str) -> Path:
    """A path of the author's project, given relative to its mkdocs.yml."""
    return (Path(config.config_file_path or ".").resolve().parent / relative).resolve()


def prefix(part: str) -> str:
    """Site-relative folder of one part of talkbook's own browser code (``cells``, ``deck``, ...)."""
    return f"{PREFIX}/{part}"


@dataclass(frozen=True)
class VendorPackage:
    """One npm package, as bundled: its pinned version and the files pages load."""

    name: str
    version: str
    root: Path
    files: tuple[str, ...]

    @property
    def url_prefix(self) -> str:
        """Site-relative folder the package's files are served from."""
        return f"{VENDOR_ROOT}/{self.name}/{self.version}"

    def url(self, relative: str) -> str:
        return f"{self.url_prefix}/{relative}"


@cache
def manifest() -> dict:
    """``bundled/manifest.json``: what ``make assets`` put into the package."""
    path = BUNDLED / "manifest.json"
    if not path.is_file():
        raise PluginError(
            f"talkbook: the browser libraries are missing from this installation ({BUNDLED}). "
            "Reinstall talkbook from its wheel; when developing talkbook itself, run `make assets`."
        )
    return json.loads(path.read_text(encoding="utf-8"))


def vendor_entry(name: str) -> dict:
    """What the manifest says of a bundled package: version, files, and for generated ones their sources."""
    entry = manifest()["packages"].get(name)
    if entry is None:
        raise PluginError(f"talkbook: '{name}' is not among the bundled browser libraries; list it in talkbook/vendor.json")
    return entry


def vendor(name: str) -> VendorPackage:
    """A bundled npm package by name (``reveal.js``, ``pyodide``, ``@tensorflow/tfjs``...)."""
    entry = vendor_entry(name)
    return VendorPackage(name=name, version=entry["version"], root=BUNDLED / entry["root"], files=tuple(entry["files"]))


def bundle(name: str) -> tuple[str, Path]:
    """An esbuild bundle (``codemirror``, ``offline-worker``): its site URI and its file."""
    entry = manifest()["bundles"][name]
    filename = posixpath.basename(entry["file"])
    return f"{VENDOR_ROOT}/{name}/{entry['version']}/{filename}", BUNDLED / entry["file"]


def add_vendor_files(files: Files, config, package: VendorPackage, relatives: list[str] | None = None) -> None:
    """Register files of ``package`` (all it bundles, by default) as site files, once however many plugins ask."""
    for relative in package.files if relatives is None else relatives:
        source = package.root / relative
        if not source.is_file():
            raise PluginError(
                f"talkbook: {package.name}@{package.version} has no bundled file '{relative}' ({source}); "
                "add it to talkbook/vendor.json and run `make assets`"
            )
        add_package_file(files, config, package.url(relative), source)


def add_package_file(files: Files, config, uri: str, source: Path) -> None:
    """Register one of talkbook's own files at ``uri``; a file the site already has there wins."""
    if files.get_file_from_path(uri) is not None:
        return
    files.append(File.generated(config, uri, abs_src_path=str(source)))


def add_kernel_part(files: Files, config, part: str, pattern: str = "**/*") -> None:
    """Register every file of ``kernels/<part>`` (ES modules, CSS) under ``prefix(part)``."""
    root = KERNELS / part
    for source in sorted(root.glob(pattern)):
        if source.is_file() and "__pycache__" not in source.parts:
            add_package_file(files, config, f"{prefix(part)}/{source.relative_to(root).as_posix()}", source)


def watched_paths(*parts: str) -> list[str]:
    """Folders ``mkdocs serve`` watches: the kernel parts a plugin serves (live in an editable install)."""
    return [str(KERNELS / part) for part in parts]
