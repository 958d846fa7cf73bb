"""`make bench`: every benchmark of the project, one after another.

    .venv/bin/python -m benchmarks           # the full suite
    .venv/bin/python -m benchmarks --quick   # fewer runs and smaller inputs (`make bench QUICK=1`)

Each benchmark prints ratios against a baseline it runs side by side in the same
process or script; see docs/performance.md for what each measures.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

SUITE = {
    # name: (full arguments, quick arguments)
    "build_bench": (["--chapters", "10", "100", "500", "--runs", "3"], ["--chapters", "10", "100", "--runs", "1"]),
    "cells_bench": (["--runs", "5"], ["--runs", "1"]),
    "models_bench": (["--runs", "5"], ["--runs", "1", "--skip-training"]),
    "models_browser_bench": (["--runs", "7"], ["--runs", "2"]),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("only", nargs="*", help="run only these benchmarks")
    args = parser.parse_args()
    failed = []
    for name, (full, quick) in SUITE.items():
        if args.only and name not in args.only:
            continue
        print(f"\n== {name}", flush=True)
        result = subprocess.run([sys.executable, "-m", f"benchmarks.{name}", *(quick if args.quick else full)])
        if result.returncode:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
