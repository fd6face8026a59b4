import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..core.db import SessionDep
from ..core.exceptions import ServiceUnavailableError
from ..core.health import ReadinessChecks, migration_heads
from ..core.resources import resource_of
from .schemas import HealthStatus

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/health", tags=["health"])

SCHEMA_REVISION = text("SELECT version_num FROM alembic_version")


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
{{ cookiecutter.__async }}def ready(session: SessionDep, readiness: ReadinessChecksDep) -> HealthStatus:
    """The service can do its work: the database answers and its schema is at the migrations'
    head. Any other dependency (Redis, a broker) it can do without for a while: one that does not
    answer makes it `degraded`, not unready."""
    try:
        revision = {{ cookiecutter.__await }}session.scalar(SCHEMA_REVISION)
    except (SQLAlchemyError, OSError) as error:
        {{ cookiecutter.__await }}session.rollback()
        if not {{ cookiecutter.__await }}database_answers(session):
            logger.warning("readiness check failed: database unavailable: %s", error)
            raise ServiceUnavailableError(
                "The database is unavailable.", checks={"database": "unavailable"}
            ) from error
        revision = None
    heads = migration_heads()
    if heads is not None and revision not in heads:
        logger.warning("readiness check failed: schema at %s, migrations at %s", revision, heads)
        raise ServiceUnavailableError(
            "The database schema is not at the latest migration: run `alembic upgrade head`.",
            checks={"database": "not migrated"},
        )
    checks = {"database": "ok"}
    for name, check in readiness.checks.items():
        checks[name] = "ok" if {{ cookiecutter.__await }}check() else "degraded"
    degraded = "degraded" in checks.values()
    return HealthStatus(status="degraded" if degraded else "ok", checks=checks)


{{ cookiecutter.__async }}def database_answers(session: SessionDep) -> bool:
    try:
        {{ cookiecutter.__await }}session.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError):
        return False
    return True
