"""Serve benchmark: saving a chapter of the talk until the reloaded page shows it, under `mkdocs serve`.

    .venv/bin/python -m benchmarks.serve_bench [--chapters 20] [--runs 5] [--json out.json]

Two sites of the same generated course (build_bench's chapters): talkbook's, where
every chapter comes from one ``course/talk.md``, and plain mkdocs-material, where
each chapter is an ordinary page. Both are served by ``mkdocs serve --livereload``
on free ports, and each has one Chromium page open on the middle chapter. A run
writes a unique marker into that chapter's source (the talk, or the page's .md)
and times, from just before the write to the marker being visible in the reloaded
page. That covers the file watcher noticing the save, the full rebuild, livereload
telling the page and the page reloading. Runs alternate between the sites after
one unmeasured warm-up edit each; the figure is the ratio of medians, talkbook / plain.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.build_bench import write_sites  # noqa: E402
from benchmarks.common import add_json_argument, finish, ratio, summary  # noqa: E402
from tests.browser.conftest import CHROMIUM, LAUNCH_ARGS  # noqa: E402
from tests.support.live import mkdocs_serve  # noqa: E402

WAIT_MS = 180_000  # a generous wait limit, not a target


class WatchedPage:
    """A browser page on one chapter that knows whether its livereload poll is open."""

    def __init__(self, context, url: str, source: Path, original: str, anchor: str):
        self.page = context.new_page()
        self.source, self.original, self.anchor = source, original, anchor
        # Each document the page loads opens one livereload poll, right away (the script is inline).
        self.documents, self.polls = 0, 0
        self.page.on("framenavigated", lambda frame: self._navigated() if frame == self.page.main_frame else None)
        self.page.on("request", lambda request: self._polled() if "/livereload/" in request.url else None)
        self.page.goto(url)

    def _navigated(self) -> None:
        self.documents += 1

    def _polled(self) -> None:
        self.polls += 1

    def wait_for_livereload(self) -> None:
        """Until the current document has asked the server for changes: only then will it hear of ours."""
        deadline = time.monotonic() + WAIT_MS / 1000
        while self.polls < self.documents and time.monotonic() < deadline:
            self.page.wait_for_timeout(20)
        if self.polls < self.documents:
            raise RuntimeError("the page never opened its livereload connection")

    def edit_and_time(self, marker: str) -> float:
        """Seconds from just before saving ``marker`` into the source until the page shows it."""
        self.wait_for_livereload()
        text = self.original.replace(self.anchor, f"{self.anchor} {marker}", 1)
        started = time.perf_counter()
        self.source.write_text(text)
        self.page.wait_for_selector(f"text={marker}", timeout=WAIT_MS)
        return time.perf_counter() - started


def bench(chapters: int, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    middle = max(1, chapters // 2)
    anchor = f"Introduction to chapter {middle}."
    samples: dict[str, list[float]] = {"talkbook": [], "plain": []}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        talk_dir, plain_dir = write_sites(Path(tmp), chapters)
        sources = {"talkbook": talk_dir / "course" / "talk.md", "plain": plain_dir / "docs" / f"chapter-{middle}.md"}
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        with mkdocs_serve(talk_dir / "mkdocs.yml", Path(tmp) / "talkbook.log") as talk_url, \
                mkdocs_serve(plain_dir / "mkdocs.yml", Path(tmp) / "plain.log") as plain_url:
            context = browser.new_context()
            pages = {name: WatchedPage(context, url + f"chapter-{middle}/", sources[name],
                                       sources[name].read_text(), anchor)
                     for name, url in (("talkbook", talk_url), ("plain", plain_url))}
            for run in range(runs + 1):  # run 0 warms the watcher and the rebuild path; dropped
                order = ("talkbook", "plain") if run % 2 else ("plain", "talkbook")
                for name in order:
                    seconds = pages[name].edit_and_time(f"marker-{name}-{run}-{time.time_ns()}")
                    if run:
                        samples[name].append(seconds)
            context.close()
        version = browser.version
        browser.close()
    talkbook, plain = summary(samples["talkbook"]), summary(samples["plain"])
    return {"chapters": chapters, "chromium": version, "talkbook_s": talkbook, "plain_s": plain,
            "ratio": ratio(talkbook, plain)}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chapters", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    add_json_argument(parser)
    args = parser.parse_args(argv)
    result = bench(args.chapters, args.runs)
    t, p = result["talkbook_s"], result["plain_s"]
    print(f"{args.chapters} chapters, save -> reloaded page: plain {p['median']:.2f}s [{p['min']:.2f}–{p['max']:.2f}]  "
          f"talkbook {t['median']:.2f}s [{t['min']:.2f}–{t['max']:.2f}]  ×{result['ratio']:.2f} ({args.runs} runs)")
    return finish(result, args.json)


if __name__ == "__main__":
    main()
