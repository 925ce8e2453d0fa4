"""A fake Chaturbate Events API: a real local HTTP server speaking the longpoll wire format.

`GET /events/<broadcaster>/<token>/?timeout=N[&i=<cursor>]` answers the next scripted
`Reply` (a page `{"events": [...], "nextUrl": ...}`, an error status, a 400
`{"status": "waited too long", "nextUrl": ...}`, a body that is not JSON...). A wrong
token gets 401 like the real API. When the script is used up it either answers 401
(`when_done="reject"`, which ends a poller), idles like a quiet room: an empty page
after a short wait with the same cursor (`when_done="idle"`), or chats like a live room:
one chat message per page after that wait (`when_done="chat"`).
`python -m tests.ingest.chaturbate.fake_events_api --broadcaster X --feeds N` serves N
chatting feeds (one port each) and prints their events URLs, for the extension's e2e tests.
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

from tests.ingest.chaturbate.recorded import TOKEN, message, user


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
        self.label, self.first_id, self.chatted = "fake", 1_720_000_000_000, 0
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
        if self.when_done == "chat":
            return self._chat_page(cursor)
        return self.page([], cursor)

    def _chat_page(self, cursor: str) -> Reply:
        with self._lock:
            self.chatted += 1
            n = self.chatted
        line = f"{self.label} line {n}"
        event = {
            "method": "chatMessage",
            "id": f"{self.first_id + n}-0",
            "object": {"broadcaster": self.broadcaster, "user": user(), "message": message(line)},
        }
        return self.page([event], str(int(cursor or 0) + 1))

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


def main() -> None:
    """`python -m tests.ingest.chaturbate.fake_events_api`: chatting feeds until killed."""
    import argparse
    import signal

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--broadcaster", default="alice_room")
    parser.add_argument("--feeds", type=int, default=1)
    args = parser.parse_args()
    fakes = [FakeEventsApi(args.broadcaster) for _ in range(args.feeds)]
    for number, fake in enumerate(fakes, start=1):
        fake.when_done, fake.idle_seconds = "chat", 0.5
        fake.label, fake.first_id = f"feed {number}", 1_720_000_000_000 + number * 1_000_000
        print(fake.start().events_url, flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    for fake in fakes:
        fake.stop()


if __name__ == "__main__":
    main()
