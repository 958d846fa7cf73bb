"""Run a command in this process with one writer function paused at its Nth call: a kill that
lands mid-write by construction, not by timing.

    python -m tests.support.paused MARKER N module:function -- mkdocs build -f mkdocs.yml
    python -m tests.support.paused MARKER N module:function -- talkbook.models retrain ...

The first N-1 calls write as usual; the Nth call creates MARKER and then waits forever, so a
test that sees MARKER kills a process that has written some files and not the rest.
"""

from __future__ import annotations

import importlib
import runpy
import sys
import time
from pathlib import Path


def pause_at(marker: Path, count: int, target: str) -> None:
    module_name, name = target.split(":")
    module = importlib.import_module(module_name)
    original = getattr(module, name)
    calls = 0

    def paused(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == count:
            marker.write_text("paused\n")
            while True:
                time.sleep(3600)
        return original(*args, **kwargs)

    setattr(module, name, paused)


def main(argv: list[str]) -> None:
    marker, count, target, separator, command, *rest = argv
    assert separator == "--", "usage: MARKER N module:function -- COMMAND ARGS..."
    pause_at(Path(marker), int(count), target)
    sys.argv = [command, *rest]
    runpy.run_module("mkdocs" if command == "mkdocs" else command, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
