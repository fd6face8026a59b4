"""The Redis connection, and the rule for using it: Redis may fail, requests may not.

Everything kept in Redis is either a copy of the database (the cache) or a guard that has a
fallback (rate limits{{ ", revoked logins" if cookiecutter.use_auth }}). So a Redis command that fails returns a fallback
value instead of raising, and the request goes on without Redis.
"""

import logging
import time
from collections.abc import {{ "Awaitable, " if cookiecutter.orm_mode == "async" }}Callable
from typing import TypeVar

{% if cookiecutter.orm_mode == "async" %}
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
{% else %}
from redis import Redis
{% endif %}
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
{% if cookiecutter.orm_mode == "sync" %}
from redis.retry import Retry
{% endif %}

from .settings import RedisSettings

logger = logging.getLogger(__name__)

T = TypeVar("T")


def create_redis_client(settings: RedisSettings) -> Redis:
    """A client that connects lazily and gives up quickly (one immediate retry, which replaces a
    pooled connection that Redis closed)."""
    return Redis.from_url(
        settings.redis_url,
        socket_connect_timeout=settings.redis_timeout_seconds,
        socket_timeout=settings.redis_timeout_seconds,
        retry=Retry(NoBackoff(), retries=1),
    )


class RedisStore:
    """Runs Redis commands for work that can be done without Redis.

    The first failure of an outage logs one warning. Commands are then skipped for
    `retry_after_seconds` at a time, so that requests do not each wait for a timeout while Redis
    is away; the first command after that finds out whether it is back. The first success after
    an outage logs its end and how many commands went without Redis.
    """

    def __init__(self, client: Redis, key_prefix: str, retry_after_seconds: float) -> None:
        self.client = client
        self.key_prefix = key_prefix
        self.retry_after_seconds = retry_after_seconds
        # Commands that failed or were skipped in the current outage (0 while Redis is up).
        self.failed_commands = 0
        self._outage_started: float | None = None
        self._retry_at = 0.0

    @property
    def available(self) -> bool:
        return self._outage_started is None

    def key(self, name: str) -> str:
        return self.key_prefix + name

    {{ cookiecutter.__async }}def run(self, command: Callable[[Redis], {{ "Awaitable[T]" if cookiecutter.orm_mode == "async" else "T" }}], fallback: T) -> T:
        """The command's result, or `fallback` when Redis fails or is known to be away."""
        now = time.monotonic()
        if self._outage_started is not None and now < self._retry_at:
            self.failed_commands += 1
            return fallback
        try:
            result = {{ cookiecutter.__await }}command(self.client)
        except RedisError as error:
            self._failed(error, now)
            return fallback
        if self._outage_started is not None:
            logger.warning(
                "Redis is back after %.1f s; %d commands went without it",
                now - self._outage_started,
                self.failed_commands,
            )
            self._outage_started = None
            self.failed_commands = 0
        return result

    {{ cookiecutter.__async }}def close(self) -> None:
        {{ cookiecutter.__await }}self.client.{{ "aclose" if cookiecutter.orm_mode == "async" else "close" }}()

    def _failed(self, error: RedisError, now: float) -> None:
        self.failed_commands += 1
        self._retry_at = now + self.retry_after_seconds
        if self._outage_started is None:
            self._outage_started = now
            logger.warning("Redis is unavailable, carrying on without it: %s", error)
