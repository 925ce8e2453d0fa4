"""GET /api/v1/catalog: the tables clients need, read from the server's own (never copied)."""

from __future__ import annotations

from pydantic import Field

from server.api.schemas.account import QuotaFeature, TierLimits, TierName
from server.api.schemas.ai import Language, Tone, WriteKind, WriteLength
from server.api.schemas.common import WireModel
from server.api.schemas.rooms import OverlayLookCatalog, ResolvedLook
from server.events.schema import MAX_TEXT_CHARS
from server.events.wire import EVENT_METHODS, ROOM_PATTERN, EventMethod
from server.services.ai.langdetect import LANGUAGES
from server.services.ai.replies import TONES
from server.services.ai.writing import KINDS, LENGTH_LIMITS, LENGTHS, SOCIAL_LIMITS
from server.services.analytics.access import MAX_NOTES_CHARS
from server.services.rooms import overlay_look as look
from server.services.usage import FEATURE_LABELS
from server.tiers import QUOTA_FEATURES, TIER_ORDER, TIERS


class Quota(WireModel):
    feature: QuotaFeature
    label: str = Field(description="Plural noun for messages, e.g. 'reply suggestions'")
    limit_field: str = Field(description="The Tier field holding its daily limit")


class WriteCatalog(WireModel):
    kinds: list[WriteKind]
    lengths: list[WriteLength]
    tones: list[Tone]
    length_limits: dict[str, dict[str, int]] = Field(
        description="Characters per kind and length (social_post: see social_limits)"
    )
    social_limits: dict[str, int] = Field(description="Characters per post, by network")


class Catalog(WireModel):
    quotas: list[Quota]
    tier_order: list[TierName]
    tiers: list[TierLimits]
    write: WriteCatalog
    languages: list[Language]
    event_methods: list[EventMethod]
    room_name_pattern: str = Field(description="Regular expression of a whole room name")
    viewer_notes_max_chars: int
    chat_max_chars: int = Field(description="Characters one chat or tip message may hold")
    overlay_look: OverlayLookCatalog


def overlay_look_catalog() -> OverlayLookCatalog:
    return OverlayLookCatalog(
        options=list(look.OPTION_NAMES),
        fonts=list(look.FONTS),
        layouts=list(look.LAYOUTS),
        size_min=look.SIZE_MIN,
        size_max=look.SIZE_MAX,
        color_pattern=look.HEX_COLOR_PATTERN,
        defaults=ResolvedLook.model_validate(look.DEFAULT_LOOK),
        by_kind={kind: list(names) for kind, names in look.KIND_OPTIONS.items()},
    )


def build_catalog() -> Catalog:
    """The catalog from the server's tables (tiers, usage, ai/, analytics/, events/, rooms/)."""
    return Catalog(
        quotas=[
            Quota(feature=feature, label=FEATURE_LABELS[feature], limit_field=field)
            for feature, field in QUOTA_FEATURES.items()
        ],
        tier_order=list(TIER_ORDER),
        tiers=[TIERS[name] for name in TIER_ORDER],
        write=WriteCatalog(
            kinds=list(KINDS),
            lengths=list(LENGTHS),
            tones=list(TONES),
            length_limits=LENGTH_LIMITS,
            social_limits=SOCIAL_LIMITS,
        ),
        languages=[Language(code=code, name=name) for code, name in LANGUAGES.items()],
        event_methods=list(EVENT_METHODS),
        room_name_pattern=ROOM_PATTERN,
        viewer_notes_max_chars=MAX_NOTES_CHARS,
        chat_max_chars=MAX_TEXT_CHARS,
        overlay_look=overlay_look_catalog(),
    )
