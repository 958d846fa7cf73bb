"""Every file a built page references must be in the site: a static crawl of pages, modules and styles.

From each HTML page: scripts, style sheets, module preloads, images and import maps. From
talkbook's own ES modules (followed from there): static and dynamic imports, ``new URL(..., import.meta.url)``
(workers, wasm), the paths of generated ``settings.js`` files (gzipped ones as ``<url>.gz``, as the
worker fetches them) and the offline worker's precache list.
From style sheets: ``url()``s (of a font's ``src`` list, the first format is the one browsers load).
A referenced folder of a bundled library must hold every file talkbook bundles for it.
Anything off the site's origin counts as missing: a talkbook site makes no such request.
"""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from talkbook.assets import VENDOR_ROOT, manifest

_IMPORTS = [
    re.compile(r"""\b(?:import|export)\s[^;'"]*?\bfrom\s*["']([^"']+)["']"""),
    re.compile(r"""\bimport\s*["']([^"']+)["']"""),
    re.compile(r"""\bimport\(\s*["']([^"']+)["']\s*\)"""),
    re.compile(r"""new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)"""),
]
_LINE_COMMENT = re.compile(r"^\s*//.*$", re.M)
_SETTINGS_PATHS = re.compile(r"const paths = (\{.*?\n\});", re.S)
_OFFLINE_SETTINGS = re.compile(r"^self\.__TALKBOOK_OFFLINE__ = (\{.*?\});\n")
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
_FONT_SRC = re.compile(r"src\s*:\s*([^;}]+)")
OWN_CODE = ("assets/talkbook/", "talkbook-offline.js", "talkbook-sw.js")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.references: list[str] = []
        self.importmaps: list[str] = []
        self._in_importmap = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            if attrs.get("src"):
                self.references.append(attrs["src"])
            self._in_importmap = attrs.get("type") == "importmap"
        elif tag == "link" and attrs.get("href") and set((attrs.get("rel") or "").split()) & {
            "stylesheet", "modulepreload", "preload", "icon", "manifest"
        }:
            self.references.append(attrs["href"])
        elif tag in ("img", "source") and attrs.get("src"):
            self.references.append(attrs["src"])

    def handle_data(self, data):
        if self._in_importmap:
            self.importmaps.append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_importmap = False


def crawl(site: Path) -> tuple[set[str], list[str]]:
    """The site paths pages reach, and ``"referrer -> reference"`` for each that names no file of the site."""
    missing: list[str] = []
    reached: set[str] = set()
    queue: list[str] = []
    seen: set[str] = set()

    def check(referrer: str, reference: str) -> None:
        parts = urlsplit(reference)
        if parts.scheme in ("data", "blob") or reference.startswith("#"):
            return
        if parts.scheme or parts.netloc:
            missing.append(f"{referrer} -> {reference} (another host)")
            return
        target = posixpath.normpath(posixpath.join(posixpath.dirname(referrer), parts.path)).lstrip("/")
        reached.add(target)
        path = site / target
        if parts.path.endswith("/") or path.is_dir():
            if not path.is_dir() or not _vendor_folder_complete(site, target):
                missing.append(f"{referrer} -> {reference} (folder)")
            return
        if not path.is_file():
            missing.append(f"{referrer} -> {reference}")
        elif target not in seen:
            seen.add(target)
            queue.append(target)

    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        parser = _Page()
        parser.feed(page.read_text(encoding="utf-8"))
        for reference in parser.references:
            check(relative, reference)
        for importmap in parser.importmaps:
            for reference in json.loads(importmap).get("imports", {}).values():
                check(relative, reference)

    while queue:
        target = queue.pop()
        text = (site / target).read_text(encoding="utf-8", errors="replace")
        if target.endswith(".css"):
            _check_css(target, text, check, site)
        elif target.endswith((".js", ".mjs")) and target.startswith(OWN_CODE):
            for reference in _module_references(text):
                check(target, reference)
    return reached, missing


def _module_references(text: str) -> list[str]:
    text = _LINE_COMMENT.sub("", text)
    references = [m.group(1) for pattern in _IMPORTS for m in pattern.finditer(text)]
    references = [r for r in references if r.startswith((".", "/"))]  # bare names resolve through the import map
    settings = _SETTINGS_PATHS.search(text)
    if settings:
        paths = json.loads(settings.group(1))
        # Files the worker fetches as `<url>.gz` (fetch-progress.js): the .gz is what must exist.
        paths["gzipped"] = [f"{url}.gz" for url in paths.get("gzipped", [])]
        references += [value for value in _strings(paths) if value]
    offline = _OFFLINE_SETTINGS.match(text)
    if offline:
        references += [entry["url"] for entry in json.loads(offline.group(1))["precache"]]
    return references


def _check_css(target: str, text: str, check, site: Path) -> None:
    fonts = set()
    for declaration in _FONT_SRC.finditer(text):
        urls = _CSS_URL.findall(declaration.group(1))
        fonts.update(urls)
        if urls:
            check(target, urls[0])  # the woff2 first: the one a browser loads
    for url in _CSS_URL.findall(text):
        if url not in fonts:
            check(target, url)


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _vendor_folder_complete(site: Path, folder: str) -> bool:
    """A bundled library's folder (assets/vendor/<package>/<version>/...) holds all its bundled files."""
    if not folder.startswith(VENDOR_ROOT + "/"):
        return True
    for name, entry in manifest()["packages"].items():
        root = f"{VENDOR_ROOT}/{name}/{entry['version']}"
        if folder == root or folder.startswith(root + "/"):
            return all((site / root / relative).is_file() for relative in entry["files"])
    return True
