"""The application: `create_app()` builds it, `app` is what uvicorn serves."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
{% if cookiecutter.use_redis %}
{% if cookiecutter.orm_mode == "async" %}
from redis.asyncio import Redis
{% else %}
from redis import Redis
{% endif %}
{% endif %}

{% if cookiecutter.api_versioning %}
from .api import v1, v2
{% else %}
from .api import v1
{% endif %}
{% if cookiecutter.use_auth %}
from .auth.rate_limit import LoginRateLimiter
{% endif %}
{% if cookiecutter.use_redis %}
from .core.cache import Cache
{% endif %}
{% if cookiecutter.use_celery %}
from .core.celery_app import create_celery_app
{% endif %}
from .core.config import Settings, get_settings
{% if cookiecutter.api_versioning %}
from .core.cursor_pagination import Cursors
{% endif %}
from .core.db import open_database
from .core.errors import register_error_handlers
from .core.logging import configure_logging
from .core.middleware import REQUEST_ID_HEADER, RequestContextMiddleware
from .core.openapi import service_openapi
{% if cookiecutter.use_redis %}
from .core.redis import RedisStore, create_redis_client
{% endif %}
{% if cookiecutter.use_celery %}
from .core.tasks import TaskQueue
{% endif %}
{% if cookiecutter.api_versioning %}
from .core.versioning import DEPRECATION_HEADERS, DeprecationHeadersMiddleware
{% endif %}
from .health.router import router as health_router


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    async with open_database(app.state.settings, app.state):
{% if cookiecutter.use_redis %}
        try:
            yield
        finally:
            {{ cookiecutter.__await }}app.state.redis.close()
{% else %}
        yield
{% endif %}


{% if cookiecutter.use_redis %}
def create_app(settings: Settings | None = None, redis_client: Redis | None = None) -> FastAPI:
    """The application; `redis_client` replaces the one REDIS_URL names (the tests pass theirs)."""
{% else %}
def create_app(settings: Settings | None = None) -> FastAPI:
{% endif %}
    settings = settings or get_settings()
    configure_logging(settings)
    app = FastAPI(
        title=settings.app_name,
        version=version("{{ cookiecutter.project_slug }}"),
        lifespan=lifespan,
    )
    app.state.settings = settings
{% if cookiecutter.use_redis %}
    # The client connects on first use, so the app starts (and serves) while Redis is away.
    redis = RedisStore(
        redis_client or create_redis_client(settings),
        settings.redis_key_prefix,
        settings.redis_retry_after_seconds,
    )
    app.state.redis = redis
    app.state.cache = Cache(redis, settings.cache_ttl_seconds)
{% if cookiecutter.use_auth %}
    app.state.login_limiter = LoginRateLimiter(settings.login_rate_limit, redis)
{% endif %}
{% elif cookiecutter.use_auth %}
    app.state.login_limiter = LoginRateLimiter(settings.login_rate_limit)
{% endif %}
{% if cookiecutter.use_celery %}
    celery = create_celery_app(settings)
    app.state.task_queue = TaskQueue(celery, settings.celery_broker_timeout_seconds)
{% endif %}
{% if cookiecutter.api_versioning %}
    app.state.cursors = Cursors(settings.secret_key.get_secret_value())
{% endif %}
    register_error_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["*"],
{% if cookiecutter.api_versioning %}
            expose_headers=[REQUEST_ID_HEADER, "Location", *DEPRECATION_HEADERS],
{% else %}
            expose_headers=[REQUEST_ID_HEADER, "Location"],
{% endif %}
        )
{% if cookiecutter.api_versioning %}
    app.add_middleware(RequestContextMiddleware)
    # Added last, so it is the outermost layer and marks every v1 response, errors included.
    app.add_middleware(
        DeprecationHeadersMiddleware,
        deprecated_on=settings.api_v1_deprecated_on,
        sunset_on=settings.api_v1_sunset_on,
        successor_routers=v2.ROUTERS,
    )
    app.include_router(health_router)
    v2.include_routes(app)
    v1.include_routes(app)
{% else %}
    # Added last, so it is the outermost layer and sees every response, errors included.
    app.add_middleware(RequestContextMiddleware)
    app.include_router(health_router)
    v1.include_routes(app)
{% endif %}
    app.openapi = service_openapi(app)  # type: ignore[method-assign]
    return app


app = create_app()
