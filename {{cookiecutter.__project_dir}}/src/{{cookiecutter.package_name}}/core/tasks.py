"""Sending Celery tasks from requests: after the commit, and only if the broker can take them.

A request that sends a task first makes sure, before its transaction commits, that the broker
answers (within CELERY_BROKER_TIMEOUT_SECONDS). If it does not, the request answers 503 and its
transaction rolls back, so nothing is written that no task would follow. The task itself is sent
after the commit, so the worker never looks for rows that are not committed yet.
"""

import logging
from functools import partial
from typing import Annotated, Any

{% if cookiecutter.orm_mode == "async" %}
import anyio.to_thread
{% endif %}
from celery import Celery, Task
from fastapi import Depends, Request
from kombu.exceptions import OperationalError
{% if cookiecutter.orm_mode == "async" %}
from sqlalchemy.ext.asyncio import AsyncSession
{% else %}
from sqlalchemy.orm import Session
{% endif %}

from .db import SessionDep, on_commit
from .exceptions import ServiceUnavailableError

logger = logging.getLogger(__name__)


class TaskQueueUnavailableError(ServiceUnavailableError):
    def __init__(self) -> None:
        super().__init__(
            "The task queue is unavailable, so nothing was changed: try again later.",
            checks={"broker": "unavailable"},
        )


class TaskQueue:
    """The broker of a Celery app, as requests use it."""

    def __init__(self, celery: Celery, timeout_seconds: float) -> None:
        self.celery = celery
        self.timeout_seconds = timeout_seconds

    def check_broker(self) -> None:
        """Raise TaskQueueUnavailableError unless the broker accepts a connection."""
        try:
            with self.celery.producer_or_acquire() as producer:
                producer.connection.ensure_connection(
                    max_retries=1, interval_start=0, timeout=self.timeout_seconds
                )
        except (OperationalError, OSError) as error:
            logger.warning("the Celery broker is unavailable: %s", error)
            raise TaskQueueUnavailableError() from error

    def send(self, task: Task[..., Any], args: tuple[Any, ...], task_id: str | None) -> None:
        try:
            self.celery.send_task(task.name, args, task_id=task_id)
        except (OperationalError, OSError):
            # The transaction has committed: its change stands without the task. Rare (the
            # broker answered a moment ago); the periodic task catches up where it can.
            logger.exception("task %s%r was not sent after its commit", task.name, args)


class RequestTasks:
    """The tasks one request sends."""

    def __init__(self, queue: TaskQueue, session: {{ cookiecutter.__session }}) -> None:
        self.queue = queue
        self.session = session

    {{ cookiecutter.__async }}def send_after_commit(
        self, task: Task[..., Any], *args: Any, task_id: str | None = None
    ) -> None:
        """Check the broker now (TaskQueueUnavailableError fails the request), send `task`
        once the request's transaction has committed."""
{% if cookiecutter.orm_mode == "async" %}
        # Celery's client blocks: it runs in a worker thread, not on the event loop.
        await anyio.to_thread.run_sync(self.queue.check_broker)
        send = partial(self.queue.send, task, args, task_id)
        on_commit(self.session, partial(anyio.to_thread.run_sync, send))
{% else %}
        self.queue.check_broker()
        on_commit(self.session, partial(self.queue.send, task, args, task_id))
{% endif %}


async def get_request_tasks(session: SessionDep, request: Request) -> RequestTasks:
    return RequestTasks(request.app.state.task_queue, session)


RequestTasksDep = Annotated[RequestTasks, Depends(get_request_tasks)]
