"""``python -m talkbook.models``: retrain stale recipes, or verify the frozen artifacts.

    python -m talkbook.models retrain [--recipes DIR] [--store DIR] [--only NAME] [--force]
    python -m talkbook.models verify  [--recipes DIR] [--store DIR]
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .catalog import refresh
from .recipe import RecipeError, TrainingUnavailable
from .store import CorruptArtifact, Store

log = logging.getLogger("talkbook.models")


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s talkbook.models: %(message)s")
    retrain = {"retrain": "always" if args.force else "auto", "verify": "never"}[args.command]
    try:
        statuses = refresh(Path(args.recipes), Store(Path(args.store)), retrain=retrain, log=log, only=args.only)
    except (RecipeError, CorruptArtifact, TrainingUnavailable) as error:
        log.error("%s", error)
        return 1
    for status in statuses:
        print(f"{status.name:<16} {status.state}")
    return 0 if all(status.state in ("fresh", "retrained") for status in statuses) else 1


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m talkbook.models", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("retrain", "verify"))
    parser.add_argument("--recipes", default="course/models", help="recipe folder (default: course/models)")
    parser.add_argument("--store", default="course/models/frozen", help="freeze store (default: course/models/frozen)")
    parser.add_argument("--only", metavar="NAME", help="just this recipe")
    parser.add_argument("--force", action="store_true", help="retrain even when the artifacts are fresh")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
