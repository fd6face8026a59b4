"""Create test data through the API, the way a client would."""

from typing import Any

from httpx import AsyncClient

API = "/api/v1"


async def create_user(
    client: AsyncClient, email: str = "ada@example.com", full_name: str = "Ada Lovelace"
) -> dict[str, Any]:
    response = await client.post(f"{API}/users", json={"email": email, "full_name": full_name})
    assert response.status_code == 201, response.text
    user: dict[str, Any] = response.json()
    return user


async def create_post(client: AsyncClient, author_id: int, **fields: Any) -> dict[str, Any]:
    payload = {"title": "A title", "body": "Some words to read.", "author_id": author_id}
    response = await client.post(f"{API}/posts", json=payload | fields)
    assert response.status_code == 201, response.text
    post: dict[str, Any] = response.json()
    return post


async def create_tag(client: AsyncClient, name: str) -> dict[str, Any]:
    response = await client.post(f"{API}/tags", json={"name": name})
    assert response.status_code == 201, response.text
    tag: dict[str, Any] = response.json()
    return tag


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    """The response is an RFC 9457 problem with this status; returns its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem: dict[str, Any] = response.json()
    assert problem["status"] == status
    assert problem["type"] == "about:blank"
    assert problem["title"]
    assert problem["detail"]
    return problem
