"""What an Events API poller talks to: its hooks into the app, a cluster lease, HTTP; its status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import requests

from server.ingest.publishing import PublishResult


class PollerHooks(Protocol):
    """What the poller needs from the app; the service layer implements it."""

    def resume_url(self) -> str | None:
        """The persisted nextUrl to resume from, if any."""

    def publish(self, page: dict[str, Any]) -> PublishResult | None:
        """Publish an Events API page; None when the feed is no longer registered."""

    def save_progress(self, next_url: str) -> bool:
        """Persist nextUrl; False when the feed is no longer registered."""

    def report(self, status: PollStatus) -> None:
        """The poller's state changed (persist it, tell the owner)."""


class Lease(Protocol):
    """Cluster-wide "one poller per broadcaster" (e.g. Redis SET NX PX)."""

    def acquire(self) -> bool: ...

    def renew(self) -> bool: ...

    def release(self) -> None: ...


class HttpClient(Protocol):
    """The slice of `requests.Session` the poller uses (tests may pass their own)."""

    def get(self, url: str, **kwargs: Any) -> requests.Response: ...


@dataclass
class PollStatus:
    """What the owner sees: state is starting|connected|backing_off|standby|stopped."""

    state: str = "starting"
    reason: str | None = None
    last_event_at: float | None = None
    events_total: int = 0
    rejected_total: int = 0
    retry_in: float | None = None
