"""Pictures the tests make themselves: PNG files written with the standard library."""

from __future__ import annotations

import struct
import zlib

import numpy as np


def png_bytes(grey: np.ndarray) -> bytes:
    """An RGB PNG of a 2-D array of brightness values in 0..1."""
    pixels = (np.clip(grey, 0, 1) * 255).astype(np.uint8)
    height, width = pixels.shape
    rows = b"".join(b"\x00" + np.repeat(row, 3).tobytes() for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def digit_png(digit: int, scale: int = 25) -> bytes:
    """A handwritten digit from scikit-learn's bundled set, dark ink on white, scaled up."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    ink = digits.images[digits.target == digit][0] / 16.0
    return png_bytes(1 - np.kron(ink, np.ones((scale, scale))))
