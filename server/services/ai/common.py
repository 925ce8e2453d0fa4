"""The AI parts of one app (provider, translation cache, detector), chosen by config alone,
plus what every AI feature shares: quota checks, charging + notices, token accounting."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import urlparse

from sqlalchemy.orm import Session

from server import metrics
from server.adapters.llm.base import ChatMessage, Completion, LLMProvider, LLMSettings
from server.adapters.llm.errors import AINotConfigured
from server.adapters.translation_cache import (
    LocalFirstCache,
    RedisTranslationCache,
    SqlTranslationCache,
    TranslationCacheStore,
)
from server.config import Config
from server.db import Database, upsert_insert
from server.errors import AppError
from server.models import Account, UsageLedger
from server.services import usage
from server.services.ai.langdetect import LanguageDetector, detector
from server.signals import current_sender, usage_changed
from server.tiers import tier_for

T = TypeVar("T")
R = TypeVar("R")


@dataclass
class AIComponents:
    """What the AI services use; `provider` is None when no provider is configured."""

    provider: LLMProvider | None
    cache: TranslationCacheStore
    detector: LanguageDetector
    models: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)


def missing_settings(config: Config) -> list[str]:
    """Variables still needed to reach a provider (a key is needed for https endpoints)."""
    missing = [name for name in ("LLM_BASE_URL", "LLM_MODEL") if not getattr(config, name)]
    hosted = urlparse(config.LLM_BASE_URL).scheme == "https"
    if hosted and not config.LLM_API_KEY:
        missing.append("LLM_API_KEY")
    return missing


def build_ai(config: Config, db: Database, settings: LLMSettings | None = None) -> AIComponents:
    """Choose the provider client and cache backend from `config`."""
    from server.adapters.llm.openai_compat import OpenAICompatClient

    missing = missing_settings(config)
    provider = None
    if not missing:
        provider = OpenAICompatClient(config.LLM_BASE_URL, config.LLM_API_KEY, settings)
    shared: TranslationCacheStore = (
        RedisTranslationCache(config.REDIS_URL) if config.REDIS_URL else SqlTranslationCache(db)
    )
    cache = LocalFirstCache(shared)
    models = {
        "translate": config.LLM_MODEL_TRANSLATE or config.LLM_MODEL,
        "reply": config.LLM_MODEL_REPLY or config.LLM_MODEL,
        "write": config.LLM_MODEL_WRITE or config.LLM_MODEL,
    }
    return AIComponents(provider, cache, detector(), models, missing)


def require_provider(components: AIComponents) -> LLMProvider:
    """The provider, or 503 `ai_not_configured` naming the variables to set."""
    if components.provider is None:
        raise AINotConfigured(components.missing)
    return components.provider


def release_db(session: Session) -> None:
    """End the session's transaction so its pooled connection is not held while the provider
    thinks (a 0.5-20 s call would otherwise pin one DB connection per waiting request)."""
    session.commit()


def complete(
    components: AIComponents,
    feature: str,
    messages: list[ChatMessage],
    *,
    max_tokens: int = 512,
    temperature: float = 0.3,
) -> Completion:
    """One provider call with the model configured for `feature`."""
    provider = require_provider(components)
    return metrics.time_llm_call(
        feature, provider.complete, messages, model=components.models[feature],
        max_tokens=max_tokens, temperature=temperature,
    )  # fmt: skip


def ensure_quota(session: Session, account: Account, feature: str, amount: int) -> bool:
    """Refuse (429 with usage, limit, upgrade path) before any provider money is spent.

    Returns True when the amount had to be charged already (a concurrent request used the
    quota between the check and this call, and the atomic charge succeeded anyway).
    """
    limit = tier_for(account.tier).daily_limit(feature)
    if amount <= 0 or usage.used_today(session, account.id, feature) + amount <= limit:
        return False
    usage.charge(session, account, feature, amount)  # raises the standard QuotaExceeded
    return True


def charge_and_notify(
    session: Session, account: Account, feature: str, amount: int, *, already_charged: bool
) -> None:
    """Charge the ledger (committing whatever the request staged, in one transaction) and
    announce the new usage (`usage_changed`: the side panels show it)."""
    if amount > 0 and not already_charged:
        usage.charge(session, account, feature, amount)
    else:
        session.commit()
    if amount > 0:
        summary = usage.usage_summary(session, account)
        usage_changed.send(current_sender(), account_id=account.id, summary=summary)


def settle(
    session: Session,
    account: Account,
    feature: str,
    amount: int,
    build: Callable[[], T],
    *,
    already_charged: bool,
) -> T:
    """Build the answer, then charge for it; an unusable answer (AppError) charges nothing
    but still commits the staged token counts (the provider spent them)."""
    try:
        value = build()
    except AppError:
        session.commit()
        raise
    charge_and_notify(session, account, feature, amount, already_charged=already_charged)
    return value


def record_tokens(session: Session, account_id: str, completions: Iterable[Completion]) -> None:
    """Stage provider-reported prompt/completion tokens on the account's unmetered counters.

    One multi-row upsert, committed with the request's charge: a commit is an fsync, and
    under gevent a SQLite fsync holds up every other request of the process.
    """
    done = list(completions)
    amounts = {
        "llm_prompt_tokens": sum(c.prompt_tokens for c in done),
        "llm_completion_tokens": sum(c.completion_tokens for c in done),
    }
    rows = [
        {"account_id": account_id, "feature": feature, "day": usage.utc_today(), "used": amount}
        for feature, amount in amounts.items()
        if amount > 0
    ]
    if not rows:
        return
    table = UsageLedger.__table__
    stmt = upsert_insert(session, table).values(rows)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["account_id", "feature", "day"],
            set_={"used": table.c.used + stmt.excluded.used},
        )
    )


def run_concurrently(fn: Callable[[T], R], items: list[T], limit: int = 8) -> list[R | Exception]:
    """fn(item) for every item, `limit` at a time (greenlets under gevent, else threads).

    Results keep the input order; an exception is returned in place of its result.
    """

    def guarded(item: T) -> R | Exception:
        try:
            return fn(item)
        except Exception as exc:  # noqa: BLE001 - returned to the caller, per item
            return exc

    if len(items) <= 1:
        return [guarded(item) for item in items]
    from gevent import monkey

    if monkey.is_module_patched("socket"):
        from gevent.pool import Pool

        return list(Pool(limit).imap(guarded, items))
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=limit) as pool:
        return list(pool.map(guarded, items))
