"""Chaturbate Events API URLs: validation, masking, `?timeout=`, and keeping tokens out of logs.

The URL a streamer copies from Chaturbate is `https://eventsapi.chaturbate.com/events/<name>/<token>/`
(or the testbed host). The token is a secret: it is never logged and never echoed back.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

EVENTS_API_HOSTS = frozenset({"eventsapi.chaturbate.com", "events.testbed.cb.dev"})
LOCAL_HOST = "127.0.0.1"  # only with allow_local=True (tests, a local fake of the API)
MAX_URL_CHARS = 1024
SHAPE = "https://eventsapi.chaturbate.com/events/<broadcaster>/<token>/"

_PATH_RE = re.compile(r"/events/([A-Za-z0-9_]{1,64})/([A-Za-z0-9_\-]{8,128})/?")
_TOKEN_IN_TEXT_RE = re.compile(r"(/events/[A-Za-z0-9_]{1,64}/)[^/?\s\"']+")


class EventsUrlError(ValueError):
    """An Events API URL was refused; the message never contains the URL or token."""


@dataclass(frozen=True)
class EventsFeed:
    """A validated Events API URL: canonical form (no query), broadcaster, token, origin."""

    url: str
    broadcaster: str
    token: str
    origin: str

    def masked(self) -> str:
        """The URL with its token hidden (the last 4 characters of long tokens shown)."""
        hint = self.token[-4:] if len(self.token) >= 16 else ""
        return f"{self.origin}/events/{self.broadcaster}/****{hint}/"


def parse_events_url(url: object, *, allow_local: bool = False) -> EventsFeed:
    """Validate an Events API URL of the documented shape; raise `EventsUrlError`."""
    if not isinstance(url, str) or not url or len(url) > MAX_URL_CHARS or url != url.strip():
        raise EventsUrlError(f"events_url must be a URL like {SHAPE}")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise EventsUrlError(f"events_url is not a valid URL; expected {SHAPE}") from exc
    origin = _allowed_origin(parts.scheme, parts.hostname, port, allow_local)
    if parts.username or parts.password or parts.fragment:
        raise EventsUrlError("events_url must not carry credentials or a #fragment")
    match = _PATH_RE.fullmatch(parts.path)
    if match is None:
        raise EventsUrlError(f"events_url path must be /events/<broadcaster>/<token>/ ({SHAPE})")
    name, token = match.group(1), match.group(2)
    broadcaster = name.lower()
    return EventsFeed(f"{origin}/events/{name}/{token}/", broadcaster, token, origin)


def _allowed_origin(scheme: str, host: str | None, port: int | None, allow_local: bool) -> str:
    if scheme == "https" and host in EVENTS_API_HOSTS and port in (None, 443):
        return f"https://{host}"
    if allow_local and scheme == "http" and host == LOCAL_HOST and port:
        return f"http://{host}:{port}"
    raise EventsUrlError(
        "events_url must be an https URL on eventsapi.chaturbate.com or events.testbed.cb.dev"
    )


def mask_url(url: str | None, *, allow_local: bool = True) -> str | None:
    """Masked form of a stored URL for responses (None stays None)."""
    if url is None:
        return None
    try:
        return parse_events_url(url, allow_local=allow_local).masked()
    except EventsUrlError:
        return "****"


def same_origin(candidate: object, feed: EventsFeed) -> str | None:
    """`candidate` (a nextUrl) as an absolute URL if it is on the feed's origin, else None.

    The origin check also enforces https: the feed's origin is https unless it is the
    local test host, which only exists with allow_local.
    """
    if not isinstance(candidate, str) or not candidate or len(candidate) > MAX_URL_CHARS:
        return None
    absolute = urljoin(feed.origin + "/", candidate.strip())
    try:
        parts = urlsplit(absolute)
        default = 443 if parts.scheme == "https" else None
        origin = f"{parts.scheme}://{parts.hostname}" + (
            f":{parts.port}" if parts.port not in (None, default) else ""
        )
    except ValueError:
        return None
    if origin != feed.origin or parts.username or parts.password:
        return None
    return absolute


def with_timeout(url: str, seconds: int) -> str:
    """`url` with its `timeout` query parameter set to `seconds` (long-poll duration)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "timeout"]
    query.append(("timeout", str(seconds)))
    return urlunsplit(parts._replace(query=urlencode(query)))


def redact(text: str) -> str:
    """`text` with any Events API token in a URL path replaced by `***`."""
    return _TOKEN_IN_TEXT_RE.sub(r"\1***", text)


class _RedactTokens(logging.Filter):
    """urllib3 logs request paths at DEBUG; the token is in the path, so hide it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/events/" in message:
            record.msg, record.args = redact(message), ()
        return True


def install_log_redaction() -> None:
    """Hide Events API tokens in urllib3's request logs (idempotent)."""
    logger = logging.getLogger("urllib3.connectionpool")
    if not any(isinstance(f, _RedactTokens) for f in logger.filters):
        logger.addFilter(_RedactTokens())
