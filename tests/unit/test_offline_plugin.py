"""talkbook/offline: the precache manifest, the two scripts it writes, and how it shares the
one service worker of a scope with talkbook/cells' isolation."""

from __future__ import annotations

import json

import pytest

from talkbook.offline.manifest import (
    REGISTER_SETTINGS,
    WORKER_NAME,
    page_url,
    precache_entries,
    render_register,
    render_worker,
    vendor_folders,
)
from talkbook.assets import bundle
from tests.support.sites import build_site, write_fixture_site

CELLS = {"talkbook/cells": {}}
DOCS = {"index.md": "# Home\n\nHello.\n", "guide/setup.md": "# Setup\n\nSteps.\n"}


def write(path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def worker_settings(site) -> dict:
    text = (site / WORKER_NAME).read_text(encoding="utf-8")
    prefix = "self.__TALKBOOK_OFFLINE__ = "
    assert text.startswith(prefix)
    return json.loads(text[len(prefix):text.index(";\n")])


def build(tmp_path, plugins):
    return build_site(write_fixture_site(tmp_path, docs=DOCS, plugins=["search", *plugins]), tmp_path / "site")


def offline(**options):
    return {"talkbook/offline": {**options}}


@pytest.mark.parametrize("relative, url", [
    ("index.html", "./"),
    ("guide/setup/index.html", "guide/setup/"),
    ("404.html", "404.html"),
    ("assets/app.js", "assets/app.js"),
])
def test_pages_are_listed_by_the_url_a_reader_navigates_to(relative, url):
    assert page_url(relative) == url


def test_the_manifest_skips_big_and_excluded_files_and_the_worker_itself(tmp_path):
    write(tmp_path / "index.html", b"<h1>home</h1>")
    write(tmp_path / "guide" / "index.html", b"<h1>guide</h1>")
    write(tmp_path / "assets" / "big.wasm", b"x" * 2048)
    write(tmp_path / "assets" / "app.js.map", b"{}")
    write(tmp_path / WORKER_NAME, b"// the worker")
    entries = precache_entries(tmp_path, directory_urls=True, max_bytes=1024, exclude=["*.map"])
    assert [entry["url"] for entry in entries] == ["guide/", "./"]
    plain = precache_entries(tmp_path, directory_urls=False, max_bytes=4096, exclude=[])
    assert {entry["url"] for entry in plain} == {"index.html", "guide/index.html", "assets/big.wasm", "assets/app.js.map"}


def test_a_revision_changes_only_with_the_file(tmp_path):
    write(tmp_path / "a.html", b"one")
    write(tmp_path / "b.html", b"two")
    before = {e["url"]: e["revision"] for e in precache_entries(tmp_path, directory_urls=True, max_bytes=99, exclude=[])}
    write(tmp_path / "a.html", b"one, edited")
    after = {e["url"]: e["revision"] for e in precache_entries(tmp_path, directory_urls=True, max_bytes=99, exclude=[])}
    assert after["a.html"] != before["a.html"]
    assert after["b.html"] == before["b.html"]


def test_vendor_folders_are_package_versions_scoped_or_not(tmp_path):
    write(tmp_path / "assets" / "vendor" / "pyodide" / "314.0.7" / "pyodide.mjs", b"")
    write(tmp_path / "assets" / "vendor" / "@tensorflow" / "tfjs" / "4.22.0" / "dist" / "tf.min.js", b"")
    assert vendor_folders(tmp_path) == ["assets/vendor/@tensorflow/tfjs/4.22.0/", "assets/vendor/pyodide/314.0.7/"]
    assert vendor_folders(tmp_path / "empty") == []


def test_the_scripts_carry_the_settings_as_json():
    template = f"(function (settings) {{}})({REGISTER_SETTINGS});"
    register = render_register(template, isolation=True)
    assert register == '(function (settings) {})({"worker": "talkbook-sw.js", "isolation": true});'
    worker = render_worker("BUNDLE", precache=[{"url": "a\"</script>", "revision": "1"}], vendor=[], isolation=False)
    assert worker.endswith("\nBUNDLE")
    assert json.loads(worker[len("self.__TALKBOOK_OFFLINE__ = "):worker.index(";\n")])["precache"][0]["url"] == 'a"</script>'
    with pytest.raises(ValueError):
        render_register("no settings here", isolation=True)


def test_with_cells_the_offline_worker_is_the_one_that_isolates(tmp_path):
    site = build(tmp_path, [CELLS, offline()])
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "coi-serviceworker" not in html
    assert not (site / "coi-serviceworker.min.js").exists()
    assert html.index('src="talkbook-offline.js"') < html.index("cells.js")
    assert '"isolation": true' in (site / "talkbook-offline.js").read_text(encoding="utf-8")
    settings = worker_settings(site)
    assert settings["isolation"] is True
    urls = {entry["url"] for entry in settings["precache"]}
    assert {"./", "guide/setup/", "search/search_index.json", "talkbook-offline.js"} <= urls
    assert not any(url.startswith("assets/vendor/pyodide/") and url.endswith(".wasm") for url in urls)
    assert any(folder.startswith("assets/vendor/pyodide/") for folder in settings["vendor"])


def test_isolation_follows_cells_or_the_offline_setting(tmp_path):
    no_cells = build(tmp_path / "alone", [offline()])
    assert worker_settings(no_cells)["isolation"] is False
    cells_unisolated = {"talkbook/cells": {**CELLS["talkbook/cells"], "isolation": False}}
    asked = build(tmp_path / "asked", [cells_unisolated, offline(isolation=True)])
    assert worker_settings(asked)["isolation"] is True
    declined = build(tmp_path / "declined", [CELLS, offline(isolation=False)])
    assert worker_settings(declined)["isolation"] is False
    assert "coi-serviceworker" not in (declined / "index.html").read_text(encoding="utf-8")


def test_without_precache_the_worker_only_caches_what_pages_load(tmp_path):
    site = build(tmp_path, [offline(precache=False)])
    assert worker_settings(site)["precache"] == []


def test_the_worker_comes_from_the_package_bundle(tmp_path):
    site = build(tmp_path, [offline()])
    bundled = bundle("offline-worker")[1].read_text(encoding="utf-8")
    assert (site / "talkbook-sw.js").read_text(encoding="utf-8").endswith(bundled)
