"""/health and the dev issuer's /dev/token answers."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict

from server.api.schemas.common import WireModel


class Check(WireModel):
    """One dependency; checks may add their own fields (backend, queue depth, ...)."""

    model_config = ConfigDict(extra="allow")

    ok: bool | None = None
    configured: bool | None = None
    detail: str | None = None


class Health(WireModel):
    status: Literal["ok", "degraded"]
    checks: dict[str, Check]


class DevToken(WireModel):
    access_token: str
    token_type: Literal["Bearer"]
    expires_in: int
