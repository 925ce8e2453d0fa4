"""What an overlay's look may be: the names, ranges and defaults the server checks saved options
against. The catalog serves them: the panel offers these choices and the overlay page maps each
font name to installed font stacks (it never downloads a web font)."""

from __future__ import annotations

import re
from typing import Final

#: Every look option, in the order the panel shows them.
OPTION_NAMES: Final = ("color", "text", "font", "size", "layout", "sound")
FONTS: Final = (
    "system", "sans", "serif", "mono", "rounded", "arial", "verdana", "tahoma", "trebuchet ms",
    "segoe ui", "roboto", "impact", "comic sans ms", "georgia", "times new roman", "courier new",
)  # fmt: skip
LAYOUTS: Final = ("horizontal", "vertical")
SIZE_MIN: Final = 10
SIZE_MAX: Final = 120
#: #rgb, #rgba, #rrggbb or #rrggbbaa; the leading # is optional on input.
HEX_COLOR_PATTERN: Final = r"^#?(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$"
DEFAULT_LOOK: Final = {
    "color": "#e0457b", "text": "#ffffff", "font": "system", "size": 24,
    "layout": "horizontal", "sound": False,
}  # fmt: skip
_COMMON: Final = ("color", "text", "font", "size")
#: The options each kind's page reads: a sound only for tip alerts, no layout for them.
KIND_OPTIONS: Final[dict[str, tuple[str, ...]]] = {
    "goal": (*_COMMON, "layout"),
    "alerts": (*_COMMON, "sound"),
    "top": (*_COMMON, "layout"),
    "menu": (*_COMMON, "layout"),
    "ticker": (*_COMMON, "layout"),
}
_SPACES = re.compile(r"\s+")


def canonical_color(value: str) -> str:
    """A checked hex colour as the overlay stores it: lower case, with its '#'."""
    return "#" + value.removeprefix("#").lower()


def canonical_font(value: str) -> str:
    """Font names match regardless of case and spacing ('Times  New Roman')."""
    return _SPACES.sub(" ", value.strip()).lower()
