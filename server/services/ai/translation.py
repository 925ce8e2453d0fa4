"""Chat translation: same-language skip, cache, redaction, one provider call per distinct line.

Quota unit: characters actually sent to the provider (the redacted, normalized text);
skipped lines, cache hits and repeats inside a batch cost nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from server import metrics
from server.adapters.eventstore.base import EventStore
from server.adapters.llm.base import Completion
from server.adapters.llm.errors import AIProviderError
from server.adapters.translation_cache import CachedTranslation, cache_key, normalize
from server.errors import AppError, Forbidden
from server.extensions import services
from server.models import Account
from server.services.accounts import can_read_broadcaster
from server.services.ai import common, prompts
from server.services.ai.langdetect import language_name, primary
from server.services.ai.privacy import Redactor
from server.services.ai.reply_context import find_events

log = logging.getLogger(__name__)

FEATURE = "translate_chars"


@dataclass(frozen=True, slots=True)
class TranslateItem:
    text: str
    target: str | None = None
    source: str | None = None
    event_id: str | None = None


@dataclass
class _Line:
    """One item on its way through the pipeline."""

    item: TranslateItem
    target: str
    redactor: Redactor = field(default_factory=Redactor)
    sent: str = ""
    key: str = ""
    result: dict[str, Any] | None = None
    error: AppError | None = None


def translate_items(
    session: Session,
    account: Account,
    items: list[TranslateItem],
    *,
    broadcaster: str | None = None,
    store: EventStore | None = None,
) -> list[dict[str, Any]]:
    """Translate a batch; per-item failures come back as `{event_id, error}` entries.

    When every item failed and a provider error is among the causes, that error is raised
    (so a client sees the 502/503/504 instead of a list of identical failures).
    """
    lines = _run(session, account, items, broadcaster, store)
    provider_errors = [line.error for line in lines if line.error and line.error.status >= 500]
    if provider_errors and all(line.error for line in lines):
        raise provider_errors[0]
    return [_view(line) for line in lines]


def translate_one(session: Session, account: Account, item: TranslateItem) -> dict[str, Any]:
    """Translate one text; a failure is raised as its typed error."""
    line = _run(session, account, [item], None, None)[0]
    if line.error is not None:
        raise line.error
    assert line.result is not None
    return line.result


def _run(
    session: Session,
    account: Account,
    items: list[TranslateItem],
    broadcaster: str | None,
    store: EventStore | None,
) -> list[_Line]:
    components = services().ai
    common.require_provider(components)
    lines = [_Line(item, item.target or account.language) for item in items]
    _block_private_lines(session, account, lines, broadcaster, store)
    pending: dict[str, list[_Line]] = {}
    for line in lines:
        if line.error is None:
            _plan(components, line, pending)
    _translate_pending(session, account, components, pending)
    return lines


def _block_private_lines(
    session: Session,
    account: Account,
    lines: list[_Line],
    broadcaster: str | None,
    store: EventStore | None,
) -> None:
    """Private messages known to the event store never leave unless the account opted in."""
    ids = {line.item.event_id for line in lines if line.item.event_id}
    if not broadcaster or not ids:
        return
    if not can_read_broadcaster(session, account, broadcaster):
        raise Forbidden("You can only translate events of your own broadcasters.")
    if account.send_private_to_ai:
        return
    events = find_events(store, broadcaster, ids)
    for line in lines:
        event = events.get(line.item.event_id or "")
        if event is not None and event.method == "privateMessage":
            line.error = private_message_blocked()


def private_message_blocked() -> AppError:
    return Forbidden(
        "Private messages are not sent to the AI provider unless you opt in "
        "(PATCH /api/v1/me privacy.send_private_to_ai).",
        code="private_message_blocked",
    )


def _plan(components: common.AIComponents, line: _Line, pending: dict[str, list[_Line]]) -> None:
    """Answer the line locally (skip, cache) or queue it for the provider."""
    text = normalize(line.item.text)
    detection = components.detector.detect(text, hint=line.target)
    source = line.item.source or detection.language
    unchanged = not detection.translatable and not line.item.source
    if unchanged or (source and primary(source) == primary(line.target)):
        line.result = _result(line, line.item.text, source, detection.language, False, 0)
        return
    line.sent = line.redactor.redact(text)
    line.key = cache_key(line.sent, line.item.source, line.target, components.models["translate"])
    hit = components.cache.get(line.key)
    metrics.count_cache_lookup(hit is not None)
    if hit is not None:
        restored = line.redactor.restore(hit.translated)
        known = source or (hit.source if hit.source != "auto" else None)
        line.result = _result(line, restored, known, detection.language, True, 0)
        return
    pending.setdefault(line.key, []).append(line)
    line.result = _result(line, "", source, detection.language, False, 0)


def _translate_pending(
    session: Session,
    account: Account,
    components: common.AIComponents,
    pending: dict[str, list[_Line]],
) -> None:
    firsts = [group[0] for group in pending.values()]
    total = sum(len(line.sent) for line in firsts)
    already_charged = common.ensure_quota(session, account, FEATURE, total)
    if firsts:
        common.release_db(session)
    outcomes = common.run_concurrently(lambda line: _call(components, line), firsts)
    done: list[Completion] = []
    charged = 0
    for first, outcome in zip(firsts, outcomes, strict=True):
        if isinstance(outcome, Completion):
            done.append(outcome)
        try:
            translated = _answer(first, outcome)
        except AppError as exc:
            for line in pending[first.key]:
                line.error = exc
            continue
        charged += len(first.sent)
        _deliver(components, pending[first.key], translated)
    common.record_tokens(session, account.id, done)
    common.charge_and_notify(session, account, FEATURE, charged, already_charged=already_charged)


def _call(components: common.AIComponents, line: _Line) -> Completion:
    return common.complete(
        components,
        "translate",
        prompts.messages(_system(line), prompts.data_block("chat", line.sent)),
        max_tokens=min(1024, 64 + len(line.sent)),
        temperature=0.2,
    )


def _system(line: _Line) -> str:
    return translation_prompt(line.target, line.item.source)


def _answer(line: _Line, outcome: Completion | Exception) -> str:
    """The usable translation of a provider outcome, or the typed error to report."""
    if isinstance(outcome, Exception):
        if isinstance(outcome, AppError):
            raise outcome
        log.error("AI provider call failed unexpectedly", exc_info=outcome)
        raise AIProviderError("The AI provider call failed unexpectedly.") from outcome
    answer = prompts.ensure_no_leak(outcome.text, _system(line))
    return clean_translation(answer, line.sent)


def _deliver(components: common.AIComponents, group: list[_Line], translated: str) -> None:
    """Cache the translation and fill every line that asked for it (repeats are free)."""
    first = group[0]
    assert first.result is not None
    components.cache.put(first.key, CachedTranslation(translated, first.result["source"] or "auto"))
    for position, line in enumerate(group):
        assert line.result is not None
        line.result["text"] = line.redactor.restore(translated)
        line.result["cached"] = position > 0
        line.result["charged_chars"] = len(line.sent) if position == 0 else 0


def translation_prompt(target: str, source: str | None) -> str:
    """The system message of a translation call."""
    from_line = (
        f"Source language: {language_name(source)} ({source})."
        if source
        else "Detect the source language yourself."
    )
    return (
        "You translate live-stream chat messages for a webcam streamer. "
        f"Target language: {language_name(target)} ({target}). {from_line} "
        "Keep emojis, @usernames, token amounts, numbers, slang and the tone; keep "
        "placeholders such as [EMAIL_1] exactly as written. Output only the translation, "
        "without quotes, notes or explanations. " + prompts.guard_line("chat")
    )


def clean_translation(answer: str, sent: str) -> str:
    """The bare translation: echoed data tags and added wrapping quotes removed."""
    text = answer.strip().removeprefix("<chat>").removesuffix("</chat>").strip()
    quoted = len(text) >= 2 and text[0] in '"“«' and text[-1] in '"”»'
    if quoted and not sent.startswith(('"', "“", "«")):
        text = text[1:-1].strip()
    return text


def _result(
    line: _Line, text: str, source: str | None, detected: str | None, cached: bool, charged: int
) -> dict[str, Any]:
    return {
        "text": text,
        "source": source,
        "target": line.target,
        "cached": cached,
        "charged_chars": charged,
        "detected": detected,
    }


def _view(line: _Line) -> dict[str, Any]:
    if line.error is not None:
        body = line.error.body()
        return {"event_id": line.item.event_id, "error": body}
    assert line.result is not None
    return {**line.result, "event_id": line.item.event_id}
