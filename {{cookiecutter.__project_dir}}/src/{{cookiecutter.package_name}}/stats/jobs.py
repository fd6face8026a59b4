"""The stats rebuild that `POST /stats/rebuild` starts, run on the Celery worker."""

from ..core.jobs import JobContext
from ..jobs.repository import JobRepository
from ..jobs.service import JobService
from ..posts.jobs import refresh_all_stats


{{ cookiecutter.__async }}def rebuild_stats(context: JobContext, job_id: str) -> None:
    """Recompute every post's stats, recording the job's progress (idempotent: a redelivered
    task of a finished job does nothing)."""
    {{ cookiecutter.__async }}with context.session_factory.begin() as session:
        if not {{ cookiecutter.__await }}JobService(JobRepository(session)).start(job_id):
            return
    posts = {{ cookiecutter.__await }}refresh_all_stats(context)
    {{ cookiecutter.__async }}with context.session_factory.begin() as session:
        {{ cookiecutter.__await }}JobService(JobRepository(session)).succeed(job_id, {"posts": posts})
