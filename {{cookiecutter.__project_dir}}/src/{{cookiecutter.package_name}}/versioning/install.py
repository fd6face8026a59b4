"""API versioning: v1 marked deprecated on every response, each version's operations grouped in
/docs, and the signed cursors of v2's keyset pagination."""

from ..api import v2
from ..core.app import AppBuilder
from .cursors import Cursors
from .middleware import DEPRECATION_HEADERS, DeprecationHeadersMiddleware
from .openapi import group_by_version


def install_versioning(builder: AppBuilder) -> None:
    settings = builder.settings
    builder.resources.provide(Cursors, Cursors(settings.secret_key.get_secret_value()))
    builder.exposed_headers += DEPRECATION_HEADERS
    builder.openapi_changes.append(group_by_version)
    # Installed after the core middleware, so it is the outer layer and marks every v1
    # response, errors included.
    builder.app.add_middleware(
        DeprecationHeadersMiddleware,
        deprecated_on=settings.api_v1_deprecated_on,
        sunset_on=settings.api_v1_sunset_on,
        successor_routers=v2.ROUTERS,
    )
