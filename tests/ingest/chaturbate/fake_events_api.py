"""A fake Chaturbate Events API: a real local HTTP server speaking the longpoll wire format.

`GET /events/<broadcaster>/<token>/?timeout=N[&i=<cursor>]` answers the next scripted
`Reply` (a page `{"events": [...], "nextUrl": ...}`, an error status, a 400
`{"status": "waited too long", "nextUrl": ...}`, a body that is not JSON...). A wrong
token gets 401 like the real API. When the script is used up it either answers 401
(`when_done="reject"`, which ends a poller) or idles like a quiet room: an empty page
after a short wait with the same cursor (`when_done="idle"`).
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.ingest.chaturbate.recorded import TOKEN


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict/list -> JSON; str -> sent as is
    headers: dict[str, str] = field(default_factory=dict)


class FakeEventsApi:
    """One broadcaster's feed; `requests` records every path+query received."""

    def __init__(self, broadcaster: str = "alice_room", token: str = TOKEN) -> None:
        self.broadcaster = broadcaster
        self.token = token
        self.script: deque[Reply] = deque()
        self.requests: list[str] = []
        self.when_done = "reject"
        self.idle_seconds = 0.05
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # -- script helpers -------------------------------------------------------------------

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def events_url(self) -> str:
        return f"{self.base}/events/{self.broadcaster}/{self.token}/"

    def next_url(self, cursor: str) -> str:
        return f"{self.events_url}?i={cursor}&timeout=10"

    def page(self, events: list[Any], cursor: str) -> Reply:
        return Reply(200, {"events": events, "nextUrl": self.next_url(cursor)})

    def waited_too_long(self, cursor: str | None) -> Reply:
        body: dict[str, Any] = {"status": "waited too long"}
        if cursor is not None:
            body["nextUrl"] = self.next_url(cursor)
        return Reply(400, body)

    def add(self, *replies: Reply) -> None:
        with self._lock:
            self.script.extend(replies)

    def cursors(self) -> list[str | None]:
        """The `i` cursor of each request received (None for the first URL)."""
        return [parse_qs(urlsplit(path).query).get("i", [None])[0] for path in self.requests]

    def timeouts(self) -> list[str | None]:
        return [parse_qs(urlsplit(path).query).get("timeout", [None])[0] for path in self.requests]

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> FakeEventsApi:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next_reply(self, path: str) -> Reply:
        with self._lock:
            self.requests.append(path)
            if not urlsplit(path).path.startswith(f"/events/{self.broadcaster}/{self.token}/"):
                return Reply(401, {"status": "Unauthorized"})
            if self.script:
                return self.script.popleft()
        if self.when_done == "reject":
            return Reply(401, {"status": "Unauthorized"})
        time.sleep(self.idle_seconds)  # a quiet room: the long poll ends with nothing
        cursor = parse_qs(urlsplit(path).query).get("i", ["0"])[0]
        return self.page([], cursor)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                reply = fake._next_reply(self.path)
                raw = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
                data = raw.encode()
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_args: Any) -> None:
                return

        return Handler
