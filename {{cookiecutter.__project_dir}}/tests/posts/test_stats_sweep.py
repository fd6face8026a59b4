"""Stats are never stale: an edit clears them until its job has run, and the sweep computes those
that a lost or failed job left missing."""

from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from {{ cookiecutter.package_name }}.core.effects import JobQueue
from {{ cookiecutter.package_name }}.core.jobs import JobContext
from {{ cookiecutter.package_name }}.core.resources import resources_of
from {{ cookiecutter.package_name }}.posts.jobs import refresh_missing_stats
from tests.factories import API, create_post, create_user

pytestmark = pytest.mark.anyio


class LostJobs(JobQueue):
    """A job queue whose jobs never run, as when a job fails for good."""

    {{ cookiecutter.__async }}def send(self, name: str, args: tuple[Any, ...], job_id: str | None) -> None:
        pass


async def test_the_sweep_computes_the_stats_a_failed_job_left_missing(
    client: AsyncClient, app: FastAPI, job_context: JobContext
) -> None:
    author = await create_user(client)
    post = await create_post(client, author, body="one two")
    url = f"{API}/posts/{post['id']}"
    assert (await client.get(url)).json()["word_count"] == 2

    resources_of(app).provide(JobQueue, LostJobs())
    edit = {"body": "one two three"}
    edited = await client.patch(url, json=edit, headers=author["headers"])
    assert edited.status_code == 200, edited.text
    # No stats rather than the old body's.
    assert edited.json()["word_count"] is None
    assert (await client.get(url)).json()["word_count"] is None

    assert {{ cookiecutter.__await }}refresh_missing_stats(job_context) == 1

    assert (await client.get(url)).json()["word_count"] == 3
    assert {{ cookiecutter.__await }}refresh_missing_stats(job_context) == 0
