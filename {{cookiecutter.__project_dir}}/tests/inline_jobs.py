"""A stand-in for the job queue in these tests: a job runs in the test, right after the request's
commit, inside the test's transaction. (The template that generated this project runs
{{ "a real Celery worker against a real broker" if cookiecutter.use_celery else "the service's own job queue" }} in its own tests.)"""

from typing import Any

from {{ cookiecutter.package_name }}.core.db import Database
from {{ cookiecutter.package_name }}.core.effects import EffectHandlers, JobQueue
from {{ cookiecutter.package_name }}.core.jobs import JobContext, discover_jobs
from {{ cookiecutter.package_name }}.core.resources import Resources


class InlineJobQueue(JobQueue):
    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self.jobs = discover_jobs()
        self.sent: list[tuple[str, tuple[Any, ...]]] = []

    {{ cookiecutter.__async }}def send(self, name: str, args: tuple[Any, ...], job_id: str | None) -> None:
        self.sent.append((name, args))
        context = JobContext(
            self.resources.get(Database).session_factory, self.resources.get(EffectHandlers), self
        )
        {{ cookiecutter.__await }}self.jobs[name].run(context, *args)
