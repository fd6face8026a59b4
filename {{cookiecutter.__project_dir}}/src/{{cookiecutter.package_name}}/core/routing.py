"""Small helpers shared by the routers."""

from collections.abc import Iterable, Iterator
from typing import Annotated

from fastapi import APIRouter, FastAPI, Path, Request, routing
from fastapi.routing import APIRoute

# Ids are 32-bit integers in every database; larger values are invalid input, not a 500.
MAX_ID = 2_147_483_647

ResourceId = Annotated[int, Path(ge=1, le=MAX_ID)]
{% if cookiecutter.api_versioning %}

API_V1_PREFIX = "/api/v1"
API_V2_PREFIX = "/api/v2"
# The API versions by name, current first.
APIS = {"v2": API_V2_PREFIX, "v1": API_V1_PREFIX}
API_PREFIXES = tuple(APIS.values())


def api_prefix_of(path: str) -> str | None:
    """The API version prefix `path` is under, if any."""
    return next((prefix for prefix in API_PREFIXES if path.startswith(f"{prefix}/")), None)


def location(request: Request, route_name: str, **path_params: int | str) -> dict[str, str]:
    """The Location header of a 201 or 202 response, pointing at the resource in the API version
    the request used. Every version serves the shared routers under its own prefix, so a route
    name alone may resolve to another version's URL: its prefix is swapped for the request's."""
    url = request.url_for(route_name, **path_params)
    request_prefix = api_prefix_of(request.url.path)
    route_prefix = api_prefix_of(url.path)
    if request_prefix is not None and route_prefix is not None:
        url = url.replace(path=request_prefix + url.path.removeprefix(route_prefix))
    return {"Location": str(url)}
{% else %}

API_PREFIX = "/api"
# The one API, by name.
APIS = {"api": API_PREFIX}


def location(request: Request, route_name: str, **path_params: int | str) -> dict[str, str]:
    """The Location header of a 201 or 202 response, pointing at the created resource."""
    return {"Location": str(request.url_for(route_name, **path_params))}
{% endif %}


def include_routers(
    app: FastAPI, routers: Iterable[APIRouter], prefix: str, *, deprecated: bool | None = None
) -> None:
    """Include each router into the app itself under `prefix`, not through one router that
    includes them all: FastAPI walks every level of included routers on every request."""
    for router in routers:
        app.include_router(router, prefix=prefix, deprecated=deprecated)


def api_routes(app: FastAPI) -> Iterator[tuple[str, APIRoute]]:
    """Each API route of the app, with its full path. (Recent FastAPI releases keep an included
    router whole, as one route, and tell each route's path through `iter_route_contexts`;
    earlier ones copied its routes into the app under the prefix.)"""
    iter_route_contexts = getattr(routing, "iter_route_contexts", None)
    if iter_route_contexts is None:
        for route in app.routes:
            if isinstance(route, APIRoute):
                yield route.path_format, route
        return
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, APIRoute) and context.path_format is not None:
            yield context.path_format, context.original_route
