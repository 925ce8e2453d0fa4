"""The platform event as clients receive it: pydantic models built from the one schema.

The hot path validates with the field specs in `server.events.schema`; these models are
generated from those same specs (names, bounds, enums), so the JSON Schema the clients'
types come from cannot drift from what the server accepts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model
from typing_extensions import TypeAliasType

from server.events.schema import (
    BROADCASTER_PATTERN,
    MAX_ID_CHARS,
    MAX_SUBJECT_CHARS,
    MEDIA_SPEC,
    MESSAGE_SPEC,
    METHODS,
    STORED_AS,
    TIP_SPEC,
    USER_SPEC,
)

#: Sorted for a stable schema (METHODS is a frozenset).
EVENT_METHODS: tuple[str, ...] = tuple(sorted(METHODS))
#: pydantic `pattern` of a whole room name.
ROOM_PATTERN = f"^{BROADCASTER_PATTERN}$"

if TYPE_CHECKING:
    EventMethod = str
else:  # a named enum in the JSON Schema, read from the one list
    EventMethod = TypeAliasType("EventMethod", Literal[EVENT_METHODS])

_REQUIRED = {"tip": ("tokens",), "message": ("message",)}


def _field_type(kind: str, bound: Any) -> Any:
    """The stored type of one spec field (see STORED_AS in server/events/fields.py)."""
    stored = STORED_AS[kind]
    if stored == "str":
        return Annotated[str, Field(max_length=bound)]
    if stored == "int":
        return Annotated[int, Field(ge=bound[0], le=bound[1])]
    if stored == "int|str":
        return int | Annotated[str, Field(max_length=bound)]
    return bool


def _spec_model(name: str, spec: Any, required: tuple[str, ...] = ()) -> type[BaseModel]:
    """A model with exactly the spec's keys; only `required` ones must be present. Absent keys
    are left out, never sent as null (hence optional, not nullable)."""
    fields: dict[str, Any] = {}
    for key, kind, bound in spec:
        fields[key] = (_field_type(kind, bound), ... if key in required else None)
    return create_model(name, __config__=ConfigDict(extra="forbid"), **fields)


EventUser = _spec_model("EventUser", USER_SPEC)
EventTip = _spec_model("EventTip", TIP_SPEC, _REQUIRED["tip"])
EventChat = _spec_model("EventChat", MESSAGE_SPEC, _REQUIRED["message"])
EventMedia = _spec_model("EventMedia", MEDIA_SPEC)

_EVENT_FIELDS: dict[str, Any] = {
    "id": (Annotated[str, Field(min_length=1, max_length=MAX_ID_CHARS)], ...),
    "broadcaster": (Annotated[str, Field(pattern=ROOM_PATTERN)], ...),
    "method": (EventMethod, ...),
    "ts": (float, Field(description="Platform time, epoch seconds")),
    "received_at": (float, Field(description="Server receive time, epoch seconds")),
    # absent parts are left out (PlatformEvent.to_dict), never sent as null
    "user": (EventUser, None),
    "tip": (EventTip, None),
    "message": (EventChat, None),
    "media": (EventMedia, None),
    "subject": (Annotated[str, Field(max_length=MAX_SUBJECT_CHARS)], None),
}
PlatformEvent = create_model(
    "PlatformEvent",
    __config__=ConfigDict(extra="forbid"),
    __doc__="One event as stored and fanned out (PlatformEvent.to_dict()).",
    **_EVENT_FIELDS,
)
