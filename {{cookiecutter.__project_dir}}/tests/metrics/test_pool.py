"""The database pool's gauges, read from the engine's pool at each scrape."""

import pytest
from httpx import AsyncClient
{% if cookiecutter.orm_mode == "async" %}
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
{% else %}
from sqlalchemy import Connection, Engine, create_engine
{% endif %}
from sqlalchemy.pool import NullPool, Pool, SingletonThreadPool, StaticPool

from {{ cookiecutter.package_name }}.core.config import Settings
from {{ cookiecutter.package_name }}.metrics.pool import PoolCollector
from tests.metrics.scrape import scrape

pytestmark = pytest.mark.anyio


def gauges(collector: PoolCollector) -> dict[str, float]:
    return {family.name: family.samples[0].value for family in collector.collect()}


async def test_the_pool_is_scraped_once_the_database_is_open(
    live_client: AsyncClient, settings: Settings
) -> None:
    metrics = await scrape(live_client)

    assert metrics.value("db_pool_size") == settings.database_pool_size
    assert metrics.value("db_pool_connections_in_use") == 0


async def test_connections_in_use_are_read_at_each_collection(
    engine: {{ "AsyncEngine" if cookiecutter.orm_mode == "async" else "Engine" }},
    connection: {{ "AsyncConnection" if cookiecutter.orm_mode == "async" else "Connection" }},
    settings: Settings,
) -> None:
    collector = PoolCollector(lambda: engine.pool)

    # The test's own connection is out of the pool, and then one more.
    assert gauges(collector) == {
        "db_pool_connections_in_use": 1,
        "db_pool_size": settings.database_pool_size,
    }
    {{ cookiecutter.__async }}with engine.connect():
        assert gauges(collector)["db_pool_connections_in_use"] == 2
    assert gauges(collector)["db_pool_connections_in_use"] == 1


async def test_nothing_is_reported_before_the_database_is_open(client: AsyncClient) -> None:
    metrics = await scrape(client)

    assert metrics.value("db_pool_size") is None
    assert metrics.value("db_pool_connections_in_use") is None


@pytest.mark.parametrize("pool_class", [NullPool, SingletonThreadPool, StaticPool])
def test_a_pool_that_keeps_no_count_is_left_out(pool_class: type[Pool]) -> None:
    # SQLite in memory, or a pool chosen for it, counts no connections: no gauge beats a wrong one.
    engine = create_engine("sqlite://", poolclass=pool_class)

    assert gauges(PoolCollector(lambda: engine.pool)) == {}
    engine.dispose()
