"""Reply suggestions for a chat line, in the streamer's voice, from the room's own context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from server.adapters.eventstore.base import EventStore
from server.errors import Forbidden, NotFound, ValidationFailed
from server.events.model import PlatformEvent
from server.extensions import services
from server.models import Account
from server.services.accounts import owns_broadcaster
from server.services.ai import common, prompts
from server.services.ai.langdetect import language_name, primary
from server.services.ai.output_rules import OutputRules, PreparedPrompt, apply_rules
from server.services.ai.privacy import Redactor
from server.services.ai.reply_context import (
    describe_history,
    describe_line,
    find_events,
    room_lines,
    viewer_history,
)
from server.services.ai.translation import private_message_blocked
from server.tiers import REPLY_REQUEST_COST

FEATURE = "reply_suggestions"
TONES = ("friendly", "flirty", "playful", "grateful", "teasing", "funny", "professional")
#: Characters a chat line may hold on the platform (conservative; the site's own cap may be higher).
CHAT_LIMITS = {"chaturbate": 200}
PERSONA_DEFAULT: dict[str, Any] = {"voice": "", "boundaries": [], "banned_words": []}


@dataclass(frozen=True, slots=True)
class ReplyRequest:
    broadcaster: str
    event_id: str | None = None
    message: str | None = None
    tone: str = "friendly"
    n: int = 3
    language: str | None = None


def get_persona(account: Account) -> dict[str, Any]:
    """The account's saved persona with every field present."""
    return {**PERSONA_DEFAULT, **(account.persona or {})}


def save_persona(session: Session, account: Account, persona: dict[str, Any]) -> dict[str, Any]:
    """Replace the account's persona (already validated)."""
    account.persona = {**PERSONA_DEFAULT, **persona}
    session.commit()
    return get_persona(account)


def suggest_replies(
    session: Session, account: Account, request: ReplyRequest, store: EventStore | None
) -> dict[str, Any]:
    """`n` reply suggestions for an event of the caller's room or a pasted message."""
    components = services().ai
    common.require_provider(components)
    authorize_reply(session, account, request)
    already_charged = common.ensure_quota(session, account, FEATURE, REPLY_REQUEST_COST)
    prepared = prepare_reply(account, request, store)
    common.release_db(session)
    completion = common.complete(
        components, "reply", prepared.messages, max_tokens=prepared.max_tokens
    )
    common.record_tokens(session, account.id, [completion])

    def build() -> list[str]:
        return apply_rules(completion.text, prepared.rules, prepared.system)

    suggestions = common.settle(
        session, account, FEATURE, prepared.units, build, already_charged=already_charged
    )
    return {"suggestions": suggestions, "language": prepared.language}


def authorize_reply(session: Session, account: Account, request: ReplyRequest) -> None:
    """Replies are only prepared for the caller's own broadcasters."""
    if not owns_broadcaster(session, account, request.broadcaster):
        raise Forbidden("Replies are only suggested for your own broadcasters.")


def prepare_reply(
    account: Account, request: ReplyRequest, store: EventStore | None
) -> PreparedPrompt:
    """The one place a reply call is built: messages, output rules, generation settings.

    The provider path sends it; `POST /api/v1/reply/prompt` serves it to run on the device.
    """
    event = _event(account, request, store)
    text = request.message if event is None else _event_text(event)
    language = _language(services().ai, account, request, event, text)
    limit = CHAT_LIMITS["chaturbate"]
    persona = get_persona(account)
    system = reply_prompt(request, language, limit, persona, Redactor())
    user = _context_block(request, event, text, store)
    rules = OutputRules(request.n, limit, banned_words=tuple(persona["banned_words"]))
    messages = prompts.messages(system, user)
    return PreparedPrompt(
        FEATURE, messages, rules, language, 120 * request.n, 0.3, REPLY_REQUEST_COST
    )


def _event(
    account: Account, request: ReplyRequest, store: EventStore | None
) -> PlatformEvent | None:
    if not request.event_id:
        return None
    event = find_events(store, request.broadcaster, [request.event_id]).get(request.event_id)
    if event is None:
        raise NotFound(
            "That event is not in this room's recent history; send `message` instead.",
            code="event_not_found",
        )
    if event.method == "privateMessage" and not account.send_private_to_ai:
        raise private_message_blocked()
    if event.method in ("chatMessage", "privateMessage") and not event.text:
        raise ValidationFailed(
            "This event's text is not stored (store_chat_text is off); send `message` instead.",
            code="event_text_unavailable",
        )
    return event


def _event_text(event: PlatformEvent) -> str:
    if event.method == "tip":
        note = f' with the note "{event.text}"' if event.text else ""
        return f"(tipped {event.tokens} tokens{note})"
    return event.text or ""


def _language(
    components: common.AIComponents,
    account: Account,
    request: ReplyRequest,
    event: PlatformEvent | None,
    text: str | None,
) -> str:
    """Explicit language; "viewer": the event's user.language, else the detected one."""
    if request.language and request.language != "viewer":
        return request.language
    if request.language == "viewer":
        viewer = (event.user or {}).get("language") if event else None
        if viewer:
            return primary(str(viewer))
        detected = components.detector.detect(text or "", hint=account.language).language
        if detected:
            return detected
    return account.language


def reply_prompt(
    request: ReplyRequest, language: str, limit: int, persona: dict[str, Any], red: Redactor
) -> str:
    """The system message of a reply call (persona redacted too)."""
    parts = [
        "You suggest chat replies that a webcam streamer sends in their public room chat.",
        f"Write exactly {request.n} variants, separated by a line containing only "
        f"{prompts.VARIANT_SEPARATOR}. Each variant is one line of at most {limit} characters.",
        f"Write in {language_name(language)} ({language}). Tone: {request.tone}.",
    ]
    if persona.get("voice"):
        parts.append(f"The streamer's voice: {red.redact(persona['voice'])}")
    if persona.get("boundaries"):
        parts.append(f"Never offer or agree to: {red.redact('; '.join(persona['boundaries']))}.")
    if persona.get("banned_words"):
        parts.append(f"Never use these words: {red.redact(', '.join(persona['banned_words']))}.")
    parts.append("Output only the replies. " + prompts.guard_line("room_chat", "viewer", "message"))
    return " ".join(parts)


def _context_block(
    request: ReplyRequest, event: PlatformEvent | None, text: str | None, store: EventStore | None
) -> str:
    """Room chat, viewer facts and the message itself, each as a redacted data block."""
    red = Redactor()
    exclude = event.id if event else None
    lines = [describe_line(e) for e in room_lines(store, request.broadcaster, exclude_id=exclude)]
    history = viewer_history(store, request.broadcaster, event.username or "") if event else None
    blocks = []
    if lines:
        blocks.append(_block("Recent room chat, oldest first:", "room_chat", "\n".join(lines), red))
    if history is not None:
        blocks.append(_block("About the viewer:", "viewer", describe_history(history), red))
    speaker = f"{event.username}: " if event and event.username else ""
    blocks.append(_block("The message to reply to:", "message", speaker + (text or ""), red))
    return "\n\n".join(blocks)


def _block(label: str, tag: str, text: str, red: Redactor) -> str:
    return f"{label}\n{prompts.data_block(tag, red.redact(text))}"
