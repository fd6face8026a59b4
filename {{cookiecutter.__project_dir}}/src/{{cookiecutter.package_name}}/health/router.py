import logging
from typing import Annotated, Literal

import anyio
{% if cookiecutter.orm_mode == "sync" %}
import anyio.to_thread
{% endif %}
from fastapi import APIRouter, Depends, Request
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
{% if cookiecutter.orm_mode == "async" %}
from sqlalchemy.ext.asyncio import AsyncSession
{% else %}
from sqlalchemy.orm import Session
{% endif %}

from ..core.db import Database, SessionFactory
from ..core.exceptions import DATABASE_RETRY_AFTER_SECONDS, ServiceUnavailableError
from ..core.health import ReadinessCheck, ReadinessChecks, migration_heads
from ..core.resources import resource_of
from .schemas import HealthStatus

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/health", tags=["health"])

SCHEMA_REVISION = text("SELECT version_num FROM alembic_version")
# /health/ready answers within a second whatever its dependencies do (down, frozen, slow): the
# database gets this long to answer, then the other dependencies this long, all at once. A check
# that runs out of time counts as failed.
DATABASE_CHECK_SECONDS = 0.5
DEPENDENCY_CHECK_SECONDS = 0.4

DatabaseState = Literal["ok", "not migrated", "unavailable"]


async def get_readiness_checks(request: Request) -> ReadinessChecks:
    return resource_of(request, ReadinessChecks)


ReadinessChecksDep = Annotated[ReadinessChecks, Depends(get_readiness_checks)]


@router.get("/live")
async def live() -> HealthStatus:
    """The process is up and serving requests."""
    return HealthStatus()


@router.get(
    "/ready",
    responses={503: {"description": "The database is unavailable or not migrated."}},
)
async def ready(request: Request, readiness: ReadinessChecksDep) -> HealthStatus:
    """The service can do its work: the database answers and its schema is at the migrations'
    head. Any other dependency (Redis, a broker) it can do without for a while: one that does not
    answer makes it `degraded`, not unready. Answers within a second, whatever the database does.
    """
    # A session of its own, without waiting for a request slot: the probe answers even when
    # every slot is taken.
    session_factory = resource_of(request, Database).session_factory
    state: DatabaseState = "unavailable"
    with anyio.move_on_after(DATABASE_CHECK_SECONDS):
{% if cookiecutter.orm_mode == "async" %}
        state = await database_state(session_factory)
{% else %}
        # A frozen database may hold the thread until its timeouts: the answer does not wait.
        state = await anyio.to_thread.run_sync(
            database_state, session_factory, abandon_on_cancel=True
        )
{% endif %}
    if state == "unavailable":
        logger.warning("readiness check failed: database unavailable")
        raise ServiceUnavailableError(
            "The database is unavailable.",
            headers={"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)},
            checks={"database": "unavailable"},
        )
    if state == "not migrated":
        logger.warning("readiness check failed: schema not at %s", migration_heads())
        raise ServiceUnavailableError(
            "The database schema is not at the latest migration: run `alembic upgrade head`.",
            checks={"database": "not migrated"},
        )
    checks = {"database": "ok"} | await dependency_states(readiness)
    degraded = "degraded" in checks.values()
    return HealthStatus(status="degraded" if degraded else "ok", checks=checks)


{{ cookiecutter.__async }}def database_state(session_factory: SessionFactory) -> DatabaseState:
    {{ cookiecutter.__async }}with session_factory() as session:
{% if cookiecutter.orm_mode == "async" %}
        try:
            return await state_of(session)
        except anyio.get_cancelled_exc_class():
            # Out of time, perhaps in the middle of a statement: the connection must not go back
            # to the pool in that state.
            with anyio.CancelScope(shield=True):
                await session.invalidate()
            raise
{% else %}
        return state_of(session)
{% endif %}


{{ cookiecutter.__async }}def state_of(session: {{ cookiecutter.__session }}) -> DatabaseState:
    try:
        revision = {{ cookiecutter.__await }}session.scalar(SCHEMA_REVISION)
    except (SQLAlchemyError, OSError) as error:
        {{ cookiecutter.__await }}session.rollback()
        if not {{ cookiecutter.__await }}database_answers(session):
            logger.warning("database unavailable: %s", error)
            return "unavailable"
        revision = None
    heads = migration_heads()
    return "not migrated" if heads is not None and revision not in heads else "ok"


{{ cookiecutter.__async }}def database_answers(session: {{ cookiecutter.__session }}) -> bool:
    try:
        {{ cookiecutter.__await }}session.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError):
        return False
    return True


async def dependency_states(readiness: ReadinessChecks) -> dict[str, str]:
    """Each other dependency's state, `ok` or `degraded`, checked all at once."""
    states = dict.fromkeys(readiness.checks, "degraded")

    async def check(name: str, answers: ReadinessCheck) -> None:
        with anyio.move_on_after(DEPENDENCY_CHECK_SECONDS):
{% if cookiecutter.orm_mode == "async" %}
            if await answers():
{% else %}
            if await anyio.to_thread.run_sync(answers, abandon_on_cancel=True):
{% endif %}
                states[name] = "ok"

    async with anyio.create_task_group() as task_group:
        for name, answers in readiness.checks.items():
            task_group.start_soon(check, name, answers)
    return states
