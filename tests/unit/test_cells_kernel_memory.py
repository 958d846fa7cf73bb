"""A cell that runs out of memory gets the reply made in advance (see OUT_OF_MEMORY), and keeps its state."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "kernels" / "cells" / "python"))

import talkbook_kernel as kernel  # noqa: E402


def test_a_memory_error_answers_with_the_reply_made_in_advance():
    try:
        reply = kernel.run_cell("kept = 1\nraise MemoryError", "/memory/", "hog")
        assert reply is kernel.OUT_OF_MEMORY  # not built after the error: the very same string
        error = json.loads(reply)["error"]
        assert error["name"] == "MemoryError"
        assert "del name" in error["message"]
        assert json.loads(kernel.run_cell("kept + 1", "/memory/", "after")) == {"value": "2"}
    finally:
        kernel.forget("/memory/")
