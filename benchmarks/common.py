"""What every benchmark shares: summaries of repeated samples and the results file.

Each benchmark module's ``main(argv)`` returns a JSON-ready dict and, given
``--json PATH``, writes it there; ``python -m benchmarks`` runs each module in its
own process and merges those files into ``docs/assets/performance/results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
from pathlib import Path
from typing import Iterable


def summary(samples: Iterable[float]) -> dict:
    """Median and spread (min, max) of repeated samples, and how many there were."""
    values = [float(v) for v in samples]
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": len(values)}


def ratio(numerator: dict, denominator: dict) -> float:
    """Ratio of two summaries' medians: the figure each benchmark reports."""
    return numerator["median"] / denominator["median"]


def add_json_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")


def write_json_atomically(path: Path, data: dict) -> None:
    """Write to a temporary file beside ``path``, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1, sort_keys=True)
            out.write("\n")
        os.chmod(temporary, 0o644)  # mkstemp makes it 0600
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def finish(result: dict, json_path: Path | None) -> dict:
    if json_path is not None:
        write_json_atomically(json_path, result)
    return result
