"""The wire contract: every REST answer and request body, hub message and the catalog as one
JSON Schema.

`flask --app server contract export DIR` (or `python -m server.contract DIR`) writes
`wire.schema.json` and `catalog.json`; contracts/generate.mjs turns them into the clients'
TypeScript (`make wire-types`), and `make lint` fails when those files are stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from server.api import analytics as analytics_api
from server.api import dev, me, reply, room_schemas, subscription, translate, write
from server.api import platform as platform_api
from server.api.schemas import (
    account,
    ai,
    analytics,
    audit,
    auth,
    billing,
    catalog,
    common,
    health,
    platform,
    rooms,
)
from server.realtime import messages

#: Everything a client receives. Nested models (Tier, EventUser, ...) come along as $defs.
WIRE_MODELS: tuple[type[BaseModel], ...] = (
    common.ErrorBody,
    account.MeView,
    ai.Translation, ai.TranslateBatch, ai.TranslateLanguages, ai.ReplySuggestions,
    ai.Persona, ai.WriteResult, ai.PreparedPrompt,
    analytics.Summary, analytics.Timeseries, analytics.TopTippers, analytics.Viewer,
    analytics.ViewerNotes, analytics.NotedViewers, analytics.Sessions, analytics.LanguageMix,
    billing.SubscriptionView, billing.RedirectUrl, billing.WebhookReceipt,
    platform.PlatformFeeds, platform.Feed, health.Health, health.DevToken, catalog.Catalog,
    auth.AuthConfig, audit.AuditPage,
    messages.ErrorAck, messages.SubscribeAck, messages.UnsubscribeAck, messages.ReauthAck,
    messages.PublishAck, messages.EventMessage, messages.EventsMessage, messages.EventsPage,
    messages.StatusMessage, messages.TierNotice,
    messages.ReauthNotice, messages.ConnectRefused,
    rooms.GoalsView, rooms.MenuView, rooms.MenuReport, rooms.ThresholdsView, rooms.Leaderboard,
    rooms.TipperTiers, rooms.OverlayList, rooms.OverlayView, rooms.IssuedOverlay,
    rooms.OverlayState, messages.GoalFrame, messages.TipNote, messages.OverlayRevoked,
    messages.OverlaySubscribeAck, rooms.OverlayEventMessage,
)  # fmt: skip
#: Every JSON body a client sends over REST: the very models the routes validate with.
REQUEST_MODELS: tuple[type[BaseModel], ...] = (
    me.AccountPatch, me.LinkRequest, me.MemberRequest,
    translate.TranslateBody, translate.BatchBody, reply.ReplyBody, reply.PersonaBody,
    write.WriteBody, write.TipMenuBody, write.SocialPostBody, write.ThankYouBody,
    subscription.CheckoutRequest, platform_api.EventsUrlRequest, analytics_api.NotesBody,
    dev.DevTokenRequest, room_schemas.GoalsBody, room_schemas.MenuBody,
    room_schemas.ThresholdsBody, room_schemas.OverlayBody, room_schemas.OverlayPatch,
)  # fmt: skip
SCHEMA_FILE = "wire.schema.json"
CATALOG_FILE = "catalog.json"


def contract_schema() -> dict[str, Any]:
    """One document: `$defs` holds every model; the root lists the top-level ones."""
    _, top = models_json_schema(
        [(model, "serialization") for model in WIRE_MODELS]
        + [(model, "validation") for model in REQUEST_MODELS],
        ref_template="#/$defs/{model}",
    )
    defs = {name: _untitled_properties(schema) for name, schema in top["$defs"].items()}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "WireContract",
        "description": "Every body the WebCammerPlus server sends (REST and /hub) and every "
        "REST request body it accepts.",
        "type": "object",
        "properties": {
            m.__name__: {"$ref": f"#/$defs/{m.__name__}"} for m in WIRE_MODELS + REQUEST_MODELS
        },
        "additionalProperties": False,
        "$defs": defs,
    }


def _untitled_properties(node: Any) -> Any:
    """Drop pydantic's per-property titles (the generator would make a named type of each) and
    defaults (answers carry every value or leave the key out; a `$ref` beside a default would
    become a second, numbered copy of the referenced type)."""
    if isinstance(node, list):
        return [_untitled_properties(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _untitled_properties(value) for key, value in node.items()}
    for prop in (out.get("properties") or {}).values():
        if isinstance(prop, dict):
            prop.pop("title", None)
            prop.pop("default", None)
    return out


def export(directory: Path) -> list[Path]:
    """Write the schema and the catalog into `directory`; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    documents = {
        SCHEMA_FILE: contract_schema(),
        CATALOG_FILE: catalog.build_catalog().model_dump(mode="json"),
    }
    written = []
    for name, document in documents.items():
        path = directory / name
        path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - the same as the flask command
    for written_path in export(Path(sys.argv[1] if len(sys.argv) > 1 else "contracts/build")):
        sys.stdout.write(f"{written_path}\n")
