"""The read-through cache: hits, misses, and invalidation by every write that changes a value."""

from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient, Response

from {{ cookiecutter.package_name }}.cache.cache import Cache
from {{ cookiecutter.package_name }}.core.resources import resources_of
from {{ cookiecutter.package_name }}.core.response_cache import CacheKey
from tests.factories import API, assert_problem, create_post, create_user

pytestmark = pytest.mark.anyio


@pytest.fixture
async def author(client: AsyncClient) -> dict[str, Any]:
    return await create_user(client)


def cache_state(response: Response) -> str:
    assert response.status_code == 200, response.text
    return response.headers["x-cache"]


async def test_a_post_is_cached_until_it_changes(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    post = await create_post(client, author, title="First")
    url = f"{API}/posts/{post['id']}"

    first, second = await client.get(url), await client.get(url)

    assert (cache_state(first), cache_state(second)) == ("miss", "hit")
    assert first.json() == second.json()
    assert first.json()["title"] == "First"

    await client.patch(url, json={"title": "Second"}, headers=author["headers"])
    after_patch = await client.get(url)
    assert cache_state(after_patch) == "miss"
    assert after_patch.json()["title"] == "Second"

    await client.delete(url, headers=author["headers"])
    assert_problem(await client.get(url), 404)


async def test_the_stats_job_refreshes_the_cached_post(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    post = await create_post(client, author, body="one two three")
    url = f"{API}/posts/{post['id']}"
    assert (await client.get(url)).json()["word_count"] == 3

    await client.patch(url, json={"body": "one two"}, headers=author["headers"])

    assert (await client.get(url)).json()["word_count"] == 2


async def test_the_tag_list_is_cached_until_tags_change(
    client: AsyncClient, author: dict[str, Any], admin: dict[str, Any]
) -> None:
    headers = author["headers"]
    assert cache_state(await client.get(f"{API}/tags")) == "miss"
    assert cache_state(await client.get(f"{API}/tags")) == "hit"

    tag = (await client.post(f"{API}/tags", json={"name": "first"}, headers=headers)).json()
    names = [item["name"] for item in (await client.get(f"{API}/tags")).json()["items"]]
    assert names == ["first"]

    post = await create_post(client, author, tags=["second"])
    listed = await client.get(f"{API}/tags")
    assert cache_state(listed) == "miss"
    assert [item["name"] for item in listed.json()["items"]] == ["first", "second"]

    # A renamed tag shows in the posts that carry it, cached or not.
    second = post["tags"][0]
    assert cache_state(await client.get(f"{API}/posts/{post['id']}")) == "miss"
    rename = {"name": "renamed"}
    await client.patch(f"{API}/tags/{second['id']}", json=rename, headers=admin["headers"])
    reread = (await client.get(f"{API}/posts/{post['id']}")).json()
    assert [item["name"] for item in reread["tags"]] == ["renamed"]

    await client.delete(f"{API}/tags/{tag['id']}", headers=admin["headers"])
    names = [item["name"] for item in (await client.get(f"{API}/tags")).json()["items"]]
    assert names == ["renamed"]


async def test_pages_of_the_tag_list_are_cached_apart(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    for name in ("a", "b", "c"):
        await client.post(f"{API}/tags", json={"name": name}, headers=author["headers"])

    first = await client.get(f"{API}/tags", params={"limit": 1})
    second = await client.get(f"{API}/tags", params={"limit": 1, "offset": 1})

    assert cache_state(second) == "miss"
    assert [first.json()["items"][0]["name"], second.json()["items"][0]["name"]] == ["a", "b"]


async def test_a_reader_that_raced_a_writer_cannot_store_a_stale_copy(app: FastAPI) -> None:
    cache = resources_of(app).get(Cache)
    key = CacheKey("thing", ("things",))

    {{ cookiecutter.__async }}def read_while_a_writer_commits() -> bytes:
        # The reader has loaded the old value when the writer commits and invalidates.
        {{ cookiecutter.__await }}cache.invalidate(["things"])
        return b'"old"'

    {{ cookiecutter.__async }}def read_after_the_write() -> bytes:
        return b'"new"'

    {{ cookiecutter.__await }}cache.json_response(key, read_while_a_writer_commits)
    response = {{ cookiecutter.__await }}cache.json_response(key, read_after_the_write)

    assert (response.body, response.headers["x-cache"]) == (b'"new"', "miss")
