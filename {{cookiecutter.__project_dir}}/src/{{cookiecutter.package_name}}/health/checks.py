"""The readiness checks behind `/health/ready`: the database and its schema, each within its
time, and the other dependencies the features register, all at once."""

import logging
from typing import Literal

import anyio
{% if cookiecutter.orm_mode == "sync" %}
import anyio.to_thread
{% endif %}
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
{% if cookiecutter.orm_mode == "async" %}
from sqlalchemy.ext.asyncio import AsyncSession
{% else %}
from sqlalchemy.orm import Session
{% endif %}

from ..core.db import SessionFactory
from ..core.health import ReadinessCheck, ReadinessChecks, migration_heads

logger = logging.getLogger(__name__)

SCHEMA_REVISION = text("SELECT version_num FROM alembic_version")
# /health/ready answers within a second whatever its dependencies do (down, frozen, slow): the
# database gets this long to answer, then the other dependencies this long, all at once. A check
# that runs out of time counts as failed.
DATABASE_CHECK_SECONDS = 0.5
DEPENDENCY_CHECK_SECONDS = 0.4

DatabaseState = Literal["ok", "not migrated", "unavailable"]


async def checked_database_state(session_factory: SessionFactory) -> DatabaseState:
    """The database's state, `unavailable` if it does not tell within DATABASE_CHECK_SECONDS."""
    with anyio.move_on_after(DATABASE_CHECK_SECONDS):
{% if cookiecutter.orm_mode == "async" %}
        return await database_state(session_factory)
{% else %}
        # A frozen database may hold the thread until its timeouts: the answer does not wait.
        return await anyio.to_thread.run_sync(
            database_state, session_factory, abandon_on_cancel=True
        )
{% endif %}
    return "unavailable"


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
