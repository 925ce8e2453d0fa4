"""Generate bench/data/chat_burst.json: 200 chat lines as an English-speaking room sees them.

usage: python -m bench.chat_sample [--seed 42] [--count 200]

The mix follows what a popular English-language room gets: about half English, a tenth
emoji/slang-only lines, then Spanish, Portuguese, German, French, Italian, Russian and a
few others; popular greetings repeat (many viewers type the same "hola guapa").
Phrases are drawn Zipf-like, so the first phrases of each pool are the most common.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "chat_burst.json"

# language -> (share of lines, phrases, most common first)
POOLS: dict[str, tuple[float, list[str]]] = {
    "en": (
        0.50,
        [
            "you look amazing tonight",
            "how are you?",
            "where are you from?",
            "hey beautiful",
            "love your smile",
            "what's the goal?",
            "can you dance?",
            "you're so cute",
            "nice outfit",
            "good evening everyone",
            "great music",
            "I just got here, what did I miss?",
            "happy friday!",
            "you have beautiful eyes",
            "how long are you online today?",
            "thanks for the show",
            "turn around please",
            "what music is this?",
            "your room is so cozy",
            "first time here, you are gorgeous",
        ],
    ),
    "neutral": (0.10, ["lol", "😍😍😍", "hi", "❤️", "🔥🔥", "omg", "lmao", "ty", "hey", "wow"]),
    "es": (
        0.14,
        [
            "hola guapa",
            "que hermosa eres",
            "eres preciosa",
            "de donde eres?",
            "buenas noches desde México",
            "me encanta tu sonrisa",
            "saludos desde Colombia",
            "hablas español?",
            "estas bellísima hoy",
            "que linda sonrisa tienes",
        ],
    ),
    "pt": (
        0.07,
        [
            "oi linda, tudo bem?",
            "você é muito linda",
            "boa noite do Brasil",
            "fala português?",
            "que sorriso lindo",
        ],
    ),
    "de": (
        0.05,
        [
            "hallo schöne frau",
            "du bist so süß",
            "grüße aus Berlin",
            "wie geht es dir heute?",
            "sprichst du deutsch?",
        ],
    ),
    "fr": (
        0.04,
        [
            "bonjour ma belle",
            "tu es magnifique ce soir",
            "salut de Paris",
            "tu parles français ?",
        ],
    ),
    "it": (0.04, ["ciao bella, sei bellissima", "saluti dall'Italia", "parli italiano?"]),
    "ru": (0.03, ["привет красавица", "ты очень красивая", "привет из Москвы"]),
    "pl": (0.015, ["cześć piękna, jesteś śliczna", "pozdrowienia z Polski"]),
    "nl": (0.015, ["hoi schoonheid, je bent prachtig", "groetjes uit Amsterdam"]),
}
NAMES = ["mike", "juan", "pedro", "luca", "hans", "ivan", "pierre", "joao", "tom", "sam", "kuba"]


def zipf_pick(rng: random.Random, phrases: list[str]) -> str:
    weights = [1 / (rank + 1) for rank in range(len(phrases))]
    return rng.choices(phrases, weights=weights)[0]


def generate(seed: int = 42, count: int = 200) -> list[dict[str, str]]:
    """`count` chat lines with ids and usernames, deterministic for a seed."""
    rng = random.Random(seed)
    languages = list(POOLS)
    shares = [POOLS[lang][0] for lang in languages]
    lines = []
    for index in range(count):
        language = rng.choices(languages, weights=shares)[0]
        lines.append(
            {
                "id": f"burst-{index:03d}",
                "username": f"{rng.choice(NAMES)}_{rng.randint(1, 99)}",
                "language": language,
                "text": zipf_pick(rng, POOLS[language][1]),
            }
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    lines = generate(args.seed, args.count)
    OUT.write_text(json.dumps(lines, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} lines to {OUT}")


if __name__ == "__main__":
    main()
