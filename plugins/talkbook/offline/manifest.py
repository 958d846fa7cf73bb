"""What the service worker precaches, and the two scripts the plugin writes into the site.

Pure functions over a built site folder, so they are tested without MkDocs.
"""

from __future__ import annotations

import hashlib
import json
from fnmatch import fnmatch
from pathlib import Path

from talkbook.assets import VENDOR_ROOT

WORKER_NAME = "talkbook-sw.js"
REGISTER_NAME = "talkbook-offline.js"
REGISTER_SETTINGS = '/* settings */ { worker: "talkbook-sw.js", isolation: false }'


def precache_entries(site_dir: Path, *, directory_urls: bool, max_bytes: int, exclude: list[str]) -> list[dict]:
    """One ``{url, revision}`` per site file to precache, URLs relative to the site root.

    The revision is a hash of the file, so a new build refetches only what changed.
    """
    entries = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if not path.is_file() or relative == WORKER_NAME:
            continue
        if any(fnmatch(relative, pattern) for pattern in exclude):
            continue
        content = path.read_bytes()
        if len(content) > max_bytes:
            continue
        revision = hashlib.sha256(content).hexdigest()[:16]
        entries.append({"url": page_url(relative) if directory_urls else relative, "revision": revision})
    return entries


def page_url(relative: str) -> str:
    """The URL a reader navigates to: ``chapter/`` for ``chapter/index.html``, ``./`` for the home page."""
    if relative == "index.html":
        return "./"
    if relative.endswith("/index.html"):
        return relative[: -len("index.html")]
    return relative


def vendor_folders(site_dir: Path) -> list[str]:
    """This build's ``assets/vendor/<package>/<version>/`` folders (scoped packages: ``@scope/name``).

    The worker drops cached library files outside them: an upgraded Pyodide must not leave
    the old 13 MB behind in every reader's browser.
    """
    root = site_dir / VENDOR_ROOT
    packages = []
    for entry in sorted(root.iterdir()) if root.is_dir() else []:
        if entry.is_dir():
            packages.extend(sorted(entry.iterdir()) if entry.name.startswith("@") else [entry])
    return [
        f"{version.relative_to(site_dir).as_posix()}/"
        for package in packages if package.is_dir()
        for version in sorted(package.iterdir()) if version.is_dir()
    ]


def render_worker(bundle: str, *, precache: list[dict], vendor: list[str], isolation: bool) -> str:
    """The worker file: its settings, then the bundled worker that reads them."""
    settings = json.dumps({"precache": precache, "vendor": vendor, "isolation": isolation}, separators=(",", ":"))
    return f"self.__TALKBOOK_OFFLINE__ = {settings};\n{bundle}"


def render_register(template: str, *, isolation: bool) -> str:
    """The page-side script with this site's settings in place of the template's."""
    if REGISTER_SETTINGS not in template:
        raise ValueError(f"the register script has no settings line ({REGISTER_SETTINGS})")
    settings = json.dumps({"worker": WORKER_NAME, "isolation": isolation})
    return template.replace(REGISTER_SETTINGS, settings)
