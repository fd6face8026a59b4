"""The application: `create_app()` builds it from the features below, in order; `app` is what
uvicorn serves. Each feature's installer adds what it brings (see core/app.py)."""

from fastapi import FastAPI

from .api.install import install_api
{% if cookiecutter.use_auth %}
from .auth.install import install_auth
{% endif %}
{% if not cookiecutter.use_celery %}
from .background.install import install_background_jobs
{% endif %}
{% if cookiecutter.use_redis %}
from .cache.install import install_cache
{% endif %}
from .core.app import Installer, build_app
from .core.config import Settings, get_settings
from .core.install import install_core
from .core.logging import configure_logging
from .core.resources import Resources
from .live.install import install_live
from .metrics.install import install_metrics
{% if cookiecutter.api_versioning %}
from .versioning.install import install_versioning
{% endif %}
{% if cookiecutter.use_celery %}
from .worker.install import install_worker
{% endif %}

INSTALLERS: list[Installer] = [
    install_core,  # problem responses, request ids and access log, CORS, the database
{% if cookiecutter.use_celery %}
    install_worker,  # jobs on a Celery worker
{% else %}
    install_background_jobs,  # jobs in this process
{% endif %}
{% if cookiecutter.use_redis %}
    install_cache,  # Redis: the response cache and its invalidation
{% endif %}
{% if cookiecutter.use_auth %}
    install_auth,  # the login rate limiter
{% endif %}
{% if cookiecutter.api_versioning %}
    install_versioning,  # v1 deprecation headers, /docs grouped by version, v2 cursors
{% endif %}
    install_api,  # the index at /, /health and the domains' routes
    install_live,  # WS <api>/posts/live: committed post changes as they happen
    install_metrics,  # around all of the above: request metrics, GET /metrics
]


def create_app(settings: Settings | None = None, resources: Resources | None = None) -> FastAPI:
    """The application. `resources` may hold some of what the features would make (the tests
    pass their own{{ " Redis client and" if cookiecutter.use_redis }} job queue)."""
    settings = settings or get_settings()
    configure_logging(settings)
    return build_app(settings, INSTALLERS, resources)


app = create_app()
