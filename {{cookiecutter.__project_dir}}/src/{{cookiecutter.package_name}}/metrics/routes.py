"""The route template of a request, e.g. /api/v2/posts/{post_id}: the label of its metrics."""

import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import fastapi.routing
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Route
from starlette.types import Scope

# The label of a request that matched no route: never its path, which any client can vary.
UNMATCHED = "<unmatched>"


class FullRoute(NamedTuple):
    """A route as the application serves it: its template has the prefixes of the routers it
    was included under."""

    route: BaseRoute
    template: str
    pattern: re.Pattern[str]
    endpoint: Callable[..., Any] | None


def full_routes(routes: Sequence[BaseRoute]) -> list[FullRoute]:
    """Every route of the application with its full template. Since FastAPI 0.137 an included
    router stays as it is, and `iter_route_contexts` (0.137.2) adds its prefixes to its routes;
    before, `include_router` copied each route, prefixed, into the application's routes. Looked
    up by name, as pyproject.toml allows a FastAPI older than it."""
    contexts = getattr(fastapi.routing, "iter_route_contexts", None)
    if contexts is None:
        return [
            FullRoute(route, route.path_format, route.path_regex, route.endpoint)
            for route in routes
            if isinstance(route, Route)
        ]
    return [
        FullRoute(context.original_route, template, context.path_regex, context.endpoint)
        for context in contexts(routes)
        if (template := context.path_format) is not None
    ]


class RouteTemplates:
    """Finds the full template of the route a request matched, from what routing left in the
    scope: the route (`route`, FastAPI's routes) or else its endpoint (`endpoint`, the others,
    such as /docs).

    Since FastAPI 0.137 the route in the scope is the one its router declared, whose path lacks
    the prefixes the router was included under: a router included twice (the routers /api/v1
    and /api/v2 share) gives both versions one route. So every route's full templates are
    listed once, here, and only a route that has several is told apart by its path.
    """

    def __init__(self, routes: Sequence[BaseRoute]) -> None:
        found: dict[int, list[FullRoute]] = {}
        for full in full_routes(routes):
            # FastAPI's routes by themselves, the others (left out of the scope) by endpoint.
            if isinstance(full.route, APIRoute) or full.endpoint is None:
                key = id(full.route)
            else:
                key = id(full.endpoint)
            found.setdefault(key, []).append(full)
        # By id: routes compare by value, and the application keeps them alive anyway.
        self._by_id = {key: tuple(each) for key, each in found.items()}

    def of(self, scope: Scope) -> str:
        matched = scope.get("route") or scope.get("endpoint")
        candidates = self._by_id.get(id(matched)) if matched is not None else None
        if not candidates:
            return UNMATCHED
        if len(candidates) == 1:
            return candidates[0].template
        path = scope["path"]
        root_path = scope.get("root_path", "")
        if root_path and path.startswith(root_path):
            path = path[len(root_path) :]
        for candidate in candidates:
            if candidate.pattern.match(path):
                return candidate.template
        return UNMATCHED

    def of_endpoint(self, endpoint: Callable[..., Any]) -> frozenset[str]:
        """The templates of every route whose endpoint this is."""
        return frozenset(
            full.template
            for candidates in self._by_id.values()
            for full in candidates
            if full.endpoint is endpoint
        )
