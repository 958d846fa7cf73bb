"""Browser fixtures: Debian's Chromium driven by Playwright, with an off-origin request guard."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--enable-unsafe-webgpu",
]
LOCAL_SCHEMES = {"data", "blob", "about", "chrome-error"}


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


class RequestLog:
    """Every URL a browser context asked for, to prove nothing leaves the origin."""

    def __init__(self):
        self.urls: list[str] = []

    def record(self, request):
        self.urls.append(request.url)

    def offsite(self, origin: str) -> list[str]:
        allowed = urlsplit(origin).netloc
        return [
            url for url in self.urls
            if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != allowed
        ]


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.request_log = RequestLog()
    context.on("request", context.request_log.record)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.console_errors = []
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    return page


@pytest.fixture
def local_only(context, course_url):
    """Use in a test to fail it when any request of the test left the site's origin."""
    yield
    offsite = context.request_log.offsite(course_url)
    assert offsite == [], f"requests left the local origin: {offsite}"


# -- live cells (talkbook/cells) -------------------------------------------------------------

@pytest.fixture(scope="session")
def build_cells_site(tmp_path_factory):
    """``build_cells_site(docs, talk=None, extra_plugins=(), site_dir=None, site_url=..., **cell_options)``
    builds a small site and returns its folder.

    By default the site has only the search and talkbook/cells plugins (no talk plugin), so
    the tests prove cells work on any mkdocs-material site.
    """
    from tests.support.sites import build_site

    def build(docs, site_dir=None, site_url="http://127.0.0.1/", **options):
        config = _write_cells_site(tmp_path_factory.mktemp("cells"), docs, **options)
        return build_site(config, site_dir or config.parent / "site", site_url=site_url)

    return build


@pytest.fixture(scope="session")
def serve_cells_site(tmp_path_factory):
    """``with serve_cells_site(docs, isolated=True, talk=None, extra_plugins=(), **cell_options) as url:``
    a fixture site built for the very address it is served from (instant navigation needs that)."""
    from contextlib import contextmanager

    from tests.support.sites import serve_built

    @contextmanager
    def start(docs, isolated=True, **options):
        config = _write_cells_site(tmp_path_factory.mktemp("cells"), docs, **options)
        with serve_built(config, config.parent / "site", isolated=isolated) as url:
            yield url

    return start


def _write_cells_site(root, docs, talk=None, extra_plugins=(), files=None, **options):
    from tests.support.sites import write_fixture_site

    cells = {"talkbook/cells": {**options}}
    return write_fixture_site(root, talk=talk, docs=docs, plugins=["search", *extra_plugins, cells], files=files)


@pytest.fixture
def unisolated_context(browser):
    """A context where no service worker may register: with a server that sends no COOP/COEP
    headers, the page stays without cross-origin isolation (no SharedArrayBuffer)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
    context.request_log = RequestLog()
    context.on("request", context.request_log.record)
    yield context
    context.close()


def _run_cell(page, cell_id: str, timeout: float = 120_000):
    """Click Run on cell ``cell_id`` and wait until it finished; returns the cell's locator."""
    from playwright.sync_api import expect

    cell = page.locator(f'[data-cell-id="{cell_id}"]')
    expect(cell).to_have_attribute("data-cell-ready", "", timeout=30_000)
    cell.evaluate("element => element.removeAttribute('data-state')")
    cell.locator(':scope > .talkbook-cell__bar [data-action="run"]').click()
    expect(cell).to_have_attribute("data-state", re.compile("^(done|failed)$"), timeout=timeout)
    return cell


def _ready_cell(page, cell_id: str):
    """The locator of cell ``cell_id`` once the page's script has wired it up."""
    from playwright.sync_api import expect

    cell = page.locator(f'[data-cell-id="{cell_id}"]')
    expect(cell).to_have_attribute("data-cell-ready", "", timeout=30_000)
    return cell


@pytest.fixture
def ready_cell():
    """``ready_cell(page, "cell-id")``: the cell's locator, once its buttons work."""
    return _ready_cell


@pytest.fixture
def run_cell():
    """``run_cell(page, "cell-id")``: run a live cell and wait for it to finish."""
    return _run_cell
