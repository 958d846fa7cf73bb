"""`mkdocs serve --livereload` in a child process on a free port, for tests and the serve benchmark."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

WAIT_S = 180  # a generous wait limit for the first build, not a target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def mkdocs_serve(config_file: Path, log: Path):
    """Serve ``config_file`` with live reload, its output in ``log``; yields the site's URL once it answers."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file), "-a", f"127.0.0.1:{port}",
               "--livereload"]
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=config_file.parent, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_served(url, process, log)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_served(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited:\n{log.read_text()}")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"mkdocs serve never answered:\n{log.read_text()}")
