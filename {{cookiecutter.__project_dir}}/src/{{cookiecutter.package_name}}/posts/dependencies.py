from typing import Annotated

{% if cookiecutter.use_celery %}
from fastapi import Depends
{% else %}
from fastapi import BackgroundTasks, Depends
{% endif %}

{% if cookiecutter.orm_mode == "sync" and not cookiecutter.use_celery %}
from ..core.db import SessionDep, run_in_job_thread
from ..core.jobs import JobContext, JobContextDep
{% elif cookiecutter.use_celery %}
from ..core.db import SessionDep
from ..core.tasks import RequestTasks, RequestTasksDep
{% else %}
from ..core.db import SessionDep
from ..core.jobs import JobContext, JobContextDep
{% endif %}
from ..tags.repository import TagRepository
from ..tags.service import TagService
from ..users.repository import UserRepository
{% if not cookiecutter.use_celery %}
from .jobs import refresh_post_stats
{% endif %}
from .repository import PostRepository
from .service import PostService
{% if cookiecutter.use_celery %}
from .tasks import refresh_post_stats_task
{% endif %}


async def get_post_service(session: SessionDep) -> PostService:
    return PostService(
        PostRepository(session), UserRepository(session), TagService(TagRepository(session))
    )


{% if cookiecutter.use_celery %}
class PostStatsJobs:
    """Sends stats refreshes to the Celery worker once the request's transaction has committed
    (a request whose broker is unreachable answers 503 and writes nothing)."""

    def __init__(self, tasks: RequestTasks) -> None:
        self.tasks = tasks

    {{ cookiecutter.__async }}def enqueue(self, post_id: int) -> None:
        {{ cookiecutter.__await }}self.tasks.send_after_commit(refresh_post_stats_task, post_id)


async def get_post_stats_jobs(tasks: RequestTasksDep) -> PostStatsJobs:
    return PostStatsJobs(tasks)
{% else %}
class PostStatsJobs:
    """Queues stats refreshes. Background tasks run after the response, so after the commit."""

    def __init__(self, background_tasks: BackgroundTasks, context: JobContext) -> None:
        self.background_tasks = background_tasks
        self.context = context

    def enqueue(self, post_id: int) -> None:
{% if cookiecutter.orm_mode == "async" %}
        self.background_tasks.add_task(refresh_post_stats, self.context, post_id)
{% else %}
        self.background_tasks.add_task(run_in_job_thread, refresh_post_stats, self.context, post_id)
{% endif %}


async def get_post_stats_jobs(
    background_tasks: BackgroundTasks, context: JobContextDep
) -> PostStatsJobs:
    return PostStatsJobs(background_tasks, context)
{% endif %}


PostServiceDep = Annotated[PostService, Depends(get_post_service)]
PostStatsJobsDep = Annotated[PostStatsJobs, Depends(get_post_stats_jobs)]
