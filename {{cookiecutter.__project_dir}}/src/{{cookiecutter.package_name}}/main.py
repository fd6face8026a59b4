"""The application: `create_app()` builds it, `app` is what uvicorn serves."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from .api.v1 import router as api_v1_router
{% if cookiecutter.use_auth %}
from .auth.rate_limit import LoginRateLimiter
{% endif %}
from .core.config import Settings, get_settings
from .core.db import open_database
from .core.errors import register_error_handlers
from .core.logging import configure_logging
from .core.middleware import REQUEST_ID_HEADER, RequestContextMiddleware
from .core.openapi import problem_openapi
from .health.router import router as health_router


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    async with open_database(app.state.settings, app.state):
        yield


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings)
    app = FastAPI(
        title=settings.app_name,
        version=version("{{ cookiecutter.project_slug }}"),
        lifespan=lifespan,
    )
    app.state.settings = settings
{% if cookiecutter.use_auth %}
    app.state.login_limiter = LoginRateLimiter(settings.login_rate_limit)
{% endif %}
    register_error_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=[REQUEST_ID_HEADER, "Location"],
        )
    # Added last, so it is the outermost layer and sees every response, errors included.
    app.add_middleware(RequestContextMiddleware)
    app.include_router(health_router)
    app.include_router(api_v1_router)
    app.openapi = problem_openapi(app)  # type: ignore[method-assign]
    return app


app = create_app()
