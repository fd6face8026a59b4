"""GET /api/v2/posts: keyset pagination by an opaque, signed cursor."""

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from itsdangerous import URLSafeSerializer
from sqlalchemy import update

from {{ cookiecutter.package_name }}.core.config import Settings
from {{ cookiecutter.package_name }}.core.db import Database
from {{ cookiecutter.package_name }}.core.resources import resources_of
from {{ cookiecutter.package_name }}.posts.models import Post
from tests.factories import API, assert_problem, create_post, create_user

pytestmark = pytest.mark.anyio

POSTS = f"{API}/posts"


@pytest.fixture
async def author(client: AsyncClient) -> dict[str, Any]:
    return await create_user(client)


async def page(client: AsyncClient, **params: Any) -> dict[str, Any]:
    response = await client.get(POSTS, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"items", "next_cursor"}
    return body


async def walk(client: AsyncClient, between_pages: Any = None, **params: Any) -> list[int]:
    """Every id the list gives, following `next_cursor` to the end; `between_pages()` runs after
    each page."""
    ids: list[int] = []
    body = await page(client, **params)
    while True:
        ids += [post["id"] for post in body["items"]]
        if body["next_cursor"] is None:
            return ids
        if between_pages is not None:
            await between_pages()
        body = await page(client, **params, cursor=body["next_cursor"])


async def test_pages_are_newest_first_and_end_with_a_null_cursor(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    posts = [await create_post(client, author, title=f"post {number}") for number in range(5)]
    newest_first = [post["id"] for post in reversed(posts)]

    first = await page(client, limit=2)
    second = await page(client, limit=2, cursor=first["next_cursor"])
    last = await page(client, limit=2, cursor=second["next_cursor"])

    assert [post["id"] for post in first["items"]] == newest_first[:2]
    assert [post["id"] for post in second["items"]] == newest_first[2:4]
    assert [post["id"] for post in last["items"]] == newest_first[4:]
    assert last["next_cursor"] is None
    assert first["items"][0]["tags"] == []


async def test_an_empty_list_and_a_full_last_page_have_no_cursor(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    assert await page(client) == {"items": [], "next_cursor": None}
    for _ in range(2):
        await create_post(client, author)

    full = await page(client, limit=2)

    assert (len(full["items"]), full["next_cursor"]) == (2, None)


async def test_the_walk_visits_each_post_once_while_others_are_inserted(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    existing = [(await create_post(client, author))["id"] for _ in range(7)]
    inserted: list[int] = []

    async def insert_two() -> None:
        for _ in range(2):
            inserted.append((await create_post(client, author, title="late"))["id"])

    visited = await walk(client, insert_two, limit=2)

    assert visited == sorted(existing, reverse=True)
    assert len(inserted) == 6
    # A new walk sees the new posts first.
    assert await walk(client, limit=3) == sorted(existing + inserted, reverse=True)


async def test_the_walk_is_exact_with_concurrent_writers(live_client: AsyncClient) -> None:
    """The same, with writers running at the same time on the real engine and pool."""
    writer = await create_user(live_client)
    existing = {(await create_post(live_client, writer))["id"] for _ in range(12)}

    async def write_while_walking() -> None:
        for _ in range(12):
            await create_post(live_client, writer, title="concurrent")

    visited, _ = await asyncio.gather(walk(live_client, limit=3), write_while_walking())

    assert len(visited) == len(set(visited)), "a post was returned twice"
    assert existing <= set(visited), "a post that existed before the walk was skipped"


async def test_posts_with_the_same_timestamp_are_ordered_by_id(
    client: AsyncClient, app: FastAPI, author: dict[str, Any]
) -> None:
    ids = [(await create_post(client, author))["id"] for _ in range(5)]
    same_moment = update(Post).values(created_at=datetime(2030, 1, 1, tzinfo=UTC))
{% if cookiecutter.orm_mode == "async" %}
    async with resources_of(app).get(Database).session_factory.begin() as session:
        await session.execute(same_moment)
{% else %}
    with resources_of(app).get(Database).session_factory.begin() as session:
        session.execute(same_moment)
{% endif %}

    assert await walk(client, limit=2) == sorted(ids, reverse=True)


async def test_filters_apply_on_every_page(client: AsyncClient, author: dict[str, Any]) -> None:
    other = await create_user(client, email="grace@example.com")
    math = [(await create_post(client, author, tags=["math"]))["id"] for _ in range(3)]
    by_other = (await create_post(client, other, tags=["math"]))["id"]
    untagged = (await create_post(client, author, title="Untagged engines"))["id"]
    tagged = (await create_post(client, author, title="Tagged engines", tags=["math"]))["id"]

    by_author_and_tag = await walk(client, limit=1, author_id=author["id"], tag="MATH")
    searched = await walk(client, limit=1, q="ENGINES")

    assert by_author_and_tag == [tagged, *reversed(math)]
    assert searched == [tagged, untagged]
    assert await walk(client, limit=1, author_id=other["id"], tag="math") == [by_other]


async def test_a_cursor_is_refused_with_other_filters(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    for _ in range(3):
        await create_post(client, author, tags=["math"])
    first = await page(client, limit=1, tag="math")

    response = await client.get(POSTS, params={"limit": 1, "cursor": first["next_cursor"]})

    assert "same filters" in assert_problem(response, 422)["detail"]
    # The limit may change between pages.
    assert len((await page(client, limit=2, tag="math", cursor=first["next_cursor"]))["items"]) == 2


def forge(payload: Any, secret: str = "not-the-service-secret") -> str:
    return URLSafeSerializer(secret, salt="cursor-pagination").dumps(payload)


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "x" * 301,
        "",
        "bm90IGEgY3Vyc29y.bm90IGEgc2lnbmF0dXJl",
        forge(["2030-01-01T00:00:00+00:00", 1, "0" * 16]),
    ],
    ids=["garbage", "too-long", "empty", "unsigned", "signed-elsewhere"],
)
async def test_a_bad_cursor_is_a_422_problem(client: AsyncClient, cursor: str) -> None:
    assert_problem(await client.get(POSTS, params={"cursor": cursor}), 422)


async def test_an_altered_cursor_is_a_422_problem(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    for _ in range(2):
        await create_post(client, author)
    cursor = (await page(client, limit=1))["next_cursor"]
    payload, signature = cursor.rsplit(".", 1)
    altered = payload[:-1] + ("A" if payload[-1] != "A" else "B")

    assert_problem(await client.get(POSTS, params={"cursor": f"{altered}.{signature}"}), 422)


@pytest.mark.parametrize(
    "payload",
    [["not a date", 1, "x"], ["2030-01-01T00:00:00", 1, "x"], ["2030-01-01T00:00:00+00:00", "1"]],
    ids=["bad-date", "naive-date", "wrong-shape"],
)
async def test_a_malformed_payload_with_a_valid_signature_is_a_422_problem(
    client: AsyncClient, app: FastAPI, payload: list[Any]
) -> None:
    cursor = forge(payload, resources_of(app).get(Settings).secret_key.get_secret_value())

    assert_problem(await client.get(POSTS, params={"cursor": cursor}), 422)


@pytest.mark.parametrize("limit", [0, 101, "x"])
async def test_an_invalid_limit_is_422(client: AsyncClient, limit: int | str) -> None:
    assert_problem(await client.get(POSTS, params={"limit": limit}), 422)
