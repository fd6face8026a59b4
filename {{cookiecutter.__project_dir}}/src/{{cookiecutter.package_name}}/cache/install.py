"""The Redis feature: the response cache, invalidated by what services change, and the Redis
store that other features (rate limits{{ ", revoked logins" if cookiecutter.use_auth }}) share."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

{% if cookiecutter.orm_mode == "async" %}
from redis.asyncio import Redis
{% else %}
from redis import Redis
{% endif %}

from ..core.app import AppBuilder
from ..core.response_cache import ResponseCache
from .cache import Cache
from .handlers import register_invalidations
from .redis import RedisStore, create_redis_client


def install_cache(builder: AppBuilder) -> None:
    settings, resources = builder.settings, builder.resources
    # The client connects on first use, so the app starts (and serves) while Redis is away.
    client = resources.provide_default(Redis, lambda: create_redis_client(settings))
    redis = RedisStore(client, settings.redis_key_prefix, settings.redis_retry_after_seconds)
    cache = Cache(redis, settings.cache_ttl_seconds)
    resources.provide(RedisStore, redis)
    resources.provide(Cache, cache)
    resources.provide(ResponseCache, cache)
    register_invalidations(builder.effect_handlers, cache)

    {{ cookiecutter.__async }}def redis_answers() -> bool:
        return {{ cookiecutter.__await }}redis.run(lambda client: client.ping(), False)

    builder.readiness_checks.add("redis", redis_answers)

    @asynccontextmanager
    async def close_redis() -> AsyncIterator[None]:
        try:
            yield
        finally:
            {{ cookiecutter.__await }}redis.close()

    builder.add_lifespan(close_redis)
