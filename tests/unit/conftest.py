import sys
from pathlib import Path

# scratchnet is a plain source tree (kernels/python), not installed into the venv.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "kernels" / "python"))
