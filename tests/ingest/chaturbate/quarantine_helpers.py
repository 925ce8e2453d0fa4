"""Quarantine test helpers: the rows as stored."""

from __future__ import annotations

from flask import Flask

from server.models import QuarantinedEvent


def quarantined(app: Flask, *, pending_only: bool = True) -> list[QuarantinedEvent]:
    """The quarantine rows as stored now, oldest first (detached)."""
    with app.app_context():
        session = app.extensions["webcammer"].db.session
        query = session.query(QuarantinedEvent).order_by(QuarantinedEvent.id)
        if pending_only:
            query = query.filter(QuarantinedEvent.resolved_at.is_(None))
        rows = query.all()
        session.expunge_all()
        return rows
