"""Deprecation signalling for API version 1: every response under /api/v1 tells clients when v1
goes away and, where v2 serves the same path, where to go instead."""

from datetime import UTC, date, datetime, time
from email.utils import format_datetime

from starlette.datastructures import MutableHeaders
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .routing import API_V1_PREFIX, API_V2_PREFIX

# What every v1 response carries; browsers may read them (CORS exposes them).
DEPRECATION_HEADERS = ("Deprecation", "Sunset", "Link")


def midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def deprecation_header(deprecated_on: date) -> str:
    """RFC 9745: a structured-field date, `@` and Unix seconds."""
    return f"@{int(midnight_utc(deprecated_on).timestamp())}"


def sunset_header(sunset_on: date) -> str:
    """RFC 8594: an HTTP date."""
    return format_datetime(midnight_utc(sunset_on), usegmt=True)


def successor_path(scope: Scope) -> str | None:
    """The v2 path that serves the same method as this v1 request, if v2 has one."""
    path: str = scope["path"]
    if not path.startswith(f"{API_V1_PREFIX}/"):
        return None
    candidate = API_V2_PREFIX + path.removeprefix(API_V1_PREFIX)
    routes: list[BaseRoute] = scope["app"].routes
    probe = {**scope, "path": candidate}
    if any(route.matches(probe)[0] is Match.FULL for route in routes):
        return candidate
    return None


class DeprecationHeadersMiddleware:
    """Adds `Deprecation`, `Sunset` and, where v2 has a successor, `Link: <...>;
    rel="successor-version"` to every v1 response, errors included."""

    def __init__(self, app: ASGIApp, deprecated_on: date, sunset_on: date) -> None:
        self.app = app
        self.deprecation = deprecation_header(deprecated_on)
        self.sunset = sunset_header(sunset_on)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(f"{API_V1_PREFIX}/"):
            await self.app(scope, receive, send)
            return
        successor = successor_path(scope)

        async def send_with_deprecation(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.append("Deprecation", self.deprecation)
                headers.append("Sunset", self.sunset)
                if successor is not None:
                    headers.append("Link", f'<{successor}>; rel="successor-version"')
            await send(message)

        await self.app(scope, receive, send_with_deprecation)
