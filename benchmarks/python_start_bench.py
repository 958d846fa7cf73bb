"""Python start benchmark: navigation to the first output of a cell, by start-up configuration.

    .venv/bin/python -m benchmarks.python_start_bench [--runs 5] [--json out.json]

Three configurations, each from a fresh browser context (empty HTTP cache), side by side and
alternating within each run:

  bare      the baseline: a page whose module worker loads Pyodide as npm ships it (the .py
            standard library) and prints 1+1, timed from navigation to the output
  pyc       talkbook with `snapshot: false`: its kernel started cold from the compiled stdlib
  snapshot  talkbook as shipped: Python restored from the memory snapshot

For talkbook the visitor clicks Run as soon as the cell can be clicked. The figure is the time
from the click to the cell's first output, set against the bare page's time from navigation to its
output (its page costs nothing; both are Python's start), as cells_bench measures it. The time from
navigation to the first output, which adds loading the chapter page itself, is reported beside it. Two links: localhost, and a link throttled to 10 Mbit/s
with 40 ms latency by Chromium's network emulation (CDP), which also covers the worker's fetches.
Also the bytes each configuration transfers before its first output.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import add_json_argument, finish, ratio, summary  # noqa: E402
from tests.browser.conftest import CHROMIUM, LAUNCH_ARGS  # noqa: E402
from tests.support.sites import serve_built, write_fixture_site  # noqa: E402

PAGE = "# Start\n\n```python {run id=first}\nprint(1 + 1)\n```\n"
BARE_HTML = """<!doctype html><meta charset="utf-8"><title>bare</title><pre id="out"></pre>
<script type="module">
window.startedAt = performance.now();
const worker = new Worker("bare-worker.mjs", {type: "module"});
worker.onmessage = (event) => {
  document.getElementById("out").textContent = event.data;
  window.firstOutputAt = performance.now();
};
</script>
"""
BARE_WORKER = """const indexURL = new URL("./bare-pyodide/", import.meta.url).href;
const { loadPyodide } = await import(indexURL + "pyodide.mjs");
const pyodide = await loadPyodide({ indexURL });
postMessage(String(pyodide.runPython("1+1")));
"""
OUTPUT_WATCH = """
window.addEventListener("click", (event) => {
  if (event.target.closest('[data-action="run"]')) window.runClickAt = performance.now();
}, true);
new MutationObserver(() => {
  if (window.firstOutputAt === undefined && document.querySelector(".talkbook-cell__output .talkbook-out")) {
    window.firstOutputAt = performance.now();
  }
}).observe(document, { subtree: true, childList: true });
"""
LINKS = {"localhost": None, "10 Mbit/s, 40 ms": {"latency": 40, "throughput": 10e6 / 8}}
CONFIGS = ("bare", "pyc", "snapshot")


def write_site(root: Path, snapshot: bool) -> Path:
    plugins = ["search", {"talkbook/cells": {"snapshot": snapshot}}]
    return write_fixture_site(root, docs={"index.md": PAGE}, plugins=plugins)


def add_bare_page(site: Path) -> None:
    """The baseline beside the site: Pyodide's core as npm ships it (plain wasm, the .py standard library)."""
    (site / "bare.html").write_text(BARE_HTML)
    (site / "bare-worker.mjs").write_text(BARE_WORKER)
    copy_npm_pyodide(site / "bare-pyodide")


def copy_npm_pyodide(folder: Path) -> None:
    folder.mkdir()
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        shutil.copy(ROOT / "node_modules" / "pyodide" / name, folder / name)


def first_output(browser, url: str, link: dict | None, start: str | None) -> tuple[float, float, int]:
    """Milliseconds from the click (bare: navigation) and from navigation to the first output, and the
    bytes received until then."""
    context = browser.new_context()
    context.add_init_script(OUTPUT_WATCH)
    page = context.new_page()
    if link:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": link["latency"],
                                                      "downloadThroughput": link["throughput"],
                                                      "uploadThroughput": link["throughput"]})
    received = []
    page.on("requestfinished", lambda request: received.append(request.sizes()))
    page.goto(url, wait_until="commit")
    if start:
        page.locator('[data-cell-id="first"][data-cell-ready] [data-action="run"]').click(timeout=120_000)
    page.wait_for_function("window.firstOutputAt !== undefined", timeout=300_000, polling=20)
    from_navigation = page.evaluate("window.firstOutputAt")
    from_click = from_navigation - (page.evaluate("window.runClickAt") if start else 0)
    if start:
        started = page.evaluate("window.talkbookCells.kernel.info.start.from")
        assert started == start, f"{url}: Python started {started}, not {start}"
    context.close()
    return from_click, from_navigation, sum(s["responseBodySize"] + s["responseHeadersSize"] for s in received)


def bench(runs: int, links: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    samples = {link: {config: [] for config in CONFIGS} for link in links}
    navigation = {link: {config: [] for config in CONFIGS} for link in links}
    transferred = {link: {config: [] for config in CONFIGS} for link in links}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        root = Path(tmp)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        with serve_built(write_site(root / "snapshot", True), root / "snapshot-site", isolated=True) as snap_url, \
                serve_built(write_site(root / "pyc", False), root / "pyc-site", isolated=True) as pyc_url:
            add_bare_page(root / "pyc-site")
            urls = {"bare": (pyc_url + "bare.html", None), "pyc": (pyc_url, "cold"), "snapshot": (snap_url, "snapshot")}
            for number in range(runs):
                for link in links:
                    for config in CONFIGS:
                        url, start = urls[config]
                        from_click, from_navigation, sent = first_output(browser, url, LINKS[link], start)
                        samples[link][config].append(from_click)
                        navigation[link][config].append(from_navigation)
                        transferred[link][config].append(sent)
                    print(f"run {number + 1}, {link}: " + ", ".join(
                        f"{c} {samples[link][c][-1]:.0f} ms" for c in CONFIGS), flush=True)
        browser.close()
    result = {"runs": runs, "links": {}}
    for link in links:
        ms = {config: summary(values) for config, values in samples[link].items()}
        from_navigation = {config: summary(values) for config, values in navigation[link].items()}
        result["links"][link] = {
            "ms": ms,
            "from_navigation_ms": from_navigation,
            "from_navigation_vs_bare": {c: ratio(from_navigation[c], from_navigation["bare"]) for c in ("pyc", "snapshot")},
            "bytes": {config: max(values) for config, values in transferred[link].items()},
            "vs_bare": {config: ratio(ms[config], ms["bare"]) for config in ("pyc", "snapshot")},
        }
    return result


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--links", nargs="+", default=list(LINKS), choices=list(LINKS))
    add_json_argument(parser)
    args = parser.parse_args(argv)
    result = bench(args.runs, args.links)
    for link, r in result["links"].items():
        print(f"{link}: pyc ×{r['vs_bare']['pyc']:.2f}, snapshot ×{r['vs_bare']['snapshot']:.2f} of bare "
              f"(from navigation ×{r['from_navigation_vs_bare']['pyc']:.2f}, ×{r['from_navigation_vs_bare']['snapshot']:.2f}); bytes "
              + ", ".join(f"{c} {b / 1e6:.1f} MB" for c, b in r["bytes"].items()))
    return finish(result, args.json)


if __name__ == "__main__":
    main()
