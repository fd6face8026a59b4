"""Create test data through the API, the way a client would."""

from typing import Any

from httpx import AsyncClient, Response
{% if cookiecutter.orm_mode == "async" %}
from sqlalchemy.ext.asyncio import AsyncSession
{% else %}
from sqlalchemy.orm import Session
{% endif %}

from {{ cookiecutter.package_name }}.users.models import User
from {{ cookiecutter.package_name }}.users.repository import UserRepository

{% if cookiecutter.api_versioning %}
API = "/api/v2"
API_V1 = "/api/v1"
# v1 lists posts by offset, v2 by cursor (tests/posts/test_cursor_list.py).
OFFSET_POSTS = f"{API_V1}/posts"
{% else %}
API = "/api"
OFFSET_POSTS = f"{API}/posts"
{% endif %}
{% if cookiecutter.use_auth %}
PASSWORD = "correct horse battery staple"


async def login(client: AsyncClient, email: str, password: str = PASSWORD) -> Response:
    return await client.post(f"{API}/auth/token", data={"username": email, "password": password})


def bearer(access_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {access_token}"}
{% endif %}


async def create_user(
    client: AsyncClient, email: str = "ada@example.com", full_name: str = "Ada Lovelace"
) -> dict[str, Any]:
{% if cookiecutter.use_auth %}
    """Register a user and log in; `headers` authenticate as that user, `tokens` hold the pair."""
    payload = {"email": email, "full_name": full_name, "password": PASSWORD}
    response = await client.post(f"{API}/auth/register", json=payload)
    assert response.status_code == 201, response.text
    user: dict[str, Any] = response.json()
    tokens = await login(client, email)
    assert tokens.status_code == 200, tokens.text
    user["tokens"] = tokens.json()
    user["headers"] = bearer(user["tokens"]["access_token"])
{% else %}
    """Create a user; `headers` is empty since this service has no authentication."""
    response = await client.post(f"{API}/users", json={"email": email, "full_name": full_name})
    assert response.status_code == 201, response.text
    user: dict[str, Any] = response.json()
    user["headers"] = {}
{% endif %}
    return user


def post_payload(author: dict[str, Any], **fields: Any) -> dict[str, Any]:
{% if cookiecutter.use_auth %}
    """A valid post body; the author is whoever sends it (`author["headers"]`)."""
    return {"title": "A title", "body": "Some words to read."} | fields
{% else %}
    """A valid post body by `author`."""
    return {"title": "A title", "body": "Some words to read.", "author_id": author["id"]} | fields
{% endif %}


async def create_post(client: AsyncClient, author: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """A post by `author`, published unless `published=False` says it is a draft."""
    payload = post_payload(author, **{"published": True} | fields)
    response = await client.post(f"{API}/posts", json=payload, headers=author["headers"])
    assert response.status_code == 201, response.text
    post: dict[str, Any] = response.json()
    return post


async def create_tag(client: AsyncClient, name: str, user: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(f"{API}/tags", json={"name": name}, headers=user["headers"])
    assert response.status_code == 201, response.text
    tag: dict[str, Any] = response.json()
    return tag


def assert_problem(response: Response, status: int) -> dict[str, Any]:
    """The response is an RFC 9457 problem with this status; returns its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem: dict[str, Any] = response.json()
    assert problem["status"] == status
    assert problem["type"] == "about:blank"
    assert problem["title"]
    assert problem["detail"]
    return problem


{{ cookiecutter.__async }}def add_author(session: {{ cookiecutter.__session }}, email: str = "ada@example.com") -> User:
    """A user straight into the database, for tests below the HTTP layer."""
{% if cookiecutter.use_auth %}
    author = User(email=email, full_name="Ada Lovelace", hashed_password="not a real hash")
{% else %}
    author = User(email=email, full_name="Ada Lovelace")
{% endif %}
    {{ cookiecutter.__await }}UserRepository(session).add(author)
    return author
