"""Stripe events drive the tier: exactly once, in order, atomically; what is ignored.

Every event goes through the real webhook endpoint, signed with the endpoint secret and
verified by the `stripe` library. No Stripe API is reachable here (STRIPE_API_BASE points
at a closed port), so nothing below may depend on calling Stripe. The subscription
lifecycle (cancel, grace period, invoices, trials, Checkout) is in test_billing_lifecycle.py.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from server import create_app
from server.config import Config
from server.models import WebhookEvent
from server.services.billing import webhooks as stripe_events
from tests.conftest import close_app, stored_account
from tests.fakes.stripe_webhooks import (
    PRICES,
    WEBHOOK_PATH,
    billing_env,
    delivery,
    event,
    subscription,
)
from tests.services.billing.helpers import (
    NO_STRIPE,
    fixture_app,  # noqa: F401 - the `app` fixture of this module
    fixture_customer,  # noqa: F401 - the `customer` fixture
    send,
)


def tier_notices(sio: Any) -> list[dict[str, Any]]:
    return [m["args"][0] for m in sio.get_received("/hub") if m["name"] == "tier"]


def test_a_new_subscription_sets_the_tier_and_tells_the_accounts_sockets(
    app, client, customer, token_for
) -> None:
    cus = customer("amy")
    sio = app.extensions["webcammer"].socketio.test_client(
        app, namespace="/hub", auth={"token": token_for("amy")}
    )
    send(client, event("customer.subscription.created", subscription(cus)))
    notices = tier_notices(sio)
    assert [(n["tier"], n["previous"], n["status"]) for n in notices] == [("pro", "free", "active")]
    assert notices[0]["limits"]["live_connections"] == 5
    account = stored_account(app, "amy")
    assert (account.tier, account.subscription_status) == ("pro", "active")
    assert account.stripe_subscription_id == "sub_test_1"
    sio.disconnect(namespace="/hub")


def test_a_duplicate_delivery_has_exactly_one_effect(app, client, customer, token_for) -> None:
    cus = customer("bob")
    sio = app.extensions["webcammer"].socketio.test_client(
        app, namespace="/hub", auth={"token": token_for("bob")}
    )
    evt = event("customer.subscription.created", subscription(cus, price=PRICES["studio"]))
    assert send(client, evt) == {"received": True}
    assert send(client, evt) == {"received": True, "duplicate": True}
    assert len(tier_notices(sio)) == 1
    with app.app_context():
        rows = app.extensions["webcammer"].db.session.query(WebhookEvent).filter_by(id=evt["id"])
        assert rows.count() == 1
    assert stored_account(app, "bob").tier == "studio"
    sio.disconnect(namespace="/hub")


def test_deleted_arriving_before_an_older_update_stays_canceled(app, client, customer) -> None:
    cus, now = customer("cal"), int(time.time())
    send(client, event("customer.subscription.created", subscription(cus), created=now - 60))
    send(
        client,
        event("customer.subscription.deleted", subscription(cus, "canceled"), created=now),
    )
    late = event("customer.subscription.updated", subscription(cus), created=now - 30)
    assert send(client, late) == {"received": True, "ignored": True, "reason": "stale"}
    account = stored_account(app, "cal")
    assert (account.tier, account.subscription_status) == ("free", "canceled")


def test_an_older_update_after_a_newer_one_is_ignored(app, client, customer) -> None:
    cus, now = customer("dan"), int(time.time())
    newer = subscription(cus, price=PRICES["studio"])
    send(client, event("customer.subscription.updated", newer, created=now))
    send(client, event("customer.subscription.updated", subscription(cus), created=now - 5))
    assert stored_account(app, "dan").tier == "studio"


def test_in_the_same_second_a_cancel_beats_an_update(app, client, customer) -> None:
    cus, now = customer("eve"), int(time.time())
    send(client, event("customer.subscription.deleted", subscription(cus, "canceled"), created=now))
    send(client, event("customer.subscription.updated", subscription(cus), created=now))
    assert stored_account(app, "eve").tier == "free"


def test_an_unknown_price_changes_no_tier(app, client, customer) -> None:
    cus = customer("fay")
    send(client, event("customer.subscription.created", subscription(cus), created=100))
    odd = subscription(cus, price="price_someone_elses_product")
    body = send(client, event("customer.subscription.updated", odd, created=200))
    assert body == {"received": True, "ignored": True, "reason": "unknown_price"}
    account = stored_account(app, "fay")
    assert (account.tier, account.stripe_state_at) == ("pro", 100)


def test_an_unknown_event_type_is_acknowledged_and_ignored(app, client) -> None:
    evt = event("charge.dispute.created", {"id": "dp_1", "object": "dispute"})
    assert send(client, evt) == {"received": True, "ignored": True, "reason": "unhandled_type"}
    with app.app_context():
        assert app.extensions["webcammer"].db.session.get(WebhookEvent, evt["id"]) is not None


def test_a_customer_with_no_account_is_ignored(app, client, customer) -> None:
    customer("gil")
    evt = event("customer.subscription.created", subscription("cus_nobody"))
    assert send(client, evt) == {"received": True, "ignored": True, "reason": "no_account"}
    assert stored_account(app, "gil").tier == "free"


def test_a_failure_mid_event_leaves_nothing_and_the_retry_applies(
    app, client, customer, monkeypatch
) -> None:
    cus = customer("oz")
    real = stripe_events.apply_snapshot

    def apply_then_crash(*args: Any) -> Any:
        real(*args)  # the account row is already modified in the session here
        raise RuntimeError("database went away")

    monkeypatch.setattr(stripe_events, "apply_snapshot", apply_then_crash)
    evt = event("customer.subscription.created", subscription(cus))
    failed = client.post(WEBHOOK_PATH, **delivery(evt))
    assert failed.status_code == 500
    assert failed.get_json()["code"] == "internal_error"
    account = stored_account(app, "oz")
    assert (account.tier, account.stripe_subscription_id) == ("free", None)
    with app.app_context():
        assert app.extensions["webcammer"].db.session.get(WebhookEvent, evt["id"]) is None
    monkeypatch.undo()
    assert send(client, evt) == {"received": True}  # Stripe's retry of the same event
    assert stored_account(app, "oz").tier == "pro"


def test_concurrent_deliveries_of_one_event_apply_once_on_postgres(
    make_config: Callable[..., Config], postgres_url: str
) -> None:
    application = create_app(make_config(DATABASE_URL=postgres_url, **billing_env(NO_STRIPE)))
    try:
        with application.app_context():
            from server.services.accounts import get_or_create_account

            session = application.extensions["webcammer"].db.session
            get_or_create_account(session, "pg", None).stripe_customer_id = "cus_pg"
            session.commit()
        evt = event("customer.subscription.created", subscription("cus_pg"))
        bodies: list[dict[str, Any]] = []

        def deliver() -> None:
            response = application.test_client().post(WEBHOOK_PATH, **delivery(evt))
            bodies.append(response.get_json())

        threads = [threading.Thread(target=deliver) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(b.get("duplicate", False) for b in bodies) == [False] + [True] * 5
        assert stored_account(application, "pg").tier == "pro"
    finally:
        close_app(application)
