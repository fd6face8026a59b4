"""HTTP hardening: the body size limit, security headers, 405s that tell every method, the docs
in production, and an OpenAPI document that lists every error each operation gives."""

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient, Response

from {{ cookiecutter.package_name }}.core.config import Settings
from {{ cookiecutter.package_name }}.main import create_app
from tests.factories import (
    API,
{% if cookiecutter.api_versioning %}
    API_V1,
{% endif %}
{% if cookiecutter.use_auth %}
    PASSWORD,
{% endif %}
    assert_problem,
    create_post,
    create_tag,
    create_user,
{% if cookiecutter.use_auth %}
    login,
{% endif %}
    post_payload,
)

pytestmark = pytest.mark.anyio

CHUNK = b"x" * 65_536
# The post operations' path, as the OpenAPI document names it.
A_POST = API + "/posts/{post_id}"
# The paths that answer without the database.
WITHOUT_DATABASE = {"/", "/health/live"}


class Chunks:
    """A request body streamed in chunks, counting how many the service read."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.read = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for _ in range(self.count):
            self.read += 1
            yield CHUNK


def chunks_over(limit: int) -> Chunks:
    """A body a hundred times the limit."""
    return Chunks(100 * limit // len(CHUNK))


async def test_a_body_over_the_limit_is_413_without_being_read(
    client: AsyncClient, settings: Settings
) -> None:
    limit = settings.max_request_body_bytes
    body = chunks_over(limit)
    headers = {"content-type": "application/json", "content-length": str(body.count * len(CHUNK))}

    response = await client.post(f"{API}/posts", content=body, headers=headers)

    problem = assert_problem(response, 413)
    assert str(limit) in problem["detail"]
    assert body.read <= 1  # the transport may pull one chunk; the service reads none


async def test_a_chunked_body_is_cut_off_at_the_limit(
    client: AsyncClient, settings: Settings
) -> None:
    limit = settings.max_request_body_bytes
    body = chunks_over(limit)

    response = await client.post(
        f"{API}/posts", content=body, headers={"content-type": "application/json"}
    )

    assert response.request.headers["transfer-encoding"] == "chunked"
    assert_problem(response, 413)
    assert body.read <= limit // len(CHUNK) + 2


async def test_a_body_within_the_limit_is_served(client: AsyncClient) -> None:
    author = await create_user(client)
    payload = post_payload(author, body="word " * 20_000)

    response = await client.post(f"{API}/posts", json=payload, headers=author["headers"])

    assert response.status_code == 201, response.text


async def test_every_response_carries_the_security_headers(client: AsyncClient) -> None:
    responses = [
        await client.get("/health/live"),
        await client.get(f"{API}/posts/4242"),
        await client.get(f"{API}/posts", params={"limit": 0}),
    ]

    for response in responses:
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["content-security-policy"] == "frame-ancestors 'none'"
        # Outside production the service may be served over plain HTTP.
        assert "strict-transport-security" not in response.headers


def production_client(settings: Settings, **overrides: Any) -> AsyncClient:
    """A client of the application as configured for production (only routes that need no
    database are called through it)."""
    production = settings.model_copy(update={"environment": "production", **overrides})
    app = create_app(production)
    return AsyncClient(transport=ASGITransport(app=app), base_url="http://test")


async def test_production_adds_hsts_and_hides_the_docs(settings: Settings) -> None:
    async with production_client(settings) as client:
        live = await client.get("/health/live")
        docs = [await client.get(path) for path in ("/docs", "/redoc", "/openapi.json")]

    assert live.headers["strict-transport-security"].startswith("max-age=")
    assert [response.status_code for response in docs] == [404, 404, 404]


async def test_the_docs_can_be_enabled_in_production(settings: Settings) -> None:
    async with production_client(settings, api_docs_enabled=True) as client:
        docs = [await client.get(path) for path in ("/docs", "/redoc", "/openapi.json")]

    assert [response.status_code for response in docs] == [200, 200, 200]


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("PUT", f"{API}/posts/1", "DELETE, GET, PATCH"),
        ("PUT", f"{API}/posts", "GET, POST"),
{% if cookiecutter.use_auth %}
        # Not DELETE: that of /users/{user_id} is no method of /users/me.
        ("DELETE", f"{API}/users/me", "GET, PATCH"),
{% endif %}
        ("POST", "/health/live", "GET"),
    ],
)
async def test_a_405_lists_every_method_of_the_path(
    client: AsyncClient, method: str, path: str, allowed: str
) -> None:
    response = await client.request(method, path)

    assert_problem(response, 405)
    assert response.headers["allow"] == allowed
{% if cookiecutter.use_auth %}


async def test_token_responses_are_not_stored(client: AsyncClient) -> None:
    user = await create_user(client)
    refresh_token = user["tokens"]["refresh_token"]

    responses = [
        await login(client, user["email"], PASSWORD),
        await client.post(f"{API}/auth/refresh", json={"refresh_token": refresh_token}),
    ]

    for response in responses:
        assert response.status_code == 200, response.text
        assert response.headers["cache-control"] == "no-store"
        assert response.headers["pragma"] == "no-cache"


@pytest.mark.parametrize("form", [{"username": "", "password": "x"}, {"username": "a@b.c"}])
async def test_an_empty_or_missing_login_field_is_422(
    client: AsyncClient, form: dict[str, str]
) -> None:
    assert_problem(await client.post(f"{API}/auth/token", data=form), 422)
{% endif %}


def documented(schema: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    responses: dict[str, Any] = schema["paths"][path][method.lower()]["responses"]
    return responses


async def test_each_operation_documents_the_errors_it_gives(client: AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()
    author = await create_user(client)
{% if cookiecutter.use_auth %}
    other = await create_user(client, email="grace@example.com", full_name="Grace Hopper")
{% endif %}
    post = await create_post(client, author)
    await create_tag(client, "taken", author)
    post_path = f"{API}/posts/{post['id']}"
    too_large = b"[" + b"0," * 600_000 + b"0]"

    # (the operation as documented, the response it gave, the status it should be)
    given: list[tuple[str, str, Response, int]] = [
        ("GET", A_POST, await client.get(f"{API}/posts/4242"), 404),
        ("GET", f"{API}/posts", await client.get(f"{API}/posts", params={"limit": 0}), 422),
        (
            "POST",
            f"{API}/posts",
            await client.post(
                f"{API}/posts",
                content=too_large,
                headers={"content-type": "application/json", **author["headers"]},
            ),
            413,
        ),
        (
            "POST",
            f"{API}/tags",
            await client.post(f"{API}/tags", json={"name": "taken"}, headers=author["headers"]),
            409,
        ),
        (
            "POST",
            f"{API}/tags",
            await client.post(
                f"{API}/tags",
                content=b"\xff",  # not even text
                headers={"content-type": "application/json", **author["headers"]},
            ),
            400,
        ),
{% if cookiecutter.use_auth %}
        (
            "PATCH",
            A_POST,
            await client.patch(post_path, json={"title": "Anonymous"}),
            401,
        ),
        (
            "PATCH",
            A_POST,
            await client.patch(post_path, json={"title": "Not mine"}, headers=other["headers"]),
            403,
        ),
        ("GET", f"{API}/users", await client.get(f"{API}/users", headers=other["headers"]), 403),
        (
            "POST",
            f"{API}/auth/token",
            await login(client, author["email"], "not the password"),
            401,
        ),
{% else %}
        (
            "PATCH",
            A_POST,
            await client.patch(post_path, json={"title": None}),
            422,
        ),
{% endif %}
    ]

    for method, path, response, status in given:
        assert_problem(response, status)
        assert str(status) in documented(schema, method, path), (method, path, status)


async def test_every_error_response_is_documented_as_a_problem(client: AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            # Any request may be too large; any that needs the database may find it away.
            assert "413" in responses, (method, path)
            if path not in WITHOUT_DATABASE:
                assert "503" in responses, (method, path)
            if operation.get("security"):
                assert "401" in responses, (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)
            for status, response in responses.items():
                if status[0] in "45":
                    [content] = response["content"].values()
                    assert content["schema"]["$ref"] == "#/components/schemas/Problem"


async def test_request_schemas_say_what_the_service_accepts(client: AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()
    components = schema["components"]["schemas"]

    author = await create_user(client)
    post = await create_post(client, author)

    # A PATCH field may be left out but not sent as null.
    assert "null" not in json.dumps(components["PostUpdate"])
    null_title = await client.patch(
        f"{API}/posts/{post['id']}", json={"title": None}, headers=author["headers"]
    )
    assert_problem(null_title, 422)
    # A boolean is true or false, not 0 or "yes".
    for published in (0, "yes"):
        payload = post_payload(author, published=published)
        created = await client.post(f"{API}/posts", json=payload, headers=author["headers"])
        assert_problem(created, 422)
    # No NUL, and no title that is only whitespace.
    title = components["PostCreate"]["properties"]["title"]
    assert "pattern" in title
    blank = await client.post(
        f"{API}/posts", json=post_payload(author, title="   "), headers=author["headers"]
    )
    assert_problem(blank, 422)
{% if cookiecutter.use_auth %}
    login_form = components["LoginForm"]["properties"]
    assert (login_form["username"]["minLength"], login_form["password"]["minLength"]) == (1, 1)
{% endif %}
{% if cookiecutter.api_versioning %}
    [cursor] = [
        parameter
        for parameter in schema["paths"][f"{API}/posts"]["get"]["parameters"]
        if parameter["name"] == "cursor"
    ]
    assert "pattern" in json.dumps(cursor["schema"])
    assert_problem(await client.get(f"{API}/posts", params={"cursor": "0"}), 422)


async def test_a_successor_link_is_a_valid_header_whatever_the_path(client: AsyncClient) -> None:
    response = await client.get(f"{API_V1}/tags/%1F")

    assert_problem(response, 422)
    assert response.headers["link"] == f'<{API}/tags/%1F>; rel="successor-version"'
{% endif %}
