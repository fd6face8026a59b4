"""Many simultaneous requests on one worker, against the real engine and pool: no 5xx."""

import asyncio

import pytest
from httpx import AsyncClient, Response

from tests.factories import API, OFFSET_POSTS, create_user, post_payload

pytestmark = pytest.mark.anyio

REQUESTS = 120


async def test_concurrent_requests_wait_instead_of_failing(live_client: AsyncClient) -> None:
    author = await create_user(live_client)

    async def one(number: int) -> Response:
        if number % 3 == 0:
            payload = post_payload(author, title=f"post {number}", tags=["load"], published=True)
            return await live_client.post(f"{API}/posts", json=payload, headers=author["headers"])
        if number % 3 == 1:
            return await live_client.get(f"{API}/posts", params={"tag": "load"})
        return await live_client.get(f"{API}/stats/authors")

    responses = await asyncio.gather(*(one(number) for number in range(REQUESTS)))

    assert [r.status_code for r in responses if r.status_code >= 500] == []
    assert all(r.status_code in (200, 201) for r in responses)
    listed = (await live_client.get(OFFSET_POSTS, params={"limit": 1})).json()
    assert listed["total"] == REQUESTS // 3
