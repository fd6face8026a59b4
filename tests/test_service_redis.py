"""Service tier, Redis: every combination with use_redis serves from a real redis-server of the
test's own, which the test stops and starts again under the running service: hits, misses and
invalidation against real Redis, correct answers while Redis is away, recovery once it is back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.matrix import Combo
from tests.project import (
    Project,
    Response,
    Server,
    create_post,
    expect,
    poll,
    serving,
    sign_up,
)
from tests.services import RedisServer
from tests.workspace import Workspace

pytestmark = [
    pytest.mark.service,
    pytest.mark.combos(when=lambda combo: combo.get("use_redis") is True),
]

# A database of this check's own: what it exercises is Redis.
DATABASE_URL = "sqlite:///./redis-check.db"
# How long the stats job, or the service's return to Redis, may take.
WAIT = 15.0


def read(server: Server, url: str) -> tuple[str, str]:
    """GET a post: its title, and whether the cache had it (X-Cache)."""
    response: Response = expect(server, "GET", url, 200)
    body = response.json()
    assert isinstance(body, dict), body
    return str(body["title"]), response.headers.get("x-cache", "")


def redis_is_back(ready: dict[str, Any]) -> bool:
    return bool(ready["checks"].get("redis") == "ok")


def test_cache_against_real_redis_through_an_outage(
    project: Project,
    combo: Combo,
    workspace: Workspace,
    redis_server: RedisServer,
    broker_settings: dict[str, str],
    tmp_path: Path,
) -> None:
    env = project.env(
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=redis_server.url,
        REDIS_RETRY_AFTER_SECONDS="0.2",
        **broker_settings,
    )
    workspace.once(
        "alembic upgrade head (Redis check)",
        combo,
        lambda: project.uv_run("alembic", "upgrade", "head", env=env),
    )
    with serving(project, env, tmp_path) as server:
        server.wait_ready()
        author, headers = sign_up(server, auth=combo.get("use_auth") is True)
        post = create_post(server, author, headers)

        def edit(title: str) -> None:
            expect(server, "PATCH", post, 200, payload={"title": title}, headers=headers)

        if not broker_settings:
            # The stats job changes the post after the response: let it finish first. (With
            # Celery, no worker runs here: the task waits in its queue.)
            poll(server, post, "the stats job", lambda body: body["word_count"] is not None, WAIT)
        edit("Edited")
        assert [read(server, post), read(server, post)] == [("Edited", "miss"), ("Edited", "hit")]

        redis_server.stop()
        assert read(server, post) == ("Edited", "miss")
        edit("Edited while Redis was away")
        assert read(server, post) == ("Edited while Redis was away", "miss")
        ready = expect(server, "GET", f"{server.base_url}/health/ready", 200).json()
        assert isinstance(ready, dict), ready
        assert ready["status"] == "degraded", ready
        assert ready["checks"]["redis"] == "degraded", ready

        redis_server.start()
        poll(server, f"{server.base_url}/health/ready", "Redis's return", redis_is_back, WAIT)
        assert read(server, post) == ("Edited while Redis was away", "miss")
        assert read(server, post) == ("Edited while Redis was away", "hit")

    log = server.log_path.read_text(encoding="utf-8")
    assert log.count("Redis is unavailable") == 1, server.log()
    assert log.count("Redis is back") == 1, server.log()
