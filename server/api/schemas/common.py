"""The base of every wire model, and the one error body (built by server/errors.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from typing_extensions import TypeAliasType


def enum_of(name: str, values: Iterable[str]) -> Any:
    """A string enum read from a server table, named in the JSON Schema (a `$defs` entry, so a
    named type in TypeScript). Type checkers see `str`: declare it under `if TYPE_CHECKING`."""
    return TypeAliasType(name, Literal[tuple(values)])


class WireModel(BaseModel):
    """A body the server sends: unknown fields fail validation, so a drift fails a test."""

    model_config = ConfigDict(extra="forbid")


class ErrorBody(WireModel):
    """Every 4xx/5xx body (REST) and, with `ok: false`, every failed socket ack."""

    code: str = Field(description="Stable machine-readable code")
    message: str
    details: Any = None
    request_id: str | None = Field(description="Matches the server's log lines")
