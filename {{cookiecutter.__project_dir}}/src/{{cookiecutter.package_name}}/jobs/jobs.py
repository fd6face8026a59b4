"""What the worker records of the jobs that clients follow (see worker/celery_app.py)."""

from typing import Literal

from ..core.jobs import JobContext, job
from .service import JobService


@job("jobs.record_error")
{{ cookiecutter.__async }}def record_error(
    context: JobContext,
    job_id: str,
    state: Literal["RETRY", "FAILURE"],
    error: str,
) -> None:
    {{ cookiecutter.__async }}with context.unit_of_work() as work:
        {{ cookiecutter.__await }}JobService.of(work).record_error(job_id, state, error)
