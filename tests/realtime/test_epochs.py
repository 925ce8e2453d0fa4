"""The embedded engine's epochs: kept across restarts, new when history is lost."""

from __future__ import annotations

from pathlib import Path

from server.realtime.epochs import EpochBook


def test_an_epoch_survives_a_restart_while_the_store_keeps_the_history(tmp_path: Path) -> None:
    path = str(tmp_path / "epochs")
    book = EpochBook(path)
    epoch = book.open("alice", 0)
    book.note_high("alice", 40)
    book.save()
    assert EpochBook(path).open("alice", 40) == epoch


def test_a_store_behind_the_highest_offset_handed_out_starts_a_new_epoch(tmp_path: Path) -> None:
    path = str(tmp_path / "epochs")
    book = EpochBook(path)
    epoch = book.open("alice", 0)
    book.note_high("alice", 40)
    book.save()
    assert EpochBook(path).open("alice", 0) != epoch  # store wiped: offsets restart


def test_offsets_from_the_clock_start_a_new_epoch(tmp_path: Path) -> None:
    path = str(tmp_path / "epochs")
    epoch = EpochBook(path).open("alice", 5)
    assert EpochBook(path).open("alice", None) != epoch  # store down at open
    assert EpochBook(path).open("bob", 5) != EpochBook(path).open("alice", 5)
