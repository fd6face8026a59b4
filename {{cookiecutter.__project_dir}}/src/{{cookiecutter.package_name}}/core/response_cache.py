"""JSON responses that a cache may hold. Routers render cacheable responses through the
`ResponseCache` resource: this one renders every time; with the cache feature (cache/), one that
keeps the bodies in Redis takes its place."""

from collections.abc import {{ "Awaitable, " if cookiecutter.orm_mode == "async" }}Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request, Response

from .resources import resource_of

# Renders a response body when no cache has it.
RenderBody = Callable[[], {{ "Awaitable[bytes]" if cookiecutter.orm_mode == "async" else "bytes" }}]


class PrivateBody(bytes):
    """A body rendered for this reader alone (a draft, say): served, but never stored for the
    next reader."""


@dataclass(frozen=True)
class CacheKey:
    """A cacheable response's name, and the namespaces whose invalidation drops it."""

    name: str
    namespaces: tuple[str, ...]


class ResponseCache:
    {{ cookiecutter.__async }}def json_response(self, key: CacheKey, render: RenderBody) -> Response:
        return Response({{ cookiecutter.__await }}render(), media_type="application/json")


async def get_response_cache(request: Request) -> ResponseCache:
    return resource_of(request, ResponseCache)


ResponseCacheDep = Annotated[ResponseCache, Depends(get_response_cache)]
