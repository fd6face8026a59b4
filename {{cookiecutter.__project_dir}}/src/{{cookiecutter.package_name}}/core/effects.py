"""What a change means outside the database, declared by the service that made the change.

Services work in a unit of work: a session (one transaction) and its `Effects`. Through the
effects they emit domain events (`PostUpdated`, `TagRenamed`...) and ask for jobs; each feature
registers, when the application is built, handlers for the events it cares about (the cache drops
what changed). A handler runs when the event is emitted, inside the transaction, and schedules
its work outside the database with `after_commit`: that runs once the transaction has committed,
and never for one that rolled back.
"""

from collections import defaultdict
from collections.abc import {{ "Awaitable, " if cookiecutter.orm_mode == "async" }}Callable
from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
{% if cookiecutter.orm_mode == "async" %}
from sqlalchemy.ext.asyncio import AsyncSession
{% else %}
from sqlalchemy.orm import Session
{% endif %}

from .db import SessionDep, on_commit
from .exceptions import ServiceUnavailableError
from .resources import resources_of

E = TypeVar("E")
EventHandler = Callable[[E, "Effects"], {{ "Awaitable[None]" if cookiecutter.orm_mode == "async" else "None" }}]


class EffectHandlers:
    """Which handlers each kind of event has; filled by the features when the app is built."""

    def __init__(self) -> None:
        self._handlers: defaultdict[type[Any], list[EventHandler[Any]]] = defaultdict(list)

    def on(self, event_type: type[E], handler: EventHandler[E]) -> None:
        self._handlers[event_type].append(handler)

    def of(self, event: object) -> list[EventHandler[Any]]:
        return self._handlers.get(type(event), [])


class JobQueue:
    """Where jobs go: a Celery broker or a task of this process (see core/jobs.py)."""

    {{ cookiecutter.__async }}def check(self) -> None:
        """Raise ServiceUnavailableError when jobs cannot be taken now."""

    {{ cookiecutter.__async }}def send(self, name: str, args: tuple[Any, ...], job_id: str | None) -> None:
        """Start the job `name` (called after the commit)."""
        raise NotImplementedError

    {{ cookiecutter.__async }}def answers(self) -> bool:
        """Whether jobs can be taken now (for /health/ready)."""
        try:
            {{ cookiecutter.__await }}self.check()
        except ServiceUnavailableError:
            return False
        return True


class Effects:
    """The effects of one unit of work, run after its commit."""

    def __init__(
        self,
        session: {{ cookiecutter.__session }},
        handlers: EffectHandlers,
        jobs: JobQueue,
    ) -> None:
        self.session = session
        self.handlers = handlers
        self.jobs = jobs

    {{ cookiecutter.__async }}def emit(self, event: object) -> None:
        """Tell every feature that cares what changed."""
        for handler in self.handlers.of(event):
            {{ cookiecutter.__await }}handler(event, self)

    def after_commit(self, action: Callable[[], {{ "Awaitable[None]" if cookiecutter.orm_mode == "async" else "None" }}]) -> None:
        on_commit(self.session, action)

    {{ cookiecutter.__async }}def enqueue(self, name: str, *args: Any, job_id: str | None = None) -> None:
        """Start the job `name` once the transaction has committed. When the job queue cannot
        take it, fail now (503): the transaction then rolls back, so nothing is written that no
        job would follow."""
        {{ cookiecutter.__await }}self.jobs.check()
        self.after_commit(partial(self.jobs.send, name, args, job_id))


@dataclass(frozen=True)
class UnitOfWork:
    """One transaction and what follows its commit: what every service is built from."""

    session: {{ cookiecutter.__session }}
    effects: Effects


async def get_unit_of_work(session: SessionDep, request: Request) -> UnitOfWork:
    """The request's unit of work: its session, and effects that follow its commit."""
    resources = resources_of(request.app)
    effects = Effects(session, resources.get(EffectHandlers), resources.get(JobQueue))
    return UnitOfWork(session, effects)


UnitOfWorkDep = Annotated[UnitOfWork, Depends(get_unit_of_work)]
