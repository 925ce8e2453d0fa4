"""/api/v1/write/{kind}: room subject, bio, tip menu, social post, thank-you (one request each)."""

from __future__ import annotations

from typing import Any

from flask_restx import Namespace
from pydantic import Field, StrictInt, field_validator

from server.api.resource import AuthedResource
from server.api.schemas.ai import PreparedPrompt as PreparedPromptView
from server.api.schemas.ai import WriteResult
from server.api.validation import RequestModel, body_model, one_of, parse_body, response_model
from server.auth.decorators import current_account
from server.errors import ValidationFailed
from server.extensions import services
from server.services.ai.langdetect import supported_language
from server.services.ai.replies import TONES
from server.services.ai.writing import (
    KINDS,
    LENGTHS,
    SOCIAL_LIMITS,
    WriteRequest,
    prepare_write,
    write_texts,
)

ns = Namespace("write", description="AI writing tools (metered per request)")


class WriteBody(RequestModel):
    tone: str = Field(default="friendly", json_schema_extra={"enum": list(TONES)})
    language: str | None = Field(default=None, description="Default: the account's language")
    length: str = Field(default="medium", json_schema_extra={"enum": list(LENGTHS)})
    n: StrictInt = Field(default=3, ge=1, le=5, description="Number of variants")
    details: str = Field(default="", max_length=1000, description="What it should say")

    _tone = one_of("tone", TONES)

    _length = one_of("length", LENGTHS)

    @field_validator("language")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        return supported_language(value)


class SocialPostBody(WriteBody):
    network: str = Field(json_schema_extra={"enum": list(SOCIAL_LIMITS)})

    @field_validator("network")
    @classmethod
    def _network(cls, value: str) -> str:
        if value not in SOCIAL_LIMITS:
            raise ValueError(f"network must be one of {', '.join(SOCIAL_LIMITS)}")
        return value


class TipMenuItem(RequestModel):
    name: str = Field(min_length=1, max_length=60)
    tokens: StrictInt = Field(ge=1, le=100_000)


class TipMenuBody(WriteBody):
    items: list[TipMenuItem] = Field(min_length=1, max_length=40)

    @field_validator("items")
    @classmethod
    def _unique(cls, items: list[TipMenuItem]) -> list[TipMenuItem]:
        names = [item.name.casefold() for item in items]
        if len(set(names)) != len(names):
            raise ValueError("item names must be unique")
        return items


class ThankYouBody(WriteBody):
    username: str | None = Field(default=None, min_length=1, max_length=64)
    tokens: StrictInt | None = Field(default=None, ge=1, le=1_000_000)


BODIES: dict[str, type[WriteBody]] = {
    "room_subject": WriteBody,
    "bio": WriteBody,
    "tip_menu": TipMenuBody,
    "social_post": SocialPostBody,
    "thank_you": ThankYouBody,
}


def to_request(kind: str, body: WriteBody) -> WriteRequest:
    """The service request of a validated body."""
    data = body.model_dump()
    items = tuple((i["name"], i["tokens"]) for i in data.pop("items", None) or [])
    return WriteRequest(kind=kind, items=items, **data)


def parse_write(kind: str) -> WriteRequest:
    """The request of `kind` from the JSON body (unknown kinds: 400 naming the kinds)."""
    model = BODIES.get(kind)
    if model is None:
        raise ValidationFailed(
            f"Unknown kind {kind[:40]!r}; use one of {', '.join(KINDS)}.",
            code="unknown_kind",
            details={"kinds": list(KINDS)},
        )
    return to_request(kind, parse_body(model))


KIND_DOC = {"kind": {"description": "what to write", "enum": list(KINDS)}}


@ns.route("/<string:kind>")
@ns.doc(params=KIND_DOC)
class Write(AuthedResource):
    @ns.response(200, "Success", response_model(ns, WriteResult))
    @ns.expect(body_model(ns, TipMenuBody))
    def post(self, kind: str) -> dict[str, Any]:
        """Write n variants: {variants, kind, limit}; tip_menu needs items, social_post network."""
        request = parse_write(kind)
        return write_texts(services().db.session, current_account(), request)


@ns.route("/<string:kind>/prompt")
@ns.doc(params=KIND_DOC)
class WritePrompt(AuthedResource):
    @ns.expect(body_model(ns, TipMenuBody))
    @ns.response(200, "Success", response_model(ns, PreparedPromptView))
    def post(self, kind: str) -> dict[str, Any]:
        """The prepared writing call (messages, output rules) to run on the device; no provider
        is called and no quota is charged."""
        return prepare_write(current_account(), parse_write(kind)).as_dict()
