"""A lower tier's connection cap applies at once: the newest sockets over it are closed, both
when a Stripe change is applied in this process and when the periodic check finds a tier
changed elsewhere (another process, the CLI, a lapsed grace period)."""

from __future__ import annotations

import time

from server.realtime.setup import close_connections_over_cap
from server.services.billing.state import TierChange
from server.services.billing.subscription import notify_tier_changes
from tests.conftest import stored_account


def open_sockets(connect, sub: str, count: int) -> list:
    sockets = []
    for _ in range(count):
        sockets.append(connect(sub))
        time.sleep(0.01)  # distinct connect times: "newest" is well defined
    assert all(s.is_connected("/hub") for s in sockets)
    return sockets


def test_a_downgrade_closes_the_newest_sockets_over_the_new_cap(app, connect, set_tier) -> None:
    set_tier("dana", "studio")
    sockets = open_sockets(connect, "dana", 4)
    set_tier("dana", "free")  # 2 live connections
    account = stored_account(app, "dana")
    with app.test_request_context():
        notify_tier_changes([TierChange(account.id, "dana", "studio", "free", "canceled")])
    assert [s.is_connected("/hub") for s in sockets] == [True, True, False, False]
    assert not connect("dana").is_connected("/hub")  # and the cap now holds for reconnects


def test_the_periodic_check_applies_a_tier_changed_elsewhere(app, connect, set_tier) -> None:
    set_tier("eli", "pro")  # 5 live connections
    sockets = open_sockets(connect, "eli", 3)
    other = open_sockets(connect, "fay", 2)  # another account is not touched
    assert close_connections_over_cap(app) == 0
    set_tier("eli", "free")  # e.g. `flask account set-tier`, no notice sent
    assert close_connections_over_cap(app) == 1
    assert [s.is_connected("/hub") for s in sockets] == [True, True, False]
    assert all(s.is_connected("/hub") for s in other)


def test_an_upgrade_closes_nothing(app, connect, set_tier) -> None:
    sockets = open_sockets(connect, "gus", 2)
    set_tier("gus", "studio")
    account = stored_account(app, "gus")
    with app.test_request_context():
        notify_tier_changes([TierChange(account.id, "gus", "free", "studio", "active")])
    assert all(s.is_connected("/hub") for s in sockets)
    assert connect("gus").is_connected("/hub")
