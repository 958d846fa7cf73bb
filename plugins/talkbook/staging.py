"""Atomic site builds: a failed build never leaves a site that looks complete.

MkDocs cleans ``site_dir`` first and writes pages into it one by one, so an error
half way (or a warning under ``--strict``, which aborts only after the last
page) would leave a partial site where the last good one was. Instead the build
writes into a staging folder beside it, and the folder is swapped in only once
every page is written and no warning was logged under ``--strict``.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from mkdocs.utils import CountHandler


class StagedSite:
    def __init__(self, site_dir: str, strict: bool):
        self.target = Path(site_dir)
        self.staging = self.target.with_name(f".{self.target.name}.staging")
        self.previous = self.target.with_name(f".{self.target.name}.previous")
        self.warnings = CountHandler()
        self.warnings.setLevel(logging.WARNING)
        self.strict = strict
        if strict:
            logging.getLogger("mkdocs").addHandler(self.warnings)
        shutil.rmtree(self.staging, ignore_errors=True)

    @property
    def has_warnings(self) -> bool:
        return bool(self.warnings.get_counts())

    def commit(self) -> bool:
        """Swap the staged site in; keep the old one when strict warnings will abort the build."""
        self._detach()
        if self.strict and self.has_warnings:
            self.discard()
            return False
        shutil.rmtree(self.previous, ignore_errors=True)
        if self.target.exists():
            os.replace(self.target, self.previous)
        os.replace(self.staging, self.target)
        shutil.rmtree(self.previous, ignore_errors=True)
        return True

    def discard(self) -> None:
        self._detach()
        shutil.rmtree(self.staging, ignore_errors=True)

    def _detach(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it: a reader never sees half of it."""
    draft = path.with_name(f".{path.name}.new-{os.getpid()}")
    try:
        draft.write_text(text, encoding="utf-8")
        os.replace(draft, path)
    finally:
        draft.unlink(missing_ok=True)
