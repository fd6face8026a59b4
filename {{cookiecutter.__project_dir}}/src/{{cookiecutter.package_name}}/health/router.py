import logging

from fastapi import APIRouter
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..core.db import SessionDep
from ..core.exceptions import ServiceUnavailableError
from .schemas import HealthStatus

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/health", tags=["health"])


@router.get("/live")
async def live() -> HealthStatus:
    """The process is up and serving requests."""
    return HealthStatus()


@router.get("/ready", responses={503: {"description": "The database is unavailable."}})
{{ cookiecutter.__async }}def ready(session: SessionDep) -> HealthStatus:
    """The service can do its work: the database answers."""
    try:
        {{ cookiecutter.__await }}session.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError) as error:
        logger.warning("readiness check failed: database unavailable: %s", error)
        raise ServiceUnavailableError(
            "The database is unavailable.", checks={"database": "unavailable"}
        ) from error
    return HealthStatus(checks={"database": "ok"})
