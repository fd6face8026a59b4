"""The live feed: every committed post change, as one message, to the clients that asked for it;
and the limits that keep the service healthy with real clients."""

from datetime import datetime, timedelta

import anyio
import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from {{ cookiecutter.package_name }}.core.jobs import JobContext
from {{ cookiecutter.package_name }}.core.resources import resources_of
from {{ cookiecutter.package_name }}.live.hub import LiveHub
from {{ cookiecutter.package_name }}.posts.schemas import PostCreate
from {{ cookiecutter.package_name }}.posts.service import PostService
from tests.factories import API, add_author, create_post, create_user
from tests.live.conftest import LIVE
from tests.live.ws import Closed, WebSocketClient, connect, open_websocket

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("hub")]


async def receive_events(ws: WebSocketClient, count: int) -> list[tuple[str, int]]:
    """The next `count` messages, as (event, post id)."""
    return [(m["event"], m["post"]["id"]) for m in [await ws.receive_json() for _ in range(count)]]


async def test_committed_changes_arrive_with_the_public_fields(
    app: FastAPI, client: AsyncClient, hub: LiveHub
) -> None:
    author = await create_user(client)
    async with connect(app, LIVE) as ws:
        post = await create_post(client, author, tags=["python"])
        created = await ws.receive_json()
        # The stats job, run after the commit, changes the post too.
        stats = await ws.receive_json()
        url = f"{API}/posts/{post['id']}"
        patched = await client.patch(url, json={"title": "New"}, headers=author["headers"])
        updated = await ws.receive_json()
        deleted_response = await client.delete(url, headers=author["headers"])
        deleted = await ws.receive_json()

    assert created["event"] == "created"
    assert created["post"] == post
    assert (stats["event"], stats["post"]["word_count"]) == ("updated", 4)
    assert (updated["event"], updated["post"]) == ("updated", patched.json())
    assert deleted_response.status_code == 204
    assert deleted["event"] == "deleted"
    assert deleted["post"] == {"id": post["id"], "author_id": author["id"], "published": True}
    assert datetime.fromisoformat(deleted["at"]).utcoffset() == timedelta(0)
    assert hub.messages_sent == 4


def post_data(title: str, author_id: int) -> PostCreate:
{% if cookiecutter.use_auth %}
    return PostCreate(title=title, body="Some words.", published=True)
{% else %}
    return PostCreate(title=title, body="Some words.", published=True, author_id=author_id)
{% endif %}


{{ cookiecutter.__async }}def create_then_fail(job_context: JobContext, author_id: int) -> None:
    """Create a post in a transaction that then fails, and so rolls back."""
    {{ cookiecutter.__async }}with job_context.unit_of_work() as work:
        {{ cookiecutter.__await }}PostService.of(work).create(post_data("Lost", author_id), author_id)
        raise RuntimeError("the transaction rolls back")


async def test_a_rolled_back_change_sends_nothing(app: FastAPI, job_context: JobContext) -> None:
    {{ cookiecutter.__async }}with job_context.unit_of_work() as work:
        author = {{ cookiecutter.__await }}add_author(work.session)
    async with connect(app, LIVE) as ws:
        with pytest.raises(RuntimeError):
            {{ cookiecutter.__await }}create_then_fail(job_context, author.id)
        {{ cookiecutter.__async }}with job_context.unit_of_work() as work:
            {{ cookiecutter.__await }}PostService.of(work).create(post_data("Kept", author.id), author.id)

        # The first message is the committed post's: none came for the rolled-back one.
        first = await ws.receive_json()

    assert (first["event"], first["post"]["title"]) == ("created", "Kept")


async def test_filters_by_tag_and_author(app: FastAPI, client: AsyncClient) -> None:
    ada = await create_user(client)
    bob = await create_user(client, email="bob@example.com", full_name="Bob")
    async with (
        connect(app, f"{LIVE}?tag=Python") as by_tag,
        connect(app, f"{LIVE}?author_id={bob['id']}") as by_author,
    ):
        untagged = await create_post(client, ada)
        tagged = await create_post(client, ada, tags=["python"])
        bobs = await create_post(client, bob)
        await client.delete(f"{API}/posts/{untagged['id']}", headers=ada["headers"])
        await client.delete(f"{API}/posts/{bobs['id']}", headers=bob["headers"])

        tag_events = await receive_events(by_tag, 4)
        author_events = await receive_events(by_author, 3)

    # Tag names are matched as they are stored (lowercase); every deletion passes a tag filter.
    assert tag_events == [
        ("created", tagged["id"]),
        ("updated", tagged["id"]),
        ("deleted", untagged["id"]),
        ("deleted", bobs["id"]),
    ]
    assert author_events == [
        ("created", bobs["id"]),
        ("updated", bobs["id"]),
        ("deleted", bobs["id"]),
    ]


@pytest.mark.parametrize(
    "query", ["author_id=abc", "author_id=0", f"tag={'x' * 51}"], ids=["text", "zero", "long"]
)
async def test_invalid_filters_refuse_the_handshake(app: FastAPI, query: str) -> None:
    async with connect(app, f"{LIVE}?{query}") as ws:
        refused = ws.refused

    assert refused is not None
    assert refused.code == 1008
    assert refused.reason.startswith("Invalid query parameter")


@pytest.mark.parametrize(
    ("message", "code"),
    [
        (b"\x00binary", 1003),
        ("not json", 1007),
        ("[1, 2]", 1007),
        ('{"type": "subscribe"}', 1007),
    ],
    ids=["binary", "not-json", "not-an-object", "unknown-type"],
)
async def test_a_malformed_message_closes_the_connection(
    app: FastAPI, message: str | bytes, code: int
) -> None:
    async with connect(app, LIVE) as ws:
        if isinstance(message, bytes):
            await ws.send_bytes(message)
        else:
            await ws.send_text(message)
        closed = await ws.closed()

    assert closed.code == code


@pytest.mark.parametrize("app_settings", [{"live_queue_size": 1}], indirect=True)
async def test_a_client_that_does_not_keep_up_is_dropped(
    app: FastAPI, client: AsyncClient, hub: LiveHub
) -> None:
    author = await create_user(client)
    async with connect(app, LIVE) as slow, connect(app, LIVE) as fast:
        slow.pause()
        # Four messages (created and stats updated, twice): more than the slow client's queue
        # and the one message it is stuck on.
        await create_post(client, author)
        await create_post(client, author)
        closed = await slow.closed()
        fast_events = await receive_events(fast, 4)

    assert closed == Closed(1013, "Too slow: the client did not keep up with the feed.")
    assert [event for event, _ in fast_events] == ["created", "updated"] * 2
    assert hub.slow_clients_dropped == 1


@pytest.mark.parametrize("app_settings", [{"live_max_connections": 1}], indirect=True)
async def test_connections_beyond_the_maximum_are_closed(app: FastAPI, hub: LiveHub) -> None:
    async with connect(app, LIVE), connect(app, LIVE) as second:
        closed = await second.closed()
        connections = hub.connections

    assert closed.code == 1013
    assert connections == 1
    assert hub.connections_refused == 1


async def test_the_end_of_the_lifespan_closes_every_connection(app: FastAPI) -> None:
    # A hub of its own, to end it while the clients are connected.
    hub = LiveHub(queue_size=10, max_connections=10)
    resources_of(app).provide(LiveHub, hub)
    async with anyio.create_task_group() as tasks:
        async with hub.lifespan():
            clients = [await open_websocket(tasks, app, LIVE) for _ in range(2)]
            assert hub.connections == 2
        closes = [await ws.closed() for ws in clients]
        for ws in clients:
            await ws.leave()
        # A client that comes after the end (the server has not stopped accepting yet).
        async with connect(app, LIVE) as late:
            closes.append(await late.closed())

    assert closes == [Closed(1001, "The server is shutting down.")] * 3
    assert hub.connections == 0
