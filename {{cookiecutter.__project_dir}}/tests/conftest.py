{% set is_async = cookiecutter.orm_mode == "async" %}
{% set Engine = "AsyncEngine" if is_async else "Engine" %}
{% set Connection = "AsyncConnection" if is_async else "Connection" %}
{% set Iterator = "AsyncIterator" if is_async else "Iterator" %}
"""Fixtures: one migrated test database per run, and every test inside a rolled-back transaction.

The database is SQLite in a temporary folder, unless DATABASE_URL names a PostgreSQL server: then
the tests create a database of their own on it and drop it at the end.
{% if cookiecutter.use_redis %}
Each test gets a fresh in-memory fake Redis, unless REDIS_URL names a real one: then the keys the
tests write carry a prefix of their own and are deleted after each test.
{% endif %}
Jobs run inline, right after the commit of the request that asked for them (tests/inline_jobs.py).
"""

{% if is_async %}
import asyncio
{% endif %}
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

{% if cookiecutter.use_redis %}
import fakeredis
{% endif %}
import pytest
from alembic import command
from alembic.config import Config
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
{% if cookiecutter.use_auth %}
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
{% endif %}
{% if cookiecutter.use_redis %}
{% if is_async %}
from redis.asyncio import Redis
{% else %}
from redis import Redis
{% endif %}
{% endif %}
{% if is_async %}
from sqlalchemy import NullPool, make_url{{ ", update" if cookiecutter.use_auth }}
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    async_sessionmaker,
    create_async_engine,
)
{% else %}
from sqlalchemy import Connection, Engine, NullPool, make_url{{ ", update" if cookiecutter.use_auth }}
from sqlalchemy import create_engine as create_sqlalchemy_engine
from sqlalchemy.orm import sessionmaker
{% endif %}

{% if cookiecutter.use_auth %}
from {{ cookiecutter.package_name }}.core import security
{% endif %}
from {{ cookiecutter.package_name }}.core.config import Settings, sqlalchemy_url
from {{ cookiecutter.package_name }}.core.db import Database, create_engine
from {{ cookiecutter.package_name }}.core.effects import EffectHandlers, JobQueue
from {{ cookiecutter.package_name }}.core.jobs import JobContext
from {{ cookiecutter.package_name }}.core.resources import Resources, resources_of
from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.models import Base
{% if cookiecutter.use_auth %}
from {{ cookiecutter.package_name }}.users.models import User
{% endif %}
from tests.factories import create_user
from tests.inline_jobs import InlineJobQueue

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"
{% if cookiecutter.use_auth %}


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing() -> Iterator[None]:
    """Argon2 with the smallest cost: the tests hash hundreds of passwords, not attackers'."""
    production_hash = security.password_hash
    security.password_hash = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024),))
    yield
    security.password_hash = production_hash
{% endif %}


def apply_migrations(database_url: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    config.attributes["database_url"] = database_url
    command.upgrade(config, "head")


def run_outside_transaction(server_url: str, statement: str) -> None:
    """Run one statement with autocommit, as CREATE and DROP DATABASE require."""
{% if is_async %}

    async def run() -> None:
        engine = create_async_engine(
            sqlalchemy_url(server_url), isolation_level="AUTOCOMMIT", poolclass=NullPool
        )
        async with engine.connect() as connection:
            await connection.exec_driver_sql(statement)
        await engine.dispose()

    asyncio.run(run())
{% else %}
    engine = create_sqlalchemy_engine(
        sqlalchemy_url(server_url), isolation_level="AUTOCOMMIT", poolclass=NullPool
    )
    with engine.connect() as connection:
        connection.exec_driver_sql(statement)
    engine.dispose()
{% endif %}


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server_url = os.environ.get("DATABASE_URL", "")
    if make_url(server_url or "sqlite://").get_backend_name() == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('database') / 'test.db'}"
        apply_migrations(url)
        yield url
        return
    name = f"test_{{ cookiecutter.package_name }}_{uuid.uuid4().hex[:12]}"
    run_outside_transaction(server_url, f'CREATE DATABASE "{name}"')
    try:
        url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
        apply_migrations(url)
        yield url
    finally:
        run_outside_transaction(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return Settings(
        _env_file=None,
        database_url=database_url,
        environment="test",
{% if cookiecutter.use_redis %}
        redis_key_prefix=f"test-{uuid.uuid4().hex[:12]}:",
{% endif %}
    )
{% if cookiecutter.use_redis %}


@pytest.fixture
{{ cookiecutter.__async }}def redis_client(settings: Settings) -> {{ Iterator }}[Redis]:
    url = os.environ.get("REDIS_URL")
    client = Redis.from_url(url) if url else fakeredis.{{ "FakeAsyncRedis" if is_async else "FakeRedis" }}()
    yield client
    if url:
        pattern = f"{settings.redis_key_prefix}*"
{% if is_async %}
        keys = [key async for key in client.scan_iter(match=pattern)]
{% else %}
        keys = list(client.scan_iter(match=pattern))
{% endif %}
        if keys:
            {{ cookiecutter.__await }}client.delete(*keys)
    {{ cookiecutter.__await }}client.{{ "aclose" if is_async else "close" }}()
{% endif %}


@pytest.fixture
def resources({{ "redis_client: Redis" if cookiecutter.use_redis }}) -> Resources:
    """What the tests give the application instead of letting it make its own."""
{% if cookiecutter.use_redis %}
    resources = Resources()
    resources.provide(Redis, redis_client)
    return resources
{% else %}
    return Resources()
{% endif %}


@pytest.fixture(scope="session")
{{ cookiecutter.__async }}def engine(settings: Settings) -> {{ Iterator }}[{{ Engine }}]:
    engine = create_engine(settings)
    yield engine
    {{ cookiecutter.__await }}engine.dispose()


@pytest.fixture
{{ cookiecutter.__async }}def connection(engine: {{ Engine }}) -> {{ Iterator }}[{{ Connection }}]:
    """A connection inside a transaction that is rolled back after the test."""
    {{ cookiecutter.__async }}with engine.connect() as connection:
        transaction = {{ cookiecutter.__await }}connection.begin()
        yield connection
        {{ cookiecutter.__await }}transaction.rollback()


@pytest.fixture
def app_settings(settings: Settings, request: pytest.FixtureRequest) -> Settings:
    """The settings `app` is built with: the session's, changed where a test asks, as in
    `@pytest.mark.parametrize("app_settings", [{"trusted_proxies": [...]}], indirect=True)`."""
    changes: dict[str, Any] = getattr(request, "param", {})
    return settings.model_copy(update=changes)


@pytest.fixture
def app(app_settings: Settings, connection: {{ Connection }}, resources: Resources) -> FastAPI:
    """The application, its sessions joined to the test's transaction through savepoints, and
    its jobs run inline."""
    app = create_app(app_settings, resources)
    session_factory = {{ "async_sessionmaker" if is_async else "sessionmaker" }}(
        bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )
    resources.provide(Database, Database.of(session_factory, app_settings))
    resources.provide(JobQueue, InlineJobQueue(resources))
    return app


@pytest.fixture
def job_context(app: FastAPI) -> JobContext:
    """Units of work outside a request, as jobs and the CLI have them, in the test's transaction:
    for tests of services and repositories without HTTP."""
    resources = resources_of(app)
    return JobContext(
        resources.get(Database).session_factory,
        resources.get(EffectHandlers),
        resources.get(JobQueue),
    )


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        yield client


@pytest.fixture
async def live_client(
    settings: Settings,
    engine: {{ Engine }},
    resources: Resources,
) -> AsyncIterator[AsyncClient]:
    """A client of the application as it runs in production: its own lifespan, engine and pool{{ "" if cookiecutter.use_celery else ", and\n    job queue" }}.

    What it writes is committed, so every row is deleted again afterwards.
    """
    app = create_app(settings, resources)
    async with (
        app.router.lifespan_context(app),
        AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client,
    ):
{% if cookiecutter.use_celery %}
        resources.provide(JobQueue, InlineJobQueue(resources))
{% endif %}
        yield client
    {{ cookiecutter.__async }}with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            {{ cookiecutter.__await }}connection.execute(table.delete())
{% if cookiecutter.use_auth %}


@pytest.fixture
async def admin(client: AsyncClient, app: FastAPI) -> dict[str, Any]:
    """A signed-in admin: registered, then promoted as the create-admin command would."""
    admin = await create_user(client, email="admin@example.com", full_name="Admin")
    promote = update(User).where(User.id == admin["id"]).values(role="admin")
    {{ cookiecutter.__async }}with resources_of(app).get(Database).session_factory.begin() as session:
        {{ cookiecutter.__await }}session.execute(promote)
    return admin
{% else %}


@pytest.fixture
async def admin(client: AsyncClient) -> dict[str, Any]:
    """Without authentication anyone may do what an admin may: any user will do."""
    return await create_user(client, email="admin@example.com", full_name="Admin")
{% endif %}
