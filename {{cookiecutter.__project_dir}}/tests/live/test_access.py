{% if cookiecutter.use_auth %}
"""Who hears of what: the REST rules (posts/access.py). Anonymous clients hear of published posts
only; a signed-in client hears of its own drafts too (an admin, of every draft). A client signs in
with an access token, in the handshake or in a message."""

import uuid
from datetime import timedelta

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from {{ cookiecutter.package_name }}.core import security
from {{ cookiecutter.package_name }}.core.config import Settings
from tests.factories import API, create_post, create_user
from tests.live.conftest import LIVE
from tests.live.ws import Closed, WebSocketClient, connect

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("hub")]

INVALID_TOKEN = Closed(1008, "The token is invalid or has expired.")


async def next_title(ws: WebSocketClient) -> tuple[str, str]:
    message = await ws.receive_json()
    return message["event"], message["post"]["title"]


async def test_anonymous_clients_hear_of_published_posts_only(
    app: FastAPI, client: AsyncClient
) -> None:
    author = await create_user(client)
    async with connect(app, LIVE) as ws:
        draft = await create_post(client, author, title="Draft", published=False)
        await client.delete(f"{API}/posts/{draft['id']}", headers=author["headers"])
        await create_post(client, author, title="Public")

        # The draft's creation, stats and deletion came before, and were not sent.
        first = await next_title(ws)

    assert first == ("created", "Public")


async def test_a_token_in_the_handshake_shows_the_clients_own_drafts(
    app: FastAPI, client: AsyncClient
) -> None:
    author = await create_user(client)
    other = await create_user(client, email="bob@example.com", full_name="Bob")
    token = author["tokens"]["access_token"]
    async with connect(app, LIVE, subprotocols=["bearer", token]) as ws:
        await create_post(client, other, title="Bob's draft", published=False)
        await create_post(client, author, title="My draft", published=False)
        first = await next_title(ws)

    assert ws.subprotocol == "bearer"
    assert first == ("created", "My draft")


async def test_a_token_in_a_message_upgrades_an_anonymous_connection(
    app: FastAPI, client: AsyncClient
) -> None:
    author = await create_user(client)
    async with connect(app, LIVE) as ws:
        await ws.send_json({"type": "authenticate", "token": author["tokens"]["access_token"]})
        answer = await ws.receive_json()
        await create_post(client, author, title="My draft", published=False)
        first = await next_title(ws)

    assert answer == {"type": "authenticated", "user_id": author["id"]}
    assert first == ("created", "My draft")


async def test_admins_hear_of_every_draft(
    app: FastAPI, client: AsyncClient, admin: dict[str, object]
) -> None:
    author = await create_user(client, email="bob@example.com", full_name="Bob")
    tokens = admin["tokens"]
    assert isinstance(tokens, dict)
    async with connect(app, LIVE, subprotocols=["bearer", tokens["access_token"]]) as ws:
        await create_post(client, author, title="Bob's draft", published=False)
        first = await next_title(ws)

    assert first == ("created", "Bob's draft")


async def test_a_bad_token_in_the_handshake_closes_with_1008(app: FastAPI) -> None:
    async with connect(app, LIVE, subprotocols=["bearer", "not-a-token"]) as ws:
        closed = await ws.closed()

    # Accepted first, so that the client can read why it was closed.
    assert ws.subprotocol == "bearer"
    assert closed == INVALID_TOKEN


async def test_the_connection_ends_when_its_token_expires(
    app: FastAPI, client: AsyncClient, app_settings: Settings
) -> None:
    author = await create_user(client)
    key = app_settings.secret_key.get_secret_value()
    lifetime = timedelta(seconds=2)
    token = security.issue_token(str(author["id"]), uuid.uuid4().hex, 0, "access", lifetime, key)
    async with connect(app, LIVE, subprotocols=["bearer", token.token]) as ws:
        closed = await ws.closed()

    assert closed == Closed(1008, "The token has expired.")


async def test_a_bad_token_in_a_message_closes_with_1008(app: FastAPI) -> None:
    async with connect(app, LIVE) as ws:
        await ws.send_json({"type": "authenticate", "token": "not-a-token"})
        closed = await ws.closed()

    assert closed == INVALID_TOKEN
{% else %}
"""Who hears of what: without authentication every client reads every post, drafts included
(posts/access.py), and so hears of every change."""

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from tests.factories import create_post, create_user
from tests.live.conftest import LIVE
from tests.live.ws import connect

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("hub")]


async def test_every_client_hears_of_drafts(app: FastAPI, client: AsyncClient) -> None:
    author = await create_user(client)
    async with connect(app, LIVE) as ws:
        draft = await create_post(client, author, title="Draft", published=False)
        first = await ws.receive_json()

    assert first["event"] == "created"
    assert (first["post"]["id"], first["post"]["published"]) == (draft["id"], False)


async def test_the_feed_takes_no_messages(app: FastAPI) -> None:
    async with connect(app, LIVE) as ws:
        await ws.send_json({"type": "authenticate", "token": "a token"})
        closed = await ws.closed()

    assert closed.code == 1007
{% endif %}
