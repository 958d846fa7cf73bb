"""Browser fixtures: Debian's Chromium driven by Playwright, with an off-origin request guard."""

from __future__ import annotations

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
