"""A realistic demo room: multilingual chat, heavy-tailed tips, follows, fanclub, PMs, media."""

from __future__ import annotations

import logging
import random
import time
import uuid
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

CHAT = {
    "en": [
        "hi gorgeous!",
        "you look amazing today",
        "what's the goal tonight?",
        "lol that was funny",
        "can you say hi to me?",
        "love the new hair",
        "brb grabbing a drink",
        "good evening from Texas",
    ],
    "es": ["hola guapa!", "que linda estas hoy", "saludos desde Madrid", "me encanta tu sonrisa"],
    "de": ["hallo schöne frau", "grüße aus Berlin", "wie geht es dir heute?", "du bist toll"],
    "fr": ["coucou toi", "tu es magnifique ce soir", "bonsoir de Paris", "j'adore ton show"],
    "pt": ["oi linda", "boa noite do Brasil", "você é demais"],
    "ru": ["привет красавица", "как дела?", "ты супер"],
    "ja": ["こんばんは！", "かわいいですね", "日本から来ました"],
    "it": ["ciao bella", "saluti da Roma", "sei bellissima"],
}
LANGUAGE_WEIGHTS = {"en": 45, "es": 15, "de": 10, "fr": 8, "pt": 7, "ru": 6, "ja": 4, "it": 5}
NAMES = [
    "tipking",
    "lurker_42",
    "bigspender",
    "max_power",
    "juan_madrid",
    "klaus_b",
    "pierre75",
    "joao_rio",
    "ivan_msk",
    "kenji_t",
    "marco_roma",
    "nightowl",
    "sweetpea",
    "anon_user",
]
TIP_NOTES = ["", "", "", "for the goal!", "you're the best", "PM me", "🔥🔥🔥"]
# (method, weight) of a typical room minute
MIX = [
    ("chatMessage", 55),
    ("tip", 12),
    ("userEnter", 10),
    ("userLeave", 8),
    ("follow", 5),
    ("privateMessage", 3),
    ("fanclubJoin", 1),
    ("mediaPurchase", 1),
    ("unfollow", 1),
]


class RoomSimulator:
    """Generates one broadcaster's events; `publish(list_of_events)` sends them on."""

    def __init__(
        self,
        broadcaster: str,
        publish: Callable[[list[dict[str, Any]]], object],
        *,
        seed: int | None = None,
        events_per_second: float = 4.0,
    ) -> None:
        self.broadcaster = broadcaster
        self.publish = publish
        self.rng = random.Random(seed)
        self.rate = events_per_second
        self.languages = {name: self._language() for name in NAMES}
        self.running = False

    def _language(self) -> str:
        return self.rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]

    def event(self, method: str | None = None) -> dict[str, Any]:
        """One random event of the room (or of `method`)."""
        method = method or self.rng.choices([m for m, _ in MIX], weights=[w for _, w in MIX])[0]
        name = self.rng.choice(NAMES)
        user = {
            "username": name,
            "inFanclub": self.rng.random() < 0.1,
            "gender": "m",
            "hasTokens": True,
            "recentTips": "some",
            "isMod": False,
            "language": self.languages[name],
        }
        event: dict[str, Any] = {
            "id": f"sim-{uuid.uuid4().hex}",
            "broadcaster": self.broadcaster,
            "method": method,
            "user": user,
        }
        if method == "tip":
            tokens = max(1, min(10_000, int(self.rng.paretovariate(1.2) * 5)))
            event["tip"] = {
                "tokens": tokens,
                "isAnon": self.rng.random() < 0.05,
                "message": self.rng.choice(TIP_NOTES),
            }
        elif method in ("chatMessage", "privateMessage"):
            text = self.rng.choice(CHAT[self.languages[name]])
            event["message"] = {"message": text, "color": "#494949", "font": "default"}
            if method == "privateMessage":
                event["message"].update(fromUser=name, toUser=self.broadcaster)
        elif method == "mediaPurchase":
            event["media"] = {
                "id": self.rng.randint(1, 20),
                "name": "Photo set",
                "type": "photos",
                "tokens": self.rng.choice([25, 50, 100]),
            }
        return event

    def run(self, sleep: Callable[[float], None] = time.sleep) -> None:
        """Publish forever (until `stop()`), starting with broadcastStart."""
        self.running = True
        self.publish([{**self.event("broadcastStart"), "user": None}])
        while self.running:
            try:
                self.publish([self.event()])
            except Exception:  # noqa: BLE001 - the demo keeps going; the hub logs its own errors
                log.exception("simulator publish failed")
            sleep(self.rng.expovariate(self.rate))

    def stop(self) -> None:
        self.running = False
