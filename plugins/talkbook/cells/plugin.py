"""``talkbook/cells``: fenced ```` ```python {run} ```` blocks become live cells.

A thin MkDocs adapter over :mod:`talkbook.cells.cell` (what a fence asks for)
and :mod:`talkbook.cells.render` (its HTML). It registers its own superfences
custom fence, so any mkdocs-material site gets cells by adding the plugin, and
adds the kernel's browser files (kernels/cells, Pyodide, CodeMirror, uPlot,
coi-serviceworker, the course's wheels) to the site, all from the package (:mod:`talkbook.assets`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import posixpath
import re
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from talkbook.assets import (
    KERNELS,
    add_kernel_part,
    add_package_file,
    add_vendor_files,
    bundle,
    prefix,
    project_path,
    vendor,
    vendor_entry,
    watched_paths,
)
from talkbook.cells.cell import (
    Cell,
    CellError,
    claim_fence,
    default_id,
    depends_on_earlier,
    parse_cell,
    unrunnable_fences,
)
from talkbook.cells.config import CellsConfig
from talkbook.cells.render import render_attachment, render_cell
from talkbook.cells.wheel import WheelError, build_wheel
from talkbook.fences import FenceError, register_fences
from talkbook.locations import first_line, where

log = logging.getLogger("mkdocs.plugins.talkbook.cells")

COI_SCRIPT = "coi-serviceworker.min.js"  # the minified one: every page loads it
JS_FENCES = ("js", "javascript")
# What a page with cells loads before its first run, named up front so the browser fetches them in
# one round instead of one level of the import graph after another (about 250 ms on a cold page).
PRELOAD = ("cell-page.js", "cell-view.js", "page-tools.js", "kernel.js", "settings.js", "output.js", "progress.js",
           "saved-edits.js", "python-kernel.js", "worker-client.js", "protocol.js",
           "python-worker.js", "python-runtime.js", "fetch-progress.js")
# What JavaScript cells may load into their sandbox, by npm package (their files: talkbook/vendor.json).
JS_LIBRARIES = {"tf": "@tensorflow/tfjs", "ml5": "ml5", "p5": "p5"}


class CellsPlugin(BasePlugin[CellsConfig]):
    def __init__(self):
        self.mkdocs_config = None  # errors ask it where a talk wrote the fence
        self.page_uri = ""
        self.page_cells: list[Cell] = []
        self.coi_worker = False

    def on_config(self, config):
        if not self.config.enabled:
            return
        self.mkdocs_config = config
        self.packages = [project_path(config, p) for p in self.config.packages] or [KERNELS / "python"]
        register_fences(config, "talkbook-cell", self._fence_languages(), self._format_fence, claim_fence)
        self.coi_worker = self.config.isolation and not _offline_worker_on(config)
        if self.coi_worker:
            # First of all scripts: it reloads the page once, the sooner the better.
            config.extra_javascript.insert(0, ExtraScriptValue(COI_SCRIPT))
        entry = ExtraScriptValue(f"{self._asset_prefix}/cells.js")
        entry.type = "module"
        config.extra_javascript.append(entry)
        config.extra_css.append(f"{self._asset_prefix}/cells.css")
        return config

    # Late, so that pages other plugins generated (the talk's chapters and deck) are already
    # there and a hand-written file of the same name (a course's own coi-serviceworker.min.js) wins.
    @event_priority(-60)
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        add_kernel_part(files, config, "cells")
        add_vendor_files(files, config, vendor("pyodide"))
        add_vendor_files(files, config, vendor("pyodide-start"))
        add_vendor_files(files, config, vendor("uplot"))
        if self.coi_worker:
            add_package_file(files, config, COI_SCRIPT, vendor("coi-serviceworker").root / COI_SCRIPT)
        codemirror, source = bundle("codemirror")
        add_package_file(files, config, codemirror, source)
        if self.config.javascript:
            self._add_javascript_kernel(files, config)
        wheels = [self._add_wheel(files, config, project) for project in self.packages]
        settings = self._render_settings(codemirror, wheels, _models_index(config))
        files.append(File.generated(config, f"{self._asset_prefix}/settings.js", content=settings))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config, files: Files) -> str:
        self.page_uri = page.file.src_uri
        self.page_cells = []
        if self.config.enabled:
            languages = self._fence_languages()
            for kind, language, line in unrunnable_fences(markdown, languages)[:1]:
                self._fail(f"a {kind} cell in '{language}', which talkbook cannot run; cells run {', '.join(languages)}", line)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config, files: Files) -> str:
        if self.config.enabled:
            self._check_attachments(page, config)
        return html

    def on_post_page(self, output: str, *, page: Page, config) -> str:
        """Pages with cells preload the kernel's modules."""
        if not self.config.enabled or "data-talkbook-cell" not in output or "</head>" not in output:
            return output
        links = "".join(
            f'<link rel="modulepreload" href="{get_relative_url(f"{self._asset_prefix}/{name}", page.url)}">'
            for name in PRELOAD
        )
        return output.replace("</head>", links + "</head>", 1)

    def on_serve(self, server, *, config, builder):
        if self.config.enabled:
            for path in watched_paths("cells", "js"):
                server.watch(path)
            for project in self.packages:
                server.watch(str(project))
        return server

    # -- the custom fence ------------------------------------------------------------------

    def _fence_languages(self) -> tuple[str, ...]:
        return (self.config.language, *(JS_FENCES if self.config.javascript else ()))

    def _format_fence(self, src, language, class_name, options, md, **kwargs) -> str:
        # A bad fence raises FenceError (talkbook.fences): the one exception superfences passes on.
        kernel_language = "javascript" if language in JS_FENCES else "python"
        try:
            cell = parse_cell(src, options, kwargs.get("id_value") or "")
            if kernel_language == "javascript" and cell.kind != "run":
                raise CellError(f"exercises ({cell.kind} blocks) are for Python cells; this one is JavaScript")
        except CellError as error:
            quoted = re.search(r"'([^']+)'", str(error))
            self._fail(str(error), quoted.group(1) if quoted else first_line(src))
        if cell.kind != "run":
            self.page_cells.append(cell)
            return render_attachment(cell, self.page_uri)
        if not cell.id:
            cell.id = default_id(self.page_cells)
        if any(c.id == cell.id for c in self.page_cells if c.kind == "run"):
            self._fail(f"two cells have the id '{cell.id}'", cell.id, nth=2)
        depends = depends_on_earlier(cell, self.page_cells)
        self.page_cells.append(cell)
        highlighted = self._render_static_code(src, md, language)
        return render_cell(cell, highlighted, depends, page=self.page_uri, language=kernel_language)

    def _fail(self, message: str, needle: str, nth: int = 1):
        raise FenceError(f"talkbook/cells: {where(self.mkdocs_config, self.page_uri, needle, nth)}: {message}")

    def _render_static_code(self, src: str, md, language: str) -> str:
        """The site's own highlighting, exactly as an unmarked block of that language gets it."""
        fences = md.preprocessors["fenced_code_block"]
        return fences.highlight(src=src, language=language, options={}, md=md, classes=[], id_value="", attrs={})

    def _check_attachments(self, page: Page, config) -> None:
        ids = {cell.id for cell in self.page_cells if cell.kind == "run"}
        for cell in self.page_cells:
            if cell.kind != "run" and cell.target not in ids:
                raise PluginError(
                    f"talkbook/cells: {where(config, page.file.src_uri, f'for={cell.target}')}: option 'for={cell.target}' of a {cell.kind} block "
                    f"names no run cell on this page (ids: {', '.join(sorted(ids)) or 'none'})"
                )

    # -- site files --------------------------------------------------------------------------

    @property
    def _asset_prefix(self) -> str:
        return prefix("cells")

    def _add_javascript_kernel(self, files: Files, config) -> None:
        """The JS kernel's modules, and the libraries its sandbox loads (only when a cell uses them)."""
        add_kernel_part(files, config, "js")
        for package in (*JS_LIBRARIES.values(), "acorn"):
            add_vendor_files(files, config, vendor(package))

    def _javascript_paths(self, relative, models_index: str | None) -> dict:
        libraries = {name: [relative(vendor(package).url(path)) for path in vendor(package).files]
                     for name, package in JS_LIBRARIES.items()}
        runtime = ["sandbox-net.js", "sandbox-runtime.js", "sandbox-sketch.js"]
        acorn = vendor("acorn")
        return {
            "runtime": [relative(f"{prefix('js')}/{name}") for name in runtime],
            "libraries": libraries,
            "acorn": relative(acorn.url(acorn.files[0])),
            "models": relative(models_index) if models_index else None,
            "site": relative(".") + "/",
        }

    def _add_wheel(self, files: Files, config, project: Path) -> str:
        try:
            wheel = build_wheel(project)
        except (WheelError, OSError, KeyError) as error:
            raise PluginError(f"talkbook/cells: cannot build a wheel from {project}: {error}") from None
        uri = f"{prefix('wheels')}/{wheel.filename}"
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, content=wheel.content))
        return uri

    def _render_settings(self, codemirror: str, wheels: list[str], models_index: str | None) -> str:
        def relative(uri: str) -> str:
            return posixpath.relpath(uri, self._asset_prefix)

        pyodide = vendor("pyodide")
        start = vendor("pyodide-start")
        uplot = vendor("uplot")
        paths = {
            "pyodide": relative(pyodide.url_prefix) + "/",
            "gzipped": [relative(pyodide.url(f[:-3])) for f in pyodide.files if f.endswith(".gz")],
            "stdlib": relative(start.url("python_stdlib.zip")),
            "snapshot": relative(start.url("snapshot.bin.gz")) if self._snapshot_usable(start) else None,
            "codemirror": relative(codemirror),
            "uplot": relative(uplot.url("dist/uPlot.esm.js")),
            "uplotCss": relative(uplot.url("dist/uPlot.min.css")),
            "wheels": [relative(uri) for uri in wheels],
            "js": self._javascript_paths(relative, models_index) if self.config.javascript else None,
        }
        return (
            "// Generated by the talkbook/cells plugin: where the kernel's files are, from this module.\n"
            "const here = (path) => new URL(path, import.meta.url).href;\n"
            f"const paths = {json.dumps(paths, indent=2)};\n"
            "export default {\n"
            "  pyodide: here(paths.pyodide),\n"
            "  gzipped: paths.gzipped.map(here),\n"
            "  stdlib: here(paths.stdlib),\n"
            "  snapshot: paths.snapshot && here(paths.snapshot),\n"
            "  codemirror: here(paths.codemirror),\n"
            "  uplot: here(paths.uplot),\n"
            "  uplotCss: here(paths.uplotCss),\n"
            "  wheels: paths.wheels.map(here),\n"
            f"  timeout: {json.dumps(self.config.timeout)},\n"
            "  js: paths.js && {\n"
            "    runtimeUrls: paths.js.runtime.map(here),\n"
            "    libraries: Object.fromEntries(Object.entries(paths.js.libraries).map(([k, v]) => [k, v.map(here)])),\n"
            "    acornUrl: here(paths.js.acorn),\n"
            "    modelsIndex: paths.js.models && here(paths.js.models),\n"
            "    baseUrl: here(paths.js.site),\n"
            f"    backend: {json.dumps(self.config.js_backend)},\n"
            "  },\n"
            "};\n"
        )


    def _snapshot_usable(self, start) -> bool:
        """The snapshot holds talkbook's kernel and scratchnet as they were when it was made: use it only
        while they are unchanged (an edited kernel in a development checkout starts cold, and says why)."""
        if not self.config.snapshot:
            return False
        current = _sources_hash(KERNELS, _snapshot_sources(KERNELS))
        if current != vendor_entry(start.name).get("sources"):
            log.info("talkbook/cells: Python starts without its snapshot: the kernel's Python changed since "
                     "it was made (run `make assets`)")
            return False
        return True


def _snapshot_sources(kernels: Path) -> list[str]:
    """The Python files the snapshot holds, as kernels/build/pyodide-start.mjs lists them."""
    files = []
    for folder in ("cells/python", "python/scratchnet"):
        files += sorted(p.relative_to(kernels).as_posix() for p in (kernels / folder).rglob("*.py")
                        if "__pycache__" not in p.parts)
    return files


def _sources_hash(kernels: Path, files: list[str]) -> str:
    digest = hashlib.sha256()
    for name in files:
        digest.update(f"{name}\n".encode())
        digest.update((kernels / name).read_bytes())
        digest.update(b"\n")
    return digest.hexdigest()


def _models_index(config) -> str | None:
    """The catalogue talkbook/models publishes (JS cells load the course's models by name), if it is on."""
    models = config.plugins.get("talkbook/models")
    if not (models and models.config.enabled):
        return None
    return f"{models.config.site_path.strip('/')}/index.json"


def _offline_worker_on(config) -> bool:
    """talkbook/offline's service worker adds the isolation headers itself: a scope has one worker."""
    offline = config.plugins.get("talkbook/offline")
    return bool(offline and offline.config.enabled)
