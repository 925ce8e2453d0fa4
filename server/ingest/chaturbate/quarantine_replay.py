"""Replaying quarantined Events API events through the normal ingest path, after a fix.

Each event goes through what the poller does to a served event (the feed's room stamped
in, the one publish path with the room owner's publisher); what is stored, or found
already stored, is marked resolved once durable; what still fails stays with its new reason.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.adapters.eventstore.writer import BatchingWriter
from server.events.schema import MAX_TS_PAST_S
from server.ingest.chaturbate.hooks import feed_publisher
from server.ingest.chaturbate.pages import stamp_broadcaster
from server.ingest.publishing import EventSink, PublishResult
from server.ingest.quarantine import RETRY_CODES, mark_resolved, safe_text
from server.models import PlatformLink, QuarantinedEvent

RATE_RETRIES = 5  # a replay of many events meets the tier's publish rate: wait, then resend
DURABLE_WAIT_SECONDS = 30.0


@dataclass
class ReplayOutcome:
    """What a replay did to one quarantined event: stored|duplicate|failed|retry_later."""

    id: int
    broadcaster: str
    event_id: str | None
    status: str
    detail: str = ""


def with_arrival_ts(item: Any, received_at: datetime, now: float) -> Any:
    """The event with its quarantine time as `ts` when it has none (real events carry none),
    so a replay dates it when it arrived, not now; left as is when too old to be accepted."""
    if not isinstance(item, dict) or "ts" in item:
        return item
    body = item.get("object")
    if isinstance(body, dict) and "ts" in body:
        return item
    arrived = (received_at if received_at.tzinfo else received_at.replace(tzinfo=UTC)).timestamp()
    if arrived < now - MAX_TS_PAST_S + 60:
        return item
    return {**item, "ts": arrived}


class QuarantineReplay:
    """Replays quarantined rows into `sink`; `writer` tells when the stored ones are durable."""

    def __init__(
        self,
        session: Session,
        sink: EventSink,
        writer: BatchingWriter,
        *,
        sleep: Callable[[float], Any] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.session = session
        self.sink = sink
        self.writer = writer
        self.sleep = sleep
        self.clock = clock

    def run(self, rows: Iterable[QuarantinedEvent]) -> list[ReplayOutcome]:
        """Replay `rows`; commit what changed and return one outcome per row."""
        outcomes, done = [], []
        for row in rows:
            outcome = self._replay(row)
            row.attempts += 1
            if outcome.status in ("stored", "duplicate"):
                done.append(row)
            outcomes.append(outcome)
        if done and not self.writer.wait_durable(self.writer.mark(), DURABLE_WAIT_SECONDS):
            for outcome in outcomes:
                if outcome.status == "stored":
                    outcome.status, outcome.detail = "retry_later", "not yet durable"
            done = []
        mark_resolved(done)
        self.session.commit()
        return outcomes

    def _replay(self, row: QuarantinedEvent) -> ReplayOutcome:
        outcome = ReplayOutcome(row.id, row.broadcaster, row.event_id, "failed")
        try:
            raw = json.loads(row.payload)
        except ValueError:
            outcome.detail = "the kept payload is not JSON (was it truncated?)"
            return outcome
        link = self.session.scalar(
            select(PlatformLink).where(PlatformLink.broadcaster == row.broadcaster)
        )
        if link is None:
            outcome.detail = f"broadcaster {row.broadcaster!r} is not linked to an account"
            return outcome
        item = with_arrival_ts(
            stamp_broadcaster(raw, row.broadcaster), row.received_at, self.clock()
        )
        result = self._publish(item, feed_publisher(link.account, row.broadcaster))
        if result.accepted:
            outcome.status = "stored"
        elif result.duplicates:
            outcome.status, outcome.detail = "duplicate", "already stored"
        else:
            error = result.errors[0] if result.errors else {"code": "refused", "message": "?"}
            code = str(error.get("code"))
            outcome.status = "retry_later" if code in RETRY_CODES else "failed"
            outcome.detail = f"{code}: {error.get('message')}"
            row.code = safe_text(code, 32) or "refused"
            row.reason = safe_text(str(error.get("message")), 2_000) or "refused"
        return outcome

    def _publish(self, item: Any, publisher: Any) -> PublishResult:
        result = self.sink.publish([item], publisher)
        for attempt in range(RATE_RETRIES):
            if not any(e.get("code") == "rate_limited" for e in result.errors):
                break
            self.sleep(min(2.0**attempt / 4, 2.0))
            result = self.sink.publish([item], publisher)
        return result
