"""Service tier, the live feed across processes: two uvicorn processes share a real redis-server
of the test's own. A write served by one reaches a WebSocket subscriber of the other; while Redis
is stopped, writes still succeed and the feed is quiet; once Redis is back, the feed resumes.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from tests.matrix import Combo
from tests.project import (
    Project,
    Server,
    expect,
    location_of,
    post_payload,
    serving,
    sign_up,
)
from tests.services import RedisServer
from tests.workspace import Workspace

# Where the two processes differ only in the ORM mode and whether a token is needed to see more:
# the fan-out itself is the same code in every other combination with Redis.
pytestmark = [
    pytest.mark.service,
    pytest.mark.combos(
        when=lambda combo: (
            combo.get("use_redis") is True
            and combo.get("use_celery") is False
            and combo.get("database") == "sqlite"
            and combo.get("api_versioning") is True
        )
    ),
]

# One database file for both processes: what this check exercises is Redis.
DATABASE_URL = "sqlite:///./live-check.db"
# How long a message may take to cross from one process to the other.
DELIVERY_SECONDS = 5.0
# How long the feed may take to resume once Redis is back (the listener retries with backoff).
RESUME_SECONDS = 20.0


def live_url(server: Server) -> str:
    return server.api.replace("http://", "ws://", 1) + "/posts/live"


def next_message(feed: ClientConnection, timeout: float) -> dict[str, Any] | None:
    """The next message of the feed, or None if none comes within `timeout`."""
    try:
        raw = feed.recv(timeout=timeout)
    except TimeoutError:
        return None
    message = json.loads(raw)
    assert isinstance(message, dict), message
    return message


def create(server: Server, author: dict[str, object], headers: dict[str, str], title: str) -> int:
    payload = post_payload(author, headers, title=title)
    created = expect(server, "POST", f"{server.api}/posts", 201, payload=payload, headers=headers)
    body = created.json()
    assert isinstance(body, dict), body
    assert location_of(server, created).endswith(f"/posts/{body['id']}")
    return int(body["id"])


def test_a_write_through_one_process_reaches_the_feed_of_another(
    project: Project,
    combo: Combo,
    workspace: Workspace,
    redis_server: RedisServer,
    tmp_path: Path,
) -> None:
    # The publisher tries Redis again this long after an error (the cache's setting).
    env = project.env(
        DATABASE_URL=DATABASE_URL, REDIS_URL=redis_server.url, REDIS_RETRY_AFTER_SECONDS="0.2"
    )
    workspace.once(
        "alembic upgrade head (live check)",
        combo,
        lambda: project.uv_run("alembic", "upgrade", "head", env=env),
    )
    logs_a, logs_b = tmp_path / "a", tmp_path / "b"
    logs_a.mkdir()
    logs_b.mkdir()
    with serving(project, env, logs_a) as writer, serving(project, env, logs_b) as reader:
        writer.wait_ready()
        reader.wait_ready()
        author, headers = sign_up(writer, auth=combo.get("use_auth") is True)
        with connect(live_url(reader), open_timeout=DELIVERY_SECONDS) as feed:
            post_id = create(writer, author, headers, "Across processes")
            message = next_message(feed, DELIVERY_SECONDS)
            if message is None:
                reader.fail("the post created through the other process never reached the feed")
            assert message["event"] == "created", message
            assert message["post"]["id"] == post_id, message
            assert message["post"]["title"] == "Across processes", message

            redis_server.stop()
            # Writes do not depend on Redis; the feed is quiet while it is away.
            create(writer, author, headers, "While Redis was away")
            redis_server.start()

            deadline = time.monotonic() + RESUME_SECONDS
            titles: list[str] = []
            while time.monotonic() < deadline:
                title = f"After Redis came back {len(titles)}"
                create(writer, author, headers, title)
                titles.append(title)
                try:
                    message = next_message(feed, 1.0)
                except ConnectionClosed as closed:
                    reader.fail(f"the feed closed instead of waiting for Redis: {closed}")
                # Skip the stats job's `updated` messages: the feed's order is the commits'.
                if message is not None and message["event"] == "created":
                    break
            else:
                reader.fail(f"the feed did not resume within {RESUME_SECONDS:.0f} s of Redis")
            assert message is not None
            assert message["event"] == "created", message
            assert message["post"]["title"] in titles, message
            # What was written while Redis was away is not replayed: the feed is live only.
            assert message["post"]["title"] != "While Redis was away", message
