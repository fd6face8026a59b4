"""What every service has: problem responses, request ids, security headers and the access log,
the request body limit, CORS, the database, the response cache's default (no cache), and its
OpenAPI document."""

from functools import partial

from fastapi.middleware.cors import CORSMiddleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from .app import AppBuilder
from .db import get_session, open_database
from .errors import register_error_handlers
from .middleware import (
    REQUEST_ID_HEADER,
    BodySizeLimitMiddleware,
    RequestContextMiddleware,
    security_headers,
)
from .openapi import service_openapi
from .response_cache import ResponseCache


def install_core(builder: AppBuilder) -> None:
    app, settings = builder.app, builder.settings
    register_error_handlers(app)
    builder.exposed_headers += [REQUEST_ID_HEADER, "Location", "ETag"]
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["*"],
            # The builder's own list: features installed later add their headers to it before
            # the middleware is built (at the first request).
            expose_headers=builder.exposed_headers,
        )
    # Inside the request context, so that a 413 is logged and carries the request id.
    app.add_middleware(BodySizeLimitMiddleware, max_body_bytes=settings.max_request_body_bytes)
    app.add_middleware(
        RequestContextMiddleware,
        response_headers=security_headers(production=settings.environment == "production"),
    )
    if settings.trusted_proxies:
        # Outside the request context, so that the access log and the login rate limits see
        # the client a trusted proxy names. The server itself trusts no proxy (--no-proxy-headers
        # in the Dockerfile and the Makefile): this setting alone decides.
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
    builder.resources.provide_default(ResponseCache, ResponseCache)
    builder.add_lifespan(partial(open_database, settings, builder.resources))
    # The database may be away: every route that uses it may answer 503.
    builder.dependency_errors[get_session] = (503,)
    app.openapi = service_openapi(  # type: ignore[method-assign]
        app, builder.openapi_changes, builder.dependency_errors
    )
