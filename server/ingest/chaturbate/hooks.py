"""What an Events API poller does to the app: publish, save nextUrl, report its state.

Pollers run outside any request, so each hook opens its own app context (and with it a
fresh DB session). Every write is scoped to the feed's exact URL: a poller replaced by a
newer registration, or whose feed was forgotten, can no longer change anything.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask
from sqlalchemy import select, update

from server.adapters.eventstore.writer import BatchingWriter
from server.extensions import services
from server.ingest.chaturbate.contracts import PollStatus
from server.ingest.chaturbate.urls import parse_events_url
from server.ingest.publishing import EventSink, Publisher, PublishResult
from server.ingest.quarantine import SOURCE_EVENTS_API, is_refused_for_good, quarantine
from server.models import Account, PlatformLink
from server.signals import feed_status_changed
from server.tiers import tier_for

POLL_STATUS_CHARS = 64  # platform_links.poll_status is String(64)
DURABLE_WAIT_SECONDS = 5.0  # how long a page's events may take to reach the store or spool

log = logging.getLogger(__name__)


def split_status(poll_status: str | None) -> tuple[str, str | None]:
    """(state, reason) of a stored poll_status 'state' or 'state: reason'."""
    if not poll_status:
        return "starting", None
    state, _, reason = poll_status.partition(": ")
    return state, reason or None


def join_status(status: PollStatus) -> str:
    text = status.state if not status.reason else f"{status.state}: {status.reason}"
    return text[:POLL_STATUS_CHARS]


def feed_publisher(account: Account, broadcaster: str) -> Publisher:
    """Who publishes a feed's events: its room only, at the owner's tier rate and privacy."""
    return Publisher(
        allowed=frozenset({broadcaster}),
        rate_per_second=tier_for(account.tier).publish_rate_per_broadcaster,
        store_text=account.store_chat_text,
    )


def refused_events(events: list[Any], result: PublishResult) -> list[tuple[Any, dict[str, Any]]]:
    """(raw event, error) of every event refused for good (not just delayed)."""
    refused: list[tuple[Any, dict[str, Any]]] = []
    for error in result.errors:
        if not is_refused_for_good(error):
            continue
        index = error.get("index")
        if index is None:  # the whole batch was refused: keep each of its events
            refused.extend((item, error) for item in events)
        elif isinstance(index, int) and 0 <= index < len(events):
            refused.append((events[index], error))
    return refused


class LinkHooks:
    """`PollerHooks` for one stored feed (account, exact events URL)."""

    def __init__(
        self, app: Flask, sink: EventSink, writer: BatchingWriter, account_id: str, events_url: str
    ) -> None:
        self.app = app
        self.sink = sink
        self.writer = writer
        self.account_id = account_id
        self.events_url = events_url
        self.broadcaster = parse_events_url(events_url, allow_local=True).broadcaster

    def _is_this_feed(self) -> Any:
        return (
            (PlatformLink.account_id == self.account_id)
            & (PlatformLink.broadcaster == self.broadcaster)
            & (PlatformLink.events_url == self.events_url)
        )

    def resume_url(self) -> str | None:
        with self.app.app_context():
            session = services(self.app).db.session
            return session.scalar(select(PlatformLink.next_url).where(self._is_this_feed()))

    def publish(self, page: dict[str, Any]) -> PublishResult | None:
        with self.app.app_context():
            app_services = services(self.app)
            link = app_services.db.session.scalar(select(PlatformLink).where(self._is_this_feed()))
            if link is None:
                return None
            # the account is read per page: tier and privacy changes apply at once
            publisher = feed_publisher(link.account, self.broadcaster)
            result = self.sink.publish(page, publisher)
            refused = refused_events(page.get("events") or [], result)
            quarantine(  # a database error here fails the page: it is retried, not lost
                app_services.db.session, refused,
                source=SOURCE_EVENTS_API, broadcaster=self.broadcaster, account_id=self.account_id,
            )  # fmt: skip
            return result

    def save_progress(self, next_url: str) -> bool:
        """Save nextUrl only once the page's events survive a crash (store or spool).

        Saved earlier, a crash in the writer's batching window would skip those events for
        good: the Events API never serves a page again once its nextUrl has been followed.
        Not durable in time: keep the older nextUrl; a restart re-reads those pages and the
        hub drops what it already has by (broadcaster, id).
        """
        if not self.writer.wait_durable(self.writer.mark(), DURABLE_WAIT_SECONDS):
            log.warning("events of %s not yet durable; nextUrl not advanced", self.broadcaster)
            return self._registered()
        return self._update(next_url=next_url)

    def report(self, status: PollStatus) -> None:
        if self._update(poll_status=join_status(status)):  # the owner's panels show it
            feed_status_changed.send(
                self.app, account_id=self.account_id, broadcaster=self.broadcaster, status=status
            )

    def _registered(self) -> bool:
        with self.app.app_context():
            session = services(self.app).db.session
            return session.scalar(select(PlatformLink.id).where(self._is_this_feed())) is not None

    def _update(self, **values: Any) -> bool:
        with self.app.app_context():
            session = services(self.app).db.session
            result = session.execute(
                update(PlatformLink).where(self._is_this_feed()).values(**values)
            )
            session.commit()
            return bool(getattr(result, "rowcount", 0))
