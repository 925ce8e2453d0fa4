"""Stripe events drive the tier: exactly once, in order, with a grace period, atomically.

Every event goes through the real webhook endpoint, signed with the endpoint secret and
verified by the `stripe` library. No Stripe API is reachable here (STRIPE_API_BASE points
at a closed port), so nothing below may depend on calling Stripe.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from server import create_app
from server.config import Config
from server.models import Account, WebhookEvent
from server.services import stripe_events
from tests.conftest import close_app
from tests.fakes.stripe_webhooks import (
    PRICES,
    WEBHOOK_PATH,
    billing_env,
    delivery,
    event,
    invoice,
    subscription,
)

NO_STRIPE = "http://127.0.0.1:9"


@pytest.fixture
def app(make_config: Callable[..., Config]) -> Iterator[Flask]:
    application = create_app(make_config(**billing_env(NO_STRIPE)))
    yield application
    close_app(application)


@pytest.fixture
def customer(app: Flask, client: FlaskClient, auth) -> Callable[[str], str]:
    """Create the account of `sub` with Stripe customer `cus_<sub>`; returns the customer id."""

    def make(sub: str) -> str:
        client.get("/api/v1/me", headers=auth(sub))
        with app.app_context():
            session = app.extensions["webcammer"].db.session
            session.query(Account).filter_by(sub=sub).one().stripe_customer_id = f"cus_{sub}"
            session.commit()
        return f"cus_{sub}"

    return make


def stored(app: Flask, sub: str) -> Account:
    with app.app_context():
        session = app.extensions["webcammer"].db.session
        account = session.query(Account).filter_by(sub=sub).one()
        session.expunge(account)
        return account


def send(client: FlaskClient, evt: dict[str, Any]) -> dict[str, Any]:
    response = client.post(WEBHOOK_PATH, **delivery(evt))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


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
    account = stored(app, "amy")
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
    assert stored(app, "bob").tier == "studio"
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
    account = stored(app, "cal")
    assert (account.tier, account.subscription_status) == ("free", "canceled")


def test_an_older_update_after_a_newer_one_is_ignored(app, client, customer) -> None:
    cus, now = customer("dan"), int(time.time())
    newer = subscription(cus, price=PRICES["studio"])
    send(client, event("customer.subscription.updated", newer, created=now))
    send(client, event("customer.subscription.updated", subscription(cus), created=now - 5))
    assert stored(app, "dan").tier == "studio"


def test_in_the_same_second_a_cancel_beats_an_update(app, client, customer) -> None:
    cus, now = customer("eve"), int(time.time())
    send(client, event("customer.subscription.deleted", subscription(cus, "canceled"), created=now))
    send(client, event("customer.subscription.updated", subscription(cus), created=now))
    assert stored(app, "eve").tier == "free"


def test_an_unknown_price_changes_no_tier(app, client, customer) -> None:
    cus = customer("fay")
    send(client, event("customer.subscription.created", subscription(cus), created=100))
    odd = subscription(cus, price="price_someone_elses_product")
    body = send(client, event("customer.subscription.updated", odd, created=200))
    assert body == {"received": True, "ignored": True, "reason": "unknown_price"}
    account = stored(app, "fay")
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
    assert stored(app, "gil").tier == "free"


def test_cancel_at_period_end_keeps_the_tier_until_stripe_deletes(app, client, customer, auth):
    cus = customer("hal")
    send(client, event("customer.subscription.created", subscription(cus), created=100))
    cancelling = subscription(cus, cancel_at_period_end=True)
    send(client, event("customer.subscription.updated", cancelling, created=200))
    view = client.get("/api/v1/subscription", headers=auth("hal")).get_json()
    assert (view["tier"], view["status"], view["cancel_at_period_end"]) == ("pro", "active", True)
    assert view["current_period_end"] is not None
    send(client, event("customer.subscription.deleted", subscription(cus, "canceled"), created=300))
    assert stored(app, "hal").tier == "free"


def test_a_failed_payment_keeps_the_tier_through_the_grace_period_then_free(
    app, client, customer, auth
) -> None:
    cus, now = customer("ian"), int(time.time())
    send(client, event("customer.subscription.created", subscription(cus), created=now - 60))
    send(client, event("invoice.payment_failed", invoice(cus), created=now - 30))
    view = client.get("/api/v1/subscription", headers=auth("ian")).get_json()
    assert (view["tier"], view["status"]) == ("pro", "past_due")
    assert view["grace_ends_at"] is not None
    with app.app_context():  # four days pass
        session = app.extensions["webcammer"].db.session
        account = session.query(Account).filter_by(sub="ian").one()
        account.past_due_since = datetime.now(UTC) - timedelta(days=4)
        session.commit()
    view = client.get("/api/v1/subscription", headers=auth("ian")).get_json()
    assert (view["tier"], view["status"]) == ("free", "past_due")
    send(client, event("invoice.paid", invoice(cus), created=now))
    account = stored(app, "ian")
    assert (account.tier, account.subscription_status, account.past_due_since) == (
        "pro",
        "active",
        None,
    )


def test_a_past_due_update_starts_the_grace_period(app, client, customer) -> None:
    cus = customer("jo")
    send(client, event("customer.subscription.updated", subscription(cus, "past_due")))
    account = stored(app, "jo")
    assert (account.tier, account.subscription_status) == ("pro", "past_due")
    assert account.past_due_since is not None


def test_invoices_of_another_subscription_change_nothing(app, client, customer) -> None:
    cus = customer("kai")
    send(client, event("customer.subscription.created", subscription(cus), created=100))
    body = send(client, event("invoice.payment_failed", invoice(cus, "sub_other"), created=200))
    assert body["reason"] == "not_current_subscription"
    assert stored(app, "kai").subscription_status == "active"


def test_cancelling_an_old_subscription_keeps_the_current_one(app, client, customer) -> None:
    cus = customer("lia")
    send(client, event("customer.subscription.created", subscription(cus, sub_id="sub_new")))
    old = subscription(cus, "canceled", sub_id="sub_old")
    body = send(client, event("customer.subscription.deleted", old))
    assert body["reason"] == "not_current_subscription"
    assert stored(app, "lia").tier == "pro"


def test_trial_will_end_changes_nothing(app, client, customer) -> None:
    cus = customer("mo")
    send(client, event("customer.subscription.created", subscription(cus, "trialing")))
    assert send(client, event("customer.subscription.trial_will_end", subscription(cus))) == {
        "received": True
    }
    assert (stored(app, "mo").tier, stored(app, "mo").subscription_status) == ("pro", "trialing")


def test_checkout_completed_for_an_unknown_account_is_ignored(app, client) -> None:
    session_obj = {
        "id": "cs_1",
        "object": "checkout.session",
        "mode": "subscription",
        "client_reference_id": "no-such-account",
        "customer": "cus_x",
        "subscription": "sub_x",
    }
    body = send(client, event("checkout.session.completed", session_obj))
    assert body == {"received": True, "ignored": True, "reason": "no_account"}


def checkout_completed(account_id: str, customer: str, sub_id: str = "sub_test_1") -> dict:
    return {
        "id": "cs_test_1",
        "object": "checkout.session",
        "mode": "subscription",
        "client_reference_id": account_id,
        "customer": customer,
        "subscription": sub_id,
    }


def test_checkout_completed_after_the_subscription_event_needs_no_stripe_call(
    app, client, customer
) -> None:
    cus = customer("ned")
    send(client, event("customer.subscription.created", subscription(cus)))
    completed = checkout_completed(stored(app, "ned").id, cus)
    assert send(client, event("checkout.session.completed", completed)) == {"received": True}
    assert stored(app, "ned").tier == "pro"


def test_checkout_completed_never_moves_an_account_to_another_customer(
    app, client, customer
) -> None:
    customer("ola")
    completed = checkout_completed(stored(app, "ola").id, "cus_of_someone_else")
    body = send(client, event("checkout.session.completed", completed))
    assert body["reason"] == "customer_conflict"
    assert stored(app, "ola").stripe_customer_id == "cus_ola"


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
    account = stored(app, "oz")
    assert (account.tier, account.stripe_subscription_id) == ("free", None)
    with app.app_context():
        assert app.extensions["webcammer"].db.session.get(WebhookEvent, evt["id"]) is None
    monkeypatch.undo()
    assert send(client, evt) == {"received": True}  # Stripe's retry of the same event
    assert stored(app, "oz").tier == "pro"


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
        assert stored(application, "pg").tier == "pro"
    finally:
        close_app(application)
