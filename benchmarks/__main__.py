"""`make bench`: every benchmark of the project, one after another, and the results in one file.

    .venv/bin/python -m benchmarks                 # the full suite (`make bench`)
    .venv/bin/python -m benchmarks --quick         # fewer runs, smaller inputs (`make bench QUICK=1`)
    .venv/bin/python -m benchmarks serve_bench     # only the named benchmarks

Each benchmark runs in its own process and sets every figure against a baseline it
runs side by side (see docs/performance.md and each module's docstring). Their
results are merged with a description of the machine into one JSON file, written
atomically, and charted:

  full run   docs/assets/performance/results.json, build.svg, ratios.svg, and the
             generated section of docs/performance.md
  --quick    build/bench/results-quick.json and its charts; the committed full
             results and the docs are left alone
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import charts, machine, report
from benchmarks.common import write_json_atomically

ROOT = Path(__file__).resolve().parents[1]
FULL_OUT = ROOT / "docs" / "assets" / "performance"
QUICK_OUT = ROOT / "build" / "bench"

SUITE = {
    # name: (full arguments, quick arguments). Medians over >= 3 runs in the full suite.
    "build_bench": (["--chapters", "10", "100", "500", "--runs", "3"], ["--chapters", "10", "100", "--runs", "1"]),
    "serve_bench": (["--chapters", "20", "--runs", "5"], ["--chapters", "20", "--runs", "1"]),
    "deck_bench": (["--slides", "50", "500", "--runs", "3"], ["--slides", "50", "--runs", "1"]),
    "cells_bench": (["--runs", "9"], ["--runs", "1", "--byte-runs", "1"]),
    "models_bench": (["--runs", "3"], ["--runs", "1", "--skip-training", "--cache-hit-runs", "3"]),
    # WebGPU on a software adapter takes ~20 s per digits batch of 1024: left out of the quick run.
    "models_browser_bench": (["--runs", "7"], ["--runs", "1", "--backends", "cpu", "wasm", "--ml5-backends", "cpu"]),
    "package_bench": (["--runs", "3"], ["--runs", "1", "--skip-warmup"]),
    "python_start_bench": (["--runs", "5"], ["--runs", "1", "--links", "localhost"]),
    "imagenet_bench": (["--runs", "5"], ["--runs", "1", "--backends", "cpu", "wasm"]),
}


def run_one(name: str, arguments: list[str], scratch: Path) -> tuple[dict | None, float]:
    """Run one benchmark module in a child process; its results (None if it failed) and wall seconds."""
    out = scratch / f"{name}.json"
    started = time.monotonic()
    completed = subprocess.run([sys.executable, "-m", f"benchmarks.{name}", *arguments, "--json", str(out)], cwd=ROOT)
    wall = time.monotonic() - started
    if completed.returncode or not out.is_file():
        return None, wall
    return json.loads(out.read_text()), wall


def run_suite(names: list[str], quick: bool) -> dict:
    results: dict = {"quick": quick, "machine": machine.describe(), "arguments": {}, "wall_s": {},
                     "measured_at": {}, "benchmarks": {}, "failed": []}
    with tempfile.TemporaryDirectory() as scratch:
        for name in names:
            arguments = SUITE[name][1 if quick else 0]
            print(f"\n== {name} {' '.join(arguments)}", flush=True)
            result, wall = run_one(name, arguments, Path(scratch))
            results["arguments"][name], results["wall_s"][name] = arguments, round(wall, 1)
            results["measured_at"][name] = results["machine"]["date"]
            if result is None:
                results["failed"].append(name)
            else:
                results["benchmarks"][name] = result
            print(f"({name}: {wall:.0f} s)", flush=True)
    return results


def merge_into_previous(results: dict, path: Path) -> dict:
    """A partial run (named benchmarks) keeps the previous figures of the others; `measured_at` says when each ran."""
    if not path.is_file():
        return results
    previous = json.loads(path.read_text())
    for key in ("arguments", "wall_s", "benchmarks", "measured_at"):
        results[key] = {**previous.get(key, {}), **results[key]}
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs; writes build/bench/, not the docs")
    parser.add_argument("only", nargs="*", help=f"run only these benchmarks: {', '.join(SUITE)}")
    args = parser.parse_args(argv)
    if unknown := [name for name in args.only if name not in SUITE]:
        parser.error(f"no such benchmark: {', '.join(unknown)}")
    names = args.only or list(SUITE)
    out = QUICK_OUT if args.quick else FULL_OUT
    path = out / ("results-quick.json" if args.quick else "results.json")
    started = time.monotonic()
    results = run_suite(names, args.quick)
    if args.only:
        results = merge_into_previous(results, path)
    write_json_atomically(path, results)
    print(f"\nwrote {path}")
    for chart in charts.make_charts(results, out):
        print(f"wrote {chart}")
    if not args.quick:
        report.rewrite(report.PAGE, results)
        print(f"wrote {report.PAGE}")
    print(f"suite: {time.monotonic() - started:.0f} s")
    if results["failed"]:
        print(f"failed: {', '.join(results['failed'])}")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
