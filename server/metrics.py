"""Every Prometheus metric of the server, and the one-line recorders the call sites use.

One registry per process (not prometheus-client's multiprocess mode): each server is one
gevent process, usually one container, and Prometheus scrapes each on its own, so its
`instance` target label tells the processes apart and `sum()` adds them up. Multiprocess mode
would need one shared directory and unique pids across containers (every container's server
is pid 1), and it cannot serve callback gauges. See docs/operations.md.

Labels are low-cardinality only: outcomes, kinds, features, route templates. Never a username,
a room or an account: rooms are counted (a gauge), never labelled.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Final, TypeVar

from prometheus_client import (
    GC_COLLECTOR,
    PLATFORM_COLLECTOR,
    PROCESS_COLLECTOR,
    CollectorRegistry,
    Counter,
    Histogram,
)
from prometheus_client.registry import Collector

from server.tiers import QUOTA_FEATURES

T = TypeVar("T")

#: This process's metrics (the per-app gauges live in `server.metrics_http`).
REGISTRY: Final = CollectorRegistry(auto_describe=True)
for _collector in (PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):
    REGISTRY.register(_collector)  # process_* (CPU, memory, fds), python_info, python_gc_*

FAST_BUCKETS: Final = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
SLOW_BUCKETS: Final = (0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0, 60.0)
HUB_ACKED_EVENTS: Final = frozenset({"subscribe", "unsubscribe", "publish", "reauth"})
STRIPE_TYPES_COUNTED: Final = frozenset(
    {
        "checkout.session.completed",
        "customer.subscription.created",
        "customer.subscription.updated",
        "customer.subscription.deleted",
        "customer.subscription.trial_will_end",
        "invoice.paid",
        "invoice.payment_failed",
    }
)

# -- hub -------------------------------------------------------------------------------------
HUB_PUBLISHED = Counter(
    "webcammer_hub_published_events", "Events offered to the publish path, by outcome "
    "(accepted, duplicate, rejected).", ["outcome"], registry=REGISTRY,
)  # fmt: skip
HUB_DELIVERIES = Counter(
    "webcammer_hub_deliveries", "Messages sent to sockets of this process (fan-out).",
    registry=REGISTRY,
)  # fmt: skip
HUB_ACK_SECONDS = Histogram(
    "webcammer_hub_ack_seconds", "Time from a hub event's arrival to its ack (publish acks "
    "wait until the events are durable).", ["event"], buckets=FAST_BUCKETS, registry=REGISTRY,
)  # fmt: skip
HUB_REPLAYS = Counter(
    "webcammer_hub_replay_requests", "Subscribes with `since`, by outcome (recovered: every "
    "missed event was sent; not_recovered: the client reloads over REST).", ["outcome"],
    registry=REGISTRY,
)  # fmt: skip
# -- event store -----------------------------------------------------------------------------
STORE_WRITE_SECONDS = Histogram(
    "webcammer_store_write_batch_seconds", "Latency of one batch write to the event store, by "
    "backend and outcome (ok, unavailable, rejected).", ["backend", "outcome"],
    buckets=FAST_BUCKETS, registry=REGISTRY,
)  # fmt: skip
# -- Events API poller -----------------------------------------------------------------------
POLLER_STATES = Counter(
    "webcammer_poller_state_changes", "Events API poller status changes, by the state entered "
    "(starting, connected, backing_off, standby, stopped).", ["state"], registry=REGISTRY,
)  # fmt: skip
# -- LLM -------------------------------------------------------------------------------------
LLM_CALLS = Counter(
    "webcammer_llm_calls", "Calls to the AI provider, by feature and outcome (ok, error).",
    ["feature", "outcome"], registry=REGISTRY,
)  # fmt: skip
LLM_SECONDS = Histogram(
    "webcammer_llm_call_seconds", "Latency of AI provider calls (retries included), by feature.",
    ["feature"], buckets=SLOW_BUCKETS, registry=REGISTRY,
)  # fmt: skip
LLM_ERRORS = Counter(
    "webcammer_llm_errors", "Failed AI provider calls, by error code (ai_timeout, "
    "service_unavailable, provider_error, ...).", ["kind"], registry=REGISTRY,
)  # fmt: skip
TRANSLATION_CACHE = Counter(
    "webcammer_translation_cache_lookups", "Translation cache lookups, by result (hit, miss).",
    ["result"], registry=REGISTRY,
)  # fmt: skip
# -- usage and billing -----------------------------------------------------------------------
QUOTA_REFUSALS = Counter(
    "webcammer_quota_refusals", "Requests refused by a daily quota, by feature.", ["feature"],
    registry=REGISTRY,
)  # fmt: skip
STRIPE_WEBHOOKS = Counter(
    "webcammer_stripe_webhooks", "Stripe webhook deliveries, by event type and outcome "
    "(applied, ignored, duplicate, invalid, error).", ["type", "outcome"], registry=REGISTRY,
)  # fmt: skip
# -- REST ------------------------------------------------------------------------------------
REST_SECONDS = Histogram(
    "webcammer_http_request_seconds", "REST latency, by method, route template and status.",
    ["method", "route", "status"], buckets=FAST_BUCKETS, registry=REGISTRY,
)  # fmt: skip


LLM_FEATURES: Final = ("translate", "reply", "write")
LLM_ERROR_KINDS: Final = ("ai_timeout", "ai_unavailable", "ai_provider_error")
POLLER_STATE_NAMES: Final = ("starting", "connected", "backing_off", "standby", "stopped")
STRIPE_OUTCOMES: Final = ("applied", "ignored", "duplicate", "error")


_ACK_TIMERS: dict[str, Any] = {}


def _start_at_zero() -> None:
    """Create every known series at 0, so dashboards and rate() see them from the start."""
    for event in HUB_ACKED_EVENTS:
        _ACK_TIMERS[event] = HUB_ACK_SECONDS.labels(event)  # bound once: the hot path
    for outcome in ("recovered", "not_recovered"):
        HUB_REPLAYS.labels(outcome)
    for state in POLLER_STATE_NAMES:
        POLLER_STATES.labels(state)
    for feature in LLM_FEATURES:
        LLM_SECONDS.labels(feature)
        for outcome in ("ok", "error"):
            LLM_CALLS.labels(feature, outcome)
    for kind in LLM_ERROR_KINDS:
        LLM_ERRORS.labels(kind)
    for result in ("hit", "miss"):
        TRANSLATION_CACHE.labels(result)
    for feature in QUOTA_FEATURES:
        QUOTA_REFUSALS.labels(feature)
    for event_type in STRIPE_TYPES_COUNTED:
        for outcome in STRIPE_OUTCOMES:
            STRIPE_WEBHOOKS.labels(event_type, outcome)
    STRIPE_WEBHOOKS.labels("unverified", "invalid")


_start_at_zero()


def start_store_series(backend: str) -> None:
    """The write-latency series of the configured store backend, at 0."""
    for outcome in ("ok", "unavailable", "rejected"):
        STORE_WRITE_SECONDS.labels(backend, outcome)


class _Switch:
    """METRICS=off turns every recorder into a no-op (the bench's baseline)."""

    enabled = True


def set_enabled(enabled: bool) -> None:
    _Switch.enabled = enabled


def enabled() -> bool:
    return _Switch.enabled


_ACCEPTED = HUB_PUBLISHED.labels("accepted")  # bound once: the publish path is hot
_DUPLICATE = HUB_PUBLISHED.labels("duplicate")
_REJECTED = HUB_PUBLISHED.labels("rejected")


def count_publish(result: Any) -> None:
    """A `PublishResult`: accepted, duplicate and rejected events."""
    if not _Switch.enabled:
        return
    if result.accepted:  # each inc takes a lock: skip the zeros
        _ACCEPTED.inc(result.accepted)
    if result.duplicates:
        _DUPLICATE.inc(result.duplicates)
    if result.errors:
        _REJECTED.inc(len(result.errors))


def count_deliveries(count: int) -> None:
    if _Switch.enabled and count:
        HUB_DELIVERIES.inc(count)


def time_hub_event(event: str, handler: Callable[..., T], *args: Any) -> T:
    """Run a hub handler; its duration is the ack latency of `event` (acked events only)."""
    timer = _ACK_TIMERS.get(event) if _Switch.enabled else None
    if timer is None:
        return handler(event, *args)
    start = time.perf_counter()
    try:
        return handler(event, *args)
    finally:
        timer.observe(time.perf_counter() - start)


def count_replay(recovered: bool) -> None:
    if _Switch.enabled:
        HUB_REPLAYS.labels("recovered" if recovered else "not_recovered").inc()


def time_store_write(backend: str, write: Callable[[T], None], batch: T) -> None:
    """`write(batch)`, timed by outcome: ok, unavailable (spooled) or rejected (invalid)."""
    if not _Switch.enabled:
        return write(batch)
    from server.adapters.eventstore.base import StoreUnavailable

    start, outcome = time.perf_counter(), "ok"
    try:
        write(batch)
    except StoreUnavailable:
        outcome = "unavailable"
        raise
    except ValueError:
        outcome = "rejected"
        raise
    except Exception:
        outcome = "unavailable"  # the writer spools on any other failure too
        raise
    finally:
        STORE_WRITE_SECONDS.labels(backend, outcome).observe(time.perf_counter() - start)


def count_poller_state(state: str) -> None:
    if _Switch.enabled:
        POLLER_STATES.labels(state).inc()


def time_llm_call(feature: str, call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """One provider call: counted by outcome, timed, and its error kind counted."""
    if not _Switch.enabled:
        return call(*args, **kwargs)
    start = time.perf_counter()
    try:
        result = call(*args, **kwargs)
    except Exception as exc:
        LLM_CALLS.labels(feature, "error").inc()
        LLM_ERRORS.labels(getattr(exc, "code", "unexpected")).inc()
        raise
    finally:
        LLM_SECONDS.labels(feature).observe(time.perf_counter() - start)
    LLM_CALLS.labels(feature, "ok").inc()
    return result


def count_cache_lookup(hit: bool) -> None:
    if _Switch.enabled:
        TRANSLATION_CACHE.labels("hit" if hit else "miss").inc()


def count_quota_refusal(feature: str) -> None:
    if _Switch.enabled:
        QUOTA_REFUSALS.labels(feature).inc()


def count_stripe_webhook(event_type: str, outcome: str) -> None:
    """Types outside the handled set are counted as `other` (Stripe has hundreds)."""
    if _Switch.enabled:
        kind = event_type if event_type in STRIPE_TYPES_COUNTED else "other"
        STRIPE_WEBHOOKS.labels(kind, outcome).inc()


def stripe_outcome(body: dict[str, Any]) -> str:
    """applied, ignored or duplicate, from the webhook's response body."""
    if body.get("duplicate"):
        return "duplicate"
    return "ignored" if body.get("ignored") else "applied"


HTTP_METHODS: Final = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    """`route` is a rule template or "unmatched"; any other method counts as "other"."""
    if _Switch.enabled:
        method = method if method in HTTP_METHODS else "other"
        REST_SECONDS.labels(method, route, str(status)).observe(seconds)


def family_names(registry: CollectorRegistry | Collector = REGISTRY) -> set[str]:
    """Names of the metric families `registry` exposes (for tests and the dashboard check)."""
    return {family.name for family in registry.collect()}
