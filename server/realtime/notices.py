"""Server-to-client notices addressed to an account's connected sockets (any process).

Lower layers announce through `server.signals`; `connect_receivers` turns one app's
announcements into `tier`, `usage` and `status` notices.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from flask import Flask

from server.extensions import services
from server.realtime.protocol import HUB_NAMESPACE, account_room
from server.signals import feed_status_changed, tier_changed, usage_changed
from server.tiers import tier_for

if TYPE_CHECKING:
    from server.ingest.chaturbate.contracts import PollStatus
    from server.services.billing.state import TierChange

log = logging.getLogger(__name__)


def notify_account(
    account_id: str, event: str, payload: dict[str, Any], app: Flask | None = None
) -> None:
    """Emit `event` (e.g. 'tier', 'usage') to every live socket of the account; never raises."""
    try:
        services(app).socketio.emit(
            event, payload, to=account_room(account_id), namespace=HUB_NAMESPACE
        )
    except Exception:  # noqa: BLE001 - a notice must never break the request that caused it
        log.warning("could not notify account", extra={"account_id": account_id, "event": event})


def connect_receivers(app: Flask) -> None:
    """Subscribe to `app`'s signals only (sender=app: other apps' sends do not reach it)."""
    tier_changed.connect(_on_tier_changed, sender=app)
    usage_changed.connect(_on_usage_changed, sender=app)
    feed_status_changed.connect(_on_feed_status_changed, sender=app)


def _on_tier_changed(app: Flask, *, change: TierChange) -> None:
    tier = tier_for(change.tier)
    payload = {
        "tier": change.tier,
        "previous": change.previous,
        "status": change.status,
        "limits": tier.as_dict(),
    }
    notify_account(change.account_id, "tier", payload, app)
    # a lower connection cap applies now to this process's sockets
    services(app).realtime.hub.close_over_cap(change.account_id, tier.live_connections)


def _on_usage_changed(app: Flask, *, account_id: str, summary: dict[str, Any]) -> None:
    notify_account(account_id, "usage", summary, app)


def _on_feed_status_changed(
    app: Flask, *, account_id: str, broadcaster: str, status: PollStatus
) -> None:
    notice = {**services(app).realtime.access.status(broadcaster), "ingest": "events_api"}
    notice["ingest_state"] = status.state
    notify_account(account_id, "status", {**notice, "reason": status.reason}, app)
