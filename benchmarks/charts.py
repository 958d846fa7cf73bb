"""Charts of a results file, as SVG that is byte-identical for identical results.

    .venv/bin/python -m benchmarks.charts [results.json] [--out DIR]

build.svg   talkbook against plain mkdocs-material: median CPU seconds over N chapters,
            the bars showing each median's spread (min–max)
ratios.svg  every side-by-side ratio of the run, with 1× (the baseline) marked
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display; and the same output everywhere
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter, NullFormatter  # noqa: E402

from benchmarks.figures import ratio_rows  # noqa: E402

DEFAULT_RESULTS = Path(__file__).resolve().parents[1] / "docs" / "assets" / "performance" / "results.json"
DETERMINISTIC = {
    "svg.hashsalt": "talkbook-bench",  # element ids from a fixed salt, not a random one
    "svg.fonttype": "none",  # text stays text: smaller files, no embedded glyph paths
    "font.family": "DejaVu Sans",
    "font.size": 9,
}


def save(figure, path: Path) -> Path:
    figure.savefig(path, format="svg", metadata={"Date": None, "Creator": "talkbook benchmarks"},
                   bbox_inches="tight")
    plt.close(figure)
    return path


def build_chart(results: dict, path: Path) -> Path | None:
    chapters = results.get("benchmarks", {}).get("build_bench", {}).get("chapters")
    if not chapters:
        return None
    sizes = sorted(chapters, key=int)
    figure, axes = plt.subplots(figsize=(6, 3.6))
    for name, colour in (("plain", "#7f7f7f"), ("talkbook", "#3f51b5")):
        cpu = [chapters[n][name]["cpu_s"] for n in sizes]
        medians = [c["median"] for c in cpu]
        spread = [[m - c["min"] for m, c in zip(medians, cpu)], [c["max"] - m for m, c in zip(medians, cpu)]]
        label = "plain mkdocs-material" if name == "plain" else "talkbook (chapters + deck)"
        axes.errorbar([int(n) for n in sizes], medians, yerr=spread, marker="o", capsize=3, color=colour, label=label)
    for n in sizes:
        r = chapters[n]["ratio"]["cpu_s"]
        axes.annotate(f"×{r:.2f}", (int(n), chapters[n]["talkbook"]["cpu_s"]["median"]),
                      textcoords="offset points", xytext=(-14, 8))
    axes.set_xlabel("chapters (five slides each)")
    axes.set_ylabel("median CPU seconds of `mkdocs build`")
    axes.set_title("Build: talkbook against plain mkdocs-material, same Markdown")
    axes.grid(alpha=0.3)
    axes.legend()
    return save(figure, path)


def ratios_chart(results: dict, path: Path) -> Path | None:
    rows = [(label, value) for label, value, _target in ratio_rows(results)]
    if not rows:
        return None
    figure, axes = plt.subplots(figsize=(7, 0.32 * len(rows) + 1))
    labels, values = zip(*reversed(rows))
    # Bars grow from 1× (the baseline) towards the ratio, so cheaper and dearer point opposite ways.
    axes.barh(range(len(values)), [v - 1 for v in values], left=1, color="#3f51b5")
    axes.axvline(1.0, color="#d84315", linewidth=1)
    axes.set_yticks(range(len(labels)), labels)
    axes.set_xscale("log")
    axes.set_xlim(min(min(values), 1) / 1.6, max(max(values), 1) * 1.6)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"×{x:g}"))
    axes.xaxis.set_minor_formatter(NullFormatter())
    axes.set_xlabel("ratio against the baseline run side by side (log scale; 1× = the baseline)")
    for y, value in enumerate(values):
        axes.annotate(f"×{value:.2f}", (max(value, 1), y), textcoords="offset points", xytext=(4, -3))
    axes.set_title("Every figure as a ratio to its baseline")
    return save(figure, path)


def make_charts(results: dict, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context(DETERMINISTIC):
        made = [build_chart(results, out / "build.svg"), ratios_chart(results, out / "ratios.svg")]
    return [path for path in made if path is not None]


def main(argv: list[str] | None = None) -> list[Path]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("results", nargs="?", type=Path, default=DEFAULT_RESULTS)
    parser.add_argument("--out", type=Path, help="folder for the SVG files (default: beside the results)")
    args = parser.parse_args(argv)
    made = make_charts(json.loads(args.results.read_text()), args.out or args.results.parent)
    for path in made:
        print(f"wrote {path}")
    return made


if __name__ == "__main__":
    main()
