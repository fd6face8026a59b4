"""Sending tasks: after the commit, never when the broker is away; and the Celery app itself."""

import socket
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from {{ cookiecutter.package_name }}.core.config import Settings
from {{ cookiecutter.package_name }}.core.effects import JobQueue
from {{ cookiecutter.package_name }}.core.jobs import JOBS
from {{ cookiecutter.package_name }}.core.resources import resources_of
from {{ cookiecutter.package_name }}.worker.celery_app import MAX_RETRIES, celery_app, create_celery_app
from {{ cookiecutter.package_name }}.worker.queue import TaskQueue
from tests.factories import API, OFFSET_POSTS, assert_problem, create_user, post_payload
from tests.inline_jobs import InlineJobQueue

pytestmark = pytest.mark.anyio


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def broker_away(app: FastAPI, settings: Settings) -> None:
    """Point the app at a broker address where nothing listens."""
{% if cookiecutter.celery_broker == "redis" %}
    dead_url = f"redis://127.0.0.1:{unused_port()}/0"
{% else %}
    dead_url = f"amqp://guest:guest@127.0.0.1:{unused_port()}//"
{% endif %}
    celery = create_celery_app(settings.model_copy(update={"celery_broker_url": dead_url}))
    resources_of(app).provide(JobQueue, TaskQueue(celery, timeout_seconds=1))


async def test_posting_sends_the_stats_task_after_the_commit(
    client: AsyncClient, app: FastAPI
) -> None:
    author = await create_user(client)
    payload = post_payload(author)

    response = await client.post(f"{API}/posts", json=payload, headers=author["headers"])

    queue = resources_of(app).get(JobQueue)
    assert isinstance(queue, InlineJobQueue)
    assert ("posts.refresh_stats", (response.json()["id"],)) in queue.sent


@pytest.mark.usefixtures("broker_away")
async def test_a_request_that_sends_a_task_answers_503_and_writes_nothing_without_a_broker(
    client: AsyncClient, admin: dict[str, Any]
) -> None:
    author: dict[str, Any] = await create_user(client)

    post = await client.post(f"{API}/posts", json=post_payload(author), headers=author["headers"])
    rebuild = await client.post(f"{API}/stats/rebuild", headers=admin["headers"])

    for response in (post, rebuild):
        assert "task queue is unavailable" in assert_problem(response, 503)["detail"]
    assert (await client.get(OFFSET_POSTS)).json()["total"] == 0
    # Everything that sends no task still works, and readiness says what is missing.
    assert (await client.get(f"{API}/tags")).status_code == 200
    ready = await client.get("/health/ready")
    assert ready.status_code == 200
    assert ready.json()["status"] == "degraded"
    assert ready.json()["checks"]["broker"] == "degraded"


def test_every_job_is_a_task() -> None:
    assert set(JOBS) <= set(celery_app.tasks)
    for name in JOBS:
        task = celery_app.tasks[name]
        assert task.acks_late is True
        assert task.reject_on_worker_lost is True
        assert task.max_retries == MAX_RETRIES


def test_the_beat_schedule_sends_the_periodic_jobs() -> None:
    schedule = celery_app.conf.beat_schedule
    periodic = {name for name, job in JOBS.items() if job.every is not None}
    assert {entry["task"] for entry in schedule.values()} == periodic
    assert "posts.refresh_missing_stats" in periodic


def test_tasks_go_to_the_queue_of_the_settings() -> None:
    app = create_celery_app(Settings(_env_file=None, celery_queue="elsewhere"))

    assert app.conf.task_default_queue == "elsewhere"
    assert app.conf.task_ignore_result is True
