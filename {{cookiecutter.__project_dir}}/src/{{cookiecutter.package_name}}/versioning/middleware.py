"""Deprecation signalling for API version 1: every response under /api/v1 tells clients since when
v1 is deprecated and when it goes away (once those dates are set) and, where v2 serves the same
path, where to go instead."""

from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from email.utils import format_datetime
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.routing import APIRoute
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..core.routing import API_V1_PREFIX, API_V2_PREFIX

# What v1 responses carry; browsers may read them (CORS exposes them).
DEPRECATION_HEADERS = ("Deprecation", "Sunset", "Link")


def midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def deprecation_header(deprecated_on: date) -> str:
    """RFC 9745: a structured-field date, `@` and Unix seconds."""
    return f"@{int(midnight_utc(deprecated_on).timestamp())}"


def sunset_header(sunset_on: date) -> str:
    """RFC 8594: an HTTP date."""
    return format_datetime(midnight_utc(sunset_on), usegmt=True)


def route_keys(routers: Iterable[APIRouter]) -> frozenset[tuple[str, str]]:
    """(method, path template) of every route of `routers`, the path without a version prefix."""
    return frozenset(
        (method, route.path)
        for router in routers
        for route in router.routes
        if isinstance(route, APIRoute)
        for method in route.methods or ()
    )


class DeprecationHeadersMiddleware:
    """Adds `Deprecation` and `Sunset` (each if its date is set) and, where v2 has a successor,
    `Link: <...>; rel="successor-version"` to every v1 response, errors included."""

    def __init__(
        self,
        app: ASGIApp,
        deprecated_on: date | None,
        sunset_on: date | None,
        successor_routers: Iterable[APIRouter],
    ) -> None:
        self.app = app
        self.dated_headers: list[tuple[str, str]] = []
        if deprecated_on is not None:
            self.dated_headers.append(("Deprecation", deprecation_header(deprecated_on)))
        if sunset_on is not None:
            self.dated_headers.append(("Sunset", sunset_header(sunset_on)))
        self.successor_routes = route_keys(successor_routers)

    def successor_path(self, scope: Scope, path: str) -> str | None:
        """The v2 path of this v1 request, if v2 serves its method and route.

        Asked when the response starts, so routing has put the matched route in the scope: a
        set lookup, where matching the v2 path against every route would cost a second routing.
        """
        route = scope.get("route")
        if not isinstance(route, APIRoute):
            return None
        if (scope["method"], route.path.removeprefix(API_V1_PREFIX)) not in self.successor_routes:
            return None
        # Percent-encoded as in a URL: the decoded path may hold what no header may.
        return quote(API_V2_PREFIX + path.removeprefix(API_V1_PREFIX))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(f"{API_V1_PREFIX}/"):
            await self.app(scope, receive, send)
            return

        async def send_with_deprecation(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.dated_headers:
                    headers.append(name, value)
                successor = self.successor_path(scope, path)
                if successor is not None:
                    headers.append("Link", f'<{successor}>; rel="successor-version"')
            await send(message)

        await self.app(scope, receive, send_with_deprecation)
