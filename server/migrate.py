"""Run Alembic migrations programmatically (used by the CLI, `make run` and tests).

`python -m server.migrate` upgrades the DATABASE_URL of the environment (and `.env`) to head;
the server runs it as a child process so Alembic (~10 MB) never loads into the serving one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(database_url: str) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Bring the accounts DB at `database_url` to `revision`."""
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    from alembic import command

    command.upgrade(alembic_config(database_url), revision)


def upgrade_in_child_process() -> None:
    """`python -m server.migrate` in a child (the URL travels in the environment, not argv,
    so a password never shows in `ps`); raises CalledProcessError if the migration fails."""
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "server.migrate"], check=True)


if __name__ == "__main__":
    from server.config import Config

    upgrade(Config.from_env().DATABASE_URL)
