"""Field specs of the nested event parts (user, tip, message, media) and their cleaning.

Lenient where the live Events API is looser than its docs (both peers, cb-events and
chaturbate-poller, parse in pydantic's lax mode): numbers and booleans sent as strings are
coerced, labels (gender, recentTips, colorGroup...) are open strings, and a flag or label
that cannot be read is dropped alone. Strict only where a value decides what is stored:
tokens, the texts' sizes, `isAnon` (it hides a tipper's name). Unknown keys are dropped.
"""

from __future__ import annotations

import math
import re
from typing import Any

MAX_TEXT_CHARS = 4_000
MAX_TOKENS = 1_000_000
MAX_LABEL_CHARS = 32
MAX_MEDIA_ID = 2**53

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_INT_RE = re.compile(r"\s*[+-]?\d{1,16}\s*")
_TRUE = frozenset({"true", "1", "yes", "on", "t", "y"})
_FALSE = frozenset({"false", "0", "no", "off", "f", "n"})

# Field specs: (key, kind, bound). Kinds:
#   "str"   text up to `bound` chars; anything else refuses the event
#   "label" open string up to `bound` chars; anything else drops the field ("" kept)
#   "label+" like label, but "" is absent too (cb-events: empty subgender is None)
#   "flag"  boolean (coerced from "true"/"false"/0/1); anything else drops the field
#   "bool"  boolean (coerced the same way); anything else refuses the event
#   "int"   integer in (min, max) (coerced from a numeric string or whole float)
#   "ref"   an opaque id: an int 0..2**53 or a string up to `bound` chars, kept as sent
_Spec = tuple[tuple[str, str, Any], ...]
# What each kind stores, for the wire models built from these specs (str kinds: max `bound`
# chars; int: `bound` is (min, max); ref: an int or a string of at most `bound` chars).
STORED_AS = {
    "str": "str", "label": "str", "label+": "str", "flag": "bool", "bool": "bool",
    "int": "int", "ref": "int|str",
}  # fmt: skip
_Fields = dict[str, tuple[str, Any, Any]]  # kind, bound, the type accepted inline (or None)
_FLAGS = (
    "inFanclub", "hasTokens", "isMod", "fcAutoRenew", "hasDarkmode", "inPrivateShow",
    "isBroadcasting", "isFollower", "isOwner", "isSilenced", "isSpying",
)  # fmt: skip
USER_SPEC: _Spec = (
    ("username", "str", 64),
    ("gender", "label", 16),
    ("subgender", "label+", 16),
    ("recentTips", "label", 16),
    ("language", "label", 16),
    ("colorGroup", "label", MAX_LABEL_CHARS),
    *((flag, "flag", None) for flag in _FLAGS),
)
TIP_SPEC: _Spec = (
    ("tokens", "int", (1, MAX_TOKENS)),
    ("isAnon", "bool", None),
    ("message", "str", MAX_TEXT_CHARS),
)
MESSAGE_SPEC: _Spec = (
    ("message", "str", MAX_TEXT_CHARS),
    ("orig", "str", MAX_TEXT_CHARS),
    ("color", "label", MAX_LABEL_CHARS),
    ("bgColor", "label", MAX_LABEL_CHARS),
    ("font", "label", 64),
    ("fromUser", "str", 64),
    ("toUser", "str", 64),
)
MEDIA_SPEC: _Spec = (
    ("id", "ref", 64),
    ("name", "str", 256),
    ("type", "label", MAX_LABEL_CHARS),
    ("tokens", "int", (0, MAX_TOKENS)),
)


_INLINE = {"flag": bool, "bool": bool, "str": str, "label": str}


def _fields(spec: _Spec) -> _Fields:
    return {key: (kind, bound, _INLINE.get(kind)) for key, kind, bound in spec}


USER_FIELDS = _fields(USER_SPEC)
PAYLOAD_RULES: dict[str, tuple[_Fields, tuple[str, ...], dict[str, Any]]] = {
    "tip": (_fields(TIP_SPEC), ("tokens",), {"isAnon": False}),  # cb-events: is_anon=False
    "message": (_fields(MESSAGE_SPEC), ("message",), {}),
    "media": (_fields(MEDIA_SPEC), (), {}),
}

_DROP = object()  # a lenient field that could not be read


class EventValidationError(ValueError):
    """A platform event was refused; `code` is machine-readable, `message` says why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def invalid(path: str, what: str) -> EventValidationError:
    return EventValidationError("invalid_field", f"{path} {what}")


def has_lone_surrogate(text: str) -> bool:
    """True when `text` holds a lone UTF-16 surrogate (no store can encode it as UTF-8)."""
    return not text.isascii() and _SURROGATE_RE.search(text) is not None


def checked_text(value: Any, path: str, max_chars: int) -> str:
    """`value` if it is a string of at most `max_chars` encodable characters; else raise."""
    if type(value) is not str:
        raise invalid(path, "must be a string")
    if len(value) > max_chars:
        raise EventValidationError("too_large", f"{path} is longer than {max_chars} characters")
    if has_lone_surrogate(value):
        raise invalid(path, "holds a lone surrogate (not valid Unicode text)")
    return value


def _boolean(value: Any) -> bool | None:
    if type(value) is bool:
        return value
    if type(value) is int and value in (0, 1):
        return value == 1
    if type(value) is str:
        lowered = value.strip().lower()
        if lowered in _TRUE or lowered in _FALSE:
            return lowered in _TRUE
    return None


def _integer(value: Any) -> int | None:
    if type(value) is int:
        return value
    if type(value) is float and math.isfinite(value) and value.is_integer():
        return int(value)
    if type(value) is str and _INT_RE.fullmatch(value):
        return int(value)
    return None


def _label(value: Any, bound: int, keep_empty: bool) -> Any:
    if type(value) is not str or len(value) > bound or has_lone_surrogate(value):
        return _DROP
    return value if value or keep_empty else _DROP


def _field(kind: str, value: Any, path: str, key: str, bound: Any) -> Any:
    """The cleaned value of one present field, `_DROP`, or raise for a refused event."""
    if kind == "str":
        return checked_text(value, f"{path}.{key}", bound)
    if kind == "label" or kind == "label+":
        return _label(value, bound, kind == "label")
    if kind == "flag" or kind == "bool":
        flag = _boolean(value)
        if flag is None and kind == "bool":
            raise invalid(f"{path}.{key}", "must be true or false")
        return _DROP if flag is None else flag
    if kind == "ref":
        if type(value) is str:
            return checked_text(value, f"{path}.{key}", bound)
        number = _integer(value)
        if number is None or not 0 <= number <= MAX_MEDIA_ID:
            raise invalid(f"{path}.{key}", f"must be a string or an integer 0..{MAX_MEDIA_ID}")
        return number
    number = _integer(value)  # "int"
    if number is None or not bound[0] <= number <= bound[1]:
        raise invalid(f"{path}.{key}", f"must be an integer {bound[0]}..{bound[1]}")
    return number


def clean(
    raw: Any, path: str, fields: _Fields, required: tuple[str, ...] = (), defaults: Any = None
) -> dict[str, Any]:
    """Validate a nested object against `fields`; return only its known, readable fields.

    The hub's hot path: booleans and short ASCII strings, most of a live payload, are
    accepted inline; everything else goes through `_field`.
    """
    if type(raw) is not dict:
        raise invalid(path, "must be an object")
    out: dict[str, Any] = {}
    for key, value in raw.items():
        rule = fields.get(key)
        if rule is None or value is None:
            continue
        kind, bound, inline = rule
        if type(value) is inline and (inline is bool or (len(value) <= bound and value.isascii())):
            out[key] = value
        else:
            cleaned = _field(kind, value, path, key, bound)
            if cleaned is not _DROP:
                out[key] = cleaned
    for key in required:
        if key not in out:
            raise EventValidationError("missing_field", f"{path}.{key} is required")
    if defaults:
        for key, value in defaults.items():
            out.setdefault(key, value)
    return out


def clean_user(raw: Any) -> dict[str, Any] | None:
    """The cleaned user, or None when it names nobody (cb-events drops such a user too)."""
    if type(raw) is not dict:
        raise invalid("user", "must be an object")
    username = raw.get("username")
    if type(username) is not str or not username:
        return None
    return clean(raw, "user", USER_FIELDS)


def clean_payload(key: str, raw: Any) -> dict[str, Any]:
    """Validate the tip, message or media part of an event."""
    fields, required, defaults = PAYLOAD_RULES[key]
    return clean(raw, key, fields, required, defaults)
