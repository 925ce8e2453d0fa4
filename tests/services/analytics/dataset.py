"""One generated data set for the cross-store analytics contract (seeded, deterministic).

Five broadcasters in different home time zones broadcast most evenings for three weeks
around the 2025 EU (Oct 26) and US (Nov 2) DST changes: ~60,000 events with heavy-tailed
tips, enter/leave churn, follows, fanclub joins, media sales, multilingual chat, awkward
usernames (quotes, backslashes, unicode, CSV formulas), anonymous events, a lost
broadcastStop, a stop whose start predates the data, and a broadcast still live.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from server.adapters.eventstore.base import StoredEvent
from server.events.schema import parse_event

SEED = 20251026
START = datetime(2025, 10, 20, tzinfo=ZoneInfo("UTC")).timestamp()
DAYS = 21
END = START + DAYS * 86_400
NOW = END + 2 * 86_400  # "now" of the service under test: two days after the last event
HOMES = {
    "alpha": "UTC",
    "bravo_tv": "America/New_York",
    "charlie99": "Asia/Kolkata",
    "delta": "Europe/Berlin",
    "echo": "Australia/Sydney",
}
NASTY_NAMES = [
    "o'brien",
    'say "hi"',
    "back\\slash",
    "ünïcødé_😀",
    "x' OR '1'='1",
    "名前",
    "semi;colon,comma",
    '=HYPERLINK("x")',
    "-minus",
]
LANGUAGES = {"en": 45, "es": 15, "de": 10, "fr": 8, "pt": 7, "ru": 6, "ja": 4, "it": 5}
MIX = {
    "chatMessage": 52,
    "tip": 12,
    "userEnter": 11,
    "userLeave": 9,
    "follow": 5,
    "privateMessage": 3,
    "fanclubJoin": 1,
    "mediaPurchase": 1,
    "unfollow": 1,
    "roomSubjectChange": 0.3,
}


@dataclass
class Dataset:
    """The generated events, in write order (per broadcaster by offset)."""

    events: list[StoredEvent] = field(default_factory=list)

    def of(self, broadcaster: str) -> list[StoredEvent]:
        return [s for s in self.events if s.event.broadcaster == broadcaster]


class _Room:
    def __init__(self, name: str, rng: random.Random, users: list[tuple[str, str | None]]) -> None:
        self.name = name
        self.zone = ZoneInfo(HOMES[name])
        self.rng = rng
        self.users = users
        self.raw: list[dict[str, Any]] = []

    def add(self, ts: float, method: str, user: tuple[str, str | None] | None) -> None:
        raw: dict[str, Any] = {
            "id": f"{self.name}-{len(self.raw)}",
            "broadcaster": self.name,
            "method": method,
            "ts": round(ts * 1000) / 1000,
        }
        if user is not None:
            raw["user"] = {"username": user[0], "inFanclub": self.rng.random() < 0.1}
            if user[1] is not None:
                raw["user"]["language"] = user[1]
        if method == "tip":
            tokens = max(1, min(10_000, int(self.rng.paretovariate(1.2) * 5)))
            raw["tip"] = {
                "tokens": tokens,
                "message": self.rng.choice(["", "for the goal", "=1+1"]),
            }
        elif method in ("chatMessage", "privateMessage"):
            raw["message"] = {"message": self.rng.choice(["hi", "hola", "hallo", "'quoted'"])}
        elif method == "mediaPurchase":
            raw["media"] = {
                "id": 1,
                "name": "set",
                "type": "photos",
                "tokens": self.rng.choice([25, 50]),
            }
        elif method == "roomSubjectChange":
            raw["subject"] = "goal: 1000 tokens"
        self.raw.append(raw)

    def user(self, method: str) -> tuple[str, str | None] | None:
        if method in ("tip", "userEnter", "userLeave") and self.rng.random() < 0.02:
            return None  # anonymous: counted in totals, never named
        # a few regulars do most of the talking and tipping
        if self.rng.random() < 0.4:
            return self.users[int(self.rng.paretovariate(1.5)) % 40]
        return self.rng.choice(self.users)

    def broadcast(self, start: float, seconds: float, *, stop: bool = True) -> None:
        self.add(start, "broadcastStart", None)
        at = start + self.rng.uniform(1, 20)
        methods, weights = list(MIX), list(MIX.values())
        while at < start + seconds:
            method = self.rng.choices(methods, weights)[0]
            self.add(at, method, self.user(method))
            if self.rng.random() < 0.01:  # same millisecond: order falls back to the offset
                self.add(at, "userLeave", self.user("userLeave"))
            at += self.rng.expovariate(1 / 14)
        if stop:
            self.add(start + seconds, "broadcastStop", None)

    def evenings(self) -> None:
        day = datetime.fromtimestamp(START, self.zone).date()
        for index in range(DAYS):
            local = datetime.combine(day + timedelta(days=index), datetime.min.time(), self.zone)
            start = local.replace(hour=19).timestamp() + self.rng.uniform(-3600, 3600)
            seconds = self.rng.uniform(3600, 5 * 3600)
            if start >= START and start + seconds < END and self.rng.random() < 0.85:
                self.broadcast(start, seconds, stop=True)

    def stored(self) -> list[StoredEvent]:
        self.raw.sort(key=lambda r: r["ts"])
        return [
            StoredEvent(offset, parse_event(raw, received_at=raw["ts"] + 0.25))
            for offset, raw in enumerate(self.raw, 1)
        ]


def _users(rng: random.Random) -> list[tuple[str, str | None]]:
    names = NASTY_NAMES + [f"user_{i:03d}" for i in range(400)]
    rng.shuffle(names)
    languages, weights = list(LANGUAGES), list(LANGUAGES.values())
    return [(n, None if rng.random() < 0.05 else rng.choices(languages, weights)[0]) for n in names]


def generate(seed: int = SEED) -> Dataset:
    """Build the data set (about 60,000 events)."""
    rng = random.Random(seed)
    users = _users(rng)
    data = Dataset()
    for name in HOMES:
        room = _Room(name, rng, users)
        room.evenings()
        if name == "bravo_tv":  # a stop whose start predates the data
            room.add(START + 600, "chatMessage", users[0])
            room.add(START + 1800, "broadcastStop", None)
        if name == "charlie99":  # a lost stop: the next start closes the broadcast
            room.add(END - 9 * 3600, "broadcastStart", None)
            room.broadcast(END - 8 * 3600, 3600)
        if name == "delta":  # still live when the data ends
            room.broadcast(END - 3 * 3600, 4 * 3600, stop=False)
        data.events.extend(room.stored())
    return data
