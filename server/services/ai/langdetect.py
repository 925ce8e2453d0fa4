"""Offline language detection for chat lines (py3langid, model shipped in the wheel).

Chat lines are short, so the detector is helped twice: lines made only of emojis, numbers,
@mentions, links and cross-language chat slang ("lol", "omg", "ty") need no translation at
all, and a low-confidence guess leans towards the reader's language (`hint`) when that
language is a close second. Anything still unsure is left to the provider ("auto").
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

#: Languages offered for translation (ISO 639-1), with English names for prompts and the UI.
LANGUAGES: dict[str, str] = {
    "ar": "Arabic", "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "es": "Spanish", "fi": "Finnish", "fr": "French",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian",
    "it": "Italian", "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "no": "Norwegian",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sr": "Serbian", "sv": "Swedish", "th": "Thai", "tl": "Filipino", "tr": "Turkish",
    "uk": "Ukrainian", "vi": "Vietnamese", "zh": "Chinese",
}  # fmt: skip
CHAT_NEUTRAL = frozenset((
    "lol", "lool", "lmao", "lmfao", "rofl", "omg", "omfg", "wow", "woow", "ok", "okay", "k",
    "kk", "ty", "tyty", "thx", "tnx", "tks", "pls", "plz", "brb", "xoxo", "xo", "xd", "haha",
    "hahaha", "hehe", "hihi", "hi", "hii", "hey", "heyy", "yo", "gg", "bb", "pm", "pvt", "tip",
    "tips", "tk", "tokens", "bye", "cya", "gn", "gm", "mwah", "muah",
))  # fmt: skip
NOISE_PATTERN = r"https?://\S+|www\.\S+|@\w+|\[[A-Z]+_\d+\]|[\d_]+"
_NOISE = re.compile(NOISE_PATTERN, re.UNICODE)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: `_WORD` in JavaScript (`u` flag): letters and combining marks, no digits or underscore.
WORD_PATTERN_JS = r"[\p{L}\p{M}]+"
CONFIDENT = 0.5
HINT_FLOOR = 0.3


@dataclass(frozen=True, slots=True)
class Detection:
    """`language` is None when unsure; `translatable` is False when nothing needs translating."""

    language: str | None
    confidence: float
    translatable: bool = True


def primary(code: str) -> str:
    """The primary subtag of a language tag, lowercased ("pt-BR" -> "pt")."""
    return code.split("-", 1)[0].strip().lower()


def language_name(code: str) -> str:
    return LANGUAGES.get(primary(code), code)


class LanguageDetector:
    """Thread-safe, lazily loaded py3langid identifier restricted to LANGUAGES."""

    def __init__(self) -> None:
        self._identifier: Any = None
        self._lock = threading.Lock()

    def _model(self) -> Any:
        if self._identifier is None:
            with self._lock:
                if self._identifier is None:
                    from py3langid.langid import MODEL_FILE, LanguageIdentifier

                    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                    identifier.set_languages(sorted(LANGUAGES))
                    self._identifier = identifier
        return self._identifier

    def detect(self, text: str, hint: str | None = None) -> Detection:
        """Guess the language of a chat line; `hint` is the reader's language."""
        words = [w for w in _WORD.findall(_NOISE.sub(" ", text)) if w.lower() not in CHAT_NEUTRAL]
        if not words:
            return Detection(None, 1.0, translatable=False)
        ranked = self._model().rank(" ".join(words))
        top, confidence = ranked[0][0], float(ranked[0][1])
        hint = primary(hint) if hint else None
        if hint is not None and hint != top:
            hinted = next((float(p) for code, p in ranked if code == hint), 0.0)
            if confidence < CONFIDENT and hinted >= confidence / 2:
                return Detection(hint, hinted)
        if confidence >= CONFIDENT or (top == hint and confidence >= HINT_FLOOR):
            return Detection(top, confidence)
        return Detection(None, confidence)


_detector = LanguageDetector()


def detector() -> LanguageDetector:
    """The process-wide detector (the model is loaded once and shared)."""
    return _detector


def detection_rules() -> dict[str, Any]:
    """The skip rules and thresholds above as data, for the panel's on-device detector."""
    return {
        "noise_pattern": NOISE_PATTERN,
        "word_pattern": WORD_PATTERN_JS,
        "chat_neutral": sorted(CHAT_NEUTRAL),
        "confident": CONFIDENT,
        "hint_floor": HINT_FLOOR,
    }


def supported_language(code: str | None) -> str | None:
    """`code` when it names a supported language (any region subtag), else ValueError."""
    if code is None:
        return None
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]{2,4})?", code) or primary(code) not in LANGUAGES:
        raise ValueError(f"unsupported language {code!r}: see GET /api/v1/translate/languages")
    return code
