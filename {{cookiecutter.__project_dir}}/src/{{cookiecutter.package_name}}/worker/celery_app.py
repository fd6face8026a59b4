"""The Celery application, and how the worker runs jobs.

`celery -A {{ cookiecutter.package_name }}.worker.celery_app:celery_app worker` runs the jobs;
`... beat` sends the periodic ones. Every job that a domain registers with `@job` (core/jobs.py)
is the Celery task of the same name, and those registered with `every=` are in the beat schedule.
The worker runs them with the application's effect handlers, so a job's changes have the effects
a request's would have, in sessions of its own.

The state of the jobs that clients follow (`GET /jobs/{id}`) is kept in this service's database,
not in a Celery result backend: it survives restarts, an unknown id is a 404, and no second store
is needed next to the broker. So Celery keeps no results.
"""

{% if cookiecutter.orm_mode == "async" %}
import asyncio
{% endif %}
from typing import Any

from billiard.einfo import ExceptionInfo
from celery import Celery, Task

from ..core.config import Settings, get_settings
from ..core.db import create_engine, create_session_factory
from ..core.effects import EffectHandlers, JobQueue
from ..core.jobs import TRANSIENT_ERRORS, JobContext, RegisteredJob, discover_jobs

# Every task is retried on transient errors with exponential backoff (1 s, 2 s, 4 s... at most a
# minute, jittered), MAX_RETRIES times at most; it is acknowledged once done, and given back to
# the queue if its worker dies. A task may so run more than once: every job is idempotent.
MAX_RETRIES = 5

# The job that records a tracked job's retry or failure (jobs/jobs.py).
RECORD_JOB_ERROR = "jobs.record_error"


def create_celery_app(settings: Settings) -> Celery:
    jobs = discover_jobs()
    app = Celery("{{ cookiecutter.package_name }}", broker=settings.celery_broker_url)
    app.conf.update(
        # Celery would let a CELERY_BROKER_URL environment variable override the broker given
        # above; the read and write URLs make the validated setting the one used.
        broker_read_url=settings.celery_broker_url,
        broker_write_url=settings.celery_broker_url,
        task_default_queue=settings.celery_queue,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        # One task at a time per worker process: jobs are long next to the cost of fetching.
        worker_prefetch_multiplier=1,
        broker_connection_timeout=settings.celery_broker_timeout_seconds,
        broker_connection_retry_on_startup=True,
        # Requests wait while a task is sent: give up quickly rather than hang.
        task_publish_retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.2},
{% if cookiecutter.celery_broker == "redis" %}
        broker_transport_options={"socket_connect_timeout": settings.celery_broker_timeout_seconds},
{% endif %}
        beat_schedule={
            name: {"task": name, "schedule": job.every}
            for name, job in jobs.items()
            if job.every is not None
        },
        timezone="UTC",
    )
    for job in jobs.values():
        add_task(app, job)
    return app


class Worker:
    """What a worker process needs to run jobs: the application's effect handlers and job queue,
    and an engine{{ " and event loop" if cookiecutter.orm_mode == "async" }} of its own, made on first use, so after the worker has forked
    its pool processes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._context: JobContext | None = None
{% if cookiecutter.orm_mode == "async" %}
        self._runner: asyncio.Runner | None = None
{% endif %}

    def context(self) -> JobContext:
        if self._context is None:
            # Imported here: main.py imports this module (through worker/install.py).
            from ..core.app import build_app
            from ..core.resources import resources_of
            from ..main import INSTALLERS

            resources = resources_of(build_app(self.settings, INSTALLERS))
            session_factory = create_session_factory(create_engine(self.settings))
            self._context = JobContext(
                session_factory, resources.get(EffectHandlers), resources.get(JobQueue)
            )
        return self._context

    def run(self, name: str, *args: Any) -> Any:
        """Run the job `name` in this worker's context."""
{% if cookiecutter.orm_mode == "async" %}
        work = discover_jobs()[name].run(self.context(), *args)
        # One event loop for the process's lifetime: the engine's connections belong to it.
        if self._runner is None:
            self._runner = asyncio.Runner()
        return self._runner.run(work)
{% else %}
        return discover_jobs()[name].run(self.context(), *args)
{% endif %}


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
        worker.run(RECORD_JOB_ERROR, task_id, "RETRY", repr(exc))

    def on_failure(
        self,
        exc: Exception,
        task_id: str,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        einfo: ExceptionInfo,
    ) -> None:
        worker.run(RECORD_JOB_ERROR, task_id, "FAILURE", repr(exc))


def add_task(app: Celery, job: RegisteredJob) -> None:
    """The Celery task `job.name`, which runs the job in the worker's context."""

    def run(*args: Any) -> Any:
        return worker.run(job.name, *args)

    run.__name__ = run.__qualname__ = job.run.__name__
    app.task(
        name=job.name,
        # This app's own: Celery would otherwise give every app made later a copy of it.
        shared=False,
        base=TrackedJobTask if job.tracked else Task,
        autoretry_for=TRANSIENT_ERRORS,
        retry_backoff=True,
        retry_backoff_max=60,
        retry_jitter=True,
        max_retries=MAX_RETRIES,
        acks_late=True,
        reject_on_worker_lost=True,
    )(run)


worker = Worker(get_settings())
celery_app = create_celery_app(get_settings())
