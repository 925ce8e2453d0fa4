"""/api/v1/translate: chat translation (single, batch) and the supported languages."""

from __future__ import annotations

from typing import Any

from flask_restx import Namespace
from pydantic import Field, field_validator

from server.api.resource import AuthedResource
from server.api.schemas.ai import TranslateBatch as BatchView
from server.api.schemas.ai import TranslateLanguages, Translation
from server.api.validation import (
    ROOM_PATTERN,
    RequestModel,
    body_model,
    parse_body,
    response_model,
)
from server.auth.decorators import current_account
from server.extensions import services
from server.services.ai.langdetect import LANGUAGES, detection_rules, supported_language
from server.services.ai.translation import TranslateItem, translate_items, translate_one

ns = Namespace("translate", description="Translate chat lines (metered in characters sent)")

MAX_TEXT = 4000
MAX_BATCH = 50


class TranslateBody(RequestModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT, description="The chat line")
    target: str | None = Field(default=None, description="Default: the account's language")
    source: str | None = Field(default=None, description="Default: detected on the server")

    @field_validator("target", "source")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        return supported_language(value)

    def item(self) -> TranslateItem:
        return TranslateItem(self.text, self.target, self.source)


class BatchItem(TranslateBody):
    event_id: str | None = Field(default=None, min_length=1, max_length=128)

    def item(self) -> TranslateItem:
        return TranslateItem(self.text, self.target, self.source, self.event_id)


class BatchBody(RequestModel):
    items: list[BatchItem] = Field(min_length=1, max_length=MAX_BATCH)
    broadcaster: str | None = Field(
        default=None,
        pattern=ROOM_PATTERN,
        description="Room of the items' event_ids: lets the server keep private messages "
        "private (they are refused unless the account opted in)",
    )


@ns.route("")
class Translate(AuthedResource):
    @ns.response(200, "Success", response_model(ns, Translation))
    @ns.expect(body_model(ns, TranslateBody))
    def post(self) -> dict[str, Any]:
        """Translate one line: {text, source, target, cached, charged_chars, detected}."""
        body = parse_body(TranslateBody)
        return translate_one(services().db.session, current_account(), body.item())


@ns.route("/batch")
class TranslateBatch(AuthedResource):
    @ns.response(200, "Success", response_model(ns, BatchView))
    @ns.expect(body_model(ns, BatchBody))
    def post(self) -> dict[str, Any]:
        """Translate up to 50 lines; repeats and same-language lines cost nothing."""
        body = parse_body(BatchBody)
        app_services = services()
        items = translate_items(
            app_services.db.session,
            current_account(),
            [item.item() for item in body.items],
            broadcaster=body.broadcaster,
            store=app_services.event_store,
        )
        return {"items": items}


@ns.route("/languages")
class Languages(AuthedResource):
    @ns.response(200, "Success", response_model(ns, TranslateLanguages))
    def get(self) -> dict[str, Any]:
        """Languages offered as targets, the account's default, whether AI is configured, and
        the detection skip rules the panel applies when it translates on the device."""
        return {
            "languages": [{"code": code, "name": name} for code, name in LANGUAGES.items()],
            "default_target": current_account().language,
            "configured": services().ai.provider is not None,
            "detection": detection_rules(),
        }
