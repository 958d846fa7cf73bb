"""Read talk files safely and check the images they point at."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from talkbook.talk.model import Location, TalkError

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)", re.IGNORECASE)
_CODE_SPAN = re.compile(r"`+[^`]*`+")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def read_source(path: Path) -> str:
    """Read a talk file as UTF-8, naming the line of the first byte that is not."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TalkError(path, line, f"this line is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_like_image(target: str) -> bool:
    return target.lower().split("?")[0].endswith(IMAGE_SUFFIXES)


def check_images(line: str, location: Location) -> None:
    """Every image a line shows must be a file of the course, never a remote URL."""
    visible = _CODE_SPAN.sub("", line)
    for pattern in (_MARKDOWN_IMAGE, _HTML_IMAGE):
        for match in pattern.finditer(visible):
            check_local_path(match.group(1), location)


def check_local_path(target: str, location: Location) -> str:
    """Resolve ``target`` against the talk file's folder; return it normalised, or fail."""
    if target.startswith("data:"):
        return target
    if _SCHEME.match(target) or target.startswith("//"):
        raise location.error(
            f"'{target}' is on another host; a talkbook site makes no requests off its own origin, "
            "so copy the file into the course (for example course/images/) and link it by relative path"
        )
    clean = target.split("#")[0].split("?")[0]
    relative = posixpath.normpath(clean.lstrip("/"))
    if relative.startswith(".."):
        raise location.error(f"'{target}' points outside the course folder")
    if not (location.path.parent / relative).is_file():
        raise location.error(f"image '{target}' not found (looked for {location.path.parent / relative})")
    return relative
