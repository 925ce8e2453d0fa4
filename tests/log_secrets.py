"""The whole test run's log, checked for secrets at the end (see tests/conftest.py).

Every record any logger emits during the run (the root logger at DEBUG) is written out with
its message, its extra fields and its traceback; at the end of the session that text, plus
every server log file the run's real processes wrote, must hold none of: the private members
of any dev issuer key the run created, the Stripe secret keys and webhook secrets, and any
Events API token."""

from __future__ import annotations

import json
import logging
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tests.fakes.stripe_webhooks import billing_env

STANDARD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "request_id",
}  # fmt: skip
SECRET_PATTERNS = {
    "stripe secret key": re.compile(r"\b[sr]k_(?:test|live)_[A-Za-z0-9]{6,}"),
    "stripe webhook secret": re.compile(r"\bwhsec_[A-Za-z0-9]{6,}"),
    "events api token": re.compile(r"/events/[a-z0-9_]{1,64}/[A-Za-z0-9]{16,}"),
}


class RunLog(logging.Handler):
    """Writes every record, fully, to a temporary file."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in `text()`
            "w+", prefix="wcp-test-run-", suffix=".log", encoding="utf-8"
        )

    def emit(self, record: logging.LogRecord) -> None:
        try:
            extras = {k: v for k, v in vars(record).items() if k not in STANDARD_ATTRS}
            line = f"{record.levelname} {record.name} {record.getMessage()} {extras!r}"
            if record.exc_info:
                line += "\n" + logging.Formatter().formatException(record.exc_info)
            self.file.write(line + "\n")
        except Exception:  # a record that cannot be formatted is not our test's business
            self.handleError(record)

    def text(self) -> str:
        self.file.flush()
        self.file.seek(0)
        content = self.file.read()
        self.file.close()
        return content


def dev_issuer_private_members(root: Path) -> Iterator[str]:
    """The private members (d, p, q, ...) of every RSA JWK file under `root`."""
    for path in root.rglob("*.json"):
        try:
            key = json.loads(path.read_text())
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        if isinstance(key, dict) and key.get("kty") == "RSA" and isinstance(key.get("d"), str):
            yield from (key[m] for m in ("d", "p", "q", "dp", "dq", "qi") if key.get(m))


def leaks(text: str, root: Path) -> list[str]:
    """What of the run's secrets `text` holds (names and where, never the secret itself)."""
    found = [name for name, pattern in SECRET_PATTERNS.items() if pattern.search(text)]
    env = billing_env()
    for name in ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"):
        if env[name] in text:
            found.append(name)
    if any(member in text for member in dev_issuer_private_members(root)):
        found.append("dev issuer private key")
    return found


def server_logs(root: Path) -> str:
    """What the run's real server processes logged (ServerProcess writes server-<port>.log)."""
    return "".join(p.read_text(errors="replace") for p in root.rglob("server-*.log"))
