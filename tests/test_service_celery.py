"""Service tier, Celery: every combination with use_celery serves next to a real worker process
on the machine's broker (Redis or RabbitMQ) and database (PostgreSQL where it is the combination's
database): a new post gets its stats from the worker, a stats rebuild started through the API
reaches SUCCESS, and with the broker away, requests that send a task answer 503 quickly and
write nothing while the rest keeps working.
"""

from __future__ import annotations

import signal
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.matrix import Combo
from tests.project import (
    Project,
    create_post,
    expect,
    log_in,
    poll,
    post_payload,
    serving,
    sign_in_admin,
    sign_up,
    start_logged,
    stop_process,
    tail,
)
from tests.services import (
    broker_scheme,
    create_database,
    drop_database,
    require_service,
    unreachable_url,
)

pytestmark = [
    pytest.mark.service,
    pytest.mark.combos(when=lambda combo: combo.get("use_celery") is True),
]

WORKER_TIMEOUT = 30.0
# A request that sends a task waits at most this long for a broker that is away.
BROKER_TIMEOUT_SECONDS = "1"


@pytest.fixture
def database_url(request: pytest.FixtureRequest, combo: Combo, project: Project) -> Iterator[str]:
    """A fresh, migrated database of this check's own, of the combination's kind."""
    if combo.get("database") == "postgresql":
        server_url = require_service(request, "postgresql")
        url = create_database(server_url)
    else:
        server_url, url = "", f"sqlite:///{project.root}/celery-check-{uuid.uuid4().hex[:8]}.db"
    try:
        project.uv_run("alembic", "upgrade", "head", env=project.env(DATABASE_URL=url))
        yield url
    finally:
        if server_url:
            drop_database(server_url, url)


class Worker:
    """`celery worker` for the project, as its Makefile runs it (one pool process)."""

    def __init__(self, project: Project, env: dict[str, str], log_path: Path) -> None:
        self.log_path = log_path
        celery = str(project.root / ".venv" / "bin" / "celery")
        app = f"{project.package}.worker.celery_app:celery_app"
        command = [celery, "-A", app, "worker", "--loglevel=INFO", "--concurrency=1"]
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        # A node name of its own: two workers named celery@<host> at once (one per pytest worker)
        # fight over RabbitMQ's exclusive remote-control queue, and the second one exits.
        command += [f"--hostname=template-test-{uuid.uuid4().hex[:12]}@%h"]
        self.process = start_logged(command, project.root, env, log_path)

    def log(self) -> str:
        return tail(self.log_path.read_text(encoding="utf-8", errors="replace"))

    def wait_ready(self) -> None:
        deadline = time.monotonic() + WORKER_TIMEOUT
        while "ready." not in self.log_path.read_text(encoding="utf-8", errors="replace"):
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the Celery worker did not start:\n{self.log()}", pytrace=False)
            time.sleep(0.1)

    def stop(self) -> None:
        """Stop it as a supervisor does (SIGTERM: a warm shutdown); require a clean exit."""
        if not stop_process(self.process, signal.SIGTERM, WORKER_TIMEOUT):
            pytest.fail(f"the worker ignored SIGTERM:\n{self.log()}", pytrace=False)
        if self.process.returncode != 0:
            pytest.fail(f"the worker exited with {self.process.returncode}:\n{self.log()}")


def test_a_real_worker_does_the_jobs_and_a_missing_broker_is_a_clean_503(
    project: Project,
    combo: Combo,
    database_url: str,
    broker_settings: dict[str, str],
    tmp_path: Path,
) -> None:
    env = project.env(
        DATABASE_URL=database_url,
        CELERY_BROKER_TIMEOUT_SECONDS=BROKER_TIMEOUT_SECONDS,
        **broker_settings,
        # With use_redis the cache stays off (nothing listens there): this check is about tasks.
        REDIS_URL=unreachable_url("redis"),
    )
    worker = Worker(project, env, tmp_path / "worker.log")
    try:
        worker.wait_ready()
        with serving(project, env, tmp_path) as server:
            server.wait_ready()
            auth = combo.get("use_auth") is True
            author, headers = sign_up(server, auth=auth)
            post = create_post(server, author, headers)
            stats = poll(
                server, post, "the stats job", lambda body: body["word_count"] == 4, WORKER_TIMEOUT
            )
            assert stats["reading_time"] == 1, stats

            admin = sign_in_admin(project, env, server) if auth else {}
            started = expect(server, "POST", f"{server.api}/stats/rebuild", 202, headers=admin)
            accepted = started.json()
            assert isinstance(accepted, dict) and accepted["state"] == "PENDING", accepted
            job_url = started.headers.get("location", "")
            assert job_url == f"{server.api}/jobs/{accepted['id']}", started.headers
            job = poll(
                server,
                job_url,
                "the stats rebuild",
                lambda body: body["state"] == "SUCCESS",
                WORKER_TIMEOUT,
            )
            assert job["result"] == {"posts": 1}, job
    finally:
        worker.stop()
    assert "Task posts.refresh_stats" in worker.log_path.read_text(encoding="utf-8")

    # The broker away: what sends a task answers 503 at once and writes nothing.
    away = env | {"CELERY_BROKER_URL": unreachable_url(broker_scheme(combo))}
    with serving(project, away, tmp_path) as server:
        server.wait_ready()
        api = server.api
        headers = log_in(server, str(author["email"])) if auth else {}
        payload = post_payload(author, headers, title="Not written")
        began = time.monotonic()
        refused = expect(server, "POST", f"{api}/posts", 503, payload=payload, headers=headers)
        assert time.monotonic() - began < 10, "a request waited too long for a missing broker"
        assert refused.headers["content-type"] == "application/problem+json"
        admin = log_in(server, "admin@example.com") if auth else {}
        expect(server, "POST", f"{api}/stats/rebuild", 503, headers=admin)
        listed = expect(server, "GET", f"{api}/posts", 200).json()
        assert isinstance(listed, dict), listed
        assert [item["title"] for item in listed["items"]] == ["Served"], listed
        ready = expect(server, "GET", f"{server.base_url}/health/ready", 200).json()
        assert isinstance(ready, dict) and ready["checks"]["broker"] == "degraded", ready
