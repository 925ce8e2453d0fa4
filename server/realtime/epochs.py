"""Room epochs of the embedded (one-process) room stream, kept in a small JSON file.

An epoch names one numbering of a room's history. It is created with the history and
replaced when that history is lost or its offsets restart: the store no longer reaches
the highest offset this process ever handed out (store wiped), or the store was down
when the room opened and offsets had to follow the clock. With Redis the epoch lives in
Redis instead (server/realtime/redis_stream.py).
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import tempfile

log = logging.getLogger(__name__)


def new_epoch() -> str:
    """A fresh, unguessable-enough epoch name (8 hex characters)."""
    return secrets.token_hex(4)


class EpochBook:
    """broadcaster -> (epoch, highest offset handed out), persisted to `path` on `save()`."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._rooms: dict[str, dict[str, object]] = self._load()
        self._dirty = False

    def _load(self) -> dict[str, dict[str, object]]:
        if not self.path or not os.path.exists(self.path):
            return {}
        try:
            with open(self.path, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError):
            log.warning("room epochs unreadable; every room starts a new epoch")
            return {}
        return data if isinstance(data, dict) else {}

    def open(self, broadcaster: str, store_last: int | None) -> str:
        """The room's epoch given the store's highest offset (None: store unavailable)."""
        known = self._rooms.get(broadcaster)
        high = int(known.get("high", 0)) if known else 0  # type: ignore[call-overload]
        if known is None or store_last is None or store_last < high:
            if known is not None:
                log.warning("history of %s lost or renumbered; new epoch", broadcaster)
            return self._start(broadcaster, store_last or 0)
        return str(known["epoch"])

    def _start(self, broadcaster: str, high: int) -> str:
        epoch = new_epoch()
        self._rooms[broadcaster] = {"epoch": epoch, "high": high}
        self._dirty = True
        self.save()
        return epoch

    def note_high(self, broadcaster: str, offset: int) -> None:
        """Remember the highest offset handed out (saved by the next `save()`)."""
        room = self._rooms.get(broadcaster)
        if room is not None and offset > int(room.get("high", 0)):  # type: ignore[call-overload]
            room["high"] = offset
            self._dirty = True

    def save(self) -> None:
        """Write the book atomically if it changed (temp file + rename)."""
        if not self.path or not self._dirty:
            return
        directory = os.path.dirname(self.path) or "."
        os.makedirs(directory, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=directory, prefix=".epochs-")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(self._rooms, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, self.path)
        self._dirty = False
