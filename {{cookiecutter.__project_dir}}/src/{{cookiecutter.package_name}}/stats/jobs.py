"""The stats rebuild that `POST /stats/rebuild` starts, run on the Celery worker."""

from ..core.jobs import JobContext, job
from ..jobs.service import JobService
from ..posts.jobs import refresh_all_stats
from .service import REBUILD_STATS


@job(REBUILD_STATS, tracked=True)
{{ cookiecutter.__async }}def rebuild_stats(context: JobContext, job_id: str) -> None:
    """Recompute every post's stats, recording the job's progress (idempotent: a redelivered
    task of a finished job does nothing)."""
    {{ cookiecutter.__async }}with context.unit_of_work() as work:
        if not {{ cookiecutter.__await }}JobService.of(work).start(job_id):
            return
    posts = {{ cookiecutter.__await }}refresh_all_stats(context)
    {{ cookiecutter.__async }}with context.unit_of_work() as work:
        {{ cookiecutter.__await }}JobService.of(work).succeed(job_id, {"posts": posts})
