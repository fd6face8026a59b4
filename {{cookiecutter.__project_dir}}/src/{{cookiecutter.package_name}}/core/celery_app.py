"""The Celery application, and how the worker runs jobs.

`celery -A {{ cookiecutter.package_name }}.core.celery_app:celery_app worker` runs the tasks;
`... beat` sends the periodic one. A task is a thin wrapper around a job (a function of a
JobContext and JSON arguments), which the worker runs in sessions of its own.

The state of the jobs that clients follow (`GET /jobs/{id}`) is kept in this service's database,
not in a Celery result backend: it survives restarts, an unknown id is a 404, and no second store
is needed next to the broker. So Celery keeps no results.
"""

{% if cookiecutter.orm_mode == "async" %}
import asyncio
from collections.abc import Callable, Coroutine
{% else %}
from collections.abc import Callable
{% endif %}
from datetime import timedelta
from typing import Any, Concatenate, ParamSpec, TypeVar

from celery import Celery, Task
from sqlalchemy.exc import InterfaceError, OperationalError

{% if cookiecutter.use_redis %}
from .cache import Cache
{% endif %}
from .config import Settings, get_settings
from .db import create_engine, create_session_factory
from .jobs import JobContext
{% if cookiecutter.use_redis %}
from .redis import RedisStore, create_redis_client
{% endif %}

P = ParamSpec("P")
R = TypeVar("R")
Job = Callable[Concatenate[JobContext, P], {{ "Coroutine[Any, Any, R]" if cookiecutter.orm_mode == "async" else "R" }}]

# Worth another try: the database or the network went away for a moment.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)

# Every task is retried on transient errors with exponential backoff (1 s, 2 s, 4 s... at most a
# minute, jittered), MAX_RETRIES times at most; it is acknowledged once done, and given back to
# the queue if its worker dies. A task may so run more than once: every job is idempotent.
MAX_RETRIES = 5

{% if cookiecutter.use_auth %}
PERIODIC_TASKS = {
    "delete-expired-refresh-tokens": {
        "task": "auth.delete_expired_tokens",
        "schedule": timedelta(hours=1),
    },
}
{% else %}
PERIODIC_TASKS = {
    "refresh-missing-post-stats": {
        "task": "posts.refresh_missing_stats",
        "schedule": timedelta(minutes=10),
    },
}
{% endif %}


def create_celery_app(settings: Settings) -> Celery:
    app = Celery(
        "{{ cookiecutter.package_name }}",
        broker=settings.celery_broker_url,
        include=[
{% if cookiecutter.use_auth %}
            "{{ cookiecutter.package_name }}.auth.tasks",
{% endif %}
            "{{ cookiecutter.package_name }}.posts.tasks",
            "{{ cookiecutter.package_name }}.stats.tasks",
        ],
    )
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
        beat_schedule=PERIODIC_TASKS,
        timezone="UTC",
    )
    return app


class Worker:
    """What a worker process needs to run jobs: its own engine{{ ", cache" if cookiecutter.use_redis else "" }}{{ " and event loop" if cookiecutter.orm_mode == "async" else "" }}, made on
    first use, so after the worker has forked its pool processes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._context: JobContext | None = None
{% if cookiecutter.orm_mode == "async" %}
        self._runner: asyncio.Runner | None = None
{% endif %}

    def context(self) -> JobContext:
        if self._context is None:
            session_factory = create_session_factory(create_engine(self.settings))
{% if cookiecutter.use_redis %}
            redis = RedisStore(
                create_redis_client(self.settings),
                self.settings.redis_key_prefix,
                self.settings.redis_retry_after_seconds,
            )
            cache = Cache(redis, self.settings.cache_ttl_seconds)
            self._context = JobContext(session_factory, cache)
{% else %}
            self._context = JobContext(session_factory)
{% endif %}
        return self._context

    def run(self, job: Job[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
{% if cookiecutter.orm_mode == "async" %}
        # One event loop for the process's lifetime: the engine's connections belong to it.
        if self._runner is None:
            self._runner = asyncio.Runner()
        return self._runner.run(job(self.context(), *args, **kwargs))
{% else %}
        return job(self.context(), *args, **kwargs)
{% endif %}


celery_app = create_celery_app(get_settings())
worker = Worker(get_settings())

# Task name -> the job it runs: the generated tests run a task's job in-process with this.
JOBS: dict[str, Job[..., Any]] = {}


def job_task(name: str, job: Job[P, R], *, base: type[Task[Any, Any]] = Task) -> Task[P, R]:
    """The Celery task `name`, which runs `job` in the worker's context."""
    JOBS[name] = job

    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        return worker.run(job, *args, **kwargs)

    run.__name__ = run.__qualname__ = job.__name__
    task: Task[P, R] = celery_app.task(
        name=name,
        base=base,
        autoretry_for=TRANSIENT_ERRORS,
        retry_backoff=True,
        retry_backoff_max=60,
        retry_jitter=True,
        max_retries=MAX_RETRIES,
        acks_late=True,
        reject_on_worker_lost=True,
    )(run)
    return task
