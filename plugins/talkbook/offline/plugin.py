"""``talkbook/offline``: a service worker caches the course as the reader uses it.

Pages come from the network first (a new build shows as soon as it is deployed) and
from the cache when the network fails; versioned vendor files (Pyodide, TF.js, ml5,
p5) from the cache first. The site's pages and small files are precached in the
background once the worker is active, so chapters not yet opened open offline too. When the site wants
cross-origin isolation the same worker adds COOP/COEP, in place of talkbook/cells'
coi-serviceworker (a scope has one service worker). The worker is Workbox, bundled
into the package by ``make assets``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from talkbook.offline.config import OfflineConfig
from talkbook.offline.manifest import (
    REGISTER_NAME,
    WORKER_NAME,
    precache_entries,
    render_register,
    render_worker,
    vendor_folders,
)
from talkbook.assets import KERNELS, bundle
from talkbook.staging import write_text_atomic

log = logging.getLogger("mkdocs.plugins.talkbook.offline")


class OfflinePlugin(BasePlugin[OfflineConfig]):
    def __init__(self):
        self.serving = False
        self.isolation = False

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    # Late, so that the registration is inserted last at the front: the first script of the page.
    @event_priority(-100)
    def on_config(self, config):
        if not self.config.enabled:
            return
        self.bundle = bundle("offline-worker")[1]
        self.isolation = self._wants_isolation(config)
        config.extra_javascript.insert(0, ExtraScriptValue(REGISTER_NAME))
        return config

    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        template = (KERNELS / "offline" / "register.js").read_text(encoding="utf-8")
        content = render_register(template, isolation=self.isolation)
        files.append(File.generated(config, REGISTER_NAME, content=content))
        return files

    # After search wrote its index (and other plugins their files), before talk swaps the staged site in.
    @event_priority(-90)
    def on_post_build(self, *, config):
        if not self.config.enabled:
            return
        site_dir = Path(config.site_dir)
        precache = []
        if self.config.precache and not self.serving:
            precache = precache_entries(
                site_dir,
                directory_urls=config.use_directory_urls,
                max_bytes=self.config.precache_max_kb * 1024,
                exclude=self.config.precache_exclude,
            )
        worker = render_worker(
            self.bundle.read_text(encoding="utf-8"),
            precache=precache,
            vendor=vendor_folders(site_dir),
            isolation=self.isolation,
        )
        # Without talkbook/talk's staged build, site_dir is the live site: never half a worker there.
        write_text_atomic(site_dir / WORKER_NAME, worker)
        log.debug("talkbook/offline: %d files precached", len(precache))

    def _wants_isolation(self, config) -> bool:
        if self.config.isolation is not None:
            return self.config.isolation
        cells = config.plugins.get("talkbook/cells")
        return bool(cells and cells.config.enabled and cells.config.isolation)
