import uuid
from typing import Any, Literal, Self

from ..core.effects import Effects, UnitOfWork
from .exceptions import JobNotFoundError
from .models import Job
from .repository import JobRepository


class JobService:
    def __init__(self, jobs: JobRepository, effects: Effects) -> None:
        self.jobs = jobs
        self.effects = effects

    @classmethod
    def of(cls, work: UnitOfWork) -> Self:
        return cls(JobRepository(work.session), work.effects)

    {{ cookiecutter.__async }}def submit(self, name: str) -> Job:
        """Record a job that clients can follow, and send it after the commit. The job gets its
        own id as its only argument; it is the Celery task id too."""
        job = Job(id=uuid.uuid4().hex, name=name, state="PENDING")
        {{ cookiecutter.__await }}self.jobs.add(job)
        {{ cookiecutter.__await }}self.effects.enqueue(name, job.id, job_id=job.id)
        return job

    {{ cookiecutter.__async }}def get(self, job_id: str) -> Job:
        job = {{ cookiecutter.__await }}self.jobs.get(job_id)
        if job is None:
            raise JobNotFoundError(job_id)
        return job

    {{ cookiecutter.__async }}def start(self, job_id: str) -> bool:
        """Mark the job started; False when it is unknown or already finished (a redelivery)."""
        return {{ cookiecutter.__await }}self.jobs.set_state(job_id, "STARTED")

    {{ cookiecutter.__async }}def succeed(self, job_id: str, result: dict[str, Any]) -> None:
        {{ cookiecutter.__await }}self.jobs.set_state(job_id, "SUCCESS", result=result)

    {{ cookiecutter.__async }}def record_error(
        self,
        job_id: str,
        state: Literal["RETRY", "FAILURE"],
        error: str,
    ) -> None:
        """A retry that is coming, or the failure Celery gave up on."""
        {{ cookiecutter.__await }}self.jobs.set_state(job_id, state, error=error)
