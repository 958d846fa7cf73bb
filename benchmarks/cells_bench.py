"""Python cells benchmark: talkbook's kernel against bare Pyodide, in Debian's Chromium.

    .venv/bin/python -m benchmarks.cells_bench [--runs 5] [--write] [--json out.json]

Every figure is a ratio against a baseline measured in the same run, side by side
(cells and baseline alternate, so noise hits both alike); times are medians.

  cold start       Run clicked -> first output, empty HTTP cache, against a bare page
                   whose module worker loads the same Pyodide files and runs 1+1
  HTTP cache       the same, page reloaded with a warm cache, against the cold start
  second page      link clicked (instant navigation) -> first output of a cell there,
                   against the cold start
  one epoch        scratchnet training (3->8->2, 200 colours) per epoch, in Pyodide
                   against CPython (this venv's) on the same code
  page bytes       bytes a page transfers before any run, against the same page with
                   static code blocks and no cells plugin

--write puts the results in docs/performance.md under "## Python cells".
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import add_json_argument, finish, summary  # noqa: E402
from benchmarks.python_start_bench import add_bare_page  # noqa: E402
from tests.browser.conftest import CHROMIUM, LAUNCH_ARGS  # noqa: E402
from tests.support.sites import serve_built, write_fixture_site  # noqa: E402

EPOCH_CODE = """\
import time, scratchnet as sn
colours, labels = sn.colour_samples(200, seed=1)
targets = [sn.one_hot(label, list(sn.RED_OR_BLUE)) for label in labels]
net = sn.Network([3, 8, 2], activation="sigmoid", output="softmax", seed=2)
start = time.perf_counter()
sn.train(net, colours, targets, learning_rate=0.5, epochs=EPOCHS, loss="cross_entropy")
print("epoch_ms", (time.perf_counter() - start) * 1000 / EPOCHS)
"""
EPOCHS = 10

CHAPTER = """\
# Chapter

[Next chapter](two.md)

A neuron adds up its weighted inputs.

```python {run}
1 + 1
```

```python {run id=epoch}
EPOCH_CODE
```
""".replace("EPOCH_CODE", EPOCH_CODE.replace("EPOCHS", str(EPOCHS)).strip())

TWO = "# Two\n\n```python {run id=two}\n2 + 2\n```\n"


# In every page: when Run or a link was last clicked, and when the first output appeared.
TIMING_SCRIPT = """
window.addEventListener("click", (event) => {
  if (event.target.closest('[data-action="run"]')) window.runClickAt = performance.now();
  if (event.target.closest("a")) window.linkClickAt = performance.now();
}, true);
new MutationObserver(() => {
  if (window.firstOutputAt === undefined && document.querySelector(".talkbook-cell__output .talkbook-out")) {
    window.firstOutputAt = performance.now();
  }
}).observe(document, { subtree: true, childList: true });  // document: the init script runs before <html>
"""


def write_sites(root: Path) -> tuple[Path, Path]:
    cells = {"talkbook/cells": {}}
    cells_config = write_fixture_site(root / "cells", docs={"index.md": CHAPTER, "two.md": TWO},
                                      plugins=["search", cells])
    static_docs = {"index.md": re.sub(r"```python \{run[^}]*\}", "```python", CHAPTER),
                   "two.md": TWO.replace(" {run id=two}", "")}
    static_config = write_fixture_site(root / "static", docs=static_docs, plugins=["search"])
    return cells_config, static_config


def first_output_after(page, start: str) -> float:
    page.wait_for_function("window.firstOutputAt !== undefined", timeout=180_000)
    return page.evaluate(f"window.firstOutputAt - window.{start}")


def run_cell(page, cell_id: str) -> float:
    """Click Run on a cell; milliseconds from the click to its first output."""
    page.evaluate("window.firstOutputAt = undefined")
    page.locator(f'[data-cell-id="{cell_id}"][data-cell-ready]').wait_for(timeout=30_000)
    page.locator(f'[data-cell-id="{cell_id}"] [data-action="run"]').click()
    return first_output_after(page, "runClickAt")


def bare_start(browser, url: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "bare.html")
    page.wait_for_function("window.firstOutputAt !== undefined", timeout=180_000)
    ms = page.evaluate("window.firstOutputAt - window.startedAt")
    context.close()
    return ms


def cells_session(browser, url: str) -> dict:
    """One visitor: cold start, instant navigation to a second page, reload, one epoch."""
    context = browser.new_context()
    context.add_init_script(TIMING_SCRIPT)
    page = context.new_page()
    page.goto(url)
    cold = run_cell(page, "cell-1")
    page.evaluate("window.firstOutputAt = undefined")
    page.get_by_role("link", name="Next chapter").click()
    page.locator('[data-cell-id="two"][data-cell-ready]').wait_for(timeout=30_000)
    page.locator('[data-cell-id="two"] [data-action="run"]').click()
    second = first_output_after(page, "linkClickAt")
    assert page.evaluate("window.talkbookCells.kernel.generation") == 1, "instant navigation restarted Python"
    page.goto(url)
    cached = run_cell(page, "cell-1")
    run_cell(page, "epoch")
    page.locator('[data-cell-id="epoch"][data-state="done"]').wait_for(timeout=180_000)
    epoch_ms = float(page.locator('[data-cell-id="epoch"] .talkbook-out--stdout').inner_text().split()[-1])
    context.close()
    return {"cold": cold, "second": second, "cached": cached, "epoch_ms": epoch_ms}


def cpython_epoch_ms() -> float:
    code = EPOCH_CODE.replace("EPOCHS", str(EPOCHS))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "kernels" / "python")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    return float(out.split()[-1])


def page_bytes(browser, url: str) -> int:
    """Bytes (headers and bodies) a fresh visitor's browser receives until the network is idle."""
    context = browser.new_context()
    page = context.new_page()
    sizes = []
    page.on("requestfinished", lambda request: sizes.append(request.sizes()))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    context.close()
    return sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes)


def bench(runs: int, byte_runs: int = 3) -> dict:
    from playwright.sync_api import sync_playwright

    samples: dict[str, list[float]] = {k: [] for k in ("bare", "cold", "second", "cached", "epoch_ms", "cpython_ms")}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        cells_config, static_config = write_sites(Path(tmp))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        with serve_built(cells_config, Path(tmp) / "cells-site", isolated=True) as cells_url, \
                serve_built(static_config, Path(tmp) / "static-site", isolated=True) as static_url:
            add_bare_page(Path(tmp) / "cells-site")
            for _ in range(runs):  # alternate, so noise hits baseline and cells alike
                samples["bare"].append(bare_start(browser, cells_url))
                for key, value in cells_session(browser, cells_url).items():
                    samples[key].append(value)
                samples["cpython_ms"].append(cpython_epoch_ms())
            cells_bytes = statistics.median(page_bytes(browser, cells_url) for _ in range(byte_runs))
            static_bytes = statistics.median(page_bytes(browser, static_url) for _ in range(byte_runs))
        version = browser.version
        browser.close()
    medians = {key: statistics.median(values) for key, values in samples.items()}
    return {"runs": runs, "chromium": version, "medians": medians,
            "ms": {key: summary(values) for key, values in samples.items()},
            "ratios": ratios(medians), "cells_bytes": cells_bytes, "static_bytes": static_bytes}


def ratios(m: dict) -> dict:
    """Each figure against its side-by-side baseline (see the module's docstring)."""
    return {"cold_vs_bare": m["cold"] / m["bare"], "cached_vs_cold": m["cached"] / m["cold"],
            "second_page_vs_cold": m["second"] / m["cold"], "epoch_pyodide_vs_cpython": m["epoch_ms"] / m["cpython_ms"]}


def report(result: dict) -> str:
    m = result["medians"]
    extra_kb = (result["cells_bytes"] - result["static_bytes"]) / 1024
    rows = [
        ("Cold start to first output, against bare Pyodide (`1+1`)", f"{m['cold'] / m['bare']:.2f}×",
         f"{m['cold'] / 1000:.2f} s vs {m['bare'] / 1000:.2f} s", "≤ 1.10×"),
        ("Start from the HTTP cache, against the cold start", f"{m['cached'] / m['cold']:.2f}×",
         f"{m['cached'] / 1000:.2f} s", ""),
        ("Second page by instant navigation (link click to first output), against the cold start",
         f"{m['second'] / m['cold']:.1%}", f"{m['second']:.0f} ms", "≤ 5%"),
        ("One scratchnet epoch (3→8→2, 200 samples), Pyodide against CPython", f"{m['epoch_ms'] / m['cpython_ms']:.2f}×",
         f"{m['epoch_ms']:.1f} ms vs {m['cpython_ms']:.1f} ms", ""),
        ("Page bytes before any run, against the same page with static code", f"+{extra_kb:.1f} KB",
         f"{result['cells_bytes'] / 1024:.1f} KB vs {result['static_bytes'] / 1024:.1f} KB", "≤ +50 KB"),
    ]
    lines = ["| What | Ratio | Medians | Target |", "| --- | --- | --- | --- |"]
    lines += [f"| {what} | {ratio} | {raw} | {target} |" for what, ratio, raw, target in rows]
    return "\n".join(lines)


def section(result: dict) -> str:
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}"
    return f"""## Python cells

Measured by `benchmarks/cells_bench.py` (`.venv/bin/python -m benchmarks.cells_bench --write`) on
{datetime.date.today().isoformat()}: {machine}; Chromium {result['chromium']} headless; Pyodide from npm;
CPython {platform.python_version()}. Medians of {result['runs']} runs; each figure is a ratio against a
baseline measured in the same run (baseline and cells alternate). A shared, noisy machine: read the
ratios, not the absolute times.

{report(result)}

How each is measured:

- **Cold start**: a fresh browser profile (empty HTTP cache) opens a chapter and clicks Run on a cell
  `1 + 1`; the time runs from the click to the first output on the page. The baseline is a bare page
  on the same server whose module worker imports the same `pyodide.mjs` and runs `1+1`, timed from
  creating the worker to showing the result. The difference is talkbook's kernel: its modules, the
  scratchnet wheel (`pyodide.loadPackage`), the kernel's Python modules and the cell UI.
- **HTTP cache**: the same visitor reloads the chapter and runs the cell again: Python starts again,
  but every file comes from the browser's cache.
- **Second page**: after the cold start the visitor follows a link (mkdocs-material instant navigation)
  and runs a cell there; the time runs from the link click to that cell's first output. The kernel
  stays alive across the navigation, so no start-up is paid again.
- **One epoch**: `scratchnet.train` for {EPOCHS} epochs of a 3→8→2 network on 200 colours, per epoch,
  in a cell, against the same code in this virtualenv's CPython.
- **Page bytes**: everything a fresh visitor downloads (headers and bodies) until the network is idle,
  for the chapter with cells against the same chapter with static code blocks on a site without the
  cells plugin. The editor, Pyodide and uPlot load only on first use.
"""


def write_docs(text: str) -> Path:
    path = ROOT / "docs" / "performance.md"
    current = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    pattern = re.compile(r"^## Python cells\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(current):
        updated = pattern.sub(lambda _: text + "\n", current)
    else:
        updated = current.rstrip("\n") + "\n\n" + text
    path.write_text(updated.rstrip("\n") + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    parser.add_argument("--byte-runs", type=int, default=3, help="page loads per page-weight figure (median)")
    add_json_argument(parser)
    args = parser.parse_args(argv)
    started = time.time()
    result = bench(args.runs, args.byte_runs)
    print(report(result))
    print(f"({args.runs} runs in {time.time() - started:.0f} s)")
    if args.write:
        print(f"wrote {write_docs(section(result))}")
    return finish(result, args.json)


if __name__ == "__main__":
    main()
