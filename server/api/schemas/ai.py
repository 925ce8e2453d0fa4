"""/translate, /reply and /write answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

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


class DetectionRules(WireModel):
    """The server's skip rules for language detection, for the panel's on-device detector."""

    noise_pattern: str = Field(description="Lines matching it are never translated")
    word_pattern: str = Field(description="A word, as a JavaScript regular expression")
    chat_neutral: list[str] = Field(description="Slang that says nothing about the language")
    confident: float = Field(description="Detector confidence needed to trust a guess")
    hint_floor: float = Field(description="Confidence under which the user's language hint wins")


class TranslateLanguages(WireModel):
    languages: list[Language]
    default_target: str
    configured: bool = Field(description="Whether an AI provider is configured")
    detection: DetectionRules


class PromptMessage(WireModel):
    role: Literal["system", "user", "assistant"]
    content: str


class OutputRulesView(WireModel):
    """Everything the server checks in a provider's answer, so a device checks the same."""

    variants: int
    max_chars: int
    multiline: bool
    banned_words: list[str]
    required_numbers: list[int] = Field(description="Prices a tip menu must keep")
    separator: str = Field(description="The line between variants")
    numbering_pattern: str
    quotes: str = Field(description="Quote characters stripped around a variant")
    leak_probes: list[str]
    system_probe_chars: int
    pii_placeholder_pattern: str


class Generation(WireModel):
    max_tokens: int
    temperature: float


class PreparedPrompt(WireModel):
    """A provider call built by the server but not made: the panel runs it on the device."""

    feature: str
    messages: list[PromptMessage]
    output: OutputRulesView
    language: str
    generation: Generation
    units: int = Field(description="What the server path would charge for this call")


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
