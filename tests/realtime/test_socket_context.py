"""Each socket event runs in a request context built from its handshake environ: that
context must route (a failed match built an exception for every event, see extensions.py)."""

from __future__ import annotations

import pytest
from flask import Flask, request
from werkzeug.exceptions import NotFound

HANDSHAKE = {
    "PATH_INFO": "/socket.io/",
    "QUERY_STRING": "EIO=4&transport=websocket",
    "REQUEST_METHOD": "GET",
    "SERVER_NAME": "127.0.0.1",
    "SERVER_PORT": "5000",
    "wsgi.url_scheme": "http",
    "HTTP_HOST": "127.0.0.1:5000",
}


@pytest.mark.parametrize("upgrade", [{"HTTP_UPGRADE": "websocket"}, {}], ids=["ws", "polling"])
def test_a_socket_events_context_routes_without_an_error(app: Flask, upgrade: dict) -> None:
    with app.request_context({**HANDSHAKE, **upgrade}):
        assert request.routing_exception is None
        assert request.url_rule is not None and request.url_rule.rule == "/socket.io/"


def test_the_placeholder_route_is_never_an_answer(app: Flask) -> None:
    # the Socket.IO middleware answers /socket.io/ itself; were the view reached, a plain 404
    with app.test_request_context("/socket.io/"), pytest.raises(NotFound):
        app.view_functions["socketio_handshake"]()
