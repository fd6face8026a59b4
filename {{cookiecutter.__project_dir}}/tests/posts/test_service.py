"""PostService without HTTP: its rules and the effects it declares, in units of work as jobs and
the CLI have them. A copy of this file is the way to test a service of your own."""

from typing import Any

import pytest
from fastapi import FastAPI

from {{ cookiecutter.package_name }}.core.effects import EffectHandlers, Effects, JobQueue, UnitOfWork
from {{ cookiecutter.package_name }}.core.jobs import JobContext
from {{ cookiecutter.package_name }}.core.pagination import PageParams
from {{ cookiecutter.package_name }}.core.resources import resources_of
from {{ cookiecutter.package_name }}.posts.access import Editor, Reader
from {{ cookiecutter.package_name }}.posts.events import PostCreated, PostDeleted, PostUpdated
from {{ cookiecutter.package_name }}.posts.models import Post
from {{ cookiecutter.package_name }}.posts.repository import PostRepository
from {{ cookiecutter.package_name }}.posts.schemas import PostCreate, PostFilters, PostUpdate
from {{ cookiecutter.package_name }}.posts.service import REFRESH_STATS, PostService
{% if cookiecutter.use_auth %}
from {{ cookiecutter.package_name }}.users.repository import UserRepository
{% endif %}
from tests.factories import add_author
from tests.inline_jobs import InlineJobQueue

pytestmark = pytest.mark.anyio


@pytest.fixture
def events(app: FastAPI) -> list[object]:
    """Every post event emitted, in order (a handler of its own on the app's handlers)."""
    emitted: list[object] = []

    {{ cookiecutter.__async }}def record(event: object, _: Effects) -> None:
        emitted.append(event)

    handlers = resources_of(app).get(EffectHandlers)
    for kind in (PostCreated, PostUpdated, PostDeleted):
        handlers.on(kind, record)
    return emitted


@pytest.fixture
def jobs_sent(app: FastAPI) -> list[tuple[str, tuple[Any, ...]]]:
    queue = resources_of(app).get(JobQueue)
    assert isinstance(queue, InlineJobQueue)
    return queue.sent


{{ cookiecutter.__async }}def create_post(work: UnitOfWork, body: str) -> Post:
    """A post by a new author, created through the service."""
    author = {{ cookiecutter.__await }}add_author(work.session)
{% if cookiecutter.use_auth %}
    data = PostCreate(title="A title", body=body)
{% else %}
    data = PostCreate(title="A title", body=body, author_id=author.id)
{% endif %}
    return {{ cookiecutter.__await }}PostService.of(work).create(data, author.id)


async def test_a_new_post_and_a_new_body_ask_for_stats_but_a_new_title_does_not(
    job_context: JobContext,
    events: list[object],
    jobs_sent: list[tuple[str, tuple[Any, ...]]],
) -> None:
    {{ cookiecutter.__async }}with job_context.unit_of_work() as work:
        post = {{ cookiecutter.__await }}create_post(work, body="one two three")
    {{ cookiecutter.__async }}with job_context.unit_of_work() as work:
        service = PostService.of(work)
{% if cookiecutter.use_auth %}
        author = {{ cookiecutter.__await }}UserRepository(work.session).get(post.author_id)
        assert author is not None
        editor = Editor(author)
{% else %}
        editor = Editor()
{% endif %}
        {{ cookiecutter.__await }}service.update(post.id, PostUpdate(title="A new title"), editor)
        {{ cookiecutter.__await }}service.update(post.id, PostUpdate(body="four five"), editor)

    assert jobs_sent == [(REFRESH_STATS, (post.id,)), (REFRESH_STATS, (post.id,))]
    # Computing the stats changes the post too, so every job adds a PostUpdated of its own.
    assert events[0] == PostCreated(post.id)
    assert events.count(PostUpdated(post.id)) == 4


{{ cookiecutter.__async }}def create_post_and_fail(context: JobContext) -> None:
    {{ cookiecutter.__async }}with context.unit_of_work() as work:
        {{ cookiecutter.__await }}create_post(work, body="one two three")
        raise RuntimeError("changed my mind")


async def test_nothing_follows_a_unit_of_work_that_rolled_back(
    job_context: JobContext,
    jobs_sent: list[tuple[str, tuple[Any, ...]]],
) -> None:
    with pytest.raises(RuntimeError, match="changed my mind"):
        {{ cookiecutter.__await }}create_post_and_fail(job_context)

    assert jobs_sent == []
    {{ cookiecutter.__async }}with job_context.unit_of_work() as work:
        posts = PostRepository(work.session)
        _, total = {{ cookiecutter.__await }}posts.list_page(PostFilters(), PageParams(), Reader(sees_drafts=True))
    assert total == 0
