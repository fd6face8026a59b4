from typing import Annotated

from fastapi import BackgroundTasks, Depends

{% if cookiecutter.orm_mode == "async" %}
from ..core.db import SessionDep, SessionFactory, SessionFactoryDep
{% else %}
from ..core.db import SessionDep, SessionFactory, SessionFactoryDep, run_in_job_thread
{% endif %}from ..tags.repository import TagRepository
from ..tags.service import TagService
from ..users.repository import UserRepository
from .jobs import refresh_post_stats
from .repository import PostRepository
from .service import PostService


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
{% if cookiecutter.orm_mode == "async" %}
        self.background_tasks.add_task(refresh_post_stats, self.session_factory, post_id)
{% else %}
        self.background_tasks.add_task(
            run_in_job_thread, refresh_post_stats, self.session_factory, post_id
        )
{% endif %}


async def get_post_stats_jobs(
    background_tasks: BackgroundTasks, session_factory: SessionFactoryDep
) -> PostStatsJobs:
    return PostStatsJobs(background_tasks, session_factory)


PostServiceDep = Annotated[PostService, Depends(get_post_service)]
PostStatsJobsDep = Annotated[PostStatsJobs, Depends(get_post_stats_jobs)]
