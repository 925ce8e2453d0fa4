"""Shared builders for adapter tests: events, raw platform events, fresh Influx databases,
a switchable proxy."""

from __future__ import annotations

import contextlib
import socket
import threading
import uuid
from typing import Any

import pytest
import requests

from server.adapters.eventstore.base import StoredEvent
from server.events.schema import EventValidationError, parse_event

BASE_TS = 1_767_225_600.0  # 2026-01-01T00:00:00Z, a whole minute


def make_event(
    offset: int,
    *,
    broadcaster: str = "alice",
    method: str = "chatMessage",
    ts: float | None = None,
    username: str = "bob",
    text: str = "hello",
    tokens: int = 25,
    event_id: str | None = None,
) -> StoredEvent:
    """A validated StoredEvent (through parse_event, like the hub does)."""
    ts = BASE_TS + offset if ts is None else ts
    raw: dict[str, Any] = {
        "id": event_id or f"{broadcaster}-{offset}",
        "broadcaster": broadcaster,
        "method": method,
        "ts": ts,
        "user": {"username": username, "language": "en", "inFanclub": False},
    }
    if method == "tip":
        raw["tip"] = {"tokens": tokens, "isAnon": False, "message": text}
    elif method in ("chatMessage", "privateMessage"):
        raw["message"] = {"message": text, "color": "#fff"}
    elif method == "roomSubjectChange":
        raw["subject"] = text
    elif method == "mediaPurchase":
        raw["media"] = {"id": 1, "name": "set", "type": "photos", "tokens": tokens}
    return StoredEvent(offset, parse_event(raw, received_at=ts + 0.25))


def free_port() -> int:
    """A TCP port nothing listens on (right now)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class InfluxDatabase:
    """A uniquely named database on a real influxd, created and dropped by the test."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self.name = f"test_{uuid.uuid4().hex[:12]}"

    def _q(self, q: str) -> dict[str, Any]:
        response = requests.post(f"{self.url}/query", data={"q": q}, timeout=10)
        response.raise_for_status()
        body: dict[str, Any] = response.json()
        return body

    def create(self) -> InfluxDatabase:
        self._q(f'CREATE DATABASE "{self.name}"')
        return self

    def drop(self) -> None:
        self._q(f'DROP DATABASE "{self.name}"')

    def write_raw(self, lines: str) -> requests.Response:
        return requests.post(
            f"{self.url}/write", params={"db": self.name}, data=lines.encode(), timeout=10
        )

    def select(self, q: str) -> list[list[Any]]:
        response = requests.post(
            f"{self.url}/query", data={"q": q, "db": self.name, "epoch": "ns"}, timeout=10
        )
        series = response.json()["results"][0].get("series", [])
        return series[0]["values"] if series else []


class SwitchableProxy:
    """A TCP forwarder to `target` that can be switched off (connections then drop)."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.enabled = True
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if not self.enabled:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            with self._lock:
                self._conns += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            _shut(src)
            _shut(dst)

    def set_enabled(self, enabled: bool) -> None:
        """Switch forwarding on/off; off also cuts every open connection."""
        self.enabled = enabled
        if not enabled:
            with self._lock:
                conns, self._conns = self._conns, []
            for s in conns:
                _shut(s)
                s.close()

    def close(self) -> None:
        self.set_enabled(False)
        self._listener.close()


def _shut(s: socket.socket) -> None:
    with contextlib.suppress(OSError):
        s.shutdown(socket.SHUT_RDWR)


# --- raw platform events, for the protocol tests -------------------------------------------

NOW = 1_767_225_600.0  # 2026-01-01T00:00:00Z

USER = {
    "username": "fan_1",
    "inFanclub": True,
    "gender": "f",
    "hasTokens": True,
    "recentTips": "lots",
    "isMod": False,
    "language": "pt-BR",
    "colorGroup": "purple",
}
PAYLOADS: dict[str, dict[str, Any]] = {
    "tip": {"tip": {"tokens": 25, "isAnon": False, "message": "nice"}},
    "chatMessage": {"message": {"message": "hi", "color": "#494949", "font": "default"}},
    "privateMessage": {
        "message": {"message": "psst", "fromUser": "fan_1", "toUser": "alice", "orig": "psst"}
    },
    "mediaPurchase": {"media": {"id": 3, "name": "Set 1", "type": "video", "tokens": 50}},
    "roomSubjectChange": {"subject": "Goal: 500 tokens #new"},
}


def chaturbate(method: str, **extra: Any) -> dict[str, Any]:
    """An event as the Chaturbate Events API sends it."""
    obj = {"broadcaster": "alice", "user": dict(USER), **PAYLOADS.get(method, {})}
    return {"method": method, "id": f"1767225600000-{method}", "object": obj, **extra}


def flat(**overrides: Any) -> dict[str, Any]:
    event = {"id": "e1", "broadcaster": "alice", "method": "tip", "ts": NOW - 1}
    event.update(PAYLOADS["tip"], user=dict(USER))
    event.update(overrides)
    return event


def error_of(raw: object) -> tuple[str, str]:
    with pytest.raises(EventValidationError) as info:
        parse_event(raw, received_at=NOW)
    return info.value.code, info.value.message
