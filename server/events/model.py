"""The platform event type (validated by server.events.schema, the one schema)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class PlatformEvent:
    """One validated platform event: treat it and its nested dicts as read-only.

    Not `frozen=True` on purpose: frozen construction costs ~1.5 us more per event.
    """

    id: str
    broadcaster: str
    method: str
    ts: float
    received_at: float
    user: dict[str, Any] | None = None
    tip: dict[str, Any] | None = None
    message: dict[str, Any] | None = None
    media: dict[str, Any] | None = None
    subject: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the flat, JSON-ready schema (absent parts omitted) plus `received_at`."""
        out: dict[str, Any] = {
            "id": self.id,
            "broadcaster": self.broadcaster,
            "method": self.method,
            "ts": self.ts,
            "received_at": self.received_at,
        }
        if self.user is not None:
            out["user"] = self.user
        if self.tip is not None:
            out["tip"] = self.tip
        if self.message is not None:
            out["message"] = self.message
        if self.media is not None:
            out["media"] = self.media
        if self.subject is not None:
            out["subject"] = self.subject
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlatformEvent:
        """Rebuild an event from `to_dict()` output we stored ourselves (not re-validated)."""
        return cls(
            id=data["id"],
            broadcaster=data["broadcaster"],
            method=data["method"],
            ts=float(data["ts"]),
            received_at=float(data.get("received_at", data["ts"])),
            user=data.get("user"),
            tip=data.get("tip"),
            message=data.get("message"),
            media=data.get("media"),
            subject=data.get("subject"),
        )

    @property
    def username(self) -> str | None:
        """The acting user's name, if any."""
        return self.user.get("username") if self.user else None

    @property
    def tokens(self) -> int | None:
        """Tokens of a tip or media purchase, if any."""
        if self.tip is not None:
            return self.tip.get("tokens")
        return self.media.get("tokens") if self.media else None

    @property
    def text(self) -> str | None:
        """Chat text: the chat/private message or the tip note."""
        if self.message is not None:
            return self.message.get("message")
        return self.tip.get("message") if self.tip else None

    def without_text(self) -> PlatformEvent:
        """Return a copy with chat text (message, orig, tip note) removed."""
        message = self.message
        if message is not None and ("message" in message or "orig" in message):
            message = {k: v for k, v in message.items() if k not in ("message", "orig")}
        tip = self.tip
        if tip is not None and "message" in tip:
            tip = {k: v for k, v in tip.items() if k != "message"}
        if message is self.message and tip is self.tip:
            return self
        return PlatformEvent(
            self.id, self.broadcaster, self.method, self.ts, self.received_at,
            self.user, tip, message, self.media, self.subject,
        )  # fmt: skip
