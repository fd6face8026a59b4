"""The live feed's fixtures: the hub running as in the application's lifespan (which the `app`
fixture does not run){{ ", and a Redis whose pub/sub reaches the hub's listener" if cookiecutter.use_redis }}."""

{% if cookiecutter.use_redis %}
import os
{% endif %}
from collections.abc import AsyncIterator{{ ", Iterator" if cookiecutter.use_redis and cookiecutter.orm_mode == "sync" }}

{% if cookiecutter.use_redis %}
import fakeredis
{% endif %}
import pytest
{% if cookiecutter.use_redis %}
from fakeredis import FakeServer
{% endif %}
from fastapi import FastAPI
{% if cookiecutter.use_redis %}
{% if cookiecutter.orm_mode == "async" %}
from redis.asyncio import Redis
{% else %}
from redis import Redis
from redis.asyncio import Redis as AsyncRedis
{% endif %}
{% endif %}

{% if cookiecutter.use_redis %}
from {{ cookiecutter.package_name }}.core.resources import Resources, resources_of
{% else %}
from {{ cookiecutter.package_name }}.core.resources import resources_of
{% endif %}
from {{ cookiecutter.package_name }}.core.routing import APIS
from {{ cookiecutter.package_name }}.live.hub import LiveHub
{% if cookiecutter.use_redis %}
from {{ cookiecutter.package_name }}.live.redis import ListenerClient
{% endif %}

LIVE = f"{next(iter(APIS.values()))}/posts/live"
{% if cookiecutter.use_redis %}


@pytest.fixture
def redis_server() -> FakeServer:
    return FakeServer()


@pytest.fixture
{{ cookiecutter.__async }}def redis_client(redis_client: Redis, redis_server: FakeServer) -> {{ "AsyncIterator" if cookiecutter.orm_mode == "async" else "Iterator" }}[Redis]:
    """The suite's Redis client, unless it is a fake one: then a fake one on a server of the
    tests' own, which the listener's client shares (fakeredis passes pub/sub messages only
    between the clients of one server)."""
    if os.environ.get("REDIS_URL"):
        yield redis_client
        return
    client = fakeredis.{{ "FakeAsyncRedis" if cookiecutter.orm_mode == "async" else "FakeRedis" }}(server=redis_server)
    yield client
    {{ cookiecutter.__await }}client.{{ "aclose" if cookiecutter.orm_mode == "async" else "close" }}()


@pytest.fixture
def resources(resources: Resources, redis_server: FakeServer) -> Resources:
    """The listener subscribes with a redis.asyncio client, in both ORM modes."""
    url = os.environ.get("REDIS_URL")
{% if cookiecutter.orm_mode == "async" %}
    client = Redis.from_url(url) if url else fakeredis.FakeAsyncRedis(server=redis_server)
{% else %}
    client = AsyncRedis.from_url(url) if url else fakeredis.FakeAsyncRedis(server=redis_server)
{% endif %}
    resources.provide(ListenerClient, ListenerClient(client))
    return resources
{% endif %}


@pytest.fixture
async def hub(app: FastAPI) -> AsyncIterator[LiveHub]:
    """The application's live hub, running as the application's lifespan runs it{{ ": subscribed to\n    Redis" if cookiecutter.use_redis }}."""
    hub = resources_of(app).get(LiveHub)
    async with hub.lifespan():
        yield hub
