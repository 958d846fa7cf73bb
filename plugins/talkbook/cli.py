"""The ``talkbook`` command: ``talkbook new PATH`` writes a project that builds at once.

The project comes from the ``talkbook/scaffold`` folder of the package. It is written into
a temporary folder beside PATH and renamed into place, so a failure leaves nothing half-written.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import shutil
import sys
import tempfile
from importlib.resources import as_file, files
from pathlib import Path

from talkbook import __version__

TITLE = "__TITLE__"
RENAMED = {"gitignore": ".gitignore"}  # dotfiles are not package data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="talkbook", description="One Markdown talk becomes a course site and a slide deck.")
    parser.add_argument("--version", action="version", version=f"talkbook {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    new = commands.add_parser("new", help="write a new talkbook project into PATH", description="Write a new talkbook project into PATH.")
    new.add_argument("path", metavar="PATH", type=Path, help="a folder that does not exist yet, or is empty")
    new.add_argument("--title", help="the course's title (default: the folder's name)")
    args = parser.parse_args(argv)
    try:
        target = write_project(args.path, args.title or title_from(args.path))
    except ProjectError as error:
        print(f"talkbook: {error}", file=sys.stderr)
        return 2
    print(f"Created {target}. Next:\n  cd {args.path}\n  mkdocs serve")
    return 0


class ProjectError(Exception):
    pass


def title_from(path: Path) -> str:
    name = path.resolve().name.replace("-", " ").replace("_", " ").strip()
    return name[:1].upper() + name[1:] if name else "My talk"


def write_project(path: Path, title: str) -> Path:
    """Copy the scaffold into ``path`` with the title filled in; refuse a folder that is not empty."""
    target = path.resolve()
    if target.exists() and not target.is_dir():
        raise ProjectError(f"{path} exists and is not a folder; choose a new folder")
    if target.is_dir() and any(target.iterdir()):
        raise ProjectError(f"{path} exists and is not empty; choose a new folder, nothing was written")
    if not target.parent.is_dir():
        raise ProjectError(f"{target.parent} does not exist; create it first")
    draft = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        with as_file(files("talkbook") / "scaffold") as scaffold:
            fill_scaffold(Path(scaffold), draft, title)
        if target.is_dir():
            target.rmdir()  # empty, checked above; rename cannot replace a folder
        os.replace(draft, target)
    except BaseException:
        shutil.rmtree(draft, ignore_errors=True)
        raise
    return target


def fill_scaffold(scaffold: Path, draft: Path, title: str) -> None:
    # JSON strings are valid YAML and front matter; in Markdown prose the title stands as written.
    quoted = json.dumps(title)
    for source in sorted(scaffold.rglob("*")):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        relative = source.relative_to(scaffold)
        destination = draft / relative.parent / RENAMED.get(relative.name, relative.name)
        destination.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        text = text.replace(f": {TITLE}", f": {quoted}").replace(TITLE, html.escape(title))
        destination.write_text(text, encoding="utf-8")
    os.chmod(draft, 0o755)


if __name__ == "__main__":
    sys.exit(main())
