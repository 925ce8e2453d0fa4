"""What a Stripe webhook handler gets and gives back, and the account lookup they share."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.config import Config
from server.models import Account
from server.services.billing.state import TierChange

log = logging.getLogger("server.services.billing.webhooks")  # one logger for all webhook lines


@dataclass
class Outcome:
    """What one event did: ignored (with a reason) or applied, and any tier changes."""

    ignored: str | None = None
    changes: list[TierChange] = field(default_factory=list)

    def body(self) -> dict[str, Any]:
        if self.ignored:
            return {"received": True, "ignored": True, "reason": self.ignored}
        return {"received": True}


@dataclass(frozen=True)
class EventContext:
    """One verified event and what its handler needs."""

    session: Session
    config: Config
    event: dict[str, Any]
    now: datetime

    @property
    def obj(self) -> dict[str, Any]:
        return self.event["data"]["object"]

    @property
    def created(self) -> int:
        return int(self.event["created"])


def account_by_customer(session: Session, customer: Any) -> Account | None:
    if isinstance(customer, dict):
        customer = customer.get("id")
    if not isinstance(customer, str) or not customer:
        return None
    return session.scalar(
        select(Account).where(Account.stripe_customer_id == customer).with_for_update()
    )


def no_account(context: EventContext) -> Outcome:
    log.warning(
        "stripe event for a customer with no account",
        extra={"event_id": context.event["id"], "type": context.event["type"]},
    )
    return Outcome(ignored="no_account")
