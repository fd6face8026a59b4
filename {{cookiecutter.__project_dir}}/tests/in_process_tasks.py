"""A stand-in for the broker and the worker in these tests: a task's job runs in the test, right
after the request's commit, inside the test's transaction. (The template that generated this
project runs the real worker against the real broker in its own tests.)"""

from typing import Any, Self

{% if cookiecutter.orm_mode == "async" %}
import anyio.from_thread
{% endif %}
from celery import Task
from fastapi import FastAPI

from {{ cookiecutter.package_name }}.core.celery_app import JOBS
from {{ cookiecutter.package_name }}.core.jobs import JobContext


class InProcessTaskQueue:
    def __init__(self, context: JobContext) -> None:
        self.context = context
        self.sent: list[tuple[str, tuple[Any, ...]]] = []

    @classmethod
    def for_app(cls, app: FastAPI) -> Self:
        """A queue whose jobs use the app's sessions{{ " and cache" if cookiecutter.use_redis }}."""
{% if cookiecutter.use_redis %}
        return cls(JobContext(app.state.session_factory, app.state.cache))
{% else %}
        return cls(JobContext(app.state.session_factory))
{% endif %}

    def check_broker(self) -> None:
        """This broker always answers."""

    def send(self, task: Task[..., Any], args: tuple[Any, ...], task_id: str | None) -> None:
        self.sent.append((task.name, args))
{% if cookiecutter.orm_mode == "async" %}
        # Called in a worker thread, as Celery's client is: the job runs on the test's loop.
        anyio.from_thread.run(JOBS[task.name], self.context, *args)
{% else %}
        JOBS[task.name](self.context, *args)
{% endif %}
