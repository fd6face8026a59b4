import pytest
from httpx import AsyncClient

from {{ cookiecutter.package_name }}.posts.repository import PostRepository
from {{ cookiecutter.package_name }}.users.models import User
from {{ cookiecutter.package_name }}.users.repository import UserRepository
from tests.factories import API, assert_problem, create_user, post_payload

pytestmark = pytest.mark.anyio


async def test_malformed_json_is_422(client: AsyncClient) -> None:
    response = await client.post(
        f"{API}/posts", content=b'{"title": ', headers={"content-type": "application/json"}
    )

    problem = assert_problem(response, 422)
    assert problem["errors"][0]["type"] == "json_invalid"


async def test_unknown_route_is_a_404_problem(client: AsyncClient) -> None:
    assert_problem(await client.get("/no/such/route"), 404)


async def test_wrong_method_is_a_405_problem(client: AsyncClient) -> None:
    assert_problem(await client.put(f"{API}/users"), 405)


async def test_a_race_past_the_uniqueness_check_is_409_not_500(
    client: AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    await create_user(client, email="ada@example.com")

    # As if a concurrent request had taken the email between the check and the insert.
    {{ cookiecutter.__async }}def nobody(self: UserRepository, email: str) -> User | None:
        return None

    monkeypatch.setattr(UserRepository, "get_by_email", nobody)
{% if cookiecutter.use_auth %}
    payload = {"email": "ada@example.com", "full_name": "Twin", "password": "long enough"}
    response = await client.post(f"{API}/auth/register", json=payload)
{% else %}
    payload = {"email": "ada@example.com", "full_name": "Twin"}
    response = await client.post(f"{API}/users", json=payload)
{% endif %}

    assert_problem(response, 409)
    assert (await client.get(f"{API}/stats/authors")).json()["total"] == 1


async def test_a_failed_request_leaves_no_partial_write(
    client: AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    author = await create_user(client)

    # The tags are written first; then adding the post fails.
    {{ cookiecutter.__async }}def fail(self: PostRepository, post: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(PostRepository, "add", fail)
    response = await client.post(
        f"{API}/posts", json=post_payload(author, tags=["lost"]), headers=author["headers"]
    )

    problem = assert_problem(response, 500)
    assert "disk full" not in response.text
    assert problem["detail"] == "An unexpected error occurred."
    assert (await client.get(f"{API}/tags")).json()["total"] == 0


async def test_openapi_describes_errors_as_problems(client: AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()

    unprocessable = schema["paths"][f"{API}/posts"]["post"]["responses"]["422"]
    [(media_type, content)] = unprocessable["content"].items()
    assert media_type == "application/problem+json"
    assert content["schema"]["$ref"] == "#/components/schemas/Problem"
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    not_ready = schema["paths"]["/health/ready"]["get"]["responses"]["503"]
    assert "application/problem+json" in not_ready["content"]
