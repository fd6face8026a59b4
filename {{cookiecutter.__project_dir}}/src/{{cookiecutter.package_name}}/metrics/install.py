"""Prometheus metrics, served at GET /metrics or on METRICS_PORT (off: METRICS_ENABLED=false):
requests by method, route template and status, their latency, those in flight, and the database
pool, the live feed{{ "; the response cache's hits and misses" if cookiecutter.use_redis }}{{ "; failed and rate-limited logins" if cookiecutter.use_auth }}."""

from functools import partial

from prometheus_client import CollectorRegistry, make_asgi_app
from sqlalchemy.pool import Pool

{% if cookiecutter.use_auth %}
from ..auth.router import login
{% endif %}
from ..core.app import AppBuilder
from ..core.resources import Resources
from ..live.hub import LiveHub
from .exposition import (
    exposition_registry,
    live_process,
    multiprocess_dir,
    refreshed,
    served_on_port,
)
from .live import LiveCollector, LiveGauges
from .pool import PoolCollector, PoolGauges
from .requests import MetricsMiddleware, RequestMetrics
from .routes import RouteTemplates


def current_pool(resources: Resources) -> Pool | None:
    """The engine's pool, once the database is open (core/db.py provides it)."""
    try:
        return resources.get(Pool)
    except LookupError:
        return None


def install_metrics(builder: AppBuilder) -> None:
    settings = builder.settings
    if not settings.metrics_enabled:
        return
    registry = CollectorRegistry()
    # Every route is there: the API is installed before the metrics.
    templates = RouteTemplates(builder.app.routes)
{% if cookiecutter.use_auth %}
    # The login route, one per API version: its 401s and 429s are refused logins.
    metrics = RequestMetrics(registry, templates, templates.of_endpoint(login))
{% else %}
    metrics = RequestMetrics(registry, templates)
{% endif %}
    pool = partial(current_pool, builder.resources)
    hub = builder.resources.get(LiveHub)
    if multiprocess_dir() is None:
        registry.register(PoolCollector(pool))
        registry.register(LiveCollector(hub))
    else:
        # Entered first and so left last, once nothing writes this process's gauges any more.
        builder.add_lifespan(live_process)
        pool_gauges, live_gauges = PoolGauges(registry, pool), LiveGauges(registry, hub)

        def refresh() -> None:
            pool_gauges.refresh()
            live_gauges.refresh()

        builder.add_lifespan(partial(refreshed, refresh))
    exposition = exposition_registry(registry)
    if settings.metrics_port is None:
        served_here = make_asgi_app(exposition)
    else:
        served_here = None
        address, port = settings.metrics_address, settings.metrics_port
        builder.add_lifespan(partial(served_on_port, exposition, address, port))
    # Installed last, so that it is the outermost middleware and measures the whole request.
    builder.app.add_middleware(MetricsMiddleware, metrics=metrics, exposition=served_here)
