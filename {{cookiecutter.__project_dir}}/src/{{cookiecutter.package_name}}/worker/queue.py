"""Sending Celery tasks from requests: after the commit, and only if the broker can take them.

A request that sends a task first makes sure, before its transaction commits, that the broker
answers (within CELERY_BROKER_TIMEOUT_SECONDS). If it does not, the request answers 503 and its
transaction rolls back, so nothing is written that no task would follow. The task itself is sent
after the commit, so the worker never looks for rows that are not committed yet.
"""

import logging
from typing import Any

{% if cookiecutter.orm_mode == "async" %}
import anyio.to_thread
{% endif %}
from celery import Celery
from kombu.exceptions import OperationalError

from ..core.effects import JobQueue
from ..core.exceptions import ServiceUnavailableError

logger = logging.getLogger(__name__)


class TaskQueueUnavailableError(ServiceUnavailableError):
    def __init__(self) -> None:
        super().__init__(
            "The task queue is unavailable, so nothing was changed: try again later.",
            checks={"broker": "unavailable"},
        )


class TaskQueue(JobQueue):
    """The broker of a Celery app: every job runs as the Celery task of its name."""

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

    {{ cookiecutter.__async }}def check(self) -> None:
{% if cookiecutter.orm_mode == "async" %}
        # Celery's client blocks: it runs in a worker thread, not on the event loop.
        await anyio.to_thread.run_sync(self.check_broker)
{% else %}
        self.check_broker()
{% endif %}

    {{ cookiecutter.__async }}def send(self, name: str, args: tuple[Any, ...], job_id: str | None) -> None:
{% if cookiecutter.orm_mode == "async" %}
        await anyio.to_thread.run_sync(self.send_task, name, args, job_id)

    def send_task(self, name: str, args: tuple[Any, ...], job_id: str | None) -> None:
{% endif %}
        try:
            self.celery.send_task(name, args, task_id=job_id)
        except (OperationalError, OSError):
            # The transaction has committed: its change stands without the task. Rare (the
            # broker answered a moment ago); the periodic task catches up where it can.
            logger.exception("task %s%r was not sent after its commit", name, args)
