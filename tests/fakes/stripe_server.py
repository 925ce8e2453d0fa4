"""A fake of the slice of Stripe's API that localstripe lacks: Checkout and the Customer Portal.

A real local HTTP server speaking Stripe's wire format (form-encoded requests, JSON objects,
`{"error": {...}}` failures, Bearer secret-key auth, Idempotency-Key replay) for:

- `POST /v1/customers`, `GET /v1/customers/{id}`
- `POST /v1/checkout/sessions`, `GET /v1/checkout/sessions/{id}`
- `POST /v1/billing_portal/sessions`

Every created object is kept with the flat form parameters it was created from (`params`),
so a test can see what Stripe would have been asked to do.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl


@dataclass
class FakeStripe:
    """State of the fake plus its server thread; `url` is the API base to configure."""

    objects: dict[str, dict[str, Any]] = field(default_factory=dict)
    params: dict[str, dict[str, str]] = field(default_factory=dict)
    idempotent: dict[str, str] = field(default_factory=dict)
    fail_next: int = 0
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeStripe:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        """Created objects whose `object` is `kind` (e.g. "checkout.session"), oldest first."""
        return [obj for obj in self.objects.values() if obj["object"] == kind]

    def create(self, path: str, form: dict[str, str], key: str | None) -> tuple[int, dict]:
        if key and key in self.idempotent:
            return 200, self.objects[self.idempotent[key]]
        builder = _BUILDERS.get(path)
        if builder is None:
            return 404, _error(f"Unrecognized request URL (POST: {path})")
        obj = builder(form)
        if isinstance(obj, str):
            return 400, _error(obj)
        self.objects[obj["id"]] = obj
        self.params[obj["id"]] = form
        if key:
            self.idempotent[key] = obj["id"]
        return 200, obj


def _error(message: str) -> dict[str, Any]:
    return {"error": {"type": "invalid_request_error", "message": message}}


def _new_id(prefix: str) -> str:
    return f"{prefix}_test_{secrets.token_hex(8)}"


def _customer(form: dict[str, str]) -> dict[str, Any] | str:
    metadata = {k[9:-1]: v for k, v in form.items() if k.startswith("metadata[")}
    return {
        "id": _new_id("cus"),
        "object": "customer",
        "created": int(time.time()),
        "email": form.get("email"),
        "metadata": metadata,
        "livemode": False,
    }


def _checkout_session(form: dict[str, str]) -> dict[str, Any] | str:
    if form.get("mode") not in ("payment", "setup", "subscription"):
        return "Missing required param: mode."
    if "line_items[0][price]" not in form:
        return "Missing required param: line_items."
    session_id = _new_id("cs")
    return {
        "id": session_id,
        "object": "checkout.session",
        "mode": form["mode"],
        "customer": form.get("customer"),
        "client_reference_id": form.get("client_reference_id"),
        "allow_promotion_codes": form.get("allow_promotion_codes") == "true",
        "success_url": form.get("success_url"),
        "cancel_url": form.get("cancel_url"),
        "status": "open",
        "url": f"https://checkout.stripe.com/c/pay/{session_id}",
        "livemode": False,
    }


def _portal_session(form: dict[str, str]) -> dict[str, Any] | str:
    if not form.get("customer"):
        return "Missing required param: customer."
    session_id = _new_id("bps")
    return {
        "id": session_id,
        "object": "billing_portal.session",
        "customer": form["customer"],
        "return_url": form.get("return_url"),
        "url": f"https://billing.stripe.com/p/session/{session_id}",
        "livemode": False,
    }


_BUILDERS = {
    "/v1/customers": _customer,
    "/v1/checkout/sessions": _checkout_session,
    "/v1/billing_portal/sessions": _portal_session,
}


def _handler_for(fake: FakeStripe) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args: Any) -> None:  # keep test output clean
            pass

        def _send(self, status: int, body: dict[str, Any], retry: bool = True) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            if not retry:
                self.send_header("Stripe-Should-Retry", "false")
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Request-Id", _new_id("req"))
            self.end_headers()
            self.wfile.write(data)

        def _authorized(self) -> bool:
            scheme, _, key = self.headers.get("Authorization", "").partition(" ")
            if scheme == "Bearer" and key.startswith("sk_"):
                return True
            self._send(401, _error("Invalid API Key provided."))
            return False

        def do_POST(self) -> None:  # noqa: N802 - http.server naming
            if not self._authorized():
                return
            if fake.fail_next > 0:
                fake.fail_next -= 1
                self._send(500, {"error": {"type": "api_error", "message": "boom"}}, retry=False)
                return
            length = int(self.headers.get("Content-Length") or 0)
            form = dict(parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True))
            self._send(*fake.create(self.path, form, self.headers.get("Idempotency-Key")))

        def do_GET(self) -> None:  # noqa: N802 - http.server naming
            if not self._authorized():
                return
            obj = fake.objects.get(self.path.rsplit("/", 1)[-1].split("?")[0])
            self._send(200, obj) if obj else self._send(404, _error("No such object"))

    return Handler
