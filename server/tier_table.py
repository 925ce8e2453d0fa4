"""Render the tier table (server/tiers.py) as Markdown for docs/tiers.md: the doc is generated,
never typed by hand. `python -m server.tier_table docs/tiers.md` rewrites the table in place;
tests/test_docs.py fails when the file is stale or a limit has no label here."""

from __future__ import annotations

import sys
from dataclasses import fields
from pathlib import Path

from server.tiers import ROOM_LIMITS, TIER_ORDER, TIERS

BEGIN, END = "<!-- tier-table:begin (generated) -->", "<!-- tier-table:end -->"

#: Row labels and units, one per limit; a limit without a label fails the docs test.
LABELS: dict[str, tuple[str, str]] = {
    "translate_chars_per_day": ("translation characters / day", ""),
    "reply_suggestions_per_day": ("reply requests / day (any number of ideas each)", ""),
    "write_requests_per_day": ("write requests / day", ""),
    "live_connections": ("live connections", ""),
    "broadcasters_linked": ("rooms linked", ""),
    "analytics_history_days": ("analytics history", " days"),
    "publish_rate_per_broadcaster": ("publish rate per room", " ev/s"),
    "csv_export": ("CSV export", ""),
    "max_members": ("studio members", ""),
    "goals": ("tip goals per room", ""),
    "menu_items": ("tip menu items", ""),
    "overlays": ("OBS overlay links", ""),
    "overlay_watermark": ("WebCammerPlus mark on overlays", ""),
    "member_overlays": ("overlays per member", ""),
}


def _cell(value: object, unit: str) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}{unit}"
    return str(value)


def render() -> str:
    """The Markdown table, one row per limit, one column per tier."""
    rows = ["| limit | " + " | ".join(TIER_ORDER) + " |", "|---|" + "---|" * len(TIER_ORDER)]
    for table in (TIERS, ROOM_LIMITS):
        sample = next(iter(table.values()))
        for field in fields(sample):  # type: ignore[arg-type]
            if field.name == "name":
                continue
            label, unit = LABELS[field.name]
            cells = [_cell(getattr(table[tier], field.name), unit) for tier in TIER_ORDER]
            rows.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def rewrite(path: Path) -> bool:
    """Put the current table between the markers of `path`; True when the file changed."""
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    updated = f"{head}{BEGIN}\n{render()}\n{END}{tail}"
    path.write_text(updated, encoding="utf-8")
    return updated != text


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{name}: {'updated' if rewrite(Path(name)) else 'up to date'}")
