{% if cookiecutter.use_auth %}
"""Drafts are shown to their author and to admins; for everyone else they do not exist."""
{% else %}
"""Drafts: without authentication there is no one to hide them from."""
{% endif %}

from typing import Any

import pytest
from httpx import AsyncClient

{% if cookiecutter.use_auth %}
from tests.factories import API, OFFSET_POSTS, assert_problem, bearer, create_post, create_user
{% else %}
from tests.factories import API, OFFSET_POSTS, create_post, create_user
{% endif %}

pytestmark = pytest.mark.anyio
{% if cookiecutter.use_auth %}

NO_TOKEN: dict[str, str] = {}
{% endif %}


@pytest.fixture
async def author(client: AsyncClient) -> dict[str, Any]:
    return await create_user(client)


async def titles(
    client: AsyncClient, url: str, headers: dict[str, str], **params: Any
) -> list[str]:
    response = await client.get(url, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return sorted(post["title"] for post in response.json()["items"])
{% if cookiecutter.use_auth %}


async def test_a_draft_is_404_for_all_but_its_author_and_admins(
    client: AsyncClient, author: dict[str, Any], admin: dict[str, Any]
) -> None:
    stranger = await create_user(client, email="grace@example.com")
    draft = await create_post(client, author, published=False)
    url = f"{API}/posts/{draft['id']}"

    assert_problem(await client.get(url), 404)
    assert_problem(await client.get(url, headers=stranger["headers"]), 404)
    assert (await client.get(url, headers=author["headers"])).status_code == 200
    assert (await client.get(url, headers=admin["headers"])).status_code == 200


@pytest.mark.parametrize("url", [OFFSET_POSTS, f"{API}/posts"])
async def test_lists_show_drafts_to_their_author_and_admins_only(
    client: AsyncClient, author: dict[str, Any], admin: dict[str, Any], url: str
) -> None:
    stranger = await create_user(client, email="grace@example.com")
    await create_post(client, author, title="Out")
    await create_post(client, author, title="Mine", published=False)
    await create_post(client, stranger, title="Theirs", published=False)

    assert await titles(client, url, NO_TOKEN) == ["Out"]
    assert await titles(client, url, NO_TOKEN, published=False) == []
    assert await titles(client, url, author["headers"]) == ["Mine", "Out"]
    assert await titles(client, url, stranger["headers"]) == ["Out", "Theirs"]
    assert await titles(client, url, admin["headers"]) == ["Mine", "Out", "Theirs"]


async def test_a_stranger_cannot_edit_a_draft_it_cannot_see(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    stranger = await create_user(client, email="grace@example.com")
    draft = await create_post(client, author, published=False)
    url = f"{API}/posts/{draft['id']}"

    assert_problem(await client.patch(url, json={"title": "x"}, headers=stranger["headers"]), 404)
    assert_problem(await client.delete(url, headers=stranger["headers"]), 404)


async def test_a_bad_token_on_a_public_read_is_401(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    post = await create_post(client, author)

    response = await client.get(f"{API}/posts/{post['id']}", headers=bearer("not-a-token"))

    assert_problem(response, 401)


async def test_a_drafts_etag_gets_304_for_its_readers_only(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    draft = await create_post(client, author, published=False)
    url = f"{API}/posts/{draft['id']}"

    own = await client.get(url, headers=author["headers"])
    etag = own.headers["etag"]
    again = await client.get(url, headers=author["headers"] | {"If-None-Match": etag})

    # For its author alone, and who asks decides what the answer is.
    assert own.headers["cache-control"] == "private, no-cache"
    assert own.headers["vary"] == "Authorization"
    assert (again.status_code, again.content) == (304, b"")
    # Anyone else gets 404, whatever they send: a 304 would tell them that the draft exists.
    for if_none_match in (etag, "*"):
        assert_problem(await client.get(url, headers={"If-None-Match": if_none_match}), 404)


async def test_a_published_post_is_shared_but_varies_with_the_reader(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    post = await create_post(client, author, published=True)

    response = await client.get(f"{API}/posts/{post['id']}")

    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["vary"] == "Authorization"
{% if cookiecutter.use_redis %}


async def test_a_draft_is_never_served_from_the_cache(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    draft = await create_post(client, author, published=False)
    url = f"{API}/posts/{draft['id']}"

    for _ in range(2):
        response = await client.get(url, headers=author["headers"])
        assert response.headers["x-cache"] == "miss"
    assert_problem(await client.get(url), 404)

    await client.patch(url, json={"published": True}, headers=author["headers"])
    assert (await client.get(url)).headers["x-cache"] == "miss"
    assert (await client.get(url)).headers["x-cache"] == "hit"
{% endif %}
{% else %}


@pytest.mark.parametrize("url", [OFFSET_POSTS, f"{API}/posts"])
async def test_drafts_are_read_like_published_posts(
    client: AsyncClient, author: dict[str, Any], url: str
) -> None:
    draft = await create_post(client, author, title="Draft", published=False)
    await create_post(client, author, title="Out")

    assert (await client.get(f"{API}/posts/{draft['id']}")).status_code == 200
    assert await titles(client, url, {}) == ["Draft", "Out"]


async def test_a_draft_is_cached_like_a_published_post(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    draft = await create_post(client, author, published=False)
    url = f"{API}/posts/{draft['id']}"

    response = await client.get(url)
    again = await client.get(url, headers={"If-None-Match": response.headers["etag"]})

    assert response.headers["cache-control"] == "no-cache"
    assert "vary" not in response.headers
    assert again.status_code == 304
{% endif %}
