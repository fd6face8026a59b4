{% if cookiecutter.use_redis %}
"""Login attempts per client address and email, and per client address, counted in Redis so that
every process shares the count; counted in this process alone while Redis is unreachable.

The client address is the peer's, or the one a trusted proxy gave (TRUSTED_PROXIES).
"""
{% else %}
"""Login attempts per client address and email, and per client address, counted in memory (one
process).

The client address is the peer's, or the one a trusted proxy gave (TRUSTED_PROXIES).
"""
{% endif %}

import math
import time

from limits import RateLimitItem, parse
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
    def __init__(self, per_email: str, per_client: str, redis: RedisStore) -> None:
        self.per_email = parse(per_email)
        self.per_client = parse(per_client)
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
{% else %}
    def __init__(self, per_email: str, per_client: str) -> None:
        self.per_email = parse(per_email)
        self.per_client = parse(per_client)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())
{% endif %}

    {{ cookiecutter.__async if cookiecutter.use_redis }}def hit(self, client: str, email: str) -> None:
        """Count one attempt; raise when the client has used up its attempts, for this email or
        for all of them."""
        for limit, keys in (
            (self.per_client, ("client", client)),
            (self.per_email, ("email", client, email)),
        ):
            if not {{ cookiecutter.__await if cookiecutter.use_redis }}self._hit(limit, keys):
                retry_after = {{ cookiecutter.__await if cookiecutter.use_redis }}self._reset_time(limit, keys) - time.time()
                raise TooManyLoginAttemptsError(retry_after=max(1, math.ceil(retry_after)))
{% if cookiecutter.use_redis %}

    {{ cookiecutter.__async }}def _hit(self, limit: RateLimitItem, keys: tuple[str, ...]) -> bool:
        allowed = {{ cookiecutter.__await }}self.redis.run(lambda _: self.shared.hit(limit, *keys), None)
        if allowed is None:
            allowed = {{ cookiecutter.__await }}self.local.hit(limit, *keys)
        return allowed

    {{ cookiecutter.__async }}def _reset_time(self, limit: RateLimitItem, keys: tuple[str, ...]) -> float:
        local = {{ cookiecutter.__await }}self.local.get_window_stats(limit, *keys)
        stats = {{ cookiecutter.__await }}self.redis.run(lambda _: self.shared.get_window_stats(limit, *keys), local)
        return stats.reset_time
{% else %}

    def _hit(self, limit: RateLimitItem, keys: tuple[str, ...]) -> bool:
        return self.limiter.hit(limit, *keys)

    def _reset_time(self, limit: RateLimitItem, keys: tuple[str, ...]) -> float:
        return self.limiter.get_window_stats(limit, *keys).reset_time
{% endif %}
