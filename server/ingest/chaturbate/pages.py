"""Reading Events API pages: JSON bodies, event ids, Retry-After, and recently seen events."""

from __future__ import annotations

import json
from typing import Any

import requests

RECENT_IDS = 5_000


def event_id(item: Any) -> str | None:
    found = item.get("id") if isinstance(item, dict) else None
    return found if isinstance(found, str) else None


def json_object(text: str) -> dict[str, Any] | None:
    try:
        body = json.loads(text)
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def retry_after(response: requests.Response) -> float:
    try:
        return max(0.0, float(response.headers.get("Retry-After", 0)))
    except (TypeError, ValueError):
        return 0.0


class RecentEvents:
    """The ids of the last RECENT_IDS published events of one feed, to skip re-served ones."""

    def __init__(self, broadcaster: str, capacity: int = RECENT_IDS) -> None:
        self.broadcaster = broadcaster
        self.capacity = capacity
        self._ids: dict[str, None] = {}  # insertion-ordered set

    def fresh(self, events: list[Any]) -> list[Any]:
        """Events not seen recently, stamped with the broadcaster when the API omits it."""
        fresh, in_page = [], set()
        for item in events:
            found = event_id(item)
            if found is None or (found not in self._ids and found not in in_page):
                in_page.add(found)
                fresh.append(stamp_broadcaster(item, self.broadcaster))
        return fresh

    def remember(self, events: list[Any]) -> None:
        for item in events:
            found = event_id(item)
            if found is not None:
                self._ids[found] = None
        while len(self._ids) > self.capacity:
            del self._ids[next(iter(self._ids))]


def stamp_broadcaster(item: Any, broadcaster: str) -> Any:
    """The event with the feed's room as its broadcaster when the API omits it ("", null,
    absent) or sends it in another case; another room's event is left as it is."""
    body = item.get("object") if isinstance(item, dict) else None
    if not isinstance(body, dict):
        return item
    named = body.get("broadcaster")
    if named is None or named == "" or (isinstance(named, str) and named.lower() == broadcaster):
        return {**item, "object": {**body, "broadcaster": broadcaster}}
    return item  # another room's event: the Ingestor refuses it
