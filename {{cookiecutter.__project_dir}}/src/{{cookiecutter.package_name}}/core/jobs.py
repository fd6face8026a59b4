"""Jobs: work that runs after the response, in sessions of its own (never the request's).

A job is a function of a JobContext and JSON arguments, registered under a name with `@job` in a
domain's `jobs.py`. Services ask for one by name through their unit of work
(`effects.enqueue(...)`); the job queue that main.py installs runs it: {{ "a Celery worker" if cookiecutter.use_celery else "a task of this process" }}.
Every job is idempotent: a retried or redelivered job does no harm.
"""

import importlib
import importlib.util
import pkgutil
from collections.abc import {{ "AsyncIterator, Callable, Coroutine" if cookiecutter.orm_mode == "async" else "Callable, Iterator" }}
from contextlib import {{ "asynccontextmanager" if cookiecutter.orm_mode == "async" else "contextmanager" }}
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Concatenate, ParamSpec, TypeVar

from .db import SessionFactory, commit, unavailable
from .effects import EffectHandlers, Effects, JobQueue, UnitOfWork
from .exceptions import DatabaseUnavailableError, is_database_outage

P = ParamSpec("P")
R = TypeVar("R")

# Worth another try: the database (see unit_of_work) or the network went away for a moment.
TRANSIENT_ERRORS = (DatabaseUnavailableError, ConnectionError, TimeoutError)


@dataclass(frozen=True)
class JobContext:
    """What a job gets instead of a request: sessions of its own, and the application's effect
    handlers and job queue, so that its changes have the effects a request's would have."""

    session_factory: SessionFactory
    handlers: EffectHandlers
    jobs: JobQueue

    @{{ "asynccontextmanager" if cookiecutter.orm_mode == "async" else "contextmanager" }}
    {{ cookiecutter.__async }}def unit_of_work(self) -> {{ "AsyncIterator" if cookiecutter.orm_mode == "async" else "Iterator" }}[UnitOfWork]:
        """One transaction: committed (then its effects run) if the block succeeds, else rolled
        back. A database that is away makes it a DatabaseUnavailableError, which job queues
        retry."""
        {{ cookiecutter.__async }}with self.session_factory() as session:
            try:
                yield UnitOfWork(session, Effects(session, self.handlers, self.jobs))
                {{ cookiecutter.__await }}commit(session)
            except Exception as error:
                if is_database_outage(error):
                    raise {{ cookiecutter.__await }}unavailable(session, error) from error
                raise


Job = Callable[Concatenate[JobContext, P], {{ "Coroutine[Any, Any, R]" if cookiecutter.orm_mode == "async" else "R" }}]


@dataclass(frozen=True)
class RegisteredJob:
    name: str
    run: Job[..., Any]
    # Sent by the beat schedule this often, with Celery.
    every: timedelta | None = None
    # Followed by clients at GET /jobs/{id}: the job id is the task id.
    tracked: bool = False


# Every job of the service by name, filled as the domains' jobs modules are imported.
JOBS: dict[str, RegisteredJob] = {}


def job(
    name: str, *, every: timedelta | None = None, tracked: bool = False
) -> Callable[[Job[P, R]], Job[P, R]]:
    """Register a job under `name`."""

    def register(run: Job[P, R]) -> Job[P, R]:
        JOBS[name] = RegisteredJob(name, run, every, tracked)
        return run

    return register


def discover_jobs() -> dict[str, RegisteredJob]:
    """Import every domain's `jobs` module, so that JOBS holds every job."""
    root = importlib.import_module("{{ cookiecutter.package_name }}")
    for module in pkgutil.iter_modules(root.__path__):
        name = f"{root.__name__}.{module.name}.jobs"
        if module.ispkg and importlib.util.find_spec(name) is not None:
            importlib.import_module(name)
    return JOBS
