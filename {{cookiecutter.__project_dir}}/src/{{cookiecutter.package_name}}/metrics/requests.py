"""Request metrics, measured by a pure ASGI middleware around the whole application, which also
serves GET /metrics (unless the metrics have a port of their own)."""

import time
{% if cookiecutter.use_auth %}
from collections.abc import Collection
{% endif %}

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .routes import RouteTemplates

METRICS_PATH = "/metrics"
# Any other method counts as OTHER: clients may send any word.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
OTHER_METHOD = "OTHER"
# Seconds: from a cached read to the database's timeouts.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
{% if cookiecutter.use_redis %}
# The response cache says on each response it could serve whether it did (cache/cache.py).
CACHE_HEADER = b"x-cache"
CACHE_RESULTS = {b"hit": "hit", b"miss": "miss"}
{% endif %}
{% if cookiecutter.use_auth %}
LOGIN_FAILED = 401
LOGIN_RATE_LIMITED = 429
{% endif %}


class RequestMetrics:
    """The metrics of one application. Label sets are looked up once each and kept: a request
    costs a few dictionary lookups{{ ", a look at its headers" if cookiecutter.use_redis }} and the updates themselves."""

{% if cookiecutter.use_auth %}
    def __init__(
        self,
        registry: CollectorRegistry,
        templates: RouteTemplates,
        login_routes: Collection[str],
    ) -> None:
{% else %}
    def __init__(self, registry: CollectorRegistry, templates: RouteTemplates) -> None:
{% endif %}
        self.templates = templates
        self.requests = Counter(
            "http_requests_total",
            "HTTP requests answered, by method, route template and status.",
            ["method", "route", "status"],
            registry=registry,
        )
        self.latency = Histogram(
            "http_request_duration_seconds",
            "Time from the request's arrival to the end of its response, by method and route.",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        # Summed over the live processes in multiprocess mode.
        self.in_flight = Gauge(
            "http_requests_in_flight",
            "HTTP requests being answered.",
            registry=registry,
            multiprocess_mode="livesum",
        )
{% if cookiecutter.use_redis %}
        self.cache_lookups = Counter(
            "response_cache_lookups_total",
            "Reads of cacheable responses, by route and result (hit or miss).",
            ["route", "result"],
            registry=registry,
        )
{% endif %}
{% if cookiecutter.use_auth %}
        self.login_failures = Counter(
            "auth_login_failures_total",
            "Logins refused for a wrong email or password (401 on the login route).",
            registry=registry,
        )
        self.login_rate_limited = Counter(
            "auth_login_rate_limited_total",
            "Logins refused by the login rate limits (429 on the login route).",
            registry=registry,
        )
        self.login_routes = frozenset(login_routes)
{% endif %}
        self._by_labels: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}

{% if cookiecutter.use_redis %}
    def observe(self, scope: Scope, status: int, seconds: float, cache: bytes | None) -> None:
{% else %}
    def observe(self, scope: Scope, status: int, seconds: float) -> None:
{% endif %}
        method = scope["method"]
        if method not in METHODS:
            method = OTHER_METHOD
        # The route's template, not the path, is the label.
        template = self.templates.of(scope)
        key = (method, template, status)
        children = self._by_labels.get(key)
        if children is None:
            children = (
                self.requests.labels(method, template, str(status)),
                self.latency.labels(method, template),
            )
            self._by_labels[key] = children
        requests, latency = children
        requests.inc()
        latency.observe(seconds)
{% if cookiecutter.use_redis %}
        if cache in CACHE_RESULTS:
            self.cache_lookups.labels(template, CACHE_RESULTS[cache]).inc()
{% endif %}
{% if cookiecutter.use_auth %}
        if template in self.login_routes:
            if status == LOGIN_FAILED:
                self.login_failures.inc()
            elif status == LOGIN_RATE_LIMITED:
                self.login_rate_limited.inc()
{% endif %}


class MetricsMiddleware:
    """Measures every HTTP request, from its arrival to the end of its response, and answers
    GET /metrics with `exposition` (when given) without measuring it."""

    def __init__(self, app: ASGIApp, metrics: RequestMetrics, exposition: ASGIApp | None) -> None:
        self.app = app
        self.metrics = metrics
        self.exposition = exposition

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.exposition is not None and scope["path"] == METRICS_PATH:
            await self.exposition(scope, receive, send)
            return

        status = 500  # unless a response starts
{% if cookiecutter.use_redis %}
        cache: bytes | None = None
{% endif %}

        async def send_observed(message: Message) -> None:
{% if cookiecutter.use_redis %}
            nonlocal status, cache
            if message["type"] == "http.response.start":
                status = message["status"]
                for name, value in message.get("headers", ()):
                    if name == CACHE_HEADER:
                        cache = value
{% else %}
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
{% endif %}
            await send(message)

        in_flight = self.metrics.in_flight
        in_flight.inc()
        started = time.perf_counter()
        try:
            await self.app(scope, receive, send_observed)
        finally:
            in_flight.dec()
{% if cookiecutter.use_redis %}
            self.metrics.observe(scope, status, time.perf_counter() - started, cache)
{% else %}
            self.metrics.observe(scope, status, time.perf_counter() - started)
{% endif %}
