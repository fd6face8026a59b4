"""A read-through cache of JSON responses in Redis, invalidated by namespace.

Each cached value belongs to namespaces (one post, every post, the tag list). Each namespace has
a generation, a random token that is part of the key of every value cached under it; to
invalidate a namespace is to give it a new generation, after which its old values are never read
again (Redis drops them when their TTL runs out). A reader that raced a writer can only store
what it read under the generation it started with, which the writer has already replaced, so a
client never reads a stale copy after its own write has committed.
"""

import secrets
from collections.abc import Iterable

from fastapi import Response
{% if cookiecutter.orm_mode == "async" %}
from redis.asyncio import Redis
{% else %}
from redis import Redis
{% endif %}

from ..core.response_cache import (
    CacheKey,
    PrivateBody,
    RenderBody,
    ResponseCache,
    json_response,
)
from .redis import RedisStore

CACHE_HEADER = "X-Cache"
# A namespace of every value: it gets a new generation when an invalidation could not be sent.
EVERYTHING = "everything"


HIT = {CACHE_HEADER: "hit"}
MISS = {CACHE_HEADER: "miss"}


class Cache(ResponseCache):
    def __init__(self, redis: RedisStore, ttl_seconds: int) -> None:
        self.redis = redis
        self.ttl_seconds = ttl_seconds
        # Generations outlive every value cached under them, so an expired generation can only
        # uncover values that have expired too.
        self.generation_ttl_seconds = 2 * ttl_seconds
        # Set when an invalidation did not reach Redis: until EVERYTHING has a new generation,
        # this process neither reads nor fills the cache.
        self._invalidation_lost = False

    {{ cookiecutter.__async }}def json_response(
        self, key: CacheKey, render: RenderBody, if_none_match: str | None = None
    ) -> Response:
        """The cached JSON body of `key`, or `render()`'s, stored for the next reader."""
        versioned = {{ cookiecutter.__await }}self._versioned_key(key)
        if versioned is None:
            return json_response({{ cookiecutter.__await }}render(), if_none_match, MISS)
        cached: bytes | str | None
        cached = {{ cookiecutter.__await }}self.redis.run(lambda client: client.get(versioned), None)
        if cached is not None:
            # Bytes, as the client does not decode answers; a str only to the type checker.
            body = cached.encode() if isinstance(cached, str) else cached
            return json_response(body, if_none_match, HIT)
        rendered = {{ cookiecutter.__await }}render()
        if not isinstance(rendered, PrivateBody):
            ttl = self.ttl_seconds
            {{ cookiecutter.__await }}self.redis.run(lambda client: client.set(versioned, rendered, ex=ttl), None)
        return json_response(rendered, if_none_match, MISS)

    {{ cookiecutter.__async }}def invalidate(self, namespaces: Iterable[str]) -> None:
        if not {{ cookiecutter.__await }}self._renew_generations(namespaces):
            self._invalidation_lost = True

    {{ cookiecutter.__async }}def _versioned_key(self, key: CacheKey) -> str | None:
        """The key qualified by the generation of each of its namespaces; None when the cache
        cannot be used now."""
        if self._invalidation_lost:
            if not {{ cookiecutter.__await }}self._renew_generations([EVERYTHING]):
                return None
            self._invalidation_lost = False
        names = [self._generation_name(namespace) for namespace in (EVERYTHING, *key.namespaces)]
        generations = {{ cookiecutter.__await }}self.redis.run(lambda client: client.mget(names), None)
        if generations is None:
            return None
        versions = ".".join(
            value.decode() if isinstance(value, bytes) else value or "0" for value in generations
        )
        return self.redis.key(f"cache:{key.name}:{versions}")

    {{ cookiecutter.__async }}def _renew_generations(self, namespaces: Iterable[str]) -> bool:
        names = [self._generation_name(namespace) for namespace in namespaces]

        {{ cookiecutter.__async }}def renew(client: Redis) -> bool:
            {{ cookiecutter.__async }}with client.pipeline(transaction=False) as pipeline:
                for name in names:
                    pipeline.set(name, secrets.token_hex(8), ex=self.generation_ttl_seconds)
                {{ cookiecutter.__await }}pipeline.execute()
            return True

        return {{ cookiecutter.__await }}self.redis.run(renew, False)

    def _generation_name(self, namespace: str) -> str:
        return self.redis.key(f"generation:{namespace}")
