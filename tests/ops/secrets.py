"""The secrets a test run hands the server, to look for in its logs."""

from __future__ import annotations

import json
from pathlib import Path

PRIVATE_JWK_MEMBERS = ("d", "p", "q", "dp", "dq", "qi")


def dev_issuer_secrets(root: Path) -> dict[str, str]:
    """The private members of every dev issuer key file under `root`."""
    found: dict[str, str] = {}
    for path in root.rglob("dev_issuer_key.json"):
        try:
            key = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        for member in PRIVATE_JWK_MEMBERS:
            if isinstance(key.get(member), str) and len(key[member]) >= 16:
                found[f"dev issuer key {member} ({path.parent.name})"] = key[member]
    return found
