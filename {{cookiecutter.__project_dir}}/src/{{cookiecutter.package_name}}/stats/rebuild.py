"""`POST /stats/rebuild`: the stats recomputed on the Celery worker, as a job clients follow."""

from fastapi import APIRouter, Request, Response, status

{% if cookiecutter.use_auth %}
from ..auth.dependencies import ADMINS_ONLY
{% endif %}
from ..core.routing import location
from ..jobs.dependencies import JobServiceDep
from ..jobs.models import Job
from ..jobs.schemas import JobRead
from .service import REBUILD_STATS

router = APIRouter(prefix="/stats", tags=["stats"])


@router.post(
    "/rebuild",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=JobRead,
{% if cookiecutter.use_auth %}
    # A rebuild reads every post: not something any client may start at will.
    dependencies=ADMINS_ONLY,
{% endif %}
)
{{ cookiecutter.__async }}def rebuild_stats(jobs: JobServiceDep, request: Request, response: Response) -> Job:
    """Recompute every post's stats on the worker; follow the job at its Location."""
    job = {{ cookiecutter.__await }}jobs.submit(REBUILD_STATS)
    response.headers.update(location(request, "get_job", job_id=job.id))
    return job
