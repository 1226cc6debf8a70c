"""Engine, sessions and schema upgrades."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, create_engine, event, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

# Any constant will do, as long as every personabot process uses the same one.
_MIGRATION_LOCK_KEY = 0x70657273  # "pers"
CONNECT_TIMEOUT = 2  # seconds to reach PostgreSQL


class Database:
    """One engine per process; a new ``Session`` per Slack request or scheduled job.

    On SQLite, ``session()`` takes the write lock up front (``BEGIN IMMEDIATE``) and
    ``reading()`` does not: a long read (a digest) then reads its snapshot beside the
    writers (WAL) instead of making every answer being stored wait for it."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url: URL = make_url(url)
        kwargs: dict[str, Any] = {"echo": echo, "pool_pre_ping": True}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
        elif (
            self.url.get_backend_name() == "postgresql" and "connect_timeout" not in self.url.query
        ):
            # An unreachable server fails a request in time for Slack's 3 s (which retries),
            # instead of hanging it.
            kwargs["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT}
        self.engine: Engine = create_engine(self.url, **kwargs)
        reader = self.engine
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin_immediate)
            reader = create_engine(self.url, **kwargs)
            event.listen(reader, "connect", _sqlite_pragmas)
            event.listen(reader, "begin", _sqlite_begin_deferred)
        self._reader = reader
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._readers = sessionmaker(reader, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits when the block ends normally and rolls back otherwise."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading only: whatever it changes is rolled back at the end.
        ``session.info["reading"]`` says so to code that would otherwise write."""
        with self._readers() as session, session.begin():
            session.info["reading"] = True
            yield session
            session.rollback()

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def upgrade(self, revision: str = "head") -> None:
        """Bring the schema to ``revision``; safe when several processes start at once."""
        with self.engine.begin() as conn, self._migration_lock(conn):
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)

    def current_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    @contextmanager
    def _migration_lock(self, conn: Connection) -> Iterator[None]:
        if self.url.get_backend_name() == "postgresql":
            # Transaction-scoped: released when the upgrade transaction ends.
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK_KEY})
            yield
            return
        database = self.url.database
        if not self.is_sqlite or not database or database == ":memory:":
            yield
            return
        lock_path = Path(database + ".migrate.lock")
        with lock_path.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def dispose(self) -> None:
        self.engine.dispose()
        self._reader.dispose()


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("storage") / "migrations"))
    return cfg


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (below) instead of pysqlite's deferred BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin_immediate(conn: Connection) -> None:
    # Take the write lock up front: concurrent writers then wait (busy_timeout)
    # instead of failing with "database is locked" when a reader upgrades.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_begin_deferred(conn: Connection) -> None:
    # A snapshot that takes no lock until it writes (and ``reading()`` never commits).
    conn.exec_driver_sql("BEGIN")
