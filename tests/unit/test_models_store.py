"""The freeze store: atomic model folders and byte-level verification. No TensorFlow needed."""

from __future__ import annotations

import json
import os

import pytest

from talkbook.models import store as store_module
from talkbook.models.store import CorruptArtifact, Store


def freeze_fake(store: Store, name: str, version: str) -> None:
    """Write a model folder the way the pipeline does, with made-up artifacts."""
    with store.writing(name) as draft:
        (draft.folder / "model.json").write_text(json.dumps({"version": version}))
        (draft.folder / "group1-shard1of1.bin").write_bytes(version.encode() * 8)
        draft.card = {"name": name, "labels": ["a", "b"], "recipe": {"sha256": f"hash-{version}"}}


def snapshot(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def leftovers(store: Store):
    return sorted(path.name for path in store.root.iterdir() if path.name.startswith("."))


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "frozen")
    freeze_fake(store, "tiny", "v1")
    return store


def test_card_records_the_hash_and_size_of_every_artifact(store):
    card = store.read_card("tiny")
    shard = store.folder("tiny") / "group1-shard1of1.bin"
    assert set(card["files"]) == {"model.json", "group1-shard1of1.bin"}
    assert card["files"]["group1-shard1of1.bin"] == {"sha256": store_module.sha256_file(shard), "bytes": 16}
    assert store.verify("tiny").artifact_names() == ["card.json", "group1-shard1of1.bin", "model.json"]


def test_fresh_only_while_the_recipe_hash_matches(store):
    assert store.is_fresh("tiny", "hash-v1")
    assert not store.is_fresh("tiny", "hash-v2")
    assert not store.is_fresh("never-frozen", "hash-v1")


def test_a_crash_while_writing_keeps_the_previous_version(store):
    before = snapshot(store.folder("tiny"))
    with pytest.raises(RuntimeError, match="disk full"):
        with store.writing("tiny") as draft:
            (draft.folder / "model.json").write_text("half a mod")
            raise RuntimeError("disk full")
    assert snapshot(store.folder("tiny")) == before
    assert leftovers(store) == []


def test_a_crash_while_sealing_the_card_keeps_the_previous_version(store, monkeypatch):
    before = snapshot(store.folder("tiny"))

    def crash(path, data, compact=False):
        path.write_text('{"trunc')
        raise OSError("killed while writing the card")

    monkeypatch.setattr(store_module, "write_json", crash)
    with pytest.raises(OSError, match="killed"):
        freeze_fake(store, "tiny", "v2")
    assert snapshot(store.folder("tiny")) == before
    assert leftovers(store) == []


def test_a_crash_between_the_two_renames_is_undone_on_next_read(store, monkeypatch):
    before = snapshot(store.folder("tiny"))
    real_rename = os.rename
    calls = []

    def rename_then_die(source, target):
        calls.append(source)
        if len(calls) == 2:  # the old version is moved aside; the new one never arrives
            raise KeyboardInterrupt
        real_rename(source, target)

    monkeypatch.setattr(store_module.os, "rename", rename_then_die)
    with pytest.raises(KeyboardInterrupt):
        freeze_fake(store, "tiny", "v2")
    monkeypatch.setattr(store_module.os, "rename", real_rename)
    assert not store.folder("tiny").exists()
    assert store.read_card("tiny")["recipe"]["sha256"] == "hash-v1"
    assert snapshot(store.folder("tiny")) == before and leftovers(store) == []


def test_a_successful_write_replaces_the_version_completely(store):
    freeze_fake(store, "tiny", "v2")
    assert json.loads((store.folder("tiny") / "model.json").read_text()) == {"version": "v2"}
    assert store.verify("tiny").card["recipe"]["sha256"] == "hash-v2"
    assert leftovers(store) == []


def test_one_flipped_byte_is_reported_with_its_file(store):
    shard = store.folder("tiny") / "group1-shard1of1.bin"
    data = bytearray(shard.read_bytes())
    data[3] ^= 0x01
    shard.write_bytes(bytes(data))
    with pytest.raises(CorruptArtifact) as raised:
        store.verify("tiny")
    assert raised.value.path == shard and "group1-shard1of1.bin" in str(raised.value)


def test_a_missing_artifact_is_reported_with_its_file(store):
    (store.folder("tiny") / "model.json").unlink()
    with pytest.raises(CorruptArtifact, match="model.json.*missing"):
        store.verify("tiny")


def test_an_unreadable_card_is_reported(store):
    (store.folder("tiny") / "card.json").write_text("{not json")
    with pytest.raises(CorruptArtifact, match="card.json"):
        store.verify("tiny")


def test_json_is_written_with_sorted_keys(tmp_path):
    store_module.write_json(tmp_path / "a.json", {"b": 1, "a": {"d": 2, "c": 3}}, compact=True)
    assert (tmp_path / "a.json").read_text() == '{"a":{"c":3,"d":2},"b":1}\n'
