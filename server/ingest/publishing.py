"""The publish port: who publishes (`Publisher`), what came of it (`PublishResult`), and the
`EventSink` every source publishes into (the hub's Ingestor implements it)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, Protocol

from server.adapters.eventstore.base import StoredEvent


@dataclass
class PublishResult:
    """What happened to one publish call; `ack()` is the wire shape."""

    accepted: int = 0
    duplicates: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    stored: list[StoredEvent] = field(default_factory=list)
    rewritten: int = 0  # duplicates written again (their first copy's process may have died)

    def ack(self) -> dict[str, Any]:
        return {
            "ok": not self.errors,
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "errors": self.errors,
            "offsets": [s.offset for s in self.stored],
        }


@dataclass(frozen=True)
class Publisher:
    """Who publishes: which rooms they may feed, their per-room rate, their privacy choice."""

    allowed: Collection[str] | None  # None = internal source (simulator), any room
    rate_per_second: int
    store_text: bool = True


class EventSink(Protocol):
    """Where sources publish platform events (validated, deduped, stored, fanned out)."""

    def publish(self, raw: object, publisher: Publisher) -> PublishResult:
        """Publish one event, a list, or an Events API page; per-event errors by index."""
        ...
