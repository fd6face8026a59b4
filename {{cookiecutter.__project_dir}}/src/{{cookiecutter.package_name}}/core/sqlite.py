"""Connection settings that make SQLite behave like the server databases."""

from typing import Any

from sqlalchemy import Connection, Engine, event

# Migrations, which take the lock for longer, wait this long by default.
DEFAULT_BUSY_TIMEOUT_SECONDS = 30.0


def configure_sqlite(
    engine: Engine, busy_timeout_seconds: float = DEFAULT_BUSY_TIMEOUT_SECONDS
) -> None:
    busy_timeout_ms = round(busy_timeout_seconds * 1000)

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _connection_record: Any) -> None:
        # Let SQLAlchemy, not the driver, begin transactions, so SAVEPOINT and rollback work.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # How long a statement waits for another connection's lock before it fails.
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms:d}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        # Take the write lock up front: concurrent writers then wait for each other (busy_timeout)
        # instead of failing with "database is locked" when a reader tries to start writing.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
