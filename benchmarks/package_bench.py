"""Package benchmark: the wheel authors install, and the time from nothing to a built site.

    .venv/bin/python -m benchmarks.package_bench [--runs 3] [--json out.json]

1. The wheel, built as `make wheel` builds it: its size, and each bundled library's share
   (compressed in the wheel and unpacked), talkbook's own code and the licence texts.
2. What an author waits for, from an empty folder to a built site, side by side with the
   same steps for plain mkdocs-material, alternating:
     talkbook: python -m venv; pip install talkbook-*.whl; talkbook new; mkdocs build
     plain:    python -m venv; pip install mkdocs-material; mkdocs new;   mkdocs build
   Wall seconds of each step and of the whole, with only the venv on PATH (no Node).
   pip's cache is warm for both (a first, unmeasured round fills it; `--skip-warmup`
   when it already is): the figure is install and build work, not the network.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import add_json_argument, finish, ratio, summary  # noqa: E402
from tests.support.product import build_dist, run  # noqa: E402

STEPS = ("venv", "install", "new", "build")


def wheel_parts(wheel: Path) -> dict:
    """Bytes of the wheel by part: each bundled npm library, the bundles, kernels, Python, licences."""
    import zipfile

    parts: dict[str, dict[str, int]] = defaultdict(lambda: {"compressed": 0, "unpacked": 0})
    with zipfile.ZipFile(wheel) as archive:
        for info in archive.infolist():
            parts[_part_of(info.filename)]["compressed"] += info.compress_size
            parts[_part_of(info.filename)]["unpacked"] += info.file_size
    return dict(sorted(parts.items(), key=lambda item: -item[1]["compressed"]))


def _part_of(member: str) -> str:
    segments = member.split("/")
    if member.startswith("talkbook/bundled/npm/"):
        scoped = segments[3].startswith("@")
        return "/".join(segments[3:5] if scoped else segments[3:4])
    if member.startswith("talkbook/bundled/build/"):
        return f"bundle: {segments[3]}"
    if member.startswith(("talkbook/bundled/licenses/", "talkbook/licenses/")) or "/licenses/" in member:
        return "licence texts"
    if member.startswith("talkbook/kernels/"):
        return "talkbook browser code (kernels)"
    return "talkbook Python code and metadata"


def time_steps(work: Path, steps: list[tuple[str, list[str], str]], venv: Path) -> dict[str, float]:
    """Run each (step, argv, cwd-relative) and time it; the venv step creates ``venv`` itself."""
    seconds = {}
    for step, argv, where in steps:
        started = time.perf_counter()
        if step == "venv":
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        else:
            run(venv, argv, cwd=work / where)
        seconds[step] = time.perf_counter() - started
    seconds["total"] = sum(seconds.values())
    return seconds


def one_round(wheel: Path) -> dict[str, dict[str, float]]:
    rounds = {}
    for name in ("talkbook", "plain"):
        with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as scratch:
            work, venv = Path(scratch), Path(scratch) / "venv"
            if name == "talkbook":
                steps = [("venv", [], ""), ("install", ["pip", "install", "-q", str(wheel)], ""),
                         ("new", ["talkbook", "new", "site"], ""), ("build", ["mkdocs", "build", "--strict"], "site")]
            else:
                steps = [("venv", [], ""), ("install", ["pip", "install", "-q", "mkdocs-material"], ""),
                         ("new", ["mkdocs", "new", "site"], ""), ("build", ["mkdocs", "build", "--strict"], "site")]
            rounds[name] = time_steps(work, steps, venv)
    return rounds


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-warmup", action="store_true", help="no unmeasured first round (pip's cache already warm)")
    add_json_argument(parser)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as out:
        wheel, _sdist = build_dist(Path(out))
        size = wheel.stat().st_size
        parts = wheel_parts(wheel)
        print(f"wheel {wheel.name}: {size / 1e6:.2f} MB")
        for part, sizes in parts.items():
            print(f"  {part:40} {sizes['compressed'] / 1e6:6.2f} MB in the wheel, {sizes['unpacked'] / 1e6:6.2f} MB unpacked")
        if not args.skip_warmup:
            one_round(wheel)  # fills pip's cache for both; not measured
        samples: dict[str, dict[str, list[float]]] = {"talkbook": defaultdict(list), "plain": defaultdict(list)}
        for number in range(args.runs):
            for name, seconds in one_round(wheel).items():
                for step, value in seconds.items():
                    samples[name][step].append(value)
            print(f"run {number + 1}: talkbook {samples['talkbook']['total'][-1]:.1f} s, "
                  f"plain {samples['plain']['total'][-1]:.1f} s", flush=True)
    timings = {name: {step: summary(values) for step, values in steps.items()} for name, steps in samples.items()}
    result = {
        "wheel_bytes": size,
        "wheel_parts": parts,
        "seconds": timings,
        "ratio": {step: ratio(timings["talkbook"][step], timings["plain"][step]) for step in (*STEPS, "total")},
    }
    print(f"fresh venv to a built site, talkbook / plain mkdocs-material: ×{result['ratio']['total']:.2f}")
    return finish(result, args.json)


if __name__ == "__main__":
    main()
