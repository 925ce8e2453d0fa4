"""/api/v1/subscription: tier and plans, Stripe Checkout, Customer Portal, signed webhook."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any, Final, Literal

from flask import request
from flask_restx import Namespace, Resource

from server import metrics
from server.api.resource import AuthedResource
from server.api.schemas.billing import RedirectUrl, SubscriptionView, WebhookReceipt
from server.api.validation import RequestModel, body_model, parse_body, response_model
from server.auth.decorators import current_account
from server.errors import AppError
from server.extensions import services
from server.services.billing import subscription as billing
from server.services.billing import webhooks as stripe_events
from server.services.billing.gateway import require_billing

ns = Namespace("subscription", description="Billing through Stripe: plans, checkout, portal")
redirect_url = response_model(ns, RedirectUrl)

#: Stripe's events are a few KiB; anything this big is not one of them.
WEBHOOK_MAX_BYTES: Final = 256 * 1024


class CheckoutRequest(RequestModel):
    """A plan and interval; never a price id or a tier (unknown fields are refused)."""

    plan: Literal["pro", "studio"]
    interval: Literal["month", "year"] = "month"


@ns.route("")
class Subscription(AuthedResource):
    @ns.response(200, "Success", response_model(ns, SubscriptionView))
    def get(self) -> dict[str, Any]:
        """Tier, subscription status, period end, cancel-at-period-end and the plans on offer."""
        config = services().config
        require_billing(config)
        return billing.subscription_view(services().db.session, current_account(), config)


@ns.route("/checkout")
class Checkout(AuthedResource):
    @ns.response(200, "Success", redirect_url)
    @ns.expect(body_model(ns, CheckoutRequest))
    def post(self) -> dict[str, str]:
        """Start Stripe Checkout for a plan; returns the URL to send the streamer to."""
        config = services().config
        require_billing(config)
        body = parse_body(CheckoutRequest)
        session = services().db.session
        url = billing.start_checkout(session, current_account(), config, body.plan, body.interval)
        return {"url": url}


@ns.route("/portal")
class Portal(AuthedResource):
    @ns.response(200, "Success", redirect_url)
    def post(self) -> dict[str, str]:
        """Open the Stripe Customer Portal (plan changes, payment methods, invoices, cancel)."""
        config = services().config
        require_billing(config)
        return {"url": billing.open_portal(current_account(), config)}


def _webhook_rate_key() -> str:
    return "stripe-webhook:" + (request.remote_addr or "unknown")


def _webhook_body() -> bytes:
    if (request.content_length or 0) > WEBHOOK_MAX_BYTES:
        raise _too_large()
    raw = request.get_data(cache=False)
    if len(raw) > WEBHOOK_MAX_BYTES:
        raise _too_large()
    return raw


def _too_large() -> AppError:
    return AppError(
        f"Webhook bodies are limited to {WEBHOOK_MAX_BYTES} bytes.",
        code="payload_too_large",
        status=413,
    )


@ns.route("/webhook")
class StripeWebhook(Resource):
    """Stripe's signed event delivery; authenticated by signature, not by a JWT."""

    @ns.doc(security=[])
    @ns.response(200, "Success", response_model(ns, WebhookReceipt))
    def post(self) -> dict[str, Any]:
        """Receive a Stripe event (signature checked on the raw body; duplicates are no-ops)."""
        app_services = services()
        config = app_services.config
        require_billing(config)
        rate_limit = config.STRIPE_WEBHOOK_RATE_LIMIT
        limit = app_services.limiter.limit(rate_limit, key_func=_webhook_rate_key)
        with limit if rate_limit else nullcontext():
            raw = _webhook_body()
        event = stripe_events.verify_event(config, raw, request.headers.get("Stripe-Signature"))
        body, changes = stripe_events.process_event(app_services.db.session, config, event)
        metrics.count_stripe_webhook(event["type"], metrics.stripe_outcome(body))
        billing.notify_tier_changes(changes)
        return body
