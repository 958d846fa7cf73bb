"""Settings of the ``talkbook/offline`` plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class OfflineConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Add COOP/COEP headers to every page the service worker serves (cross-origin isolation on
    # hosts that cannot set headers). Unset: as talkbook/cells' `isolation` asks, off without cells.
    # A scope has one service worker: with this plugin on, cells' coi-serviceworker steps aside.
    isolation = opt.Optional(opt.Type(bool))
    # Cache the site's pages and small files once the worker is active, so chapters never opened
    # still open offline. Off under `mkdocs serve`, where every rebuild would refetch them.
    precache = opt.Type(bool, default=True)
    # Files bigger than this are cached only once a page loads them (Pyodide, TF.js, ml5, p5).
    precache_max_kb = opt.Type(int, default=300)
    # Site files never precached (shell-style patterns against the site-relative path).
    precache_exclude = opt.ListOfItems(opt.Type(str), default=["*.map", "*.gz"])
