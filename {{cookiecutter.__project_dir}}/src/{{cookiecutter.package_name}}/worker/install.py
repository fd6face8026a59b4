"""The Celery feature: jobs run on a Celery worker (`make worker`), and requests that start one
answer 503 while the broker is away."""

from ..core.app import AppBuilder
from ..core.effects import JobQueue
from .celery_app import celery_app
from .queue import TaskQueue


def install_worker(builder: AppBuilder) -> None:
    resources, timeout = builder.resources, builder.settings.celery_broker_timeout_seconds
    resources.provide_default(JobQueue, lambda: TaskQueue(celery_app, timeout))

    {{ cookiecutter.__async }}def broker_answers() -> bool:
        return {{ cookiecutter.__await }}resources.get(JobQueue).answers()

    builder.readiness_checks.add("broker", broker_answers)
