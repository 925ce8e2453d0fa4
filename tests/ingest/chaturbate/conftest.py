"""Ingest fixtures: a local fake Events API, a stored feed, pollers with an injected sleep."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask

from server.adapters.eventstore.base import StoredEvent
from server.ingest.chaturbate.feeds import ChaturbateFeeds
from server.ingest.chaturbate.poller import EventsApiPoller
from server.models import PlatformLink
from server.services.accounts import get_or_create_account, link_broadcaster
from tests.ingest.chaturbate.fake_events_api import FakeEventsApi
from tests.realtime.conftest import connect  # noqa: F401 - re-exported fixture

BROADCASTER = "alice_room"


@pytest.fixture
def fake_api() -> Iterator[FakeEventsApi]:
    api = FakeEventsApi(BROADCASTER).start()
    yield api
    api.stop()


@pytest.fixture
def stored_feed(app: Flask, fake_api: FakeEventsApi) -> Callable[..., str]:
    """Link the broadcaster to `sub` with the fake's URL stored (as PUT would); the account id."""

    def create(sub: str = "alice", **columns: Any) -> str:
        with app.app_context():
            session = app.extensions["webcammer"].db.session
            account = get_or_create_account(session, sub, None)
            link = link_broadcaster(session, account, BROADCASTER)
            link.events_url = fake_api.events_url
            for name, value in columns.items():
                setattr(link, name, value)
            session.commit()
            return account.id

    return create


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def make_poller(
    app: Flask, fake_api: FakeEventsApi, stored_feed: Callable[..., str], sleeps: list[float]
) -> Callable[..., EventsApiPoller]:
    """A poller of the stored feed with real hooks; sleeping only records the duration."""

    def build(account_id: str | None = None, **options: Any) -> EventsApiPoller:
        account_id = account_id or stored_feed()
        options.setdefault("sleep", sleeps.append)
        options.setdefault("min_interval", 0)
        options.setdefault("longpoll_seconds", 1)
        hooks = app.extensions["webcammer"].feeds.hooks(account_id, fake_api.events_url)
        return EventsApiPoller(fake_api.events_url, hooks, allow_local=True, **options)

    return build


@pytest.fixture
def ingest(app: Flask, fake_api: FakeEventsApi) -> Iterator[ChaturbateFeeds]:
    """The app's poller manager, allowed to reach the local fake; pollers stop at teardown."""
    manager = app.extensions["webcammer"].feeds
    manager.allow_local = True
    manager.longpoll_seconds = 1
    manager.min_interval = 0
    fake_api.when_done = "idle"
    yield manager
    manager.stop_all()


def stored_events(app: Flask, broadcaster: str = BROADCASTER) -> list[StoredEvent]:
    """Everything the store holds for the broadcaster, after the writer drained."""
    app_services = app.extensions["webcammer"]
    assert app_services.writer.drain(5)
    return app_services.event_store.query_range(broadcaster, 0.0, time.time() + 3600)


def stored_count(app: Flask, broadcaster: str = BROADCASTER) -> int:
    app_services = app.extensions["webcammer"]
    assert app_services.writer.drain(5)
    count: int = app_services.event_store.count(broadcaster)
    return count


def wait_for(predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
    """Poll `predicate` until truthy (background pollers); its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.02)


def link_row(app: Flask, broadcaster: str = BROADCASTER) -> PlatformLink | None:
    with app.app_context():
        session = app.extensions["webcammer"].db.session
        return session.query(PlatformLink).filter_by(broadcaster=broadcaster).one_or_none()
