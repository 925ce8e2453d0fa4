"""Billing: subscription view and checkout, Stripe gateway and webhooks, sync, tier state."""
