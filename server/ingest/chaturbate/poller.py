"""Chaturbate Events API poller: one per broadcaster, long polling `nextUrl`.

Each page goes through the one publish path (the Ingestor, via `PollerHooks.publish`);
`nextUrl` is persisted after every page, once the page's events are durable, so a restart
resumes where it stopped and loses nothing. Runs as a
background task (a greenlet under gevent) with plain blocking `requests`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, cast

import requests

from server.ingest.chaturbate.contracts import HttpClient, Lease, PollerHooks, PollStatus
from server.ingest.chaturbate.pages import RecentEvents, event_id, json_object, retry_after
from server.ingest.chaturbate.urls import (
    EventsFeed,
    install_log_redaction,
    parse_events_url,
    same_origin,
    with_timeout,
)
from server.ingest.publishing import PublishResult
from server.ingest.quarantine import RETRY_CODES

log = logging.getLogger(__name__)

LONGPOLL_SECONDS = 10  # `?timeout=`: how long the API holds a request open (max 90)
READ_MARGIN_SECONDS = 5  # our read timeout is the long poll plus this
CONNECT_TIMEOUT_SECONDS = 5
BACKOFF_FIRST_SECONDS, BACKOFF_MAX_SECONDS = 1.0, 30.0
MIN_INTERVAL_SECONDS = 0.05  # the API allows 2,000 requests/minute per token
LEASE_RETRY_SECONDS = 15.0
AUTH_STATUSES = frozenset({401, 403})
WAITED_TOO_LONG = "waited too long"


class EventsApiPoller:
    """Follows one broadcaster's Events API feed until stopped or the token is rejected."""

    def __init__(
        self,
        events_url: str,
        hooks: PollerHooks,
        *,
        http: HttpClient | None = None,
        sleep: Callable[[float], Any] = time.sleep,
        clock: Callable[[], float] = time.time,
        longpoll_seconds: int = LONGPOLL_SECONDS,
        min_interval: float = MIN_INTERVAL_SECONDS,
        allow_local: bool = False,
        lease: Lease | None = None,
    ) -> None:
        self.feed: EventsFeed = parse_events_url(events_url, allow_local=allow_local)
        self.broadcaster = self.feed.broadcaster
        self.hooks = hooks
        self.http = http if http is not None else cast(HttpClient, requests.Session())
        self.sleep = sleep
        self.clock = clock
        self.longpoll_seconds = longpoll_seconds
        self.min_interval = min_interval
        self.lease = lease
        self.lease_retry_seconds = LEASE_RETRY_SECONDS  # a standby's look at a free lease
        self.status = PollStatus()
        self._stopped = False
        self._leased = False
        self._backoff = BACKOFF_FIRST_SECONDS
        self._last_request = 0.0
        self._recent = RecentEvents(self.broadcaster)
        install_log_redaction()

    @property
    def stopped(self) -> bool:
        return self._stopped

    def stop(self, reason: str = "stopped") -> None:
        """Stop after the current request; nothing is published or saved after this."""
        self._stopped = True
        self.status.state, self.status.reason, self.status.retry_in = "stopped", reason, None

    def run(self) -> None:
        """Poll until stopped (the background task's body)."""
        log.info("events api poller started for %s", self.broadcaster)
        url: str | None = None
        try:
            while not self._stopped:
                if not self._hold_lease():
                    url = None  # whoever held the lease moved on: reload the saved nextUrl
                    continue
                url = self._step(url)
        finally:
            if self.lease is not None and self._leased:
                self.lease.release()
            log.info("events api poller for %s ended: %s", self.broadcaster, self.status.reason)

    # -- one request ----------------------------------------------------------------------

    def _step(self, url: str | None) -> str | None:
        """One request and its handling; the URL to poll next (None: the saved one)."""
        try:
            url = url or self._start_url()
            response = self._request(url)
            return url if response is None else self._handle(url, response)
        except Exception as exc:  # noqa: BLE001 - keep polling; the owner sees the reason
            # Type only: DB and HTTP error texts can embed the URL and so the token.
            log.error("events api poller for %s failed: %s", self.broadcaster, type(exc).__name__)
            self._back_off("internal error")
            return url

    def _request(self, url: str) -> requests.Response | None:
        wait = self._last_request + self.min_interval - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last_request = time.monotonic()
        try:
            return self.http.get(
                with_timeout(url, self.longpoll_seconds),
                timeout=(CONNECT_TIMEOUT_SECONDS, self.longpoll_seconds + READ_MARGIN_SECONDS),
                allow_redirects=False,  # a redirect could lead to another host
            )
        except requests.RequestException as exc:
            self._back_off(f"connection error ({type(exc).__name__})")
            return None

    def _handle(self, url: str, response: requests.Response) -> str | None:
        code = response.status_code
        if code == 200:
            return self._on_page(url, response.text)
        if code in AUTH_STATUSES:
            self._halt(f"token rejected ({code})")
            return None
        if code == 400 and WAITED_TOO_LONG in response.text.lower():
            body = json_object(response.text) or {}
            if body.get("nextUrl") is None:
                return url
            return self._checked_next(body["nextUrl"])
        # 429, 5xx, Cloudflare's 52x, and anything unexpected: back off, the owner sees why
        self._back_off(f"HTTP {code}", retry_after(response))
        return url

    def _on_page(self, url: str, text: str) -> str | None:
        body = json_object(text)
        events = body.get("events") if body else None
        if body is None or not isinstance(events, list) or body.get("nextUrl") is None:
            self._back_off("malformed response from the Events API")
            return url
        next_url = self._checked_next(body["nextUrl"])
        if next_url is None:
            return None
        fresh = self._recent.fresh(events)
        if fresh and not self._deliver(fresh):
            return None
        if self._stopped:
            return None
        if not self.hooks.save_progress(next_url):
            self._halt("events URL no longer registered")
            return None
        self._recent.remember(fresh)
        self._healthy()
        return next_url

    # -- publishing -----------------------------------------------------------------------

    def _deliver(self, events: list[Any]) -> bool:
        """Publish until every event is accepted or refused for good; False if stopped."""
        pending, delay = events, BACKOFF_FIRST_SECONDS
        while pending:
            if self._stopped:
                return False
            result = self.hooks.publish({"events": pending})
            if result is None:
                self._halt("events URL no longer registered")
                return False
            retry = self._tally(result, pending)
            pending = [pending[i] for i in retry]
            if pending:  # over the tier's rate or the store is full: wait, then resend
                self.sleep(delay)
                delay = min(delay * 2, BACKOFF_MAX_SECONDS)
                if self.lease is not None and not self.lease.renew():
                    self._leased = False  # another process resumes from the saved nextUrl
                    return False
        return True

    def _tally(self, result: PublishResult, sent: list[Any]) -> list[int]:
        """Count the outcome; return the indexes to resend."""
        if result.accepted:
            self.status.events_total += result.accepted
            self.status.last_event_at = self.clock()
        retry = []
        for error in result.errors:
            index = error.get("index")
            if index is not None and error.get("code") in RETRY_CODES:
                retry.append(index)
                continue
            self.status.rejected_total += 1 if index is not None else len(sent)
            refused_id = event_id(sent[index]) if index is not None else None
            log.warning(
                "events api event quarantined for %s: id=%r code=%s",
                self.broadcaster, refused_id, error.get("code"),
            )  # fmt: skip
        return retry

    # -- state ----------------------------------------------------------------------------

    def _start_url(self) -> str:
        resume = self.hooks.resume_url()  # a stored nextUrl must pass the same origin check
        return (same_origin(resume, self.feed) if resume else None) or self.feed.url

    def _checked_next(self, candidate: object) -> str | None:
        next_url = same_origin(candidate, self.feed)
        if next_url is None:
            self._halt("nextUrl was not https on the registered host")
        return next_url

    def _hold_lease(self) -> bool:
        if self.lease is None:
            return True
        if self._leased and self.lease.renew():
            return True
        self._leased = self.lease.acquire()
        if not self._leased:
            self._set("standby", "another server process polls this feed")
            self.sleep(self.lease_retry_seconds)
        return self._leased

    def _healthy(self) -> None:
        self._backoff = BACKOFF_FIRST_SECONDS
        self._set("connected", None)

    def _back_off(self, reason: str, at_least: float = 0.0) -> None:
        delay = min(max(self._backoff, at_least), BACKOFF_MAX_SECONDS)
        self._backoff = min(self._backoff * 2, BACKOFF_MAX_SECONDS)
        log.warning("events api for %s: %s; retrying in %.0f s", self.broadcaster, reason, delay)
        self._set("backing_off", reason, retry_in=delay)
        self.sleep(delay)

    def _halt(self, reason: str) -> None:
        if self._stopped:  # stopped by the owner meanwhile: their choice stands
            return
        log.warning("events api poller for %s stopped: %s", self.broadcaster, reason)
        self._stopped = True
        self._set("stopped", reason)

    def _set(self, state: str, reason: str | None, retry_in: float | None = None) -> None:
        if self._stopped and state != "stopped":
            return
        changed = (state, reason) != (self.status.state, self.status.reason)
        self.status.state, self.status.reason, self.status.retry_in = state, reason, retry_in
        if not changed:
            return
        try:
            self.hooks.report(self.status)
        except Exception as exc:  # noqa: BLE001 - a lost notice must not kill the poller
            log.error("events api status of %s lost: %s", self.broadcaster, type(exc).__name__)
