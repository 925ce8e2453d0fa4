"""Request ids: each REST request and each hub event gets one (a client's `X-Request-ID` is
kept when well formed); it goes back in the response header, into every log line written
while handling it, and into every error body, so a support ticket can be matched to a log."""

from __future__ import annotations

import logging
import os
import re
from contextvars import ContextVar

from flask import Flask, Response, request

REQUEST_ID_HEADER = "X-Request-ID"
_WELL_FORMED = re.compile(r"[A-Za-z0-9._:-]{1,128}")
# gevent gives each greenlet its own context, so concurrent requests never share an id.
_current: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request or hub event being handled here, if any."""
    return _current.get()


def new_request_id(prefix: str = "") -> str:
    """32 random hex digits (as a uuid4's, without building a UUID for every hub event)."""
    return prefix + os.urandom(16).hex()


def bind_request_id(candidate: str | None = None, prefix: str = "") -> str:
    """Make `candidate` (if well formed) or a fresh id current; returns it."""
    request_id = candidate if candidate and _WELL_FORMED.fullmatch(candidate) else None
    request_id = request_id or new_request_id(prefix)
    _current.set(request_id)
    return request_id


def init_app(app: Flask) -> None:
    """Bind an id before each request and return it on every response."""

    @app.before_request
    def _bind() -> None:
        bind_request_id(request.headers.get(REQUEST_ID_HEADER))

    @app.after_request
    def _answer(response: Response) -> Response:
        request_id = current_request_id()
        if request_id:
            response.headers[REQUEST_ID_HEADER] = request_id
        return response

    @app.teardown_request
    def _unbind(_exc: BaseException | None = None) -> None:
        _current.set(None)


def stamp_log_records() -> None:
    """Give every log record a `request_id` attribute (None outside a request), whatever
    handler formats it (idempotent)."""
    factory = logging.getLogRecordFactory()
    if getattr(factory, "stamps_request_id", False):
        return

    def make_record(*args: object, **kwargs: object) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        record.request_id = _current.get()
        return record

    make_record.stamps_request_id = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(make_record)
