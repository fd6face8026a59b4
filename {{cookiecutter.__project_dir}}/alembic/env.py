"""Alembic's entry point: migrates the database that the service's settings name."""

{% if cookiecutter.orm_mode == "async" %}
import asyncio
{% endif %}
from logging.config import fileConfig
from typing import Any, Literal, NoReturn

from alembic import context
from alembic.autogenerate.api import AutogenContext
{% if cookiecutter.orm_mode == "async" %}
from sqlalchemy import URL, Connection, pool
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine
{% else %}
from sqlalchemy import URL, Connection, create_engine, pool
from sqlalchemy.exc import DBAPIError
{% endif %}

from {{ cookiecutter.package_name }}.core.config import get_settings, sqlalchemy_url
from {{ cookiecutter.package_name }}.core.models import UTCDateTime
from {{ cookiecutter.package_name }}.core.sqlite import configure_sqlite
from {{ cookiecutter.package_name }}.models import Base

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)

# The tests pass their database in `attributes`; otherwise the service's settings decide.
database_url = sqlalchemy_url(config.attributes.get("database_url") or get_settings().database_url)


def render_item(kind: str, item: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Write the service's column types as the plain SQLAlchemy types they store."""
    if kind == "type" and isinstance(item, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def configure(connection: Connection | None = None) -> None:
    context.configure(
        connection=connection,
        url=None if connection is not None else database_url,
        target_metadata=Base.metadata,
        # SQLite alters tables by copying them; batch mode does that for us.
        render_as_batch=database_url.get_backend_name() == "sqlite",
        render_item=render_item,
        compare_type=True,
    )


def cannot_connect(url: URL, error: Exception) -> NoReturn:
    """Stop with one line that says which database did not answer, and what to do."""
    where = url.set(drivername=url.get_backend_name()).render_as_string(hide_password=True)
    if "does not exist" in str(error):
        createdb = f"createdb -h {url.host} -p {url.port or 5432} -U {url.username} {url.database}"
        raise SystemExit(
            f"cannot migrate: the database {url.database!r} does not exist on {where}; create it"
            f" ({createdb}) or point DATABASE_URL at one that does"
        )
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    raise SystemExit(
        f"cannot migrate: the database at {where} does not answer ({reason}); start it"
        " or point DATABASE_URL at one that runs"
    )


def run_with_connection(connection: Connection) -> None:
    configure(connection)
    with context.begin_transaction():
        context.run_migrations()


{% if cookiecutter.orm_mode == "async" %}
async def run_online() -> None:
    engine = create_async_engine(database_url, poolclass=pool.NullPool)
    if database_url.get_backend_name() == "sqlite":
        configure_sqlite(engine.sync_engine)
    try:
        connection = await engine.connect()
    except (DBAPIError, OSError) as error:
        cannot_connect(database_url, error)
    try:
        await connection.run_sync(run_with_connection)
    finally:
        await connection.close()
    await engine.dispose()
{% else %}
def run_online() -> None:
    engine = create_engine(database_url, poolclass=pool.NullPool)
    if database_url.get_backend_name() == "sqlite":
        configure_sqlite(engine)
    try:
        connection = engine.connect()
    except (DBAPIError, OSError) as error:
        cannot_connect(database_url, error)
    with connection:
        run_with_connection(connection)
    engine.dispose()
{% endif %}


if context.is_offline_mode():
    configure()
    with context.begin_transaction():
        context.run_migrations()
else:
    {{ "asyncio.run(run_online())" if cookiecutter.orm_mode == "async" else "run_online()" }}
