"""Hub fixtures: Socket.IO test clients of the real namespace, with accounts and rooms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient


@pytest.fixture
def link(client: FlaskClient, auth) -> Callable[[str, str], None]:
    """Link `broadcaster` to the account of `sub`."""

    def apply(sub: str, broadcaster: str) -> None:
        response = client.post(
            "/api/v1/me/broadcasters", json={"broadcaster": broadcaster}, headers=auth(sub)
        )
        assert response.status_code == 201, response.get_json()

    return apply


@pytest.fixture
def connect(app: Flask, token_for) -> Callable[..., Any]:
    """A connected /hub test client for `sub` (or with an explicit auth payload)."""
    socketio = app.extensions["webcammer"].socketio

    def open_client(sub: str | None = None, auth: Any = None) -> Any:
        payload = auth if sub is None else {"token": token_for(sub)}
        return socketio.test_client(app, namespace="/hub", auth=payload)

    return open_client


def hub_events(sio_client: Any, name: str = "event") -> list[Any]:
    """Messages named `name` received so far (consumes the client's inbox)."""
    return [m["args"][0] for m in sio_client.get_received("/hub") if m["name"] == name]


def tip(event_id: str, broadcaster: str = "alice_room", tokens: Any = 25, **extra: Any) -> dict:
    return {
        "id": event_id,
        "broadcaster": broadcaster,
        "method": "tip",
        "user": {"username": "bob"},
        "tip": {"tokens": tokens},
        **extra,
    }


def received_events(sio_client: Any) -> list[Any]:
    """`{offset, event}` items received so far from `event` and `events` frames, in order
    (consumes the client's inbox)."""
    items: list[Any] = []
    for message in sio_client.get_received("/hub"):
        if message["name"] == "event":
            items.append(message["args"][0])
        elif message["name"] == "events":
            items.extend(message["args"][0]["items"])
    return items
