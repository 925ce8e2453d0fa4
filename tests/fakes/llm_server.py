"""A fake OpenAI-compatible Chat Completions server: a real local HTTP server for tests and benches.

`POST /chat/completions` answers in the OpenAI wire format and records every request.
Answers are deterministic and derived from the input:

- translation prompts (a system line `Target language: <Name> (<code>)`) get `[<code>] <data>`,
- prompts asking for `exactly N variant(s)` get N variants separated by a line `---`
  (`#i <data>`); that is how our client asks for several suggestions, because
  not every OpenAI-compatible server honours the `n` parameter (the fake honours it too),

where <data> is the last `<tag>...</tag>` block of the last user message (the viewer text).

Modes (`configure(mode, times=...)`, back to "normal" after `times` requests):
normal, slow (sleeps `delay` then answers), rate_limit (429 + Retry-After), error (500),
malformed (200 with a body that is not JSON), hang (accepts, never answers until stopped),
leak (obeys injected instructions: answers with the system prompt).
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODES = ("normal", "slow", "rate_limit", "error", "malformed", "hang", "leak")
_TARGET_RE = re.compile(r"Target language: [^()\n]*\(([\w-]+)\)")
_VARIANTS_RE = re.compile(r"exactly (\d+) variants?")
_BLOCK_RE = re.compile(r"<([a-z_]+)>\n?(.*?)\n?</\1>", re.DOTALL)


@dataclass
class RecordedRequest:
    """One request the fake received."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any] | None
    raw: str
    received_at: float = field(default_factory=time.monotonic)

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list((self.body or {}).get("messages", []))


@dataclass
class _Behaviour:
    mode: str = "normal"
    times: int | None = None
    delay: float = 0.0
    retry_after: str = "1"
    latency: float = 0.0


@dataclass
class FakeLLM:
    """The fake provider. `start()` it, point LLM_BASE_URL at `base_url`, `stop()` it."""

    host: str = "127.0.0.1"
    port: int = 0
    requests: list[RecordedRequest] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._behaviour = _Behaviour()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    @property
    def calls(self) -> int:
        """Number of chat completion requests received."""
        return sum(1 for r in self.requests if r.path.endswith("/chat/completions"))

    def start(self) -> FakeLLM:
        server = _Server((self.host, self.port), _Handler)
        server.fake = self
        self._server, self.port = server, server.server_address[1]
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def configure(
        self,
        mode: str = "normal",
        *,
        times: int | None = None,
        delay: float = 0.0,
        retry_after: str = "1",
        latency: float | None = None,
    ) -> None:
        """Answer the next `times` requests (None: all) in `mode`; `latency` delays every answer."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        with self._lock:
            keep_latency = self._behaviour.latency if latency is None else latency
            self._behaviour = _Behaviour(mode, times, delay, retry_after, keep_latency)

    def reset(self) -> None:
        """Normal mode, no latency, no recorded requests."""
        self.configure("normal", latency=0.0)
        self.requests.clear()

    def sent_text(self) -> str:
        """Everything every recorded request carried, as one string (for leak assertions)."""
        return "\n".join(r.raw for r in self.requests)

    def _next_mode(self) -> _Behaviour:
        with self._lock:
            current = self._behaviour
            if current.times is not None:
                current.times -= 1
                if current.times <= 0:
                    self._behaviour = _Behaviour(latency=current.latency)
            return _Behaviour(
                current.mode, None, current.delay, current.retry_after, current.latency
            )


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # 50+ concurrent connects must not hit the listen backlog
    fake: FakeLLM


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        return

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        """`GET /stats`: how many completions were asked for (e2e suites count from outside)."""
        if self.path.rstrip("/").endswith("/stats"):
            return self._send(200, {"calls": self.server.fake.calls})
        self._send(404, {"error": {"message": "not found"}})

    def do_POST(self) -> None:  # noqa: N802 - stdlib naming
        fake = self.server.fake
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        fake.requests.append(RecordedRequest(self.path, dict(self.headers.items()), body, raw))
        if not self.path.endswith("/chat/completions"):
            return self._send(404, {"error": {"message": "not found"}})
        behaviour = fake._next_mode()
        if behaviour.latency:
            time.sleep(behaviour.latency)
        self._answer(fake, behaviour, body)

    def _answer(self, fake: FakeLLM, behaviour: _Behaviour, body: Any) -> None:
        mode = behaviour.mode
        if mode == "hang":
            fake._stopping.wait(60)
            self.close_connection = True
            return
        if mode == "rate_limit":
            return self._send(429, {"error": {"message": "rate limited"}}, behaviour.retry_after)
        if mode == "error":
            return self._send(500, {"error": {"message": "internal error"}})
        if mode == "malformed":
            return self._send_raw(200, b'{"choices": [ this is not json')
        if mode == "slow":
            time.sleep(behaviour.delay)
        if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
            return self._send(400, {"error": {"message": "messages is required"}})
        self._send(200, completion(body, leak=mode == "leak"))

    def _send(self, status: int, payload: dict[str, Any], retry_after: str | None = None) -> None:
        headers = {"Retry-After": retry_after} if retry_after else {}
        self._send_raw(status, json.dumps(payload).encode(), headers)

    def _send_raw(self, status: int, data: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


def answer_text(messages: list[dict[str, Any]], *, leak: bool = False) -> str:
    """The deterministic answer for `messages` (see the module docstring)."""
    system = "\n".join(str(m.get("content", "")) for m in messages if m.get("role") == "system")
    users = [str(m.get("content", "")) for m in messages if m.get("role") == "user"]
    if leak:
        return system
    last = users[-1] if users else ""
    blocks = _BLOCK_RE.findall(last)
    data = blocks[-1][1].strip() if blocks else last.strip()
    target = _TARGET_RE.search(system)
    if target:
        return f"[{target.group(1)}] {data}"
    wanted = _VARIANTS_RE.search(system + "\n" + last)
    count = int(wanted.group(1)) if wanted else 1
    return "\n---\n".join(f"#{i} {data}" for i in range(1, count + 1))


def completion(body: dict[str, Any], *, leak: bool = False) -> dict[str, Any]:
    """A Chat Completions response for a request body."""
    messages = body["messages"]
    text = answer_text(messages, leak=leak)
    choices_wanted = max(1, int(body.get("n") or 1))
    prompt_chars = sum(len(str(m.get("content", ""))) for m in messages)
    prompt_tokens = math.ceil(prompt_chars / 4)
    completion_tokens = max(1, math.ceil(len(text) / 4)) * choices_wanted
    return {
        "id": f"chatcmpl-fake-{int(time.time() * 1000)}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "fake-model"),
        "choices": [
            {
                "index": i,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
            for i in range(choices_wanted)
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def main() -> None:
    """`python -m tests.fakes.llm_server --port N`: serve the fake provider until killed."""
    import argparse
    import signal

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--port", type=int, default=0)
    fake = FakeLLM(port=parser.parse_args().port).start()
    print(fake.base_url, flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    fake.stop()


if __name__ == "__main__":
    main()
