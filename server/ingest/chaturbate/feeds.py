"""Chaturbate Events API links: register/forget a feed, its status, and the process's pollers.

`ChaturbateFeeds` (one per app, `AppServices.feeds`) keeps at most one poller per
broadcaster in this process; with REDIS_URL a lease keeps it to one across processes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

import requests
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.adapters.eventstore.writer import BatchingWriter
from server.errors import Forbidden, NotFound, ValidationFailed
from server.extensions import services
from server.ingest.chaturbate.hooks import LinkHooks, split_status
from server.ingest.chaturbate.lease import LEASE_TTL_MS, RedisLease
from server.ingest.chaturbate.poller import LONGPOLL_SECONDS, MIN_INTERVAL_SECONDS, EventsApiPoller
from server.ingest.chaturbate.urls import EventsUrlError, mask_url, parse_events_url
from server.ingest.publishing import EventSink
from server.models import Account, PlatformLink
from server.services.accounts import link_broadcaster, owner_of

log = logging.getLogger(__name__)

PLATFORM = "chaturbate"


class Background(Protocol):
    """Where pollers run: Flask-SocketIO's background tasks (greenlets under gevent)."""

    def sleep(self, seconds: float) -> Any: ...

    def start_background_task(self, target: Callable[..., Any], *args: Any) -> Any: ...


class ChaturbateFeeds:
    """The process's Events API pollers by broadcaster (a second start replaces the first)."""

    def __init__(
        self,
        app: Flask,
        sink: EventSink,
        writer: BatchingWriter,
        *,
        redis_url: str = "",
        background: Background,
    ) -> None:
        self.app = app
        self.sink = sink
        self.writer = writer
        self.redis_url = redis_url
        self.background = background
        self.allow_local = False  # tests point feeds at a local fake API
        self.lease_ttl_ms = LEASE_TTL_MS
        self.sleep: Callable[[float], Any] = background.sleep
        self.http_factory: Callable[[], Any] = requests.Session
        self.longpoll_seconds = LONGPOLL_SECONDS
        self.min_interval = MIN_INTERVAL_SECONDS
        self._pollers: dict[str, EventsApiPoller] = {}
        self._lock = threading.Lock()
        self._redis: Any = None

    def start(self, account_id: str, events_url: str) -> EventsApiPoller:
        """Start (or restart) the poller of the feed's broadcaster as a background task."""
        hooks = self.hooks(account_id, events_url)
        poller = EventsApiPoller(
            events_url,
            hooks,
            http=self.http_factory(),
            sleep=self.sleep,
            longpoll_seconds=self.longpoll_seconds,
            min_interval=self.min_interval,
            allow_local=self.allow_local,
        )
        poller.lease = self._lease(poller.broadcaster)
        poller.lease_retry_seconds = min(poller.lease_retry_seconds, self.lease_ttl_ms / 2000)
        with self._lock:
            previous = self._pollers.pop(poller.broadcaster, None)
            if previous is not None:
                previous.stop("replaced by a newly registered events URL")
            self._pollers[poller.broadcaster] = poller
        self.background.start_background_task(poller.run)
        return poller

    def hooks(self, account_id: str, events_url: str) -> LinkHooks:
        """What a poller of this stored feed does to the app (publish, progress, status)."""
        return LinkHooks(self.app, self.sink, self.writer, account_id, events_url)

    def stop(self, broadcaster: str, reason: str = "stopped by the owner") -> None:
        with self._lock:
            poller = self._pollers.pop(broadcaster, None)
        if poller is not None:
            poller.stop(reason)

    def stop_all(self) -> None:
        with self._lock:
            pollers, self._pollers = list(self._pollers.values()), {}
        for poller in pollers:
            poller.stop("server shutting down")

    def poller(self, broadcaster: str) -> EventsApiPoller | None:
        return self._pollers.get(broadcaster)

    def start_registered(self) -> int:
        """Start a poller for every stored feed not stopped for good (e.g. a rejected token)."""
        with self.app.app_context():
            session = services(self.app).db.session
            links = session.scalars(
                select(PlatformLink).where(
                    PlatformLink.platform == PLATFORM, PlatformLink.events_url.is_not(None)
                )
            ).all()
            feeds = [
                (link.account_id, link.events_url)
                for link in links
                if link.events_url and split_status(link.poll_status)[0] != "stopped"
            ]
        for account_id, events_url in feeds:
            try:
                self.start(account_id, events_url)
            except EventsUrlError:
                log.warning("stored events URL no longer valid; not polled")
        return len(feeds)

    def _lease(self, broadcaster: str) -> RedisLease | None:
        url = self.redis_url
        if not url:
            return None
        if self._redis is None:
            import redis

            self._redis = redis.Redis.from_url(url, socket_timeout=5)
        return RedisLease(self._redis, f"{PLATFORM}:{broadcaster}", ttl_ms=self.lease_ttl_ms)


def register_events_url(
    session: Session, account: Account, events_url: str, manager: ChaturbateFeeds
) -> dict[str, Any]:
    """Store the account's Events API URL (linking its broadcaster) and (re)start its poller."""
    try:
        feed = parse_events_url(events_url, allow_local=manager.allow_local)
    except EventsUrlError as exc:
        raise ValidationFailed(
            f"Invalid events_url: {exc}",
            code="invalid_events_url",
            details=[{"field": "events_url", "message": str(exc)}],
        ) from exc
    link = link_broadcaster(session, account, feed.broadcaster)  # 409 taken, 403 tier cap
    link.events_url, link.next_url, link.poll_status = feed.url, None, "starting"
    session.commit()
    manager.start(account.id, feed.url)
    log.info("events api feed registered for %s", feed.broadcaster)
    return link_status(link, manager)


def forget_events_url(
    session: Session, account: Account, broadcaster: str, manager: ChaturbateFeeds
) -> dict[str, Any]:
    """Stop the broadcaster's poller and delete its stored URL (the broadcaster stays linked)."""
    link = owned_link(session, account, broadcaster)
    manager.stop(broadcaster)
    link.events_url = link.next_url = link.poll_status = None
    session.commit()
    return link_status(link, manager)


def owned_link(session: Session, account: Account, broadcaster: str) -> PlatformLink:
    """The account's link of `broadcaster`: 403 if another account's, 404 if nobody's."""
    link = next((link for link in account.links if link.broadcaster == broadcaster), None)
    if link is not None:
        return link
    if owner_of(session, broadcaster) is not None:
        raise Forbidden("This broadcaster belongs to another account.")
    raise NotFound("No such broadcaster on this account.")


def platform_status(account: Account, manager: ChaturbateFeeds) -> dict[str, Any]:
    """Feed status of every broadcaster linked to the account."""
    links = sorted(account.links, key=lambda link: link.broadcaster)
    return {"platform": PLATFORM, "broadcasters": [link_status(link, manager) for link in links]}


def link_status(link: PlatformLink, manager: ChaturbateFeeds) -> dict[str, Any]:
    """One broadcaster's feed: live state when polled here, else the stored state."""
    poller = manager.poller(link.broadcaster)
    view: dict[str, Any] = {
        "broadcaster": link.broadcaster,
        "events_url": mask_url(link.events_url),
        "state": "not_configured",
        "reason": None,
        "last_event_at": None,
        "events_total": None,
        "events_rejected": None,
        "retry_in": None,
    }
    if link.events_url is None:
        return view
    if poller is not None and poller.feed.url == link.events_url:
        status = poller.status
        view.update(
            state=status.state,
            reason=status.reason,
            last_event_at=_iso(status.last_event_at),
            events_total=status.events_total,
            events_rejected=status.rejected_total,
            retry_in=status.retry_in,
        )
    else:
        view["state"], view["reason"] = split_status(link.poll_status)
    return view


def _iso(epoch: float | None) -> str | None:
    return None if epoch is None else datetime.fromtimestamp(epoch, UTC).isoformat()
