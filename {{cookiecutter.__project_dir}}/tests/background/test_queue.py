"""The job queue of this process: a failed job is retried with backoff and never reaches the
request that started it; periodic jobs are sent on their schedule; the sweep repairs what a job
that failed for good left behind."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import anyio
{% if cookiecutter.orm_mode == "sync" %}
import anyio.to_thread
{% endif %}
import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from {{ cookiecutter.package_name }}.background import queue as background_queue
from {{ cookiecutter.package_name }}.background.queue import MAX_ATTEMPTS, BackgroundJobQueue
from {{ cookiecutter.package_name }}.core.db import Database
from {{ cookiecutter.package_name }}.core.effects import EffectHandlers, JobQueue
from {{ cookiecutter.package_name }}.core.exceptions import DatabaseUnavailableError
from {{ cookiecutter.package_name }}.core.jobs import JobContext, RegisteredJob
from {{ cookiecutter.package_name }}.core.resources import Resources, resources_of
from {{ cookiecutter.package_name }}.posts.jobs import refresh_missing_stats
from {{ cookiecutter.package_name }}.posts.service import PostService
from tests.factories import API, create_post, create_user

pytestmark = pytest.mark.anyio


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background_queue, "FIRST_RETRY_DELAY_SECONDS", 0.01)


def queue_of(app: FastAPI, *jobs: RegisteredJob) -> BackgroundJobQueue:
    """A queue that runs only `jobs`, in the test's transaction."""
    queue = BackgroundJobQueue(resources_of(app))
    queue.jobs = {registered.name: registered for registered in jobs}
    return queue


async def send(queue: BackgroundJobQueue, name: str) -> None:
{% if cookiecutter.orm_mode == "async" %}
    await queue.send(name, (), None)
{% else %}
    # Requests send jobs from a worker thread, after their commit.
    await anyio.to_thread.run_sync(queue.send, name, (), None)
{% endif %}


async def test_a_job_failing_on_a_transient_error_is_retried(app: FastAPI) -> None:
    attempts: list[int] = []

    {{ cookiecutter.__async }}def flaky(context: JobContext) -> None:
        attempts.append(len(attempts) + 1)
        if len(attempts) < 3:
            raise DatabaseUnavailableError

    queue = queue_of(app, RegisteredJob("flaky", flaky))
    async with queue.running():
        await send(queue, "flaky")

    assert attempts == [1, 2, 3]


async def test_a_job_is_given_up_after_its_attempts_and_logged(
    app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    attempts: list[int] = []

    {{ cookiecutter.__async }}def broken(context: JobContext) -> None:
        attempts.append(1)
        raise DatabaseUnavailableError

    queue = queue_of(app, RegisteredJob("broken", broken))
    async with queue.running():
        await send(queue, "broken")

    assert len(attempts) == MAX_ATTEMPTS
    assert f"failed {MAX_ATTEMPTS} times; giving up" in caplog.text


async def test_periodic_jobs_are_sent_on_their_schedule(app: FastAPI) -> None:
    runs: list[int] = []

    {{ cookiecutter.__async }}def tick(context: JobContext) -> None:
        runs.append(1)

    queue = queue_of(app, RegisteredJob("tick", tick, every=timedelta(seconds=0.05)))
    async with queue.running():
        await anyio.sleep(0.4)
    count = len(runs)
    await anyio.sleep(0.2)

    assert count >= 2
    assert len(runs) == count, "the schedule stops with the application"


def test_the_stats_sweep_is_scheduled() -> None:
    queue = BackgroundJobQueue(Resources())

    assert queue.jobs["posts.refresh_missing_stats"].every is not None


async def test_a_failing_stats_job_leaves_the_request_alone_and_the_sweep_repairs_it(
    live_client: AsyncClient, resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stats job fails for good (the database restarting throughout): the write and the
    next requests are answered as usual, the post shows no stats rather than stale ones, and the
    sweep computes them once the database is back."""
    author = await create_user(live_client)
    post = await create_post(live_client, author, body="one two")
    url = f"{API}/posts/{post['id']}"
    await wait_for_stats(live_client, url)
    attempts: list[int] = []

    {{ cookiecutter.__async }}def database_restarting(service: PostService, post_id: int) -> None:
        attempts.append(post_id)
        raise DatabaseUnavailableError

    with monkeypatch.context() as patch:
        patch.setattr(PostService, "refresh_stats", database_restarting)
        edit = {"body": "one two three"}
        response = await live_client.patch(url, json=edit, headers=author["headers"])
        assert response.status_code == 200, response.text
        await wait_until(lambda: len(attempts) == MAX_ATTEMPTS)

    read = await live_client.get(url, headers=author["headers"])
    assert read.status_code == 200, read.text
    assert read.json()["word_count"] is None

    context = JobContext(
        resources.get(Database).session_factory,
        resources.get(EffectHandlers),
        resources.get(JobQueue),
    )
    assert {{ cookiecutter.__await }}refresh_missing_stats(context) == 1
    repaired = (await live_client.get(url, headers=author["headers"])).json()
    assert repaired["word_count"] == 3


async def wait_for_stats(client: AsyncClient, url: str) -> None:
    for _ in range(200):
        post: dict[str, Any] = (await client.get(url)).json()
        if post.get("word_count") is not None:
            return
        await anyio.sleep(0.02)
    raise AssertionError(f"{url} got no stats")


async def wait_until(condition: Callable[[], bool]) -> None:
    for _ in range(200):
        if condition():
            return
        await anyio.sleep(0.02)
    raise AssertionError("the condition never held")
