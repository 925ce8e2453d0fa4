"""Stripe events through a subscription's lifecycle: cancel at period end, the grace period
after a failed payment, invoices, trials, Checkout completion.

Every event goes through the real webhook endpoint, signed with the endpoint secret and
verified by the `stripe` library. No Stripe API is reachable here (STRIPE_API_BASE points
at a closed port), so nothing below may depend on calling Stripe. Ordering, duplicates and
atomicity are in test_billing_webhooks.py.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from server.models import Account
from tests.conftest import stored_account
from tests.fakes.stripe_webhooks import WEBHOOK_PATH, delivery, event, invoice, subscription
from tests.services.billing.helpers import (
    fixture_app,  # noqa: F401 - the `app` fixture of this module
    fixture_customer,  # noqa: F401 - the `customer` fixture
    send,
)


def test_cancel_at_period_end_keeps_the_tier_until_stripe_deletes(app, client, customer, auth):
    cus = customer("hal")
    send(client, event("customer.subscription.created", subscription(cus), created=100))
    cancelling = subscription(cus, cancel_at_period_end=True)
    send(client, event("customer.subscription.updated", cancelling, created=200))
    view = client.get("/api/v1/subscription", headers=auth("hal")).get_json()
    assert (view["tier"], view["status"], view["cancel_at_period_end"]) == ("pro", "active", True)
    assert view["current_period_end"] is not None
    send(client, event("customer.subscription.deleted", subscription(cus, "canceled"), created=300))
    assert stored_account(app, "hal").tier == "free"


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
    account = stored_account(app, "ian")
    assert (account.tier, account.subscription_status, account.past_due_since) == (
        "pro",
        "active",
        None,
    )


def test_a_past_due_update_starts_the_grace_period(app, client, customer) -> None:
    cus = customer("jo")
    send(client, event("customer.subscription.updated", subscription(cus, "past_due")))
    account = stored_account(app, "jo")
    assert (account.tier, account.subscription_status) == ("pro", "past_due")
    assert account.past_due_since is not None


def test_invoices_of_another_subscription_change_nothing(app, client, customer) -> None:
    cus = customer("kai")
    send(client, event("customer.subscription.created", subscription(cus), created=100))
    body = send(client, event("invoice.payment_failed", invoice(cus, "sub_other"), created=200))
    assert body["reason"] == "not_current_subscription"
    assert stored_account(app, "kai").subscription_status == "active"


def test_cancelling_an_old_subscription_keeps_the_current_one(app, client, customer) -> None:
    cus = customer("lia")
    send(client, event("customer.subscription.created", subscription(cus, sub_id="sub_new")))
    old = subscription(cus, "canceled", sub_id="sub_old")
    body = send(client, event("customer.subscription.deleted", old))
    assert body["reason"] == "not_current_subscription"
    assert stored_account(app, "lia").tier == "pro"


def test_trial_will_end_changes_nothing(app, client, customer) -> None:
    cus = customer("mo")
    send(client, event("customer.subscription.created", subscription(cus, "trialing")))
    assert send(client, event("customer.subscription.trial_will_end", subscription(cus))) == {
        "received": True
    }
    assert (stored_account(app, "mo").tier, stored_account(app, "mo").subscription_status) == (
        "pro",
        "trialing",
    )


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
    completed = checkout_completed(stored_account(app, "ned").id, cus)
    assert send(client, event("checkout.session.completed", completed)) == {"received": True}
    assert stored_account(app, "ned").tier == "pro"


def test_checkout_completed_never_moves_an_account_to_another_customer(
    app, client, customer
) -> None:
    customer("ola")
    completed = checkout_completed(stored_account(app, "ola").id, "cus_of_someone_else")
    body = send(client, event("checkout.session.completed", completed))
    assert body["reason"] == "customer_conflict"
    assert stored_account(app, "ola").stripe_customer_id == "cus_ola"


def test_a_checkout_whose_stripe_call_fails_still_links_the_customer(app, client, auth) -> None:
    """Stripe is unreachable while the checkout webhook runs: the delivery fails (Stripe will
    retry it), but the customer link is already committed, so the subscription event that
    follows finds the account and sets the tier."""
    client.get("/api/v1/me", headers=auth("pia"))
    completed = checkout_completed(stored_account(app, "pia").id, "cus_pia")
    failed = client.post(WEBHOOK_PATH, **delivery(event("checkout.session.completed", completed)))
    assert failed.status_code >= 500 and set(failed.get_json()) >= {"code", "message"}
    assert stored_account(app, "pia").stripe_customer_id == "cus_pia"
    send(client, event("customer.subscription.created", subscription("cus_pia")))
    assert stored_account(app, "pia").tier == "pro"


def test_subscription_first_then_a_failing_checkout_converges_on_the_next_event(
    app, client, auth
) -> None:
    """Reverse order: the subscription event comes before any link (ignored), the checkout's
    Stripe call fails, and the next subscription event still sets the tier; the retried
    checkout then changes nothing more."""
    client.get("/api/v1/me", headers=auth("quin"))
    created = event("customer.subscription.created", subscription("cus_quin"))
    assert send(client, created)["reason"] == "no_account"
    checkout = event(
        "checkout.session.completed", checkout_completed(stored_account(app, "quin").id, "cus_quin")
    )
    assert client.post(WEBHOOK_PATH, **delivery(checkout)).status_code >= 500
    updated = event("customer.subscription.updated", subscription("cus_quin"))
    send(client, updated)
    assert (stored_account(app, "quin").tier, stored_account(app, "quin").subscription_status) == (
        "pro",
        "active",
    )
    assert send(client, checkout) == {"received": True}
    assert stored_account(app, "quin").tier == "pro"
