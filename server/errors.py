"""One error shape for REST and socket acks: {code, message, details}."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from server.request_ids import current_request_id

log = logging.getLogger(__name__)


class AppError(Exception):
    """A failure the client should see, with a stable machine-readable code."""

    status = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        status: int | None = None,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.code
        self.status = status or self.status
        self.details = details
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message, self.details)


class ValidationFailed(AppError):
    status, code = 400, "validation_error"


class Unauthorized(AppError):
    status, code = 401, "unauthorized"


class Forbidden(AppError):
    status, code = 403, "forbidden"


class NotFound(AppError):
    status, code = 404, "not_found"


class Conflict(AppError):
    status, code = 409, "conflict"


class QuotaExceeded(AppError):
    status, code = 429, "quota_exceeded"


class ServiceNotConfigured(AppError):
    status, code = 503, "not_configured"


class ServiceUnavailable(AppError):
    status, code = 503, "service_unavailable"


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    """The one error body used everywhere; `request_id` matches the request's log lines."""
    return {
        "code": code,
        "message": message,
        "details": details,
        "request_id": current_request_id(),
    }


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
}


def http_exception_body(exc: HTTPException) -> tuple[dict[str, Any], int]:
    """Map a Werkzeug HTTPException (404, 405, 413, Flask-Limiter 429...) to the shape."""
    status = exc.code or 500
    code = _HTTP_CODES.get(status, "http_error")
    message = exc.description or exc.name
    if status == 404:
        message = "No such endpoint. See /api/v1/docs for the API."
    elif status == 429:
        message = f"Too many requests: limit {exc.description}. Slow down and retry later."
    return error_body(code, message), status


_FORWARDED_HEADERS = ("Retry-After", "Allow", "X-RateLimit-Limit", "X-RateLimit-Remaining")


def error_response(exc: Exception) -> tuple[dict[str, Any], int, dict[str, str]]:
    """THE error path: (body, status, headers) for any exception, REST or socket ack."""
    if isinstance(exc, AppError):
        return exc.body(), exc.status, dict(exc.headers)
    if isinstance(exc, HTTPException):
        body, status = http_exception_body(exc)
        original = exc.get_response().headers
        return body, status, {k: original[k] for k in _FORWARDED_HEADERS if k in original}
    log.exception("unhandled error", exc_info=exc)
    return error_body("internal_error", "Unexpected server error; it has been logged."), 500, {}


def ack_error(exc: Exception) -> dict[str, Any]:
    """The same error as a Socket.IO ack payload."""
    return {"ok": False, **error_response(exc)[0]}


def handle_error(exc: Exception) -> Response:
    """Flask's handler for every error outside the REST API's own handlers."""
    body, status, headers = error_response(exc)
    response = jsonify(body)
    response.status_code = status
    response.headers.update(headers)
    return response


def register_error_handlers(app: Flask) -> None:
    """Every error leaving the app, REST or not, uses the one shape."""
    for kind in (AppError, HTTPException, Exception):
        app.register_error_handler(kind, handle_error)
    log_tracebacks_only_for_the_unexpected(app)


def log_tracebacks_only_for_the_unexpected(app: Flask) -> None:
    """Flask-RESTx logs a traceback for every answer >= 500, our own 502/503/504 included
    (AI or billing not configured, provider or store down). Those are expected states already
    answered in the one shape: one warning line each, and tracebacks stay for real bugs."""
    log_traceback = app.log_exception

    def log_exception(exc_info: Any) -> None:
        error = exc_info[1] if isinstance(exc_info, tuple) else None
        if isinstance(error, AppError):
            logging.getLogger("server.api").warning(
                "%s %s answered %d %s", request.method, request.path, error.status, error.code
            )
            return
        log_traceback(exc_info)

    app.log_exception = log_exception  # type: ignore[method-assign]
