"""Events API payloads in the recorded wire shape (chaturbate.com/apps/api/docs objects).

Ids look like the API's (`<epoch ms>-<seq>`); `user` carries the extra flags the live API
sends (subgender, isFollower...), which our schema keeps; message `bgColor` is null as live.
"""

from __future__ import annotations

from typing import Any

TOKEN = "Xq7Rz2Lk9PwA4sVb8NcT1yHd"  # 24 characters like a real Events API token


def user(username: str = "fan_mike", **changes: Any) -> dict[str, Any]:
    return {
        "username": username,
        "inFanclub": False,
        "gender": "m",
        "subgender": "",
        "hasTokens": True,
        "recentTips": "some",
        "isMod": False,
        "isFollower": True,
        "isOwner": False,
        "isSilenced": False,
        "isSpying": False,
        "isBroadcasting": False,
        "inPrivateShow": False,
        "hasDarkmode": False,
        "fcAutoRenew": False,
        "language": "en",
        "colorGroup": "p",
        **changes,
    }


def message(text: str, **changes: Any) -> dict[str, Any]:
    return {"color": "#494949", "bgColor": None, "font": "default", "message": text, **changes}


def payloads(broadcaster: str) -> list[tuple[str, dict[str, Any]]]:
    """(method, object) for all 12 methods, in a plausible room order."""
    owner = user(broadcaster, gender="f", isOwner=True, isBroadcasting=True, recentTips="none")
    return [
        ("broadcastStart", {"broadcaster": broadcaster, "user": owner}),
        ("roomSubjectChange", {"broadcaster": broadcaster, "subject": "Goal: dance at 500 #fun"}),
        ("userEnter", {"broadcaster": broadcaster, "user": user()}),
        ("chatMessage", {"broadcaster": broadcaster, "user": user(), "message": message("hi!")}),
        (
            "tip",
            {
                "broadcaster": broadcaster,
                "user": user(recentTips="lots"),
                "tip": {"tokens": 25, "isAnon": False, "message": "for the goal"},
            },
        ),
        (
            "privateMessage",
            {
                "broadcaster": broadcaster,
                "user": user(),
                "message": message("psst", fromUser="fan_mike", toUser=broadcaster),
            },
        ),
        ("follow", {"broadcaster": broadcaster, "user": user()}),
        ("fanclubJoin", {"broadcaster": broadcaster, "user": user(inFanclub=True)}),
        (
            "mediaPurchase",
            {
                "broadcaster": broadcaster,
                "user": user(),
                "media": {"id": 413, "name": "Beach photos", "type": "photos", "tokens": 50},
            },
        ),
        ("unfollow", {"broadcaster": broadcaster, "user": user("lurker_42", hasTokens=False)}),
        ("userLeave", {"broadcaster": broadcaster, "user": user()}),
        ("broadcastStop", {"broadcaster": broadcaster, "user": owner}),
    ]


def events(broadcaster: str, first: int = 1_700_000_000_000) -> list[dict[str, Any]]:
    """One event of each of the 12 methods with API-style ids `<first+i>-0`."""
    return [
        {"method": method, "id": f"{first + i}-0", "object": body}
        for i, (method, body) in enumerate(payloads(broadcaster))
    ]


def chat(broadcaster: str, count: int, first: int = 1_710_000_000_000) -> list[dict[str, Any]]:
    """`count` chat messages (a busy room)."""
    return [
        {
            "method": "chatMessage",
            "id": f"{first + i}-0",
            "object": {"broadcaster": broadcaster, "user": user(), "message": message(f"#{i}")},
        }
        for i in range(count)
    ]
