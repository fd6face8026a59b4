"""JSON responses that a cache may hold. Routers render cacheable responses through the
`ResponseCache` resource: this one renders every time; with the cache feature (cache/), one that
keeps the bodies in Redis takes its place.

Either way each response carries an ETag (a hash of its body), and a client that sends it back in
If-None-Match gets 304 Not Modified without the body. The 304 is decided only once the body is
rendered for this reader, so it says no more than the 200 would have.
"""

import hashlib
from collections.abc import {{ "Awaitable, " if cookiecutter.orm_mode == "async" }}Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Header, Request, Response

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


# Clients may keep a copy but must revalidate it (with its ETag) before each use; a body for one
# reader only is for that reader's cache alone, never a shared one.
SHARED_CACHE_CONTROL = "no-cache"
PRIVATE_CACHE_CONTROL = "private, no-cache"

# The `responses` of a route that answers If-None-Match.
NOT_MODIFIED: dict[int | str, dict[str, Any]] = {
    304: {"description": "The copy whose ETag the client sent in If-None-Match is current."}
}
IfNoneMatch = Annotated[
    str | None,
    Header(description="ETags of copies the client holds: 304 without a body if one is current."),
]


def etag_of(body: bytes) -> str:
    return f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'


def matches(if_none_match: str, etag: str) -> bool:
    """Whether If-None-Match names `etag` (weak comparison, as RFC 9110 asks for GET)."""
    if if_none_match.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in if_none_match.split(","))


def json_response(
    body: bytes, if_none_match: str | None, headers: Mapping[str, str] | None = None
) -> Response:
    """`body` as JSON with its ETag, or 304 with no body when the client holds it already."""
    etag = etag_of(body)
    private = isinstance(body, PrivateBody)
    all_headers = {
        "ETag": etag,
        "Cache-Control": PRIVATE_CACHE_CONTROL if private else SHARED_CACHE_CONTROL,
        **(headers or {}),
    }
    if if_none_match is not None and matches(if_none_match, etag):
        return Response(status_code=304, headers=all_headers)
    return Response(body, media_type="application/json", headers=all_headers)


class ResponseCache:
    {{ cookiecutter.__async }}def json_response(
        self, key: CacheKey, render: RenderBody, if_none_match: str | None = None
    ) -> Response:
        return json_response({{ cookiecutter.__await }}render(), if_none_match)


async def get_response_cache(request: Request) -> ResponseCache:
    return resource_of(request, ResponseCache)


ResponseCacheDep = Annotated[ResponseCache, Depends(get_response_cache)]
