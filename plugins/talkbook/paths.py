"""Where talkbook's browser code lives: ``kernels/`` at the top of the repository."""

from pathlib import Path

KERNELS = Path(__file__).resolve().parents[2] / "kernels"
