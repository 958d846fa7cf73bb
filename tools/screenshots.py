"""Take the README's screenshots of a chapter page and of the deck.

    .venv/bin/python tools/screenshots.py

Builds the course into a temporary folder, serves it on 127.0.0.1 and shoots
it with Debian's Chromium.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, LAUNCH_ARGS  # noqa: E402
from tests.support.sites import serve_built  # noqa: E402

OUT = ROOT / "docs" / "assets" / "screenshots"
SHOTS = {
    "chapter.png": "neurons-and-networks/",
    "deck.png": "slides/#/one-neuron",
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, serve_built(ROOT / "mkdocs.yml", Path(tmp) / "site") as url:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            for name, path in SHOTS.items():
                page.goto(url + path)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(800)
                page.screenshot(path=str(OUT / name))
                print("wrote", OUT / name)
            browser.close()


if __name__ == "__main__":
    main()
