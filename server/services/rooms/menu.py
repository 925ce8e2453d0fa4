"""The tip menu: which item a tip bought, and the per-window menu report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class MenuItem:
    """A tip-menu line: a name and its price in tokens."""

    name: str
    tokens: int


def match_item(
    items: Sequence[MenuItem], tokens: int, *, nearest_below: bool = False
) -> MenuItem | None:
    """The item a tip of `tokens` bought: the first item priced exactly `tokens`; with
    `nearest_below`, else the dearest item priced below it. None: no item."""
    for item in items:
        if item.tokens == tokens:
            return item
    if not nearest_below:
        return None
    cheaper = [item for item in items if item.tokens < tokens]
    # the dearest affordable item; among equal prices the first listed
    return max(cheaper, key=lambda item: item.tokens, default=None)


def menu_report(
    items: Sequence[MenuItem], tip_amounts: Iterable[int], *, nearest_below: bool = False
) -> dict[str, Any]:
    """Per item (in menu order): price, how many tips bought it and their tokens; plus the
    tips that matched no item."""
    counts = {index: [0, 0] for index in range(len(items))}
    position = {id(item): index for index, item in enumerate(items)}
    unmatched = [0, 0]
    for amount in tip_amounts:
        item = match_item(items, amount, nearest_below=nearest_below)
        bucket = counts[position[id(item)]] if item is not None else unmatched
        bucket[0] += 1
        bucket[1] += amount
    return {
        "items": [
            {"name": item.name, "price": item.tokens, "count": counts[i][0], "tokens": counts[i][1]}
            for i, item in enumerate(items)
        ],
        "unmatched": {"count": unmatched[0], "tokens": unmatched[1]},
    }
