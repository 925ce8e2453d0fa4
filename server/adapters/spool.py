"""A durable on-disk spool of event batches: while the event store is down, and as the
journal of a store across a network (every group, acked at its fsync).

Layout: `<dir>/<n>.seg` append-only segment files of records, each a 16-byte header
(magic, payload length, event count, CRC-32) plus a JSON list; `<dir>/cursor` says how
far replay has got. Every append is fsynced; a record is consumed only after the
caller's write succeeded (at-least-once: the store must be idempotent). A torn or
corrupt record tail (crash mid-append) is cut off at open and kept as `<n>.seg.torn`.
"""

from __future__ import annotations

import builtins
import json
import logging
import os
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from typing import IO, Any

log = logging.getLogger(__name__)
# One shared encoder: json.dumps(**options) builds a new encoder on every call.
_to_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

_HEADER = struct.Struct(">4sIII")  # magic, payload bytes, events, crc32(payload)
_MAGIC = b"WCS1"
_SUFFIX = ".seg"


class SpoolFull(Exception):
    """The spool reached its byte cap; the batch was not accepted."""


def _read_record(f: IO[bytes]) -> tuple[int, bytes] | None:
    """Read one record at the file position; None at EOF or on a torn/corrupt record."""
    header = f.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    magic, length, count, crc = _HEADER.unpack(header)
    if magic != _MAGIC:
        return None
    payload = f.read(length)
    if len(payload) < length or zlib.crc32(payload) != crc:
        return None
    return count, payload


def _fsync_dir(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Spool:
    """Append-only, crash-safe FIFO of batches (lists of JSON-ready dicts) on disk."""

    def __init__(
        self, directory: str, *, max_bytes: int = 1 << 30, segment_bytes: int = 16 << 20
    ) -> None:
        """Open (or create) the spool in `directory`, recovering from any earlier crash."""
        self.directory = directory
        self.max_bytes = max_bytes
        self.segment_bytes = segment_bytes
        self._lock = threading.Lock()
        self._active: IO[bytes] | None = None
        self._events = 0
        self._bytes = 0
        os.makedirs(directory, exist_ok=True)
        self._segment, self._position = self._load_cursor()
        self._segments = self._recover()
        self._next = max([self._segment, *self._segments]) + 1

    # -- recovery -------------------------------------------------------------------------

    def _path(self, segment: int) -> str:
        return os.path.join(self.directory, f"{segment:012d}{_SUFFIX}")

    def _load_cursor(self) -> tuple[int, int]:
        try:
            with open(os.path.join(self.directory, "cursor"), encoding="utf-8") as f:
                data = json.load(f)
            return int(data["segment"]), int(data["position"])
        except FileNotFoundError:
            return 0, 0
        except (ValueError, KeyError, TypeError) as exc:
            # A cursor is replaced atomically; if unreadable anyway, replay all (idempotent).
            log.error("spool %s: unreadable cursor (%s); replaying from the start", self, exc)
            return 0, 0

    def _recover(self) -> list[int]:
        """Delete consumed segments, cut torn tails, count what is pending."""
        names = [n for n in os.listdir(self.directory) if n.endswith(_SUFFIX)]
        pending: list[int] = []
        for segment in sorted(int(n[: -len(_SUFFIX)]) for n in names):
            if segment < self._segment:
                os.unlink(self._path(segment))
                continue
            start = self._position if segment == self._segment else 0
            self._scan(segment, start)
            pending.append(segment)
        return pending

    def _scan(self, segment: int, start: int) -> None:
        path = self._path(segment)
        with open(path, "r+b") as f:
            size = f.seek(0, os.SEEK_END)
            good = min(start, size)
            f.seek(good)
            while (record := _read_record(f)) is not None:
                self._events += record[0]
                good = f.tell()
            self._bytes += good - min(start, size)
            if good < size:
                f.seek(good)
                with open(path + ".torn", "ab") as torn:
                    torn.write(f.read())
                f.truncate(good)
                os.fsync(f.fileno())
                log.warning("spool %s: cut %d torn bytes off %s", self, size - good, path)

    def __repr__(self) -> str:
        return f"Spool({self.directory!r})"

    # -- append ---------------------------------------------------------------------------

    def append(self, batch: list[dict[str, Any]], *, ignore_cap: bool = False) -> None:
        """Durably append one batch (fsync before returning); SpoolFull past the byte cap."""
        payload = _to_json(batch).encode("utf-8")
        record = _HEADER.pack(_MAGIC, len(payload), len(batch), zlib.crc32(payload)) + payload
        with self._lock:
            if not ignore_cap and self._bytes + len(record) > self.max_bytes:
                raise SpoolFull(f"spool {self.directory} holds {self._bytes} bytes (cap reached)")
            active = self._active_file(len(record))
            active.write(record)
            active.flush()
            os.fsync(active.fileno())
            self._events += len(batch)
            self._bytes += len(record)

    def _active_file(self, record_bytes: int) -> IO[bytes]:
        """The segment to append to, rolling to a new one when it would grow too big."""
        if self._active is None and self._segments:
            self._active = open(self._path(self._segments[-1]), "ab")  # noqa: SIM115
        if self._active is not None and self._active.tell() + record_bytes <= self.segment_bytes:
            return self._active
        if self._active is not None and self._active.tell() == 0:
            return self._active
        if self._active is not None:
            self._active.close()
        self._segments.append(self._next)
        self._active = open(self._path(self._next), "ab")  # noqa: SIM115
        self._next += 1
        _fsync_dir(self.directory)
        return self._active

    # -- read / replay --------------------------------------------------------------------

    def depth(self) -> int:
        """Events pending replay."""
        return self._events

    def bytes(self) -> int:
        """Bytes pending replay."""
        return self._bytes

    def pending_batches(self) -> Iterator[list[dict[str, Any]]]:
        """Yield pending batches in order without consuming them.

        During a concurrent replay, batches consumed meanwhile may or may not be yielded.
        """
        with self._lock:
            segments, segment0, position0 = list(self._segments), self._segment, self._position
        for segment in segments:
            try:
                f = open(self._path(segment), "rb")  # noqa: SIM115 - closed below
            except FileNotFoundError:  # consumed and deleted by a replay meanwhile
                continue
            with f:
                f.seek(position0 if segment == segment0 else 0)
                while (record := _read_record(f)) is not None:
                    yield json.loads(record[1])

    def replay(
        self, write: Callable[[list[dict[str, Any]]], None], *, max_batches: int | None = None
    ) -> int:
        """Pass pending batches in order to `write`, consuming each after it returns.

        An exception from `write` stops the replay and leaves that batch pending.
        Returns the number of events consumed.
        """
        done = 0
        batches = 0
        while max_batches is None or batches < max_batches:
            nxt = self._next_record()
            if nxt is None:
                break
            count, payload, end = nxt
            write(json.loads(payload))
            self._consume(count, end)
            done += count
            batches += 1
        return done

    def _next_record(self) -> tuple[int, builtins.bytes, int] | None:
        """The record at the cursor as (events, payload, end position), or None."""
        with self._lock:
            while self._segments:
                segment = self._segments[0]
                if segment != self._segment:
                    self._segment, self._position = segment, 0
                with open(self._path(segment), "rb") as f:
                    f.seek(self._position)
                    record = _read_record(f)
                    if record is not None:
                        return record[0], record[1], f.tell()
                if len(self._segments) == 1:
                    break  # the active segment is fully consumed
                self._drop_first_segment()
            if self._events or self._bytes:  # only after a file was damaged under us
                log.error(
                    "spool %s: counters said %d events left; none readable", self, self._events
                )
                self._events = self._bytes = 0
            return None

    def _consume(self, count: int, end: int) -> None:
        with self._lock:
            self._bytes -= end - self._position
            self._events -= count
            self._position = end
            self._save_cursor()
            if self._events == 0:
                # Everything written: drop the older segments; the active one stays open for
                # the next append (as a journal, the spool empties after every group).
                while len(self._segments) > 1:
                    self._drop_first_segment()

    def _drop_first_segment(self) -> None:
        segment = self._segments.pop(0)
        path = self._path(segment)
        unread = os.path.getsize(path) - (self._position if segment == self._segment else 0)
        self._segment, self._position = segment + 1, 0
        self._save_cursor()
        if unread > 0:  # damaged after open: keep it for an operator, never delete silently
            log.error("spool %s: %d unreadable bytes in %s kept as .corrupt", self, unread, path)
            os.replace(path, path + ".corrupt")
        else:
            os.unlink(path)

    def _save_cursor(self) -> None:
        """Replaced atomically, not fsynced: a cursor lost in a crash only replays batches
        again (the store is idempotent), and a cursor that cannot be read replays them all."""
        path = os.path.join(self.directory, "cursor")
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump({"segment": self._segment, "position": self._position}, f)
        os.replace(path + ".tmp", path)

    def close(self) -> None:
        """Close the active segment file."""
        with self._lock:
            if self._active is not None:
                self._active.close()
                self._active = None
