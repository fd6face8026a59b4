"""Redis only makes the service faster: while it is away, the service answers from the database
with correct data, logs the outage once, and picks Redis up again by itself."""

import fakeredis
import pytest
from fastapi import FastAPI
from httpx import AsyncClient
{% if cookiecutter.orm_mode == "async" %}
from redis.asyncio import Redis
{% else %}
from redis import Redis
{% endif %}

from {{ cookiecutter.package_name }}.cache.redis import RedisStore
from {{ cookiecutter.package_name }}.core.resources import resources_of
from tests.factories import API, create_post, create_user{{ ", login" if cookiecutter.use_auth }}

pytestmark = pytest.mark.anyio


@pytest.fixture
def redis_server() -> fakeredis.FakeServer:
    return fakeredis.FakeServer()


@pytest.fixture
def redis_client(redis_server: fakeredis.FakeServer) -> Redis:
    """A Redis these tests can take away (a fake one, even where REDIS_URL names a real one)."""
    return fakeredis.{{ "FakeAsyncRedis" if cookiecutter.orm_mode == "async" else "FakeRedis" }}(server=redis_server)


def outage_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "Redis is unavailable" in r.getMessage()]


async def test_the_service_answers_from_the_database_while_redis_is_away(
    client: AsyncClient, redis_server: fakeredis.FakeServer, caplog: pytest.LogCaptureFixture
) -> None:
    author = await create_user(client)
    post = await create_post(client, author, title="Before")
    url = f"{API}/posts/{post['id']}"
    await client.get(url)
    redis_server.connected = False

    cached_before = await client.get(url)
    patched = await client.patch(url, json={"title": "During"}, headers=author["headers"])
    read_after = await client.get(url)
    tags = await client.get(f"{API}/tags")
    created = await create_post(client, author, tags=["outage"])

    assert [cached_before.status_code, patched.status_code, read_after.status_code] == [200] * 3
    assert cached_before.json()["title"] == "Before"
    assert read_after.json()["title"] == "During"
    assert read_after.headers["x-cache"] == "miss"
    assert tags.status_code == 200
    assert created["tags"][0]["name"] == "outage"
    assert len(outage_warnings(caplog)) == 1


async def test_readiness_reports_redis_as_degraded(
    client: AsyncClient, redis_server: fakeredis.FakeServer
) -> None:
    assert (await client.get("/health/ready")).json()["checks"]["redis"] == "ok"
    redis_server.connected = False

    response = await client.get("/health/ready")

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["checks"]["database"], body["checks"]["redis"]) == (
        "degraded",
        "ok",
        "degraded",
    )


async def test_the_cache_comes_back_without_what_it_missed(
    client: AsyncClient,
    app: FastAPI,
    redis_server: fakeredis.FakeServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    resources_of(app).get(RedisStore).retry_after_seconds = 0
    author = await create_user(client)
    post = await create_post(client, author, title="Cached")
    url = f"{API}/posts/{post['id']}"
    await client.get(url)
    assert (await client.get(url)).headers["x-cache"] == "hit"

    # The change is committed, but dropping the cached copy cannot reach Redis.
    redis_server.connected = False
    await client.patch(url, json={"title": "Changed"}, headers=author["headers"])
    redis_server.connected = True

    after, again = await client.get(url), await client.get(url)

    assert (after.json()["title"], after.headers["x-cache"]) == ("Changed", "miss")
    assert (again.json()["title"], again.headers["x-cache"]) == ("Changed", "hit")
    assert any("Redis is back" in record.getMessage() for record in caplog.records)
{% if cookiecutter.use_auth %}


async def test_login_attempts_are_still_limited_while_redis_is_away(
    client: AsyncClient, redis_server: fakeredis.FakeServer
) -> None:
    user = await create_user(client)
    redis_server.connected = False

    attempts = [await login(client, user["email"], "wrong password") for _ in range(6)]

    assert [response.status_code for response in attempts] == [401] * 5 + [429]
{% endif %}
