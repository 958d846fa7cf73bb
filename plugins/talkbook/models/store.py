"""The freeze store: one folder of TF.js artifacts per model, described by its ``card.json``.

Layout of ``<store>/<name>/``::

    model.json            TF.js layers model, keys sorted so bytes are stable
    group1-shard*.bin     weights
    metadata.json         Teachable-Machine style (``labels``) so ml5 can read the labels
    examples.json         the recipe's example inputs and the Keras outputs for them
    card.json             model card; ``files`` records sha256 and size of every file above

Writes are atomic at the folder level: a new version is built in a hidden sibling
folder and swapped in with two renames, so a crash leaves the previous version (or,
between the renames, a backup that the next read restores). Nothing here imports
TensorFlow.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

CARD = "card.json"
NEW_PREFIX = ".new-"
OLD_PREFIX = ".old-"


class CorruptArtifact(Exception):
    """A frozen file is missing or its bytes differ from the card; ``path`` names it."""

    def __init__(self, path: Path, problem: str):
        self.path = path
        super().__init__(f"{path}: {problem}")


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_json(path: Path, data: Any, compact: bool = False) -> None:
    """Canonical JSON (sorted keys, fixed separators) so identical content gives identical bytes."""
    if compact:
        text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    else:
        text = json.dumps(data, sort_keys=True, indent=2)
    path.write_text(text + "\n", encoding="utf-8")


@dataclass(frozen=True)
class FrozenModel:
    """A verified model folder."""

    name: str
    folder: Path
    card: dict[str, Any]

    def artifact_names(self) -> list[str]:
        """Every file that ships with the model, the card included."""
        return sorted([*self.card["files"], CARD])

    @property
    def labels(self) -> list[str]:
        return self.card["labels"]


@dataclass
class Draft:
    """A model folder under construction; set ``card`` before the ``writing`` block ends."""

    folder: Path
    card: dict[str, Any] | None = None


class Store:
    def __init__(self, root: Path):
        self.root = Path(root)

    def folder(self, name: str) -> Path:
        return self.root / name

    def read_card(self, name: str) -> dict[str, Any] | None:
        """The card of ``name``, or None when the model was never frozen."""
        self._recover(name)
        card_path = self.folder(name) / CARD
        if not card_path.is_file():
            return None
        try:
            return json.loads(card_path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as error:
            raise CorruptArtifact(card_path, f"unreadable model card ({error})") from error

    def is_fresh(self, name: str, recipe_hash: str) -> bool:
        card = self.read_card(name)
        return card is not None and card.get("recipe", {}).get("sha256") == recipe_hash

    def verify(self, name: str) -> FrozenModel:
        """Check every artifact's bytes against the card; raise CorruptArtifact naming the first bad file."""
        card = self.read_card(name)
        folder = self.folder(name)
        if card is None:
            raise CorruptArtifact(folder / CARD, "missing model card")
        for relative, recorded in sorted(card.get("files", {}).items()):
            path = folder / relative
            if not path.is_file():
                raise CorruptArtifact(path, "listed in the model card but missing")
            actual = sha256_file(path)
            if actual != recorded["sha256"]:
                raise CorruptArtifact(path, f"sha256 {actual} differs from the card's {recorded['sha256']}")
        return FrozenModel(name=name, folder=folder, card=card)

    @contextlib.contextmanager
    def writing(self, name: str) -> Iterator[Draft]:
        """Build a new version of ``name`` beside the live one; swap it in only when complete."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._recover(name)
        self._drop_drafts(name)
        draft = Draft(Path(tempfile.mkdtemp(dir=self.root, prefix=f".{name}{NEW_PREFIX}")))
        draft.folder.chmod(0o755)  # mkdtemp makes it private; the live folder must stay readable
        try:
            yield draft
            if draft.card is None:
                raise ValueError(f"model '{name}': the draft was closed without a card")
            self._seal(draft)
            self._swap(draft.folder, self.folder(name))
        finally:
            shutil.rmtree(draft.folder, ignore_errors=True)

    def _seal(self, draft: Draft) -> None:
        """Record sha256 and size of every file, then write the card last."""
        files = {}
        for path in sorted(draft.folder.rglob("*")):
            relative = path.relative_to(draft.folder).as_posix()
            if path.is_file() and relative != CARD:
                files[relative] = {"sha256": sha256_file(path), "bytes": path.stat().st_size}
        write_json(draft.folder / CARD, {**draft.card, "files": files})

    def _swap(self, new: Path, live: Path) -> None:
        # A directory cannot be os.replace()d over a non-empty one, so move the old
        # version aside first; _recover() undoes a crash between the two renames.
        backup = None
        if live.exists():
            backup = self.root / f".{live.name}{OLD_PREFIX}{os.getpid()}"
            shutil.rmtree(backup, ignore_errors=True)
            os.rename(live, backup)
        os.rename(new, live)
        if backup is not None:
            shutil.rmtree(backup)

    def _drop_drafts(self, name: str) -> None:
        """Remove drafts a killed process left behind (a ``finally`` never ran for them)."""
        for draft in self.root.glob(f".{name}{NEW_PREFIX}*"):
            shutil.rmtree(draft, ignore_errors=True)

    def _recover(self, name: str) -> None:
        """Undo a write interrupted between its two renames by restoring the backup."""
        if not self.root.is_dir():
            return
        backups = sorted(self.root.glob(f".{name}{OLD_PREFIX}*"))
        live = self.folder(name)
        for backup in backups:
            if not live.exists():
                os.rename(backup, live)
            else:
                shutil.rmtree(backup, ignore_errors=True)
