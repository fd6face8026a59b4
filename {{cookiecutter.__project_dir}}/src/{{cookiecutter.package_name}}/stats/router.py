from typing import Any

{% if cookiecutter.use_celery %}
from fastapi import APIRouter, Request, Response, status
{% else %}
from fastapi import APIRouter
{% endif %}
from sqlalchemy import Row

from ..core.pagination import Page, PageQuery, Paginated
{% if cookiecutter.use_celery %}
from ..core.routing import location
from ..core.tasks import RequestTasksDep
from ..jobs.dependencies import JobServiceDep
from ..jobs.models import Job
from ..jobs.schemas import JobRead
{% endif %}
from .dependencies import StatsServiceDep
from .schemas import AuthorStats
{% if cookiecutter.use_celery %}
from .tasks import REBUILD_STATS, rebuild_stats_task
{% endif %}

router = APIRouter(prefix="/stats", tags=["stats"])


@router.get("/authors", response_model=Page[AuthorStats])
{{ cookiecutter.__async }}def author_stats(params: PageQuery, service: StatsServiceDep) -> Paginated[Row[Any]]:
    """Posts per author and their average word count, busiest authors first."""
    return {{ cookiecutter.__await }}service.authors(params)
{% if cookiecutter.use_celery %}


@router.post("/rebuild", status_code=status.HTTP_202_ACCEPTED, response_model=JobRead)
{{ cookiecutter.__async }}def rebuild_stats(
    jobs: JobServiceDep, tasks: RequestTasksDep, request: Request, response: Response
) -> Job:
    """Recompute every post's stats on the worker; follow the job at its Location."""
    job = {{ cookiecutter.__await }}jobs.create(REBUILD_STATS)
    {{ cookiecutter.__await }}tasks.send_after_commit(rebuild_stats_task, job.id, task_id=job.id)
    response.headers.update(location(request, "get_job", job_id=job.id))
    return job
{% endif %}
