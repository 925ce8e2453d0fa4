"""Who is acting: an explicit actor (a Stripe event), else the request's user, else the CLI
command, else the system (grace expiry, background jobs)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import click
from flask import g, has_app_context

_explicit: ContextVar[tuple[str, str] | None] = ContextVar("audit_actor", default=None)


@contextmanager
def acting_as(actor_type: str, actor: str) -> Iterator[None]:
    """Changes made inside are recorded as made by (`actor_type`, `actor`)."""
    token = _explicit.set((actor_type, actor))
    try:
        yield
    finally:
        _explicit.reset(token)


def current_actor() -> tuple[str, str]:
    """(actor_type, actor) for a change made now."""
    explicit = _explicit.get()
    if explicit is not None:
        return explicit
    token = getattr(g, "token", None) if has_app_context() else None
    if token is not None:  # set by require_account once the bearer token is verified
        return "user", str(token.sub)
    command = click.get_current_context(silent=True)
    if command is not None:
        return "cli", _command_path(command)
    return "system", "system"


def _command_path(context: click.Context) -> str:
    """`account set-tier`, without the program name (flask, python -m flask, ...)."""
    names: list[str] = []
    while context.parent is not None:
        names.append(context.info_name or "?")
        context = context.parent
    return " ".join(reversed(names)) or (context.info_name or "cli")
