"""With Redis, every process publishes its changes to one channel and delivers what it hears
there: a change made by one process reaches the clients of all. Redis going away costs the feed
its messages meanwhile, never a write, and the subscription comes back with Redis."""

import os

import anyio
import pytest
from fakeredis import FakeServer
from fastapi import FastAPI
from httpx import AsyncClient
{% if cookiecutter.orm_mode == "async" %}
from redis.asyncio import Redis
{% else %}
from redis import Redis
{% endif %}

from {{ cookiecutter.package_name }}.core.resources import resources_of
from {{ cookiecutter.package_name }}.live.feed import LiveFeed
from {{ cookiecutter.package_name }}.live.hub import LiveHub
from {{ cookiecutter.package_name }}.live.redis import RedisListener
from tests.factories import API, create_post, create_user, post_payload
from tests.live.conftest import LIVE
from tests.live.ws import connect

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("hub")]


async def test_a_change_published_by_another_process_reaches_the_clients(
    app: FastAPI, redis_client: Redis
) -> None:
    channel = resources_of(app).get(LiveFeed).channel
    text = (
        '{"event":"deleted","post":{"id":7,"author_id":3,"published":true},'
        '"at":"2026-01-01T00:00:00Z"}'
    )
    async with connect(app, LIVE) as ws:
        # As another process of the service does after its commit.
        {{ cookiecutter.__await }}redis_client.publish(channel, text)
        message = await ws.receive_json()

    assert message["post"] == {"id": 7, "author_id": 3, "published": True}


async def until_subscribed(listener: RedisListener, subscribed: bool) -> None:
    """Wait until the listener has lost, or has got back, its subscription (5 s at most)."""
    for _ in range(500):
        if listener.subscribed is subscribed:
            return
        await anyio.sleep(0.01)
    raise AssertionError(f"the listener's subscription is still {not subscribed}")


@pytest.mark.skipif(bool(os.environ.get("REDIS_URL")), reason="takes a fake Redis away")
@pytest.mark.parametrize(
    "app_settings",
    [{"redis_retry_after_seconds": 0, "live_redis_retry_seconds": 0.01}],
    indirect=True,
)
async def test_writes_go_on_while_redis_is_away_and_the_feed_comes_back_with_it(
    app: FastAPI, client: AsyncClient, hub: LiveHub, redis_server: FakeServer
) -> None:
    listener = hub.listener
    assert isinstance(listener, RedisListener)
    author = await create_user(client)
    async with connect(app, LIVE) as ws:
        redis_server.connected = False
        payload = post_payload(author, title="During", published=True)
        during = await client.post(f"{API}/posts", json=payload, headers=author["headers"])
        await until_subscribed(listener, False)
        redis_server.connected = True
        await until_subscribed(listener, True)
        await create_post(client, author, title="After")

        # What was published while Redis was away is lost; what follows arrives.
        first = await ws.receive_json()

    assert during.status_code == 201
    assert (first["event"], first["post"]["title"]) == ("created", "After")
