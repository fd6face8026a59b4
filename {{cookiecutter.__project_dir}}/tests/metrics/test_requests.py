"""GET /metrics: requests by method, route template and status, their latency and those in
flight{{ "; the response cache's hits and misses" if cookiecutter.use_redis }}{{ "; failed and rate-limited logins" if cookiecutter.use_auth }}."""

import pytest
from httpx import ASGITransport, AsyncClient
from prometheus_client import CollectorRegistry
from starlette.types import ASGIApp, Receive, Scope, Send

from {{ cookiecutter.package_name }}.metrics.requests import MetricsMiddleware, RequestMetrics
from {{ cookiecutter.package_name }}.metrics.routes import UNMATCHED, RouteTemplates
from tests.factories import API, assert_problem, create_post, create_user{{ ", login" if cookiecutter.use_auth }}
from tests.metrics.scrape import Scrape, scrape

pytestmark = pytest.mark.anyio

# Path templates, as the label has them.
POST_ROUTE = API + "/posts/{post_id}"


def answered(metrics: Scrape, method: str, route: str, status: int) -> float | None:
    return metrics.value("http_requests_total", method=method, route=route, status=str(status))


async def test_requests_are_counted_by_route_template_and_status(client: AsyncClient) -> None:
    post = await create_post(client, await create_user(client))
    for _ in range(2):
        assert (await client.get(f"{API}/posts/{post['id']}")).status_code == 200
    assert_problem(await client.get(f"{API}/posts/999999"), 404)
    assert_problem(await client.get("/no/such/page/42"), 404)

    metrics = await scrape(client)

    assert answered(metrics, "GET", POST_ROUTE, 200) == 2
    assert answered(metrics, "GET", POST_ROUTE, 404) == 1
    assert answered(metrics, "POST", f"{API}/posts", 201) == 1
    assert answered(metrics, "GET", UNMATCHED, 404) == 1
    # Never a raw path: one series per route, whatever ids and paths clients send.
    routes = {labels["route"] for labels in metrics.labels_of("http_requests_total")}
    assert not [route for route in routes if "999999" in route or "/no/such" in route]


async def test_routes_outside_the_api_have_their_template_too(client: AsyncClient) -> None:
    assert (await client.get("/openapi.json")).status_code == 200
    assert (await client.get("/health/live")).status_code == 200

    metrics = await scrape(client)

    assert answered(metrics, "GET", "/openapi.json", 200) == 1
    assert answered(metrics, "GET", "/health/live", 200) == 1
{% if cookiecutter.api_versioning %}


async def test_each_api_version_has_its_own_template(client: AsyncClient) -> None:
    # Both versions serve the same route object: its own path lacks their prefixes.
    post = await create_post(client, await create_user(client))
    await client.get(f"/api/v1/posts/{post['id']}")
    await client.get(f"/api/v2/posts/{post['id']}")
    await client.get(f"/api/v2/posts/{post['id']}")

    metrics = await scrape(client)

    assert answered(metrics, "GET", "/api/v1/posts/{post_id}", 200) == 1
    assert answered(metrics, "GET", "/api/v2/posts/{post_id}", 200) == 2
{% endif %}


async def test_unknown_methods_count_as_other(client: AsyncClient) -> None:
    assert (await client.request("BREW", "/health/live")).status_code == 405

    assert answered(await scrape(client), "OTHER", "/health/live", 405) == 1


async def test_latency_is_a_histogram_by_route(client: AsyncClient) -> None:
    for _ in range(3):
        await client.get("/health/live")

    metrics = await scrape(client)

    route = {"method": "GET", "route": "/health/live"}
    assert metrics.value("http_request_duration_seconds_count", **route) == 3
    assert (metrics.value("http_request_duration_seconds_sum", **route) or 0) > 0
    buckets = sorted(
        (float(labels["le"]), metrics.value("http_request_duration_seconds_bucket", **labels))
        for labels in metrics.labels_of("http_request_duration_seconds_bucket")
        if labels["route"] == "/health/live"
    )
    counts = [count for _, count in buckets]
    assert counts == sorted(counts, key=lambda count: count or 0), "cumulative buckets"
    assert buckets[-1] == (float("inf"), 3)


async def test_the_scrape_is_neither_measured_nor_in_the_api_schema(client: AsyncClient) -> None:
    await scrape(client)

    metrics = await scrape(client)

    assert metrics.value("http_requests_in_flight") == 0
    assert "/metrics" not in {label["route"] for label in metrics.labels_of("http_requests_total")}
    assert "/metrics" not in (await client.get("/openapi.json")).json()["paths"]


@pytest.mark.parametrize("app_settings", [{"metrics_enabled": False}], indirect=True)
async def test_metrics_can_be_turned_off(client: AsyncClient) -> None:
    assert_problem(await client.get("/metrics"), 404)


def measured(app: ASGIApp, registry: CollectorRegistry) -> AsyncClient:
    """A client of `app` behind the metrics middleware, which records into `registry`."""
    no_routes = RouteTemplates([])
{% if cookiecutter.use_auth %}
    metrics = RequestMetrics(registry, no_routes, login_routes=())
{% else %}
    metrics = RequestMetrics(registry, no_routes)
{% endif %}
    middleware = MetricsMiddleware(app, metrics, exposition=None)
    return AsyncClient(transport=ASGITransport(app=middleware), base_url="http://test")


async def test_a_request_is_in_flight_until_its_response_is_sent() -> None:
    registry = CollectorRegistry()
    seen_inside: list[float | None] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        seen_inside.append(registry.get_sample_value("http_requests_in_flight"))
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async with measured(app, registry) as client:
        assert (await client.get("/anything")).status_code == 204

    assert seen_inside == [1]
    assert registry.get_sample_value("http_requests_in_flight") == 0


async def test_an_error_that_escapes_is_a_500_and_leaves_nothing_in_flight() -> None:
    registry = CollectorRegistry()

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        raise RuntimeError("boom")

    async with measured(app, registry) as client:
        with pytest.raises(RuntimeError, match="boom"):
            await client.get("/anything")

    labels = {"method": "GET", "route": UNMATCHED, "status": "500"}
    assert registry.get_sample_value("http_requests_total", labels) == 1
    assert registry.get_sample_value("http_requests_in_flight") == 0
{% if cookiecutter.use_redis %}


async def test_cache_hits_and_misses_are_counted_by_route(client: AsyncClient) -> None:
    post = await create_post(client, await create_user(client))
    for _ in range(3):
        await client.get(f"{API}/posts/{post['id']}")

    metrics = await scrape(client)

    assert metrics.value("response_cache_lookups_total", route=POST_ROUTE, result="miss") == 1
    assert metrics.value("response_cache_lookups_total", route=POST_ROUTE, result="hit") == 2
{% endif %}
{% if cookiecutter.use_auth %}


@pytest.mark.parametrize("app_settings", [{"login_rate_limit": "2/minute"}], indirect=True)
async def test_failed_and_rate_limited_logins_are_counted(client: AsyncClient) -> None:
    for _ in range(2):
        assert_problem(await login(client, "nobody@example.com", "a wrong guess"), 401)
    assert_problem(await login(client, "nobody@example.com", "a wrong guess"), 429)
    # A 401 elsewhere is no failed login.
    assert_problem(await client.get(f"{API}/users/me"), 401)

    metrics = await scrape(client)

    assert metrics.value("auth_login_failures_total") == 2
    assert metrics.value("auth_login_rate_limited_total") == 1
{% endif %}
