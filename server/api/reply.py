"""/api/v1/reply: reply suggestions for a chat line, and the persona they are written in."""

from __future__ import annotations

from typing import Annotated, Any

from flask_restx import Namespace
from pydantic import Field, StrictInt, field_validator, model_validator

from server.api.resource import AuthedResource
from server.api.schemas.ai import Persona as PersonaView
from server.api.schemas.ai import PreparedPrompt as PreparedPromptView
from server.api.schemas.ai import ReplySuggestions
from server.api.validation import (
    ROOM_PATTERN,
    RequestModel,
    body_model,
    one_of,
    parse_body,
    response_model,
)
from server.auth.decorators import current_account
from server.extensions import services
from server.services.ai.langdetect import supported_language
from server.services.ai.replies import (
    TONES,
    ReplyRequest,
    authorize_reply,
    get_persona,
    prepare_reply,
    save_persona,
    suggest_replies,
)

ns = Namespace("reply", description="AI reply suggestions (metered per suggestion)")
persona_view = response_model(ns, PersonaView)


class ReplyBody(RequestModel):
    broadcaster: str = Field(pattern=ROOM_PATTERN, description="Your room")
    event_id: str | None = Field(default=None, min_length=1, max_length=128)
    message: str | None = Field(default=None, min_length=1, max_length=4000)
    tone: str = Field(default="friendly", json_schema_extra={"enum": list(TONES)})
    n: StrictInt = Field(default=3, ge=1, le=5, description="Number of suggestions")
    language: str | None = Field(
        default=None,
        description="A language code, or 'viewer' for the viewer's language; "
        "default: the account's language",
    )

    _tone = one_of("tone", TONES)

    @field_validator("language")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        return value if value == "viewer" else supported_language(value)

    @model_validator(mode="after")
    def _one_source(self) -> ReplyBody:
        if (self.event_id is None) == (self.message is None):
            raise ValueError("send exactly one of event_id or message")
        return self


Word = Annotated[str, Field(min_length=1, max_length=50)]
Boundary = Annotated[str, Field(min_length=1, max_length=200)]


class PersonaBody(RequestModel):
    voice: str = Field(default="", max_length=500, description="How you talk, in a few words")
    boundaries: list[Boundary] = Field(default_factory=list, max_length=20)
    banned_words: list[Word] = Field(default_factory=list, max_length=100)


@ns.route("")
class Reply(AuthedResource):
    @ns.response(200, "Success", response_model(ns, ReplySuggestions))
    @ns.expect(body_model(ns, ReplyBody))
    def post(self) -> dict[str, Any]:
        """Suggest 1-5 replies to an event of your room (or a pasted message)."""
        body = parse_body(ReplyBody)
        app_services = services()
        request = ReplyRequest(**body.model_dump())
        return suggest_replies(
            app_services.db.session, current_account(), request, app_services.event_store
        )


@ns.route("/prompt")
class ReplyPrompt(AuthedResource):
    @ns.expect(body_model(ns, ReplyBody))
    @ns.response(200, "Success", response_model(ns, PreparedPromptView))
    def post(self) -> dict[str, Any]:
        """The prepared reply call (messages, output rules) to run on the device; no provider
        is called and no quota is charged."""
        body = parse_body(ReplyBody)
        app_services = services()
        account = current_account()
        request = ReplyRequest(**body.model_dump())
        authorize_reply(app_services.db.session, account, request)
        return prepare_reply(account, request, app_services.event_store).as_dict()


@ns.route("/persona")
class Persona(AuthedResource):
    @ns.response(200, "Success", persona_view)
    def get(self) -> dict[str, Any]:
        """Your saved persona: voice, boundaries, banned words."""
        return get_persona(current_account())

    @ns.response(200, "Success", persona_view)
    @ns.expect(body_model(ns, PersonaBody))
    def put(self) -> dict[str, Any]:
        """Replace your persona."""
        body = parse_body(PersonaBody)
        return save_persona(services().db.session, current_account(), body.model_dump())
