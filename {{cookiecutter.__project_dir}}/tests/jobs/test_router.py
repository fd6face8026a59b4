from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from {{ cookiecutter.package_name }}.core.jobs import JobContext
from {{ cookiecutter.package_name }}.jobs.repository import JobRepository
from {{ cookiecutter.package_name }}.jobs.service import JobService
from {{ cookiecutter.package_name }}.jobs.tasks import record_error
from tests.factories import API, assert_problem, create_post, create_user

pytestmark = pytest.mark.anyio


@pytest.fixture
async def author(client: AsyncClient) -> dict[str, Any]:
    return await create_user(client)


async def test_a_stats_rebuild_is_a_job_to_follow(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    await create_post(client, author, body="one two three")
    await create_post(client, author, body="four five")

    response = await client.post(f"{API}/stats/rebuild", headers=author["headers"])

    assert response.status_code == 202
    started = response.json()
    assert response.headers["location"] == f"http://test{API}/jobs/{started['id']}"
    assert started["state"] == "PENDING"
    job = (await client.get(response.headers["location"])).json()
    assert job == {"id": started["id"], "state": "SUCCESS", "result": {"posts": 2}}


async def test_the_rebuild_task_is_sent_after_the_commit_with_the_job_id(
    client: AsyncClient, app: FastAPI, author: dict[str, Any]
) -> None:
    started = (await client.post(f"{API}/stats/rebuild", headers=author["headers"])).json()

    assert ("stats.rebuild", (started["id"],)) in app.state.task_queue.sent


async def test_a_job_that_failed_says_so(client: AsyncClient, app: FastAPI) -> None:
    context = JobContext({{ "app.state.session_factory, app.state.cache" if cookiecutter.use_redis else "app.state.session_factory" }})
    {{ cookiecutter.__async }}with context.session_factory.begin() as session:
        job = {{ cookiecutter.__await }}JobService(JobRepository(session)).create("stats.rebuild")

    {{ cookiecutter.__await }}record_error(context, job.id, "FAILURE", "RuntimeError('boom')")

    response = await client.get(f"{API}/jobs/{job.id}")
    assert response.json() == {"id": job.id, "state": "FAILURE", "result": None}


async def test_an_unknown_job_is_404(client: AsyncClient) -> None:
    assert_problem(await client.get(f"{API}/jobs/{'0' * 32}"), 404)


@pytest.mark.parametrize("job_id", ["not-a-job", "A" * 32, "0" * 33])
async def test_a_malformed_job_id_is_422(client: AsyncClient, job_id: str) -> None:
    assert_problem(await client.get(f"{API}/jobs/{job_id}"), 422)
