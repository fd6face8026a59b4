import pytest
from httpx import AsyncClient

from tests.factories import API, create_post, create_user

pytestmark = pytest.mark.anyio


async def test_author_stats_count_posts_and_average_words(client: AsyncClient) -> None:
    ada = await create_user(client, email="ada@example.com", full_name="Ada")
    grace = await create_user(client, email="grace@example.com", full_name="Grace")
    idle = await create_user(client, email="idle@example.com", full_name="Idle")
    await create_post(client, ada, body="one two")
    await create_post(client, ada, body="one two three four")
    await create_post(client, grace, body="one")

    response = await client.get(f"{API}/stats/authors")

    assert response.status_code == 200
    page = response.json()
    assert page["total"] == 3
    assert page["items"] == [
        {"author_id": ada["id"], "full_name": "Ada", "post_count": 2, "average_word_count": 3},
        {"author_id": grace["id"], "full_name": "Grace", "post_count": 1, "average_word_count": 1},
        {"author_id": idle["id"], "full_name": "Idle", "post_count": 0, "average_word_count": None},
    ]


async def test_author_stats_paginate(client: AsyncClient) -> None:
    for number in range(3):
        await create_user(client, email=f"user{number}@example.com")

    page = (await client.get(f"{API}/stats/authors", params={"limit": 1, "offset": 2})).json()

    assert len(page["items"]) == 1
    assert (page["total"], page["limit"], page["offset"]) == (3, 1, 2)
