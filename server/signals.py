"""What lower layers announce; `server.realtime` subscribes (per app: the sender is the app).

Services, ingest and auth send these after their own work is committed; they never import
the layer that turns them into socket notices.
"""

from __future__ import annotations

from blinker import Namespace
from flask import Flask, current_app

_signals = Namespace()

#: An account's tier changed (after commit). kwargs: change (billing.state.TierChange).
tier_changed = _signals.signal("tier-changed")
#: An account's metered usage changed (after commit). kwargs: account_id, summary (dict).
usage_changed = _signals.signal("usage-changed")
#: An Events API feed's poller changed state. kwargs: account_id, broadcaster, status (PollStatus).
feed_status_changed = _signals.signal("feed-status-changed")
#: An overlay key was created, rotated or revoked (after commit): the audit log's hook and the
#: hub's (a revoked key's sockets close). kwargs: action ("created"|"rotated"|"revoked"),
#: account_id, broadcaster, overlay_id, kind, actor_sub, replaced_by (new overlay id or None).
overlay_key_changed = _signals.signal("overlay-key-changed")
#: A room's goals or goal run changed (after commit). kwargs: broadcaster.
room_goals_changed = _signals.signal("room-goals-changed")


def current_sender() -> Flask:
    """The app announcing (signals are sent with the app as sender, so receivers are per app)."""
    return current_app._get_current_object()  # type: ignore[attr-defined]
