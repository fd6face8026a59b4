from typing import Any

import pytest
from httpx import AsyncClient

from tests.factories import (
    API,
    OFFSET_POSTS,
    assert_problem,
    create_post,
    create_user,
    post_payload,
)

pytestmark = pytest.mark.anyio


@pytest.fixture
async def author(client: AsyncClient) -> dict[str, Any]:
    return await create_user(client)


async def test_create_post_with_tags(client: AsyncClient, author: dict[str, Any]) -> None:
    payload = post_payload(author, title="Hello", tags=["Python", "fastapi", "python"])

    response = await client.post(f"{API}/posts", json=payload, headers=author["headers"])

    assert response.status_code == 201
    post = response.json()
    assert response.headers["location"] == f"http://test{API}/posts/{post['id']}"
    assert post["author_id"] == author["id"]
    assert post["published"] is False
    assert [tag["name"] for tag in post["tags"]] == ["fastapi", "python"]


async def test_posts_share_existing_tags(client: AsyncClient, author: dict[str, Any]) -> None:
    first = await create_post(client, author, tags=["python"])
    second = await create_post(client, author, tags=["python", "sql"])

    assert first["tags"][0]["id"] == second["tags"][0]["id"]
    assert (await client.get(f"{API}/tags")).json()["total"] == 2


async def test_stats_are_filled_in_after_the_write(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    body = " ".join(["word"] * 450)
    created = await create_post(client, author, body=body)
    # The job runs after the response: the response itself cannot know the stats yet.
    assert created["word_count"] is None

    post = (await client.get(f"{API}/posts/{created['id']}")).json()

    assert post["word_count"] == 450
    assert post["reading_time"] == 3
    assert post["updated_at"] == created["updated_at"]


async def test_changing_the_body_recomputes_stats(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    post = await create_post(client, author, body="one two")

    await client.patch(
        f"{API}/posts/{post['id']}", json={"body": "one two three four"}, headers=author["headers"]
    )

    assert (await client.get(f"{API}/posts/{post['id']}")).json()["word_count"] == 4
{% if not cookiecutter.use_auth %}


async def test_unknown_author_is_422_and_writes_nothing(client: AsyncClient) -> None:
    response = await client.post(
        f"{API}/posts", json={"title": "t", "body": "b", "author_id": 999, "tags": ["orphan"]}
    )

    assert "author_id 999" in assert_problem(response, 422)["detail"]
    assert (await client.get(f"{API}/tags")).json()["total"] == 0
{% endif %}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"body": ""}, "body"),
        ({"body": "nul\x00byte"}, "body"),
{% if not cookiecutter.use_auth %}
        ({"author_id": 0}, "author_id"),
        ({"author_id": "me"}, "author_id"),
{% endif %}
        ({"tags": ["ok", ""]}, "tags"),
        ({"tags": [f"tag{n}" for n in range(21)]}, "tags"),
        ({"published": "perhaps"}, "published"),
    ],
)
async def test_invalid_post_is_422(
    client: AsyncClient, author: dict[str, Any], changes: dict[str, Any], field: str
) -> None:
    payload = post_payload(author, **changes)

    response = await client.post(f"{API}/posts", json=payload, headers=author["headers"])

    problem = assert_problem(response, 422)

    assert all(error["loc"][:2] == ["body", field] for error in problem["errors"])


async def test_update_post(client: AsyncClient, author: dict[str, Any]) -> None:
    post = await create_post(client, author, tags=["old", "kept"])

    response = await client.patch(
        f"{API}/posts/{post['id']}",
        json={"published": True, "tags": ["kept", "new"]},
        headers=author["headers"],
    )

    assert response.status_code == 200
    updated = response.json()
    assert updated["published"] is True
    assert updated["title"] == post["title"]
    assert [tag["name"] for tag in updated["tags"]] == ["kept", "new"]


async def test_update_with_null_is_422(client: AsyncClient, author: dict[str, Any]) -> None:
    post = await create_post(client, author)

    response = await client.patch(
        f"{API}/posts/{post['id']}", json={"title": None}, headers=author["headers"]
    )

    assert_problem(response, 422)


async def test_delete_post(client: AsyncClient, author: dict[str, Any]) -> None:
    post = await create_post(client, author, tags=["python"])

    response = await client.delete(f"{API}/posts/{post['id']}", headers=author["headers"])

    assert response.status_code == 204

    assert_problem(await client.get(f"{API}/posts/{post['id']}"), 404)
    assert (await client.get(f"{API}/tags")).json()["total"] == 1


async def test_unknown_post_is_404(client: AsyncClient, author: dict[str, Any]) -> None:
    headers = author["headers"]
    assert_problem(await client.get(f"{API}/posts/4242"), 404)
    patch = await client.patch(f"{API}/posts/4242", json={"title": "x"}, headers=headers)
    assert_problem(patch, 404)
    assert_problem(await client.delete(f"{API}/posts/4242", headers=headers), 404)


async def titles(client: AsyncClient, headers: dict[str, str], **params: Any) -> list[str]:
    response = await client.get(OFFSET_POSTS, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return [post["title"] for post in response.json()["items"]]


async def test_list_is_newest_first_and_paginated(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    for number in range(5):
        await create_post(client, author, title=f"post {number}")

    page = (await client.get(OFFSET_POSTS, params={"limit": 2, "offset": 1})).json()

    assert [post["title"] for post in page["items"]] == ["post 3", "post 2"]
    assert (page["total"], page["limit"], page["offset"]) == (5, 2, 1)


async def test_filters(client: AsyncClient, author: dict[str, Any]) -> None:
    other = await create_user(client, email="grace@example.com")
    await create_post(client, author, title="Ada on engines", tags=["math"], published=False)
    await create_post(client, other, title="Grace on compilers", tags=["cobol"])
    await create_post(client, other, title="Grace: 100% bugs", body="A moth in the relay.")

    assert await titles(client, author["headers"], author_id=author["id"]) == ["Ada on engines"]
    assert await titles(client, {}, tag="COBOL") == ["Grace on compilers"]
    assert await titles(client, author["headers"], published=False) == ["Ada on engines"]
    assert await titles(client, {}, q="MOTH") == ["Grace: 100% bugs"]
    assert await titles(client, {}, q="100%") == ["Grace: 100% bugs"]
    assert await titles(client, {}, q="_") == []
    filtered = (await client.get(OFFSET_POSTS, params={"author_id": other["id"]})).json()
    assert filtered["total"] == 2


@pytest.mark.parametrize(
    "params", [{"author_id": "x"}, {"published": "maybe"}, {"q": ""}, {"tag": "x" * 51}]
)
async def test_invalid_filters_are_422(client: AsyncClient, params: dict[str, str]) -> None:
    assert_problem(await client.get(OFFSET_POSTS, params=params), 422)


async def test_a_post_carries_an_etag_and_a_current_one_gets_304(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    post = await create_post(client, author, published=True)
    url = f"{API}/posts/{post['id']}"

    first = await client.get(url)
    etag = first.headers["etag"]
    again = await client.get(url, headers={"If-None-Match": etag})

    assert first.headers["cache-control"] == "no-cache"
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
    # Any tag of the list may match, weak or not; another tag gets the whole post.
    listed = await client.get(url, headers={"If-None-Match": f'"stale", W/{etag}'})
    assert listed.status_code == 304
    other = await client.get(url, headers={"If-None-Match": '"stale"'})
    assert (other.status_code, other.json()) == (200, first.json())


async def test_a_changed_post_gets_a_new_etag(client: AsyncClient, author: dict[str, Any]) -> None:
    post = await create_post(client, author, published=True)
    url = f"{API}/posts/{post['id']}"
    etag = (await client.get(url)).headers["etag"]

    await client.patch(url, json={"title": "Changed"}, headers=author["headers"])
    response = await client.get(url, headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response.json()["title"] == "Changed"
    assert response.headers["etag"] != etag


async def test_the_cacheable_reads_document_their_etag(client: AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()

    for path in (API + "/posts/{post_id}", f"{API}/tags"):
        operation = schema["paths"][path]["get"]
        assert "304" in operation["responses"], path
        assert "if-none-match" in [parameter["name"] for parameter in operation["parameters"]]
