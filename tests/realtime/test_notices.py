"""Signals become socket notices of the app that sent them, never of another app."""

from __future__ import annotations

from server import create_app
from server.services.billing.state import TierChange
from server.services.billing.subscription import notify_tier_changes
from tests.conftest import close_app, stored_account
from tests.realtime.conftest import hub_events


def test_a_tier_change_reaches_only_the_sockets_of_the_app_that_sent_it(
    app, make_config, connect, set_tier
) -> None:
    set_tier("hana", "pro")
    sio = connect("hana")
    hub_events(sio, "status")  # the connect greeting
    change = TierChange(stored_account(app, "hana").id, "hana", "free", "pro", "active")
    other = create_app(make_config())
    try:
        with other.test_request_context():
            notify_tier_changes([change])
        assert hub_events(sio, "tier") == []
    finally:
        close_app(other)
    with app.test_request_context():
        notify_tier_changes([change])
    assert [notice["tier"] for notice in hub_events(sio, "tier")] == ["pro"]
