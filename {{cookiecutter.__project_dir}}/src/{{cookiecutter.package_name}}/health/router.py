import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Request

from ..core.db import Database
from ..core.exceptions import DATABASE_RETRY_AFTER_SECONDS, ServiceUnavailableError
from ..core.health import ReadinessChecks, migration_heads
from ..core.resources import resource_of
from .checks import checked_database_state, dependency_states
from .schemas import HealthStatus

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/health", tags=["health"])


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
    state = await checked_database_state(resource_of(request, Database).session_factory)
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
