from typing import Annotated

from fastapi import BackgroundTasks, Depends

from {{ cookiecutter.package_name }}.core.db import SessionDep, SessionFactory, SessionFactoryDep
from {{ cookiecutter.package_name }}.posts.jobs import refresh_post_stats
from {{ cookiecutter.package_name }}.posts.repository import PostRepository
from {{ cookiecutter.package_name }}.posts.service import PostService
from {{ cookiecutter.package_name }}.tags.repository import TagRepository
from {{ cookiecutter.package_name }}.tags.service import TagService
from {{ cookiecutter.package_name }}.users.repository import UserRepository


async def get_post_service(session: SessionDep) -> PostService:
    return PostService(
        PostRepository(session), UserRepository(session), TagService(TagRepository(session))
    )


class PostStatsJobs:
    """Queues stats refreshes. Background tasks run after the response, so after the commit."""

    def __init__(self, background_tasks: BackgroundTasks, session_factory: SessionFactory) -> None:
        self.background_tasks = background_tasks
        self.session_factory = session_factory

    def enqueue(self, post_id: int) -> None:
        self.background_tasks.add_task(refresh_post_stats, self.session_factory, post_id)


async def get_post_stats_jobs(
    background_tasks: BackgroundTasks, session_factory: SessionFactoryDep
) -> PostStatsJobs:
    return PostStatsJobs(background_tasks, session_factory)


PostServiceDep = Annotated[PostService, Depends(get_post_service)]
PostStatsJobsDep = Annotated[PostStatsJobs, Depends(get_post_stats_jobs)]
