from typing import Any

import pytest
from httpx import AsyncClient

from tests.factories import API, assert_problem, create_post, create_user

pytestmark = pytest.mark.anyio


async def test_a_post_belongs_to_whoever_writes_it(client: AsyncClient) -> None:
    author = await create_user(client)

    post = await create_post(client, author)

    assert post["author_id"] == author["id"]


async def test_only_the_author_may_change_a_post(client: AsyncClient) -> None:
    author = await create_user(client, email="ada@example.com")
    other = await create_user(client, email="grace@example.com")
    post = await create_post(client, author)
    url = f"{API}/posts/{post['id']}"

    assert_problem(await client.patch(url, json={"title": "mine"}, headers=other["headers"]), 403)
    assert_problem(await client.delete(url, headers=other["headers"]), 403)
    assert (await client.get(url)).json()["title"] == post["title"]
    edited = await client.patch(url, json={"title": "still mine"}, headers=author["headers"])
    assert edited.status_code == 200


async def test_an_admin_may_change_any_post(client: AsyncClient, admin: dict[str, Any]) -> None:
    author = await create_user(client)
    post = await create_post(client, author)
    url = f"{API}/posts/{post['id']}"

    response = await client.patch(url, json={"published": True}, headers=admin["headers"])

    assert response.status_code == 200
    assert (await client.delete(url, headers=admin["headers"])).status_code == 204
