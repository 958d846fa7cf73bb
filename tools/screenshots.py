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
    # A chapter with its training cell run: the loss curve drawn live.
    "chapter.png": ("how-a-network-learns/", "train-colours"),
    "deck.png": ("slides/#/try-a-neuron", None),
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, serve_built(ROOT / "mkdocs.yml", Path(tmp) / "site", isolated=True) as url:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            for name, (path, cell_id) in SHOTS.items():
                page.goto(url + path)
                page.wait_for_load_state("networkidle")
                if cell_id:
                    cell = page.locator(f'[data-cell-id="{cell_id}"]')
                    cell.locator('[data-action="run"]').click()
                    page.wait_for_selector(f'[data-cell-id="{cell_id}"][data-state="done"]', timeout=120_000)
                    cell.locator('[data-action="run"]').scroll_into_view_if_needed()
                    page.evaluate("window.scrollBy(0, -120)")
                page.wait_for_timeout(800)
                page.screenshot(path=str(OUT / name))
                print("wrote", OUT / name)
            browser.close()


if __name__ == "__main__":
    main()
