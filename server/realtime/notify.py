"""Server-to-client notices addressed to an account's connected sockets (any process)."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask

from server.extensions import services

log = logging.getLogger(__name__)

HUB_NAMESPACE = "/hub"


def account_room(account_id: str) -> str:
    """The Socket.IO room every connection of an account joins on connect."""
    return f"account:{account_id}"


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
