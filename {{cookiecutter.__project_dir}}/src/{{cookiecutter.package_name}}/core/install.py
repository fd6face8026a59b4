"""What every service has: problem responses, request ids and the access log, CORS, the database,
the response cache's default (no cache), and its OpenAPI document."""

from functools import partial

from fastapi.middleware.cors import CORSMiddleware

from .app import AppBuilder
from .db import open_database
from .errors import register_error_handlers
from .middleware import REQUEST_ID_HEADER, RequestContextMiddleware
from .openapi import service_openapi
from .response_cache import ResponseCache


def install_core(builder: AppBuilder) -> None:
    app, settings = builder.app, builder.settings
    register_error_handlers(app)
    builder.exposed_headers += [REQUEST_ID_HEADER, "Location"]
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
    app.add_middleware(RequestContextMiddleware)
    builder.resources.provide_default(ResponseCache, ResponseCache)
    builder.add_lifespan(partial(open_database, settings, builder.resources))
    app.openapi = service_openapi(app, builder.openapi_changes)  # type: ignore[method-assign]
