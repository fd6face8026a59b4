from typing import Any

import pytest
from httpx import AsyncClient

from tests.factories import API, assert_problem, create_post, create_tag, create_user

pytestmark = pytest.mark.anyio


@pytest.fixture
async def user(client: AsyncClient) -> dict[str, Any]:
    return await create_user(client)


async def test_create_tag_normalises_the_name(client: AsyncClient, user: dict[str, Any]) -> None:
    payload = {"name": "  FastAPI "}

    response = await client.post(f"{API}/tags", json=payload, headers=user["headers"])

    assert response.status_code == 201
    tag = response.json()
    assert tag["name"] == "fastapi"
    assert response.headers["location"] == f"http://test{API}/tags/{tag['id']}"


async def test_duplicate_tag_is_a_conflict(client: AsyncClient, user: dict[str, Any]) -> None:
    await create_tag(client, "python", user)

    response = await client.post(f"{API}/tags", json={"name": "Python"}, headers=user["headers"])

    assert_problem(response, 409)


@pytest.mark.parametrize("name", ["", "   ", "x" * 51])
async def test_invalid_tag_name_is_422(
    client: AsyncClient, user: dict[str, Any], name: str
) -> None:
    response = await client.post(f"{API}/tags", json={"name": name}, headers=user["headers"])

    assert_problem(response, 422)


async def test_list_tags_is_sorted_by_name(client: AsyncClient, user: dict[str, Any]) -> None:
    for name in ["sql", "api", "python"]:
        await create_tag(client, name, user)

    page = (await client.get(f"{API}/tags")).json()

    assert [tag["name"] for tag in page["items"]] == ["api", "python", "sql"]
    assert page["total"] == 3


async def test_rename_tag(client: AsyncClient, user: dict[str, Any], admin: dict[str, Any]) -> None:
    tag = await create_tag(client, "pyhton", user)

    response = await client.patch(
        f"{API}/tags/{tag['id']}", json={"name": "python"}, headers=admin["headers"]
    )

    assert response.status_code == 200
    assert response.json()["name"] == "python"


async def test_rename_to_a_taken_name_is_a_conflict(
    client: AsyncClient, user: dict[str, Any], admin: dict[str, Any]
) -> None:
    await create_tag(client, "python", user)
    other = await create_tag(client, "sql", user)

    response = await client.patch(
        f"{API}/tags/{other['id']}", json={"name": "python"}, headers=admin["headers"]
    )

    assert_problem(response, 409)


async def test_unknown_tag_is_404(client: AsyncClient, admin: dict[str, Any]) -> None:
    headers = admin["headers"]
    assert_problem(await client.get(f"{API}/tags/12345"), 404)
    patch = await client.patch(f"{API}/tags/12345", json={"name": "x"}, headers=headers)
    assert_problem(patch, 404)
    assert_problem(await client.delete(f"{API}/tags/12345", headers=headers), 404)


async def test_deleting_a_tag_that_posts_carry_is_a_conflict(
    client: AsyncClient, user: dict[str, Any], admin: dict[str, Any]
) -> None:
    post = await create_post(client, user, tags=["python"])
    tag_url = f"{API}/tags/{post['tags'][0]['id']}"

    response = await client.delete(tag_url, headers=admin["headers"])

    assert "detach=true" in assert_problem(response, 409)["detail"]
    assert (await client.get(tag_url)).status_code == 200
    kept = (await client.get(f"{API}/posts/{post['id']}")).json()["tags"]
    assert [tag["name"] for tag in kept] == ["python"]


async def test_deleting_a_tag_with_detach_removes_it_from_posts(
    client: AsyncClient, user: dict[str, Any], admin: dict[str, Any]
) -> None:
    post = await create_post(client, user, tags=["python", "sql"])
    python = next(tag for tag in post["tags"] if tag["name"] == "python")

    response = await client.delete(
        f"{API}/tags/{python['id']}", params={"detach": "true"}, headers=admin["headers"]
    )

    assert response.status_code == 204
    remaining = (await client.get(f"{API}/posts/{post['id']}")).json()["tags"]
    assert [tag["name"] for tag in remaining] == ["sql"]


async def test_a_tag_no_post_carries_is_deleted_without_detach(
    client: AsyncClient, user: dict[str, Any], admin: dict[str, Any]
) -> None:
    tag = await create_tag(client, "unused", user)

    response = await client.delete(f"{API}/tags/{tag['id']}", headers=admin["headers"])

    assert response.status_code == 204
    assert_problem(await client.get(f"{API}/tags/{tag['id']}"), 404)
{% if cookiecutter.use_auth %}


async def test_only_admins_rename_or_delete_tags(client: AsyncClient, user: dict[str, Any]) -> None:
    tag = await create_tag(client, "python", user)
    url = f"{API}/tags/{tag['id']}"

    assert_problem(await client.patch(url, json={"name": "py"}, headers=user["headers"]), 403)
    assert_problem(await client.delete(url, headers=user["headers"]), 403)
    assert_problem(await client.delete(url), 401)
    assert (await client.get(url)).json()["name"] == "python"
{% endif %}


async def test_the_tag_list_carries_an_etag_and_a_current_one_gets_304(
    client: AsyncClient, user: dict[str, Any]
) -> None:
    await create_tag(client, "python", user)
    first = await client.get(f"{API}/tags")
    etag = first.headers["etag"]

    again = await client.get(f"{API}/tags", headers={"If-None-Match": etag})
    other_page = await client.get(
        f"{API}/tags", params={"offset": 1}, headers={"If-None-Match": etag}
    )
    await create_tag(client, "sql", user)
    changed = await client.get(f"{API}/tags", headers={"If-None-Match": etag})

    assert first.headers["cache-control"] == "no-cache"
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
    assert other_page.status_code == 200
    assert changed.status_code == 200
    assert [tag["name"] for tag in changed.json()["items"]] == ["python", "sql"]
    assert changed.headers["etag"] != etag
