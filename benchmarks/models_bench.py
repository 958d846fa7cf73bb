"""Benchmark the talkbook/models plugin (not a test).

Prints, for the course's recipes:
  * training + export wall time per model (median of --runs, TensorFlow already imported),
    and the one-off cost of importing TensorFlow;
  * the build overhead of a cache hit: the same small fixture site built in this process with
    the models plugin (artifacts fresh) and with it disabled, in CPU seconds, as a ratio of medians.

    .venv/bin/python -m benchmarks.models_bench [--runs 5] [--skip-training] [--json out.json]
"""

from __future__ import annotations

import argparse
import logging
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from benchmarks.common import add_json_argument, finish, ratio, summary

ROOT = Path(__file__).resolve().parents[1]
COURSE_MODELS = ROOT / "course" / "models"
PAGES = 8  # a few pages, so the disabled build is not an empty one


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def cpu_timed(action) -> float:
    """CPU seconds of this process: less swayed than wall time by other work on a shared machine."""
    started = time.process_time()
    action()
    return time.process_time() - started


def bench_training(runs: int, scratch: Path) -> dict:
    from talkbook.models import pipeline, recipe
    from talkbook.models.store import Store

    result = {"import_s": timed(pipeline.import_training_stack), "models": {}}
    print(f"import tensorflow + tf_keras + tensorflowjs: {result['import_s']:.2f} s (once)")
    quiet = logging.getLogger("models_bench")
    quiet.setLevel(logging.WARNING)
    for path in recipe.discover(COURSE_MODELS):
        loaded = recipe.load(path)
        times = [timed(lambda: pipeline.freeze(loaded, Store(scratch / f"train-{i}"), quiet)) for i in range(runs)]
        card = Store(scratch / "train-0").read_card(loaded.name)
        size = sum(f["bytes"] for f in card["files"].values())
        epochs = loaded.training.get("epochs")  # None: a recipe that wraps another frozen model, untrained
        print(
            f"train+export {loaded.name:<10} median {statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f}, runs {runs}); "
            f"epochs {epochs or 'none'}, held-out accuracy {card['metrics']['accuracy']:.3f}, "
            f"artifacts {size / 1024:.1f} KiB + card"
        )
        result["models"][loaded.name] = {"train_export_s": summary(times), "epochs": epochs,
                                         "accuracy": card["metrics"]["accuracy"], "artifact_bytes": size}
    return result


def write_site(root: Path, models_enabled: bool) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    for page in range(PAGES):
        (docs / f"page{page}.md").write_text(f"# Page {page}\n\n" + "Some text. " * 200 + "\n", encoding="utf-8")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    if not (root / "models").exists():
        shutil.copytree(COURSE_MODELS, root / "models", ignore=shutil.ignore_patterns("__pycache__"))
    plugin = {"enabled": models_enabled, "recipes": "models", "store": "models/frozen", "retrain": "never"}
    config = {"site_name": "Bench", "theme": {"name": "material", "font": False},
              "plugins": ["search", {"talkbook/models": plugin}]}
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def bench_cache_hit(runs: int, scratch: Path) -> dict:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    configs = {enabled: write_site(scratch / f"site-{enabled}", enabled) for enabled in (True, False)}
    samples: dict[bool, list[float]] = {True: [], False: []}
    for round_ in range(runs + 1):  # the first round warms imports and theme caches; dropped
        # Interleaved, and in turns going first, so machine noise and warm caches favour neither.
        for enabled in ((True, False) if round_ % 2 else (False, True)):
            path = configs[enabled]
            config = load_config(str(path), site_dir=str(path.parent / "site"), strict=True)
            samples[enabled].append(cpu_timed(lambda: build(config)))
    with_models, without = (statistics.median(samples[k][1:]) for k in (True, False))
    freshness_ms = _refresh_ms(runs)
    assert (configs[True].parent / "site" / "assets" / "models" / "index.json").is_file()
    print(
        f"build CPU, models plugin cache hit: median {with_models * 1000:.0f} ms; disabled: {without * 1000:.0f} ms; "
        f"ratio {with_models / without:.3f} (+{(with_models - without) * 1000:.1f} ms, runs {runs})"
    )
    print(f"  of which the freshness check (hash recipes, verify artifacts): {freshness_ms:.1f} ms")
    enabled_s, disabled_s = summary(samples[True][1:]), summary(samples[False][1:])
    return {"pages": PAGES, "enabled_cpu_s": enabled_s, "disabled_cpu_s": disabled_s, "ratio": ratio(enabled_s, disabled_s),
            "freshness_check_ms": freshness_ms}


def _refresh_ms(runs: int) -> float:
    """The plugin's own cache-hit work; the rest of the gap is MkDocs copying the extra files."""
    from talkbook.models.catalog import refresh
    from talkbook.models.store import Store

    store, log = Store(COURSE_MODELS / "frozen"), logging.getLogger("models_bench")
    times = [timed(lambda: refresh(COURSE_MODELS, store, retrain="never", log=log)) for _ in range(runs)]
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-training", action="store_true", help="only measure the cache-hit build")
    # The cache hit adds little to a build: its figure needs more runs than training does.
    parser.add_argument("--cache-hit-runs", type=int, default=7)
    add_json_argument(parser)
    args = parser.parse_args(argv)
    print(f"python {sys.version.split()[0]}; figures are wall time on this machine, compare ratios")
    with tempfile.TemporaryDirectory() as scratch:
        result = {"cache_hit_build": bench_cache_hit(args.cache_hit_runs, Path(scratch))}
        if not args.skip_training:
            result["training"] = bench_training(args.runs, Path(scratch))
    return finish(result, args.json)


if __name__ == "__main__":
    main()
