from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from {{ cookiecutter.package_name }}.core.effects import JobQueue
from {{ cookiecutter.package_name }}.core.jobs import JobContext
from {{ cookiecutter.package_name }}.core.resources import resources_of
from {{ cookiecutter.package_name }}.jobs.jobs import record_error
from {{ cookiecutter.package_name }}.jobs.models import Job
from tests.factories import API, assert_problem, create_post, create_user
from tests.inline_jobs import InlineJobQueue

pytestmark = pytest.mark.anyio


@pytest.fixture
async def author(client: AsyncClient) -> dict[str, Any]:
    return await create_user(client)


async def test_a_stats_rebuild_is_a_job_to_follow(
    client: AsyncClient, author: dict[str, Any], admin: dict[str, Any]
) -> None:
    await create_post(client, author, body="one two three")
    await create_post(client, author, body="four five")

    response = await client.post(f"{API}/stats/rebuild", headers=admin["headers"])

    assert response.status_code == 202
    started = response.json()
    assert response.headers["location"] == f"http://test{API}/jobs/{started['id']}"
    assert started["state"] == "PENDING"
    job = (await client.get(response.headers["location"])).json()
    assert job == {"id": started["id"], "state": "SUCCESS", "result": {"posts": 2}}


{% if cookiecutter.use_auth %}
async def test_only_admins_start_a_rebuild(client: AsyncClient, author: dict[str, Any]) -> None:
    assert_problem(await client.post(f"{API}/stats/rebuild"), 401)
    assert_problem(await client.post(f"{API}/stats/rebuild", headers=author["headers"]), 403)


{% endif %}
async def test_the_rebuild_task_is_sent_after_the_commit_with_the_job_id(
    client: AsyncClient, app: FastAPI, admin: dict[str, Any]
) -> None:
    started = (await client.post(f"{API}/stats/rebuild", headers=admin["headers"])).json()

    queue = resources_of(app).get(JobQueue)
    assert isinstance(queue, InlineJobQueue)
    assert ("stats.rebuild", (started["id"],)) in queue.sent


async def test_a_job_that_failed_says_so(client: AsyncClient, job_context: JobContext) -> None:
    job = Job(id="f" * 32, name="stats.rebuild", state="PENDING")
    {{ cookiecutter.__async }}with job_context.unit_of_work() as work:
        work.session.add(job)

    {{ cookiecutter.__await }}record_error(job_context, job.id, "FAILURE", "RuntimeError('boom')")

    response = await client.get(f"{API}/jobs/{job.id}")
    assert response.json() == {"id": job.id, "state": "FAILURE", "result": None}


async def test_an_unknown_job_is_404(client: AsyncClient) -> None:
    assert_problem(await client.get(f"{API}/jobs/{'0' * 32}"), 404)


@pytest.mark.parametrize("job_id", ["not-a-job", "A" * 32, "0" * 33])
async def test_a_malformed_job_id_is_422(client: AsyncClient, job_id: str) -> None:
    assert_problem(await client.get(f"{API}/jobs/{job_id}"), 422)
