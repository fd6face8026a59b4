"""The Celery task base of jobs that clients follow through `GET /jobs/{id}`."""

from typing import Any, Literal

from billiard.einfo import ExceptionInfo
from celery import Task

from ..core.celery_app import worker
from ..core.jobs import JobContext
from .repository import JobRepository
from .service import JobService


class TrackedJobTask(Task[Any, Any]):
    """A task sent with its job's id as its task id. The job records its own start and success;
    this records a retry, and the failure once Celery gives up."""

    def on_retry(
        self,
        exc: Exception,
        task_id: str,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        einfo: ExceptionInfo,
    ) -> None:
        worker.run(record_error, task_id, "RETRY", repr(exc))

    def on_failure(
        self,
        exc: Exception,
        task_id: str,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        einfo: ExceptionInfo,
    ) -> None:
        worker.run(record_error, task_id, "FAILURE", repr(exc))


{{ cookiecutter.__async }}def record_error(
    context: JobContext,
    job_id: str,
    state: Literal["RETRY", "FAILURE"],
    error: str,
) -> None:
    {{ cookiecutter.__async }}with context.session_factory.begin() as session:
        {{ cookiecutter.__await }}JobService(JobRepository(session)).record_error(job_id, state, error)
