"""What a benchmark ran on: recorded beside the figures, since absolute times mean little without it."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


def _first(path: str, key: str) -> str | None:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def _run(*command: str) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=ROOT).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def chromium_version() -> str:
    # Debian's wrapper prints a harmless shell warning first; the version is on the last line.
    lines = _run(CHROMIUM, "--version").splitlines()
    return lines[-1].strip() if lines else "unknown"


def memory_gib() -> float | None:
    total_kb = _first("/proc/meminfo", "MemTotal")
    return round(int(total_kb.split()[0]) / 1024 / 1024, 1) if total_kb else None


def describe() -> dict:
    commit = _run("git", "rev-parse", "HEAD")
    # The suite's own output (results, charts, the generated page) does not make the measured code dirty.
    dirty = bool(_run("git", "status", "--porcelain", "--untracked-files=no", "--", ".",
                      ":!docs/assets/performance", ":!docs/performance.md"))
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "cpu": _first("/proc/cpuinfo", "model name") or platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "memory_gib": memory_gib(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "os": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "chromium": chromium_version(),
        "git_commit": commit or "unknown",
        # Other work in the same tree (uncommitted edits) may differ from the commit named above.
        "git_worktree_dirty": dirty,
    }
