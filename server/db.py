"""SQLAlchemy engine and per-request (per-greenlet) sessions for the accounts DB."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker


class Base(DeclarativeBase):
    """Declarative base of every accounts-DB model."""


class Database:
    """Holds the engine and a scoped session; bound by `init_app`-style `bind(url)`."""

    def __init__(self) -> None:
        self.engine: Engine | None = None
        self._sessions: scoped_session[Session] | None = None

    def bind(self, url: str) -> None:
        """Create the engine for `url` (SQLite gets WAL + busy timeout)."""
        kwargs: dict[str, Any] = {}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 15}
        else:  # a network database can drop idle connections: test each on checkout
            kwargs.update(pool_size=10, max_overflow=20, pool_pre_ping=True)
        self.engine = create_engine(url, **kwargs)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = scoped_session(sessionmaker(self.engine, expire_on_commit=False))

    @property
    def factory(self) -> sessionmaker[Session]:
        """The session factory (event hooks such as the audit trail's attach here)."""
        if self._sessions is None:
            raise RuntimeError("Database.bind() was not called")
        return self._sessions.session_factory

    @property
    def session(self) -> Session:
        """The session of the current request/greenlet."""
        if self._sessions is None:
            raise RuntimeError("Database.bind() was not called")
        return self._sessions()

    def remove(self, _exc: BaseException | None = None) -> None:
        """End the current session (teardown)."""
        if self._sessions is not None:
            self._sessions.remove()

    def dispose(self) -> None:
        if self.engine is not None:
            self.engine.dispose()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    # WAL + NORMAL: no fsync per commit; stays consistent, a power cut may lose the last commits
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def upsert_insert(session: Session, table: Any) -> Any:
    """An INSERT construct supporting `on_conflict_do_*` for the session's database."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise RuntimeError(f"unsupported database dialect {dialect!r}")
