"""/translate, /reply and /write answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from server.api.schemas.common import ErrorBody, WireModel, enum_of
from server.services.ai.replies import TONES
from server.services.ai.writing import KINDS, LENGTHS

if TYPE_CHECKING:
    WriteKind = str
    WriteLength = str
    Tone = str
else:
    WriteKind = enum_of("WriteKind", KINDS)
    WriteLength = enum_of("WriteLength", LENGTHS)
    Tone = enum_of("Tone", TONES)


class Translation(WireModel):
    text: str
    source: str | None = Field(description="The source language (given or detected)")
    target: str
    cached: bool
    charged_chars: int
    detected: str | None


class TranslatedLine(Translation):
    event_id: str | None


class FailedLine(WireModel):
    event_id: str | None
    error: ErrorBody


class TranslateBatch(WireModel):
    items: list[TranslatedLine | FailedLine]


class Language(WireModel):
    code: str
    name: str


class TranslateLanguages(WireModel):
    languages: list[Language]
    default_target: str
    configured: bool = Field(description="Whether an AI provider is configured")


class ReplySuggestions(WireModel):
    suggestions: list[str]
    language: str


class Persona(WireModel):
    voice: str
    boundaries: list[str]
    banned_words: list[str]


class WriteResult(WireModel):
    variants: list[str]
    kind: WriteKind
    limit: int = Field(description="Characters one variant may hold")
