"""Writing tools: room subject, bio, tip menu, social post, thank-you, within each kind's limit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from server.extensions import services
from server.models import Account
from server.services.ai import common, prompts
from server.services.ai.langdetect import language_name
from server.services.ai.output_rules import OutputRules, PreparedPrompt, apply_rules
from server.services.ai.privacy import Redactor
from server.services.ai.replies import get_persona

FEATURE = "write_requests"
KINDS = ("room_subject", "bio", "tip_menu", "social_post", "thank_you")
LENGTHS = ("short", "medium", "long")
#: Characters per post (reddit: the title).
SOCIAL_LIMITS = {
    "twitter": 280,
    "x": 280,
    "bluesky": 300,
    "reddit": 300,
    "threads": 500,
    "mastodon": 500,
    "instagram": 2200,
    "tiktok": 2200,
}
LENGTH_LIMITS = {
    "room_subject": {"short": 80, "medium": 160, "long": 255},
    "bio": {"short": 300, "medium": 800, "long": 2000},
    "tip_menu": {"short": 1500, "medium": 1500, "long": 1500},
    "thank_you": {"short": 80, "medium": 140, "long": 200},
}
TASKS = {
    "room_subject": "a room subject: the one-line title viewers see on the room",
    "bio": "a profile bio for the streamer's room page",
    "tip_menu": "a tip menu with one line per item, each keeping its exact token price",
    "social_post": "a post on {network} promoting the streamer's live show",
    "thank_you": "a short public chat message thanking a viewer",
}
MULTILINE = frozenset({"bio", "tip_menu", "social_post"})


@dataclass(frozen=True, slots=True)
class WriteRequest:
    """A validated writing request (the API checks kinds, lengths and items)."""

    kind: str
    tone: str = "friendly"
    language: str | None = None
    length: str = "medium"
    n: int = 3
    details: str = ""
    network: str | None = None
    items: tuple[tuple[str, int], ...] = ()
    username: str | None = None
    tokens: int | None = None


def limit_for(request: WriteRequest) -> int:
    """Maximum characters of one variant of this request."""
    if request.kind == "social_post":
        return SOCIAL_LIMITS[request.network or ""]
    return LENGTH_LIMITS[request.kind][request.length]


def write_texts(session: Session, account: Account, request: WriteRequest) -> dict[str, Any]:
    """`n` variants of the requested text, each trimmed to the kind's limit."""
    components = services().ai
    common.require_provider(components)
    already_charged = common.ensure_quota(session, account, FEATURE, 1)
    prepared = prepare_write(account, request)
    common.release_db(session)
    completion = common.complete(
        components,
        "write",
        prepared.messages,
        max_tokens=prepared.max_tokens,
        temperature=prepared.temperature,
    )
    common.record_tokens(session, account.id, [completion])

    def build() -> list[str]:
        return apply_rules(completion.text, prepared.rules, prepared.system)

    units = prepared.units
    variants = common.settle(
        session, account, FEATURE, units, build, already_charged=already_charged
    )
    return {"variants": variants, "kind": request.kind, "limit": prepared.rules.max_chars}


def prepare_write(account: Account, request: WriteRequest) -> PreparedPrompt:
    """The one place a writing call is built (sent by the server, or served to the panel)."""
    language = request.language or account.language
    limit = limit_for(request)
    red = Redactor()
    system = write_prompt(request, language, limit, get_persona(account), red)
    user = "What to write:\n" + prompts.data_block("request", red.redact(describe(request)))
    rules = OutputRules(
        request.n,
        limit,
        multiline=request.kind in MULTILINE,
        required_numbers=tuple(tokens for _, tokens in request.items),
    )
    max_tokens = min(4096, request.n * (limit // 2 + 50))
    return PreparedPrompt(FEATURE, prompts.messages(system, user), rules, language, max_tokens, 0.8)


def write_prompt(
    request: WriteRequest, language: str, limit: int, persona: dict[str, Any], red: Redactor
) -> str:
    """The system message of a writing call."""
    network = request.network or ""
    task = TASKS[request.kind].format(network=network.capitalize() if network != "x" else "X")
    if request.kind == "social_post" and network == "reddit":
        task = "a Reddit post title promoting the streamer's live show"
    parts = [
        f"You write {task} for a webcam streamer.",
        f"Write exactly {request.n} variants, separated by a line containing only "
        f"{prompts.VARIANT_SEPARATOR}. Each variant has at most {limit} characters.",
        f"Write in {language_name(language)} ({language}). Tone: {request.tone}. "
        f"Length: {request.length}.",
    ]
    if request.kind == "tip_menu":
        parts.append("Keep every item and its exact token price; invent no items or prices.")
    if persona.get("voice"):
        parts.append(f"The streamer's voice: {red.redact(persona['voice'])}")
    if persona.get("banned_words"):
        parts.append(f"Never use these words: {red.redact(', '.join(persona['banned_words']))}.")
    parts.append("Output only the variants. " + prompts.guard_line("request"))
    return " ".join(parts)


def describe(request: WriteRequest) -> str:
    """The request's own data (details, items, viewer) as plain lines."""
    lines = [request.details] if request.details else []
    lines += [f"{name} - {tokens} tokens" for name, tokens in request.items]
    if request.username:
        thanks = f" for {request.tokens} tokens" if request.tokens else ""
        lines.append(f"thank {request.username}{thanks}")
    return "\n".join(lines) or "(no details given)"
