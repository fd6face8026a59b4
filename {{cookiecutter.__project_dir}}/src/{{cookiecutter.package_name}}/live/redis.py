"""Hearing the changes of every process: a subscription to the live feed's Redis channel, held
for the application's lifetime by a task of its own, which hands each message to the hub.

The listener uses redis.asyncio in both ORM modes: it waits on the event loop, next to the
WebSockets it feeds. When Redis goes away it logs it once, then subscribes again with a growing
wait between tries (live_redis_retry_seconds, doubled up to live_redis_retry_max_seconds); the
messages published meanwhile are lost (a client that needs every change reloads the list).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

import anyio
from anyio.abc import TaskStatus
from redis.asyncio import Redis as AsyncRedis
from redis.asyncio.client import PubSub
from redis.exceptions import RedisError

from ..cache.settings import RedisSettings
from .messages import PostChange

logger = logging.getLogger(__name__)

# How long one wait for a message lasts; between waits the connection's health is checked.
POLL_SECONDS = 1.0
# An idle subscription is pinged this often, so that a dead connection is noticed.
HEALTH_CHECK_SECONDS = 30


@dataclass(frozen=True)
class ListenerClient:
    """The Redis client of the subscription (the tests provide their own)."""

    client: AsyncRedis


def create_listener_client(settings: RedisSettings) -> ListenerClient:
    # No socket timeout: the subscription waits for messages as long as there are none.
    client = AsyncRedis.from_url(
        settings.redis_url,
        socket_connect_timeout=settings.redis_timeout_seconds,
        health_check_interval=HEALTH_CHECK_SECONDS,
    )
    return ListenerClient(client)


class RedisListener:
    def __init__(
        self, client: AsyncRedis, channel: str, retry_seconds: float, retry_max_seconds: float
    ) -> None:
        self.client = client
        self.channel = channel
        self.retry_seconds = retry_seconds
        self.retry_max_seconds = retry_max_seconds
        # Whether the subscription is up (for monitoring and tests).
        self.subscribed = False

    async def __call__(
        self,
        deliver: Callable[[PostChange], None],
        *,
        task_status: TaskStatus[None] = anyio.TASK_STATUS_IGNORED,
    ) -> None:
        """Deliver every message of the channel until cancelled. Reports itself started once it
        has subscribed or failed to: the application starts while Redis is away."""
        wait = self.retry_seconds
        started = in_outage = False
        try:
            while True:
                try:
                    async with self.client.pubsub() as pubsub:
                        await pubsub.subscribe(self.channel)
                        self.subscribed = True
                        if in_outage:
                            logger.warning("Live feed: subscribed to Redis again")
                        in_outage, wait = False, self.retry_seconds
                        if not started:
                            started = True
                            task_status.started()
                        await self._listen(pubsub, deliver)
                except Exception as error:
                    self.subscribed = False
                    if not isinstance(error, RedisError | OSError):
                        # A bug, not an outage: logged in full, and the feed carries on.
                        logger.exception("Live feed: the Redis listener failed, retrying")
                    elif not in_outage:
                        in_outage = True
                        logger.warning("Live feed: Redis subscription lost, retrying: %s", error)
                    if not started:
                        started = True
                        task_status.started()
                    await anyio.sleep(wait)
                    wait = min(wait * 2, self.retry_max_seconds)
        finally:
            self.subscribed = False
            with anyio.CancelScope(shield=True):
                await self.client.aclose()

    async def _listen(self, pubsub: PubSub, deliver: Callable[[PostChange], None]) -> None:
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=POLL_SECONDS)
            if message is None or message["type"] != "message":
                continue
            data = message["data"]
            text = data.decode() if isinstance(data, bytes) else str(data)
            change = PostChange.parse(text)
            if change is None:
                logger.warning("Live feed: ignored a message that is not a post change")
                continue
            deliver(change)
