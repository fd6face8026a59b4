{% if cookiecutter.use_redis %}
"""Login attempts per client address and email, counted in Redis so that every process shares
the count; counted in this process alone while Redis is unreachable."""
{% else %}
"""Login attempts per client address and email, counted in memory (one process)."""
{% endif %}

import math
import time

from limits import parse
{% if cookiecutter.use_redis and cookiecutter.orm_mode == "async" %}
from limits.aio.storage import MemoryStorage, RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter
{% elif cookiecutter.use_redis %}
from limits.storage import MemoryStorage, RedisStorage
from limits.strategies import MovingWindowRateLimiter
{% else %}
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
{% endif %}

{% if cookiecutter.use_redis %}
from ..cache.redis import RedisStore
{% endif %}
from .exceptions import TooManyLoginAttemptsError


class LoginRateLimiter:
{% if cookiecutter.use_redis %}
    def __init__(self, rate: str, redis: RedisStore) -> None:
        self.limit = parse(rate)
        self.redis = redis
        storage = RedisStorage(
            "{{ 'async+redis://' if cookiecutter.orm_mode == 'async' else 'redis://' }}",
{% if cookiecutter.orm_mode == "async" %}
            implementation="redispy",
            # Passed through to redis-py, which takes a pool; limits types its extra options
            # as plain values.
            connection_pool=redis.client.connection_pool,  # type: ignore[arg-type]
{% else %}
            connection_pool=redis.client.connection_pool,
{% endif %}
            key_prefix=redis.key("limits"),
        )
        self.shared = MovingWindowRateLimiter(storage)
        self.local = MovingWindowRateLimiter(MemoryStorage())

    {{ cookiecutter.__async }}def hit(self, client: str, email: str) -> None:
        """Count one attempt; raise when the client has used up its attempts for this email."""
        allowed = {{ cookiecutter.__await }}self.redis.run(lambda _: self.shared.hit(self.limit, client, email), None)
        if allowed is None:
            allowed = {{ cookiecutter.__await }}self.local.hit(self.limit, client, email)
        if not allowed:
            raise TooManyLoginAttemptsError(retry_after={{ cookiecutter.__await }}self._retry_after(client, email))

    {{ cookiecutter.__async }}def _retry_after(self, client: str, email: str) -> int:
        local = {{ cookiecutter.__await }}self.local.get_window_stats(self.limit, client, email)
        stats = {{ cookiecutter.__await }}self.redis.run(
            lambda _: self.shared.get_window_stats(self.limit, client, email), local
        )
        return max(1, math.ceil(stats.reset_time - time.time()))
{% else %}
    def __init__(self, rate: str) -> None:
        self.limit = parse(rate)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    def hit(self, client: str, email: str) -> None:
        """Count one attempt; raise when the client has used up its attempts for this email."""
        if not self.limiter.hit(self.limit, client, email):
            reset_at = self.limiter.get_window_stats(self.limit, client, email).reset_time
            raise TooManyLoginAttemptsError(retry_after=max(1, math.ceil(reset_at - time.time())))
{% endif %}
