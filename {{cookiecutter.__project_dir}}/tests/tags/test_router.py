import pytest
from httpx import AsyncClient

from tests.factories import API, assert_problem, create_post, create_tag, create_user

pytestmark = pytest.mark.anyio


async def test_create_tag_normalises_the_name(client: AsyncClient) -> None:
    response = await client.post(f"{API}/tags", json={"name": "  FastAPI "})

    assert response.status_code == 201
    tag = response.json()
    assert tag["name"] == "fastapi"
    assert response.headers["location"] == f"http://test{API}/tags/{tag['id']}"


async def test_duplicate_tag_is_a_conflict(client: AsyncClient) -> None:
    await create_tag(client, "python")

    assert_problem(await client.post(f"{API}/tags", json={"name": "Python"}), 409)


@pytest.mark.parametrize("name", ["", "   ", "x" * 51])
async def test_invalid_tag_name_is_422(client: AsyncClient, name: str) -> None:
    assert_problem(await client.post(f"{API}/tags", json={"name": name}), 422)


async def test_list_tags_is_sorted_by_name(client: AsyncClient) -> None:
    for name in ["sql", "api", "python"]:
        await create_tag(client, name)

    page = (await client.get(f"{API}/tags")).json()

    assert [tag["name"] for tag in page["items"]] == ["api", "python", "sql"]
    assert page["total"] == 3


async def test_rename_tag(client: AsyncClient) -> None:
    tag = await create_tag(client, "pyhton")

    response = await client.patch(f"{API}/tags/{tag['id']}", json={"name": "python"})

    assert response.status_code == 200
    assert response.json()["name"] == "python"


async def test_rename_to_a_taken_name_is_a_conflict(client: AsyncClient) -> None:
    await create_tag(client, "python")
    other = await create_tag(client, "sql")

    assert_problem(await client.patch(f"{API}/tags/{other['id']}", json={"name": "python"}), 409)


async def test_unknown_tag_is_404(client: AsyncClient) -> None:
    assert_problem(await client.get(f"{API}/tags/12345"), 404)
    assert_problem(await client.patch(f"{API}/tags/12345", json={"name": "x"}), 404)
    assert_problem(await client.delete(f"{API}/tags/12345"), 404)


async def test_deleting_a_tag_removes_it_from_posts(client: AsyncClient) -> None:
    author = await create_user(client)
    post = await create_post(client, author_id=author["id"], tags=["python", "sql"])
    python = next(tag for tag in post["tags"] if tag["name"] == "python")

    response = await client.delete(f"{API}/tags/{python['id']}")

    assert response.status_code == 204
    remaining = (await client.get(f"{API}/posts/{post['id']}")).json()["tags"]
    assert [tag["name"] for tag in remaining] == ["sql"]
