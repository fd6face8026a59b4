import logging

{% if cookiecutter.orm_mode == "async" and cookiecutter.use_celery %}
import anyio.to_thread
{% endif %}
{% if cookiecutter.use_redis or cookiecutter.use_celery %}
from fastapi import APIRouter, Request
{% else %}
from fastapi import APIRouter
{% endif %}
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..core.db import SessionDep
from ..core.exceptions import ServiceUnavailableError
{% if cookiecutter.use_redis %}
from ..core.redis import RedisStore
{% endif %}
{% if cookiecutter.use_celery %}
from ..core.tasks import TaskQueue, TaskQueueUnavailableError
{% endif %}
from .schemas import HealthStatus

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/health", tags=["health"])


@router.get("/live")
async def live() -> HealthStatus:
    """The process is up and serving requests."""
    return HealthStatus()


@router.get("/ready", responses={503: {"description": "The database is unavailable."}})
{% if cookiecutter.use_redis or cookiecutter.use_celery %}
{{ cookiecutter.__async }}def ready(session: SessionDep, request: Request) -> HealthStatus:
{% if cookiecutter.use_redis and cookiecutter.use_celery %}
    """The service can do its work: the database answers. Without Redis or the broker it still
    serves (slower, or refusing what sends a task): they make it `degraded`, not unready."""
{% elif cookiecutter.use_redis %}
    """The service can do its work: the database answers. Without Redis it still can, only
    slower, so Redis being away makes it `degraded`, not unready."""
{% else %}
    """The service can do its work: the database answers. Without the broker it serves all but
    the requests that send a task, so the broker being away makes it `degraded`, not unready."""
{% endif %}
{% else %}
{{ cookiecutter.__async }}def ready(session: SessionDep) -> HealthStatus:
    """The service can do its work: the database answers."""
{% endif %}
    try:
        {{ cookiecutter.__await }}session.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError) as error:
        logger.warning("readiness check failed: database unavailable: %s", error)
        raise ServiceUnavailableError(
            "The database is unavailable.", checks={"database": "unavailable"}
        ) from error
{% if cookiecutter.use_redis or cookiecutter.use_celery %}
    checks = {"database": "ok"}
{% if cookiecutter.use_redis %}
    redis: RedisStore = request.app.state.redis
    redis_answers = {{ cookiecutter.__await }}redis.run(lambda client: client.ping(), False)
    checks["redis"] = "ok" if redis_answers else "degraded"
{% endif %}
{% if cookiecutter.use_celery %}
    checks["broker"] = "ok" if {{ cookiecutter.__await }}broker_answers(request.app.state.task_queue) else "degraded"
{% endif %}
    degraded = "degraded" in checks.values()
    return HealthStatus(status="degraded" if degraded else "ok", checks=checks)
{% else %}
    return HealthStatus(checks={"database": "ok"})
{% endif %}
{% if cookiecutter.use_celery %}


{{ cookiecutter.__async }}def broker_answers(queue: TaskQueue) -> bool:
    try:
{% if cookiecutter.orm_mode == "async" %}
        await anyio.to_thread.run_sync(queue.check_broker)
{% else %}
        queue.check_broker()
{% endif %}
    except TaskQueueUnavailableError:
        return False
    return True
{% endif %}
