"""Jobs run by this process, after the response, in tasks of its own.

A job that fails on a transient error (the database restarting) is tried again with backoff; one
that still fails is logged. Neither ever touches the connection of the request that started it.
The periodic jobs (`@job(every=...)`, such as the stats sweep) are sent on their schedule while
the application runs, as Celery beat would send them.
"""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
{% if cookiecutter.orm_mode == "sync" %}
from functools import partial
{% endif %}
from typing import Any

import anyio
{% if cookiecutter.orm_mode == "sync" %}
import anyio.from_thread
import anyio.to_thread
{% endif %}
from anyio.abc import TaskGroup

from ..core.db import {{ "JOB_CONNECTIONS, " if cookiecutter.orm_mode == "sync" }}Database
from ..core.effects import EffectHandlers, JobQueue
from ..core.jobs import TRANSIENT_ERRORS, JobContext, discover_jobs
from ..core.resources import Resources

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
FIRST_RETRY_DELAY_SECONDS = 0.5


class BackgroundJobQueue(JobQueue):
    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self.jobs = discover_jobs()
        self._task_group: TaskGroup | None = None
{% if cookiecutter.orm_mode == "sync" %}
        # One thread per pooled job connection: jobs never wait for a connection while holding
        # a thread that a request needs.
        self._threads = anyio.CapacityLimiter(JOB_CONNECTIONS)
{% endif %}

    @asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Take jobs, and send the periodic ones, while the application runs; at shutdown, stop
        the schedule and let the started jobs finish."""
        async with anyio.create_task_group() as task_group:
            self._task_group = task_group
            async with anyio.create_task_group() as schedule:
                for registered in self.jobs.values():
                    if registered.every is not None:
                        seconds = registered.every.total_seconds()
                        schedule.start_soon(self._send_every, registered.name, seconds)
                try:
                    yield
                finally:
                    schedule.cancel_scope.cancel()
                    self._task_group = None

    async def _send_every(self, name: str, seconds: float) -> None:
        while True:
            await anyio.sleep(seconds)
            if self._task_group is not None:
                self._task_group.start_soon(self._run, name, ())

    {{ cookiecutter.__async }}def send(self, name: str, args: tuple[Any, ...], job_id: str | None) -> None:
        if self._task_group is None:
            raise RuntimeError("the job queue takes jobs once the application has started")
{% if cookiecutter.orm_mode == "async" %}
        self._task_group.start_soon(self._run, name, args)
{% else %}
        # Called after the commit, in a worker thread: the job's task starts on the event loop.
        anyio.from_thread.run_sync(self._task_group.start_soon, self._run, name, args)
{% endif %}

    async def _run(self, name: str, args: tuple[Any, ...]) -> None:
        context = JobContext(
            self.resources.get(Database).session_factory, self.resources.get(EffectHandlers), self
        )
        delay = FIRST_RETRY_DELAY_SECONDS
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
{% if cookiecutter.orm_mode == "async" %}
                await self.jobs[name].run(context, *args)
{% else %}
                job = partial(self.jobs[name].run, context, *args)
                await anyio.to_thread.run_sync(job, limiter=self._threads)
{% endif %}
            except TRANSIENT_ERRORS as error:
                if attempt == MAX_ATTEMPTS:
                    logger.exception("job %s%r failed %d times; giving up", name, args, attempt)
                    return
                logger.warning("job %s%r failed (%s); retrying in %.1f s", name, args, error, delay)
                await anyio.sleep(delay)
                delay *= 2
            except Exception:
                logger.exception("job %s%r failed", name, args)
                return
            else:
                return
